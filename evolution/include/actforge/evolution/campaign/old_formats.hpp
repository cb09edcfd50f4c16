#pragma once
// Campaign files written by earlier versions of actforge, read with the
// meaning they had. Every upgrade of an older layout lives here; each
// reader upgrades a copy of its JSON first and then knows only the current
// layout. A field missing from a record means an older writer, whatever
// its format tag says.
//
// Missing fields take the value that reproduces what those versions did:
// one full-budget rung (no multi-fidelity), no cost term, one function
// shared by every layer, the genetic algorithm. Candidates read with cost
// 0 were scored before costs existed: the engine prices them again
// (reprice_unpriced in campaign/pricing.hpp), which rebuilds the Pareto
// front too. An old population keeps cost 0 meanwhile: its campaign had no
// cost term, so no ranking can depend on it.
#include <nlohmann/json.hpp>

namespace actforge::evolution {

// config.json: the settings added since (strategy (ga), per_layer, codesign, cost,
// cost_weight, rungs, eta, eval_seeds, verification (off), the task's init).
void upgrade_config(nlohmann::json& config);

// A candidate record: budget, cost and penalty.
void upgrade_candidate(nlohmann::json& candidate);

// A hall of fame kept as the plain entry list (the Pareto front, missing,
// is then rebuilt from the entries).
void upgrade_hall_of_fame(nlohmann::json& hall);

// checkpoint.json: the islands of the genetic algorithm move into its
// strategy state; the count of candidates equals the evaluations; no
// verification yet. A missing count of proposals stays missing: it cannot
// be recovered, and a report says so.
void upgrade_checkpoint(nlohmann::json& checkpoint);

// A line of evaluations.jsonl: no rung means a campaign without
// multi-fidelity (rung 0); no replica, the rung's first seed.
void upgrade_log_line(nlohmann::json& line);

} // namespace actforge::evolution
