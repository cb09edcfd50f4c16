#pragma once
// Whole-population steps of the engine: island sizes, per-generation
// statistics and ring migration.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/campaign/campaign_state.hpp"

#include <vector>

namespace actforge::evolution::detail {

// The population split over the islands, the first ones one larger.
[[nodiscard]] std::vector<std::size_t> island_sizes(const CampaignConfig& c);

// Best and median full-budget validation accuracy of the current islands
// (NaN when none succeeded); low-budget scores are not comparable.
[[nodiscard]] GenerationStats stats_of(const CampaignState& s, double seconds);

// Ring migration: the best `migrants` of island k replace the worst of
// island k+1, from a snapshot so the order of islands does not matter.
void migrate(std::vector<std::vector<Individual>>& islands, std::size_t migrants);

} // namespace actforge::evolution::detail
