#include "actforge/evolution/genome/genome.hpp"

#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/simplify.hpp"
#include "actforge/fitness/evaluator.hpp"

#include <bit>
#include <fmt/format.h>

namespace actforge::evolution {

Genome single_function(expr::Tree tree) {
    Genome g;
    g.activations.push_back(std::move(tree));
    return g;
}

std::uint64_t candidate_key(const expr::Tree& tree) {
    return tree.parameters.empty() ? expr::behavioural_fingerprint(tree) : expr::canonical_hash(tree);
}

std::uint64_t genome_key(const Genome& g) {
    if (g.activations.size() == 1 && !g.architecture) return candidate_key(g.activations.front());
    // Order matters (layer i gets function i), so the hash chains.
    std::uint64_t h = mix64(0x67656e6f6d65ULL ^ g.activations.size());
    for (const expr::Tree& t : g.activations) h = mix64(h ^ candidate_key(t));
    if (g.architecture) {
        h = mix64(h ^ 0x61726368ULL ^ g.architecture->hidden.size());
        for (std::size_t w : g.architecture->hidden) h = mix64(h ^ w);
        h = mix64(h ^ std::bit_cast<std::uint32_t>(g.architecture->learning_rate));
    }
    return h;
}

std::string formulas(const Genome& g) {
    std::string out;
    for (const expr::Tree& t : g.activations) out += (out.empty() ? "" : "; ") + expr::to_infix(t);
    return out;
}

std::vector<expr::Tree> parse_genome_formulas(const std::string& text) { return fitness::parse_activations(text); }

} // namespace actforge::evolution
