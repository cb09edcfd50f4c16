#pragma once
// Settings of the RL controller strategy (REINFORCE or PPO on an LSTM policy over
// core-unit token sequences), with defaults and JSON, so they can become
// command-line flags and live in a campaign's config.
#include <cstddef>
#include <nlohmann/json.hpp>

namespace actforge::evolution {

struct RlSettings {
    std::size_t core_units = 1;       // 1: b(u1(x), u2(x)); 2: a second unit may read the first's output
    std::size_t hidden = 32;          // LSTM state size (also the token embedding size)
    double learning_rate = 0.01;      // Adam's step size
    double entropy_weight = 0.05;     // bonus per unit of summed step entropy (README: Comparing search strategies)
    double baseline_decay = 0.9;      // exponential moving average of the batch mean reward
    std::size_t batch_size = 0;       // candidates per ask; 0 = the campaign's population
    bool normalize_advantages = true; // divide advantages by the batch's reward std (scale-free steps)
    // 0: REINFORCE, one step per batch. k > 0: PPO (Schulman et al. 2017),
    // k steps per batch on the clipped surrogate objective.
    std::size_t ppo_epochs = 0;
    double ppo_clip = 0.2;

    // Throws actforge::Error naming the bad value.
    void validate() const;
    friend bool operator==(const RlSettings&, const RlSettings&) = default;
};

[[nodiscard]] nlohmann::json to_json(const RlSettings& s);
// Missing keys take their defaults; throws actforge::Error on bad values or types.
[[nodiscard]] RlSettings rl_settings_from_json(const nlohmann::json& j);

} // namespace actforge::evolution
