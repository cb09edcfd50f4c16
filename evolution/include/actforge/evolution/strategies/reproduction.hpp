#pragma once
// How a campaign makes new candidates: random genomes for the first
// population, and children of selected parents (crossover and/or mutation)
// afterwards, avoiding duplicates within a population.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/operators/genome_variation.hpp"
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/evolution/operators/selection.hpp"

#include <utility>
#include <vector>

namespace actforge::evolution {

// Checks the primitive list and the seed formulas of a config; throws
// actforge::Error (or ParseError) naming the problem.
void validate_search_space(const CampaignConfig& config);

class Reproduction {
public:
    // Children by crossover at the config's crossover rate.
    explicit Reproduction(const CampaignConfig& config) : Reproduction(config, config.crossover_rate) {}
    // Children by crossover at `crossover_rate` (0: by mutation alone).
    Reproduction(const CampaignConfig& config, double crossover_rate);

    // A random genome whose key differs from those in `existing` (bounded retries).
    [[nodiscard]] Genome unique_random(Rng& rng, const std::vector<Individual>& existing) const;
    // A seed formula as a genome.
    [[nodiscard]] Genome seeded(const expr::Tree& tree) const { return variation_.seeded(tree); }
    [[nodiscard]] Genome seeded(const std::vector<expr::Tree>& trees) const { return variation_.seeded(trees); }

    // A child of parents drawn by tournament from `ranked` (best first),
    // differing from everything in `siblings` when possible, with the
    // formulas of its parents.
    [[nodiscard]] std::pair<Genome, std::vector<std::string>> child(Rng& rng, const std::vector<Individual>& ranked,
                                                                    const std::vector<Individual>& siblings) const;

private:
    double crossover_rate_;
    GenomeVariation variation_;
    TournamentSelector selector_;
};

} // namespace actforge::evolution
