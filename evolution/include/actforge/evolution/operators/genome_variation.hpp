#pragma once
// Genetic operators on whole genomes. Function mutations act on one layer's
// tree; crossover mixes layers (uniformly, layer by layer) or grafts a
// subtree of any layer of one parent into any layer of the other (across
// layers); in co-design campaigns the architecture mutates too, and the
// per-layer functions follow a layer that is added or removed.
//
// Invariant (valid()): a genome holds one function, or one per hidden
// activation layer when functions are per layer; every tree keeps the
// campaign's TreeLimits; co-design genomes carry an architecture inside the
// campaign's ArchitectureSpace and the others carry none.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/operators/crossover.hpp"
#include "actforge/evolution/genome/genome.hpp"
#include "actforge/evolution/operators/mutation.hpp"
#include "actforge/evolution/operators/random_tree.hpp"

namespace actforge::evolution {

class GenomeVariation {
public:
    explicit GenomeVariation(const CampaignConfig& config);

    [[nodiscard]] Genome random(Rng& rng) const;
    // A seed formula as a genome: the function on every layer, on the task's
    // architecture (moved onto the search grid in co-design campaigns).
    [[nodiscard]] Genome seeded(const expr::Tree& tree) const;
    // One function per layer (per-layer campaigns), or one for all; throws
    // actforge::Error for another count.
    [[nodiscard]] Genome seeded(const std::vector<expr::Tree>& trees) const;
    // Returns true when the genome changed.
    bool mutate(Rng& rng, Genome& genome) const;
    // A child with the layer count of `receiver`.
    [[nodiscard]] Genome crossover(Rng& rng, const Genome& receiver, const Genome& donor) const;
    // Simplified trees where simplification keeps them valid.
    void tidy(Genome& genome) const;

    [[nodiscard]] bool valid(const Genome& genome) const;
    // Hidden activation layers of the genome's network.
    [[nodiscard]] std::size_t activation_layers(const Genome& genome) const;

private:
    // Functions a valid genome holds: one per activation layer, or one.
    [[nodiscard]] std::size_t function_count(const Genome& genome) const;
    void tidy(expr::Tree& tree) const;
    bool mutate_architecture(Rng& rng, Genome& genome) const;

    bool per_layer_;
    bool codesign_;
    std::size_t conv_layers_;
    fitness::Architecture task_architecture_;
    ArchitectureSpace space_;
    RandomTreeBuilder builder_;
    WeightedMutation mutation_;
    SubtreeCrossover crossover_;
};

} // namespace actforge::evolution
