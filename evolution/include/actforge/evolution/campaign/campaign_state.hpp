#pragma once
// The state of a campaign after a completed generation: what a checkpoint
// holds. There is no generator state to save: every random stream is
// derived from (campaign seed, generation, island, slot), so the generation
// counter is the random state.
#include "actforge/evolution/campaign/hall_of_fame.hpp"
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/evolution/plots/plots.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace actforge::evolution {

struct CampaignState {
    std::size_t generation = 0; // generations completed
    std::vector<std::vector<Individual>> islands;
    HallOfFame hall_of_fame;
    std::vector<GenerationStats> history;
    // Trainings at any budget that completed generations needed; a score
    // reused from the log after a restart counts once, as in an
    // uninterrupted run.
    std::size_t evaluations = 0;
    std::size_t candidates = 0;   // distinct candidates trained at least once
    double elapsed_seconds = 0.0; // over all sessions of the campaign
};

[[nodiscard]] nlohmann::json to_json(const CampaignState& s);
// Throws actforge::Error on anything malformed.
[[nodiscard]] CampaignState campaign_state_from_json(const nlohmann::json& j, std::size_t hall_of_fame_size);

} // namespace actforge::evolution
