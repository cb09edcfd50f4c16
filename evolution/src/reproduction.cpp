#include "actforge/evolution/reproduction.hpp"

#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/simplify.hpp"
#include "tree_edit.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

constexpr int kAttempts = 12;

PrimitiveSet primitive_set_of(const CampaignConfig& c) {
    return c.primitives.empty() ? PrimitiveSet::default_set() : PrimitiveSet::parse(c.primitives);
}

bool taken(std::uint64_t key, const std::vector<Individual>& others) {
    return std::any_of(others.begin(), others.end(), [&](const Individual& o) { return o.key == key; });
}

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

} // namespace

expr::Tree Reproduction::tidy(expr::Tree tree) const {
    // Simplified children read better in the hall of fame; simplification
    // may drop x or a parameter, so the original stays when the simplified
    // tree breaks an operator invariant.
    expr::Tree simple = expr::simplify(tree);
    return detail::acceptable(simple, builder_.limits()) ? simple : tree;
}

void validate_search_space(const CampaignConfig& config) {
    const PrimitiveSet set = primitive_set_of(config);
    if (set.unary.empty() && set.binary.empty()) throw Error("--primitives: the search space is empty");
    for (std::size_t i = 0; i < config.seed_formulas.size(); ++i) {
        try {
            const expr::Tree t = expr::parse(config.seed_formulas[i]);
            if (t.size() > config.limits.max_nodes) {
                throw Error(fmt::format("{} nodes, more than --max-nodes {}", t.size(), config.limits.max_nodes));
            }
            if (t.depth() > config.limits.max_depth) {
                throw Error(fmt::format("depth {}, more than the limit of {}", t.depth(), config.limits.max_depth));
            }
            if (t.parameters.size() > config.limits.max_params) {
                throw Error(fmt::format("{} parameters, more than --max-params {}", t.parameters.size(),
                                        config.limits.max_params));
            }
        } catch (const std::exception& e) {
            throw Error(
                fmt::format("--seed-formulas, formula {} ('{}'): {}", i + 1, config.seed_formulas[i], e.what()));
        }
    }
}

Reproduction::Reproduction(const CampaignConfig& config)
    : crossover_rate_(config.crossover_rate), builder_(primitive_set_of(config), config.limits),
      mutation_(make_mutation(primitive_set_of(config), config.limits)), crossover_(config.limits),
      selector_(config.tournament_size) {}

expr::Tree Reproduction::unique_random(Rng& rng, const std::vector<Individual>& existing) const {
    expr::Tree tree = tidy(builder_.ramped(rng));
    for (int attempt = 1; attempt < kAttempts && taken(candidate_key(tree), existing); ++attempt) {
        tree = tidy(builder_.ramped(rng));
    }
    return tree;
}

std::pair<expr::Tree, std::vector<std::string>> Reproduction::child(Rng& rng, const std::vector<Individual>& ranked,
                                                                    const std::vector<Individual>& siblings) const {
    std::vector<double> fitness;
    fitness.reserve(ranked.size());
    for (const auto& r : ranked) fitness.push_back(r.fitness());
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        const Individual& p1 = ranked[selector_(rng, fitness)];
        expr::Tree tree = p1.tree;
        std::vector<std::string> parents{expr::to_infix(p1.tree)};
        bool changed = false;
        if (rng.bernoulli(crossover_rate_)) {
            const Individual& p2 = ranked[selector_(rng, fitness)];
            tree = crossover_(rng, p1.tree, p2.tree);
            parents.push_back(expr::to_infix(p2.tree));
            changed = !(tree == p1.tree);
            if (rng.bernoulli(0.5)) changed = mutation_(rng, tree) || changed;
        } else {
            changed = mutation_(rng, tree);
        }
        tree = tidy(std::move(tree));
        if (changed && !taken(candidate_key(tree), siblings) && !taken(candidate_key(tree), ranked)) {
            return {std::move(tree), std::move(parents)};
        }
    }
    // A crowded corner of the search space: bring in fresh material.
    return {unique_random(rng, siblings), {}};
}

} // namespace actforge::evolution
