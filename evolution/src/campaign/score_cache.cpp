#include "actforge/evolution/campaign/score_cache.hpp"

namespace actforge::evolution {

ScoreCache::ScoreCache(const EvaluationLog& log, std::size_t completed) {
    for (const auto& [key, logged] : log.logged()) {
        scores_.emplace(key, logged.score);
        if (logged.generation < completed) needed_.insert(key);
    }
}

} // namespace actforge::evolution
