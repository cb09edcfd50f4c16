#include "actforge/evolution/operators/genome_variation.hpp"

#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/expr/simplify.hpp"
#include "tree_edit.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

WeightedMutation make_mutation(const PrimitiveSet& set, const TreeLimits& limits) {
    WeightedMutation m;
    m.add(std::make_unique<PointMutation>(set, limits), 2.0);
    m.add(std::make_unique<SubtreeMutation>(set, limits), 1.0);
    m.add(std::make_unique<InsertMutation>(set, limits), 1.0);
    m.add(std::make_unique<HoistMutation>(limits), 0.7);
    m.add(std::make_unique<ConstantMutation>(), 1.0);
    if (limits.max_params > 0) {
        m.add(std::make_unique<AddParameterMutation>(limits), 0.5);
        m.add(std::make_unique<RemoveParameterMutation>(), 0.3);
    }
    return m;
}

// Relative weights of the genome-level changes.
constexpr double kFunctionWeight = 3.0;
constexpr double kCopyLayerWeight = 0.5;
constexpr double kArchitectureWeight = 1.5;

} // namespace

GenomeVariation::GenomeVariation(const CampaignConfig& config)
    : per_layer_(config.per_layer), codesign_(config.codesign), conv_layers_(config.task.conv_channels.size()),
      task_architecture_(fitness::default_architecture(config.task)), space_(config.architecture),
      builder_(PrimitiveSet::parse_or_default(config.primitives), config.limits),
      mutation_(make_mutation(PrimitiveSet::parse_or_default(config.primitives), config.limits)),
      crossover_(config.limits) {}

std::size_t GenomeVariation::activation_layers(const Genome& genome) const {
    return conv_layers_ + (genome.architecture ? genome.architecture->hidden : task_architecture_.hidden).size();
}

std::size_t GenomeVariation::function_count(const Genome& genome) const {
    return per_layer_ ? activation_layers(genome) : 1;
}

void GenomeVariation::tidy(expr::Tree& tree) const {
    // Simplified trees read better in the hall of fame; simplification may
    // drop x or a parameter, so the original stays when the simplified tree
    // breaks an operator invariant.
    expr::Tree simple = expr::simplify(tree);
    if (detail::acceptable(simple, builder_.limits())) tree = std::move(simple);
}

Genome GenomeVariation::random(Rng& rng) const {
    Genome g;
    if (codesign_) g.architecture = space_.random(rng);
    const std::size_t n = function_count(g);
    for (std::size_t i = 0; i < n; ++i) {
        expr::Tree tree = builder_.ramped(rng);
        tidy(tree);
        g.activations.push_back(std::move(tree));
    }
    return g;
}

Genome GenomeVariation::seeded(const expr::Tree& tree) const {
    Genome g;
    if (codesign_) g.architecture = space_.nearest(task_architecture_);
    g.activations.assign(function_count(g), tree);
    return g;
}

Genome GenomeVariation::seeded(const std::vector<expr::Tree>& trees) const {
    if (trees.size() == 1) return seeded(trees.front());
    Genome g = seeded(trees.front());
    if (trees.size() != g.activations.size()) {
        throw Error(fmt::format("{} functions given for a genome of {} (give 1{})", trees.size(),
                                g.activations.size(), per_layer_ ? fmt::format(" or {}", g.activations.size()) : ""));
    }
    g.activations = trees;
    return g;
}

void GenomeVariation::tidy(Genome& genome) const {
    for (expr::Tree& t : genome.activations) tidy(t);
}

bool GenomeVariation::mutate_architecture(Rng& rng, Genome& genome) const {
    fitness::Architecture& a = *genome.architecture;
    const fitness::Architecture before = a;
    const ArchitectureSpace::Change change = space_.mutate(rng, a);
    if (per_layer_) {
        auto& trees = genome.activations;
        const auto at = static_cast<std::ptrdiff_t>(conv_layers_ + change.layer);
        if (change.kind == ArchitectureSpace::Change::Kind::Insert) {
            // The new layer starts with its neighbour's function.
            const std::size_t neighbour = std::min(conv_layers_ + change.layer, trees.size() - 1);
            trees.insert(trees.begin() + at, expr::Tree(trees[neighbour]));
        } else if (change.kind == ArchitectureSpace::Change::Kind::Remove) {
            trees.erase(trees.begin() + at);
        }
    }
    return !(a == before);
}

bool GenomeVariation::mutate(Rng& rng, Genome& genome) const {
    const bool can_copy = per_layer_ && genome.activations.size() >= 2;
    const double total =
        kFunctionWeight + (can_copy ? kCopyLayerWeight : 0.0) + (codesign_ ? kArchitectureWeight : 0.0);
    double pick = rng.uniform() * total;
    if (codesign_ && genome.architecture) {
        if (pick < kArchitectureWeight) return mutate_architecture(rng, genome);
        pick -= kArchitectureWeight;
    }
    auto& trees = genome.activations;
    if (can_copy && pick < kCopyLayerWeight) {
        const std::size_t from = rng.below(trees.size());
        std::size_t to = rng.below(trees.size() - 1);
        if (to >= from) ++to;
        if (trees[to] == trees[from]) return false;
        trees[to] = trees[from];
        return true;
    }
    return mutation_(rng, trees[rng.below(trees.size())]);
}

Genome GenomeVariation::crossover(Rng& rng, const Genome& receiver, const Genome& donor) const {
    Genome child = receiver;
    auto& trees = child.activations;
    const std::size_t common = std::min(trees.size(), donor.activations.size());
    if (per_layer_ && common >= 2 && rng.bernoulli(0.5)) {
        // Layer by layer: layer i of the child from either parent's layer i.
        for (std::size_t i = 0; i < common; ++i) {
            if (rng.bernoulli(0.5)) trees[i] = donor.activations[i];
        }
    } else {
        // A subtree of any donor layer grafted into any receiver layer.
        const std::size_t into = rng.below(trees.size());
        const std::size_t from = rng.below(donor.activations.size());
        trees[into] = crossover_(rng, receiver.activations[into], donor.activations[from]);
    }
    if (child.architecture && donor.architecture) {
        // The receiver's depth (its functions fit it), widths and learning
        // rate mixed from both.
        auto& hidden = child.architecture->hidden;
        for (std::size_t i = 0; i < hidden.size() && i < donor.architecture->hidden.size(); ++i) {
            if (rng.bernoulli(0.5)) hidden[i] = donor.architecture->hidden[i];
        }
        if (rng.bernoulli(0.5)) child.architecture->learning_rate = donor.architecture->learning_rate;
    }
    return child;
}

bool GenomeVariation::valid(const Genome& genome) const {
    if (codesign_ != genome.architecture.has_value()) return false;
    if (genome.architecture && !space_.contains(*genome.architecture)) return false;
    if (genome.activations.size() != function_count(genome)) return false;
    return std::all_of(genome.activations.begin(), genome.activations.end(),
                       [&](const expr::Tree& t) { return detail::acceptable(t, builder_.limits()); });
}

} // namespace actforge::evolution
