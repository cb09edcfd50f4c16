#include "actforge/evolution/darts/darts_mixture.hpp"

#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/evolution/strategies/core_unit_space.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/fitness/prescreen.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>

namespace actforge::evolution {
namespace {

// True when f(x) = f(0) + (f(1) - f(0)) x on [-5, 5] (x, -x, b*x, x + b):
// the vocabulary's linear functions. Left out of the default mixture: a
// network with one is linear, and in a supernet such a parameter-free
// shortcut wins the softmax early (DARTS's skip-connection failure), the
// more so as there are four of them.
bool affine_in_x(const expr::Tree& tree) {
    const double f0 = expr::reference_value(tree, 0.0);
    const double slope = expr::reference_value(tree, 1.0) - f0;
    for (int i = -50; i <= 50; ++i) {
        const double x = 0.1 * i;
        const double line = f0 + slope * x;
        if (!(std::abs(expr::reference_value(tree, x) - line) <= 1e-9 * (1.0 + std::abs(line)))) return false;
    }
    return true;
}

// f(x) = x, without a parameter.
bool is_identity(const expr::Tree& tree) {
    return tree.parameters.empty() && affine_in_x(tree) && expr::reference_value(tree, 0.0) == 0.0 &&
           expr::reference_value(tree, 1.0) == 1.0;
}

// The offset and scale that bring clamp(f(x)) to mean 0 and variance 1
// for x ~ N(0, sd^2): a fixed quadrature on [-6 sd, 6 sd] (the normal
// density's mass outside is 2e-9), over the points where f is finite. A
// function constant there keeps scale 1.
void standardize(MixtureComponent& component, float clamp, double sd) {
    constexpr int kPoints = 2401;
    double mass = 0.0;
    double sum = 0.0;
    double square_sum = 0.0;
    for (int i = 0; i < kPoints; ++i) {
        const double t = -6.0 + 12.0 * i / (kPoints - 1);
        const double f = expr::reference_value(component.tree, sd * t);
        if (!std::isfinite(f)) continue;
        const double v = std::clamp(f, -static_cast<double>(clamp), static_cast<double>(clamp));
        const double p = std::exp(-0.5 * t * t);
        mass += p;
        sum += p * v;
        square_sum += p * v * v;
    }
    if (mass == 0.0) return;
    const double mean = sum / mass;
    const double spread = std::sqrt(std::max(0.0, square_sum / mass - mean * mean));
    // Rounded to float here, so that the supernet and every later use of
    // the values (the discretisation gap, the candidates) agree exactly.
    component.offset = static_cast<float>(mean);
    component.scale = spread > 1e-6 ? static_cast<float>(1.0 / spread) : 1.0f;
}

} // namespace

double pre_activation_sd(nn::Init init) {
    switch (init) {
    case nn::Init::He: return std::sqrt(2.0);
    case nn::Init::LeCun:
    case nn::Init::Xavier: return 1.0;
    case nn::Init::Torch: return std::sqrt(1.0 / 3.0);
    }
    return 1.0;
}

std::vector<MixtureComponent> mixture_components(const DartsSettings& settings, std::vector<std::string>& refused,
                                                 nn::Init init) {
    std::vector<std::string> formulas = settings.functions;
    const bool vocabulary = formulas.empty();
    if (vocabulary) {
        const CoreUnitSpace space(PrimitiveSet::parse_or_default(settings.primitives), 1, true);
        for (std::size_t k = 0; k < space.unary().size(); ++k) formulas.push_back(space.unary_formula(k));
    }
    std::vector<MixtureComponent> out;
    for (const std::string& formula : formulas) {
        expr::Tree tree = expr::parse(formula);
        const fitness::PrescreenResult pre = fitness::prescreen(tree);
        if (!pre.ok()) {
            refused.push_back(fmt::format("{}: {}", formula, pre.message));
            continue;
        }
        // The core unit keeps the identity: b(u1(x), u2(x)) needs x itself for
        // x*sigmoid(x) or max(x, 0); a binary function makes it nonlinear.
        const bool identity_kept = settings.cell == DartsCell::CoreUnit && is_identity(tree);
        if (vocabulary && affine_in_x(tree) && !identity_kept) {
            refused.push_back(
                fmt::format("{}: affine in x (a linear layer, the shortcut a supernet favours)", formula));
            continue;
        }
        MixtureComponent& component = out.emplace_back(MixtureComponent{formula, std::move(tree), 0.0, 1.0});
        if (settings.standardize) standardize(component, settings.clamp, pre_activation_sd(init));
    }
    return out;
}

std::vector<nn::CoreBinary> core_unit_binaries(const DartsSettings& settings, std::vector<std::string>& refused) {
    const CoreUnitSpace space(PrimitiveSet::parse_or_default(settings.primitives), 1, true);
    std::vector<nn::CoreBinary> out;
    for (const UnitFunction& f : space.binary()) {
        std::optional<nn::CoreBinary> built;
        for (std::size_t j = 0; j < nn::kCoreBinaryCount; ++j) {
            const auto op = static_cast<nn::CoreBinary>(j);
            if (nn::core_binary_template(op) == f.text) built = op;
        }
        if (built) {
            out.push_back(*built);
            continue;
        }
        const std::string label = space.token_label(CoreUnitSpace::Binary, &f - space.binary().data());
        const bool pole = f.text.find('/') != std::string::npos;
        refused.push_back(fmt::format("{}: {}", label,
                                      pole ? "a pole where the second operand is near 0, which a mixture crosses"
                                           : "not among the relaxed core unit's binary functions"));
    }
    return out;
}

} // namespace actforge::evolution
