#include "actforge/evolution/plots/function_curves.hpp"

#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/program.hpp"

#include <fmt/format.h>

namespace actforge::evolution {

Curve function_curve(std::string label, const expr::Tree& tree, bool dashed) {
    Curve c;
    c.label = std::move(label);
    c.dashed = dashed;
    for (int i = 0; i <= 200; ++i) c.x.push_back(-5.0 + 0.05 * i);
    c.f.resize(c.x.size());
    c.df.resize(c.x.size());
    std::vector<double> params;
    for (const auto& p : tree.parameters) params.push_back(p.value);
    expr::Scratch<double> scratch;
    expr::Program(tree).evaluate<double>(c.x, params, expr::Derivatives<double>{c.f.data(), c.df.data(), nullptr, 0},
                                         scratch);
    return c;
}

Curve reference_curve(std::string label, std::string_view formula) {
    return function_curve(std::move(label), expr::parse(formula), true);
}

std::vector<Curve> layer_curves(const Individual& entry) {
    const std::vector<expr::Tree> trained = fitness::with_learned(entry.genome.activations, entry.score);
    std::vector<Curve> out;
    for (std::size_t l = 0; l < trained.size(); ++l) {
        const std::string layer = trained.size() > 1 ? fmt::format("L{}: ", l + 1) : "";
        out.push_back(function_curve(fmt::format("{}{}", layer, expr::to_infix(trained[l])), trained[l]));
    }
    return out;
}

std::vector<Curve> top_candidate_curves(std::span<const Individual> entries, std::size_t top) {
    std::vector<Curve> out;
    for (std::size_t i = 0; i < entries.size() && i < top; ++i) {
        const expr::Tree shown = fitness::with_learned(entries[i].genome.activations, entries[i].score).front();
        out.push_back(function_curve(fmt::format("#{} {}", i + 1, expr::to_infix(shown)), shown));
    }
    return out;
}

} // namespace actforge::evolution
