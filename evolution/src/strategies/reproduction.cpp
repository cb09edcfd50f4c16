#include "actforge/evolution/strategies/reproduction.hpp"

#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/genome.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

constexpr int kNoveltyAttempts = 12;

bool taken(std::uint64_t key, const std::vector<Individual>& others) {
    return std::any_of(others.begin(), others.end(), [&](const Individual& o) { return o.key == key; });
}

// A seed formula within the campaign's tree limits; throws actforge::Error saying which it breaks.
void check_seed(const expr::Tree& t, const TreeLimits& limits) {
    if (t.size() > limits.max_nodes) {
        throw Error(fmt::format("{} nodes, more than --max-nodes {}", t.size(), limits.max_nodes));
    }
    if (t.depth() > limits.max_depth) {
        throw Error(fmt::format("depth {}, more than the limit of {}", t.depth(), limits.max_depth));
    }
    if (t.parameters.size() > limits.max_params) {
        throw Error(fmt::format("{} parameters, more than --max-params {}", t.parameters.size(), limits.max_params));
    }
}

} // namespace

void validate_search_space(const CampaignConfig& config) {
    const PrimitiveSet set = PrimitiveSet::parse_or_default(config.primitives);
    if (set.unary.empty() && set.binary.empty()) throw Error("--primitives: the search space is empty");
    for (std::size_t i = 0; i < config.seed_formulas.size(); ++i) {
        try {
            for (const expr::Tree& t : parse_genome_formulas(config.seed_formulas[i])) check_seed(t, config.limits);
        } catch (const std::exception& e) {
            throw Error(
                fmt::format("--seed-formulas, formula {} ('{}'): {}", i + 1, config.seed_formulas[i], e.what()));
        }
    }
}

Reproduction::Reproduction(const CampaignConfig& config, double crossover_rate)
    : crossover_rate_(crossover_rate), variation_(config), selector_(config.tournament_size) {}

Genome Reproduction::unique_random(Rng& rng, const std::vector<Individual>& existing) const {
    Genome genome = variation_.random(rng);
    for (int attempt = 1; attempt < kNoveltyAttempts && taken(genome_key(genome), existing); ++attempt) {
        genome = variation_.random(rng);
    }
    return genome;
}

std::pair<Genome, std::vector<std::string>> Reproduction::child(Rng& rng, const std::vector<Individual>& ranked,
                                                                const std::vector<Individual>& siblings) const {
    // Tournaments by rank (ranked is best first), which also orders scores
    // measured at different budgets.
    std::vector<double> fitness;
    fitness.reserve(ranked.size());
    for (std::size_t i = 0; i < ranked.size(); ++i) fitness.push_back(-static_cast<double>(i));
    for (int attempt = 0; attempt < kNoveltyAttempts; ++attempt) {
        const Individual& p1 = ranked[selector_(rng, fitness)];
        Genome genome = p1.genome;
        std::vector<std::string> parents{formulas(p1.genome)};
        if (rng.bernoulli(crossover_rate_)) {
            const Individual& p2 = ranked[selector_(rng, fitness)];
            genome = variation_.crossover(rng, p1.genome, p2.genome);
            parents.push_back(formulas(p2.genome));
            if (rng.bernoulli(0.5)) variation_.mutate(rng, genome);
        } else {
            variation_.mutate(rng, genome);
        }
        variation_.tidy(genome);
        const std::uint64_t key = genome_key(genome);
        if (key != p1.key && !taken(key, siblings) && !taken(key, ranked)) {
            return {std::move(genome), std::move(parents)};
        }
    }
    // A crowded corner of the search space: bring in fresh material.
    return {unique_random(rng, siblings), {}};
}

} // namespace actforge::evolution
