#pragma once
// What one policy update of the RL controller did, for progress lines and
// for a report to plot the learning curve: one entry per tell().
#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

namespace actforge::evolution {

struct RlUpdateLog {
    std::size_t generation = 0;
    std::size_t candidates = 0; // sequences in the batch
    std::size_t failed = 0;     // of which given the floor reward
    double mean_reward = 0.0;   // after the floor
    double baseline = 0.0;      // the moving average after this batch
    // Per step: the mean entropy (nats) of the step's distribution over the
    // batch, before the update; the most likely token when every step takes
    // its most likely token, and its probability, after the update.
    std::vector<double> entropy;
    std::vector<std::string> most_likely;
    std::vector<double> probability;

    friend bool operator==(const RlUpdateLog&, const RlUpdateLog&) = default;
};

// Compact: {"g", "n", "failed", "reward", "baseline", "entropy", "top", "p"}.
[[nodiscard]] nlohmann::json to_json(const RlUpdateLog& log);
// Throws actforge::Error when malformed.
[[nodiscard]] RlUpdateLog rl_update_log_from_json(const nlohmann::json& j);

// rl_updates.csv: one row per update (generation, candidates, failed,
// mean_reward, baseline), then per step its entropy, most likely token and
// that token's probability; `steps` names the steps (slot names).
[[nodiscard]] std::string rl_updates_csv(std::span<const RlUpdateLog> history, std::span<const std::string> steps);

} // namespace actforge::evolution
