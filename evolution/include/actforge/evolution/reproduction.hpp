#pragma once
// How a campaign makes new candidates: random trees for the first
// population, and children of selected parents (crossover and/or mutation)
// afterwards, avoiding duplicates within a population.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/campaign_config.hpp"
#include "actforge/evolution/crossover.hpp"
#include "actforge/evolution/individual.hpp"
#include "actforge/evolution/mutation.hpp"
#include "actforge/evolution/primitive_set.hpp"
#include "actforge/evolution/random_tree.hpp"
#include "actforge/evolution/selection.hpp"

#include <utility>
#include <vector>

namespace actforge::evolution {

// Checks the primitive list and the seed formulas of a config; throws
// actforge::Error (or ParseError) naming the problem.
void validate_search_space(const CampaignConfig& config);

class Reproduction {
public:
    explicit Reproduction(const CampaignConfig& config);

    // A random tree whose key differs from those in `existing` (bounded retries).
    [[nodiscard]] expr::Tree unique_random(Rng& rng, const std::vector<Individual>& existing) const;

    // A child of parents drawn by tournament from `ranked` (best first),
    // differing from everything in `siblings` when possible, with the
    // formulas of its parents.
    [[nodiscard]] std::pair<expr::Tree, std::vector<std::string>> child(Rng& rng, const std::vector<Individual>& ranked,
                                                                        const std::vector<Individual>& siblings) const;

private:
    [[nodiscard]] expr::Tree tidy(expr::Tree tree) const;

    double crossover_rate_;
    RandomTreeBuilder builder_;
    WeightedMutation mutation_;
    SubtreeCrossover crossover_;
    TournamentSelector selector_;
};

} // namespace actforge::evolution
