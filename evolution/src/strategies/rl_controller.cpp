// The RL controller's construction and its candidates: sampling sequences,
// turning them into valid genomes, and the ask() of a generation.
#include "actforge/evolution/strategies/rl_controller.hpp"

#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/simplify.hpp"

#include <algorithm>

namespace actforge::evolution {
namespace {

// Redraws per candidate before accepting a known key or the fallback. A
// draw costs microseconds against a training's tenth of a second, and a
// nearly converged policy needs many draws to find a formula it has not tried.
constexpr int kRedrawAttempts = 64;
// The policy's initial weights come from this child of the campaign seed,
// far from the generation indices that ask() uses.
constexpr std::uint64_t kInitStream = 0x726c5f696e6974ULL;

PolicyShape shape_of(const CoreUnitSpace& space, const RlSettings& settings) {
    return PolicyShape{space.vocab_sizes(), settings.hidden};
}

const RlSettings& validated(const RlSettings& s) {
    s.validate();
    return s;
}

} // namespace

RlController::RlController(const CampaignConfig& config, RlSettings settings)
    : config_(config), settings_(validated(settings)),
      space_(PrimitiveSet::parse_or_default(config.primitives), settings_.core_units,
             config.limits.clamped().max_params > 0),
      variation_(config), policy_(shape_of(space_, settings_), Rng(config.seed).child(kInitStream)),
      adam_(static_cast<Eigen::Index>(policy_.parameter_count())), fallback_(find_fallback()) {}

std::size_t RlController::batch_size() const noexcept {
    return settings_.batch_size > 0 ? settings_.batch_size : std::max<std::size_t>(config_.population, 1);
}

std::optional<Genome> RlController::decode(const std::vector<std::size_t>& tokens) const {
    expr::Tree tree;
    try {
        tree = expr::parse(space_.formula(tokens));
    } catch (const Error&) {
        return std::nullopt; // e.g. more parameters than a tree may hold
    }
    // Simplified first (it reads better and may fit where the raw tree does
    // not), else as spelled.
    for (expr::Tree t : {expr::simplify(tree), tree}) {
        Genome g = variation_.seeded(t);
        if (variation_.valid(g)) return g;
    }
    return std::nullopt;
}

std::vector<std::size_t> RlController::find_fallback() const {
    // x and x through identities into each binary in turn: u(x) = x is
    // always in the vocabulary (token 0), and inputs are x (token 0).
    for (std::size_t b = 0; b < space_.binary().size(); ++b) {
        std::vector<std::size_t> tokens(space_.steps(), 0);
        for (std::size_t u = 0; u < space_.units(); ++u) tokens[u * CoreUnitSpace::kTokensPerUnit + 4] = b;
        if (decode(tokens)) return tokens;
    }
    throw Error("the core-unit search space has no function within the campaign's tree limits");
}

RlController::Draw RlController::draw_one(Rng& rng, const std::vector<Draw>& earlier) const {
    std::optional<Draw> first_valid;
    for (int attempt = 0; attempt < kRedrawAttempts; ++attempt) {
        std::vector<std::size_t> tokens = policy_.sample(rng);
        std::optional<Genome> genome = decode(tokens);
        if (!genome) continue;
        const std::uint64_t key = genome_key(*genome);
        Draw draw{std::move(tokens), std::move(*genome), key};
        const bool fresh = !told_.contains(key) &&
                           std::none_of(earlier.begin(), earlier.end(), [&](const Draw& d) { return d.key == key; });
        if (fresh) return draw;
        if (!first_valid) first_valid = std::move(draw);
    }
    if (first_valid) return std::move(*first_valid);
    Genome genome = *decode(fallback_);
    const std::uint64_t key = genome_key(genome);
    return Draw{fallback_, std::move(genome), key};
}

std::vector<RlController::Draw> RlController::draw_batch(std::size_t generation) const {
    const Rng base = Rng(config_.seed).child(generation);
    std::vector<Draw> draws;
    for (std::size_t i = 0; i < batch_size(); ++i) {
        Rng rng = base.child(i);
        draws.push_back(draw_one(rng, draws));
    }
    return draws;
}

std::vector<std::vector<std::size_t>> RlController::sequences(std::size_t generation) const {
    std::vector<std::vector<std::size_t>> out;
    for (Draw& d : draw_batch(generation)) out.push_back(std::move(d.tokens));
    return out;
}

std::vector<Individual> RlController::ask(std::size_t generation) {
    std::vector<Individual> out;
    for (Draw& d : draw_batch(generation)) {
        Individual& ind = out.emplace_back();
        ind.genome = std::move(d.genome);
        ind.key = d.key;
        ind.generation = generation;
    }
    return out;
}

} // namespace actforge::evolution
