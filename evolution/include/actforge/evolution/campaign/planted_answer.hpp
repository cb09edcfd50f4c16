#pragma once
// Did a search find the planted answer? For a campaign on a
// teacher:FORMULA task: where the planted function first appears among
// ranked candidates (a hall of fame's entries, best first), judged in value
// by expr::recovers on each candidate's trained functions (its parameters
// at their learned values).
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/expr/value_match.hpp"

#include <optional>
#include <span>

namespace actforge::evolution {

// Every one of the candidate's trained functions (one shared, or one per
// layer) recovers `planted`.
[[nodiscard]] bool recovers_planted(const Individual& candidate, const expr::Tree& planted,
                                    const expr::MatchOptions& options = {});

// The 0-based position of the first candidate that recovers `planted`, or
// nullopt. "Is it in the top 5" is rank && *rank < 5.
[[nodiscard]] std::optional<std::size_t> planted_rank(std::span<const Individual> ranked, const expr::Tree& planted,
                                                      const expr::MatchOptions& options = {});

} // namespace actforge::evolution
