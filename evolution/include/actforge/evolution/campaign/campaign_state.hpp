#pragma once
// The state of a campaign after a completed generation: what a checkpoint
// holds. The engine's own random streams derive from (campaign seed,
// generation, ...), so the generation counter is its random state; the
// strategy's state is opaque here (Strategy::save/restore).
#include "actforge/evolution/campaign/hall_of_fame.hpp"
#include "actforge/evolution/plots/plots.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace actforge::evolution {

// A baseline retrained with the verification seeds on one network.
struct BaselineResult {
    std::string name;                                  // "relu", ...
    std::optional<fitness::Architecture> architecture; // none = the task's network
    std::vector<double> accuracies;                    // one per seed; a failed training counts 0
    double mean = 0.0;
    double stddev = 0.0;
};

struct CampaignState {
    std::size_t generation = 0; // generations completed
    std::string strategy = "ga";
    nlohmann::json strategy_state; // Strategy::save() after the last tell
    HallOfFame hall_of_fame;
    std::vector<GenerationStats> history;
    // Trainings at any budget that completed generations needed; a score
    // reused from the log after a restart counts once, as in an
    // uninterrupted run.
    std::size_t evaluations = 0;
    std::size_t candidates = 0; // distinct candidates trained at least once
    // Candidates the strategy proposed in the completed generations; those
    // beyond `candidates` were answered with known scores (repeats, equal
    // forms, members carried over). None in checkpoints from before it was
    // counted, and then never.
    std::optional<std::size_t> proposals;
    double elapsed_seconds = 0.0;  // over all sessions of the campaign
    std::size_t verifications = 0; // verification trainings (not counted in evaluations)
    std::vector<BaselineResult> baselines;
};

[[nodiscard]] nlohmann::json to_json(const CampaignState& s);
[[nodiscard]] nlohmann::json baselines_to_json(const std::vector<BaselineResult>& baselines);
// Reads any layout (old_formats.hpp upgrades older ones first);
// throws actforge::Error on anything malformed.
[[nodiscard]] CampaignState campaign_state_from_json(const nlohmann::json& j, std::size_t hall_of_fame_size);

} // namespace actforge::evolution
