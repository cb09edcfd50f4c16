#pragma once
// Island steps of the genetic algorithm: island sizes and ring migration.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/genome/individual.hpp"

#include <vector>

namespace actforge::evolution::detail {

// The population split over the islands, the first ones one larger.
[[nodiscard]] std::vector<std::size_t> island_sizes(const CampaignConfig& c);

// Ring migration: the best `migrants` of island k replace the worst of
// island k+1, from a snapshot so the order of islands does not matter.
void migrate(std::vector<std::vector<Individual>>& islands, std::size_t migrants);

} // namespace actforge::evolution::detail
