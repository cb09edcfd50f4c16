#pragma once
// Candidates as the strategies make and keep them: a new candidate with its
// lineage, the first population every strategy starts from, and a list of
// members in a strategy's saved state.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/evolution/strategies/reproduction.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace actforge::evolution::detail {

// An unscored candidate created in `generation` from `parents` (their formulas).
[[nodiscard]] Individual new_candidate(Genome genome, std::size_t generation, std::vector<std::string> parents);

// A member of a first population: seed formula number `formula` while the
// config has one, else a random genome (drawn from `rng`) whose key differs
// from those of `existing` where possible.
[[nodiscard]] Individual first_member(const CampaignConfig& config, const Reproduction& reproduction,
                                      std::size_t formula, Rng rng, const std::vector<Individual>& existing);

// `config.population` first members in one group: slot i takes seed formula
// i, or draws from Rng(seed).child(0).child(0).child(i). That is the genetic
// algorithm's first generation with one island, so every strategy starts
// from the same candidates.
[[nodiscard]] std::vector<Individual> first_population(const CampaignConfig& config, const Reproduction& reproduction);

// [candidate, ...] in the given order.
[[nodiscard]] nlohmann::json members_to_json(const std::vector<Individual>& members);
// Throws nlohmann::json::exception, actforge::Error or ParseError on malformed input.
[[nodiscard]] std::vector<Individual> members_from_json(const nlohmann::json& j);
// The list `field` of a saved state; throws actforge::Error (or ParseError)
// naming `strategy` when it is missing or malformed.
[[nodiscard]] std::vector<Individual> saved_members(const nlohmann::json& state, const char* field,
                                                    std::string_view strategy);

} // namespace actforge::evolution::detail
