#include "actforge/evolution/campaign/generation_stats.hpp"

#include <algorithm>
#include <limits>
#include <vector>

namespace actforge::evolution {

GenerationStats generation_stats(std::span<const Individual> population, std::size_t generation,
                                 std::size_t evaluations, double seconds) {
    std::vector<double> ok;
    for (const auto& ind : population) {
        if (ind.score.ok() && ind.full_budget()) ok.push_back(ind.score.accuracy);
    }
    GenerationStats g{};
    g.generation = generation;
    g.evaluations = evaluations;
    g.seconds = seconds;
    g.best = std::numeric_limits<double>::quiet_NaN();
    g.median = g.best;
    if (!ok.empty()) {
        std::sort(ok.begin(), ok.end());
        g.best = ok.back();
        g.median = ok[ok.size() / 2];
    }
    return g;
}

} // namespace actforge::evolution
