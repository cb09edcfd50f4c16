#pragma once
// The ordinary campaign a differentiable search hands its candidates to:
// each is retrained from scratch by the normal evaluator and verified, so
// replay, export and report read the folder as any campaign's.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/campaign/campaign_state.hpp"
#include "actforge/evolution/darts/darts_outcome.hpp"

#include <string>
#include <vector>

namespace actforge::evolution {

// One generation of exactly the candidates (the Darts strategy lists them),
// no elites, the search's seed, and the best min(5, candidates) verified
// with `verify_seeds` seeds (0: none).
[[nodiscard]] CampaignConfig darts_campaign_config(const fitness::TaskSpec& spec, const DartsSettings& settings,
                                                   const std::vector<DartsCandidate>& candidates,
                                                   std::size_t verify_seeds);

// A candidate's entry in the hall of fame, if it got there: found by genome
// identity (genome_key), so a function the campaign prints differently from
// the candidate's text, or a value-equal one, is found too.
[[nodiscard]] const Individual* find_darts_candidate(const CampaignState& state, const std::string& formulas);

} // namespace actforge::evolution
