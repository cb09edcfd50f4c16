#pragma once
// Every score a campaign knows, by training (candidate key, rung, replica;
// the verification rung too), and which of them completed generations needed.
//
// Two sets because a resumed campaign must decide exactly as an
// uninterrupted one: a score logged by the generation a kill interrupted is
// known (it spares the training) but not yet counted, since that generation
// will need it again and count it then.
#include "actforge/evolution/campaign/evaluation_log.hpp"

#include <unordered_map>
#include <unordered_set>

namespace actforge::evolution {

class ScoreCache {
public:
    ScoreCache() = default;
    // Loads the log's scores; those of generations before `completed` count
    // as needed already.
    ScoreCache(const EvaluationLog& log, std::size_t completed);

    [[nodiscard]] bool known(const RungKey& k) const { return scores_.contains(k); }
    [[nodiscard]] const fitness::Score& at(const RungKey& k) const { return scores_.at(k); }
    // The first score stored for a key wins.
    void store(const RungKey& k, const fitness::Score& s) { scores_.emplace(k, s); }

    [[nodiscard]] bool needed(const RungKey& k) const { return needed_.contains(k); }
    // Marks a score as needed by a completed generation; false if it was already.
    bool mark_needed(const RungKey& k) { return needed_.insert(k).second; }

private:
    std::unordered_map<RungKey, fitness::Score, RungKeyHash> scores_;
    std::unordered_set<RungKey, RungKeyHash> needed_;
};

} // namespace actforge::evolution
