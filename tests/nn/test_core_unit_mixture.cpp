// The relaxed core unit b(u1(x), u2(x)) of the differentiable search: its
// output and its gradients for the three slots' logits, a unary function's
// parameter and x against finite differences of a double-precision
// reference, and each binary function's partials against its own finite
// differences.
#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/nn/core_unit_mixture.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::nn;

namespace {

constexpr float kUnitClamp = 3.0f;
constexpr double kUnitBeta = 1.3;
constexpr double kUnitTemperature = 0.7;

const std::vector<std::string> kUnitUnary{"tanh(x)", "x*sigmoid(b*x) where b=1.3", "sin(x)"};
const std::vector<CoreBinary> kUnitBinary{
    CoreBinary::Add, CoreBinary::Multiply,    CoreBinary::Subtract,         CoreBinary::Max,
    CoreBinary::Min, CoreBinary::SigmoidGate, CoreBinary::GaussianDistance, CoreBinary::LaplaceDistance};
const std::vector<ComponentScale> kUnitScales{{0.1f, 1.5f}, {-0.25f, 0.8f}, {0.0f, 1.2f}};

double unit_clamped(double v) { return std::clamp(v, -double{kUnitClamp}, double{kUnitClamp}); }

// One unary slot at x: sum_k w_k s_k (clamp(f_k(x)) - m_k); beta is unary1's swish parameter or unary2's.
double unary_slot(const std::vector<expr::Tree>& trees, const std::vector<double>& w, double beta, double x) {
    double u = 0.0;
    for (std::size_t k = 0; k < trees.size(); ++k) {
        const std::vector<double> params = k == 1 ? std::vector<double>{beta} : std::vector<double>{};
        u += w[k] * kUnitScales[k].scale *
             (unit_clamped(expr::reference_value(trees[k], x, params)) - kUnitScales[k].offset);
    }
    return u;
}

// sum over elements of grad_out * phi(x) for the flat logits alpha (unary1, unary2, binary) and unary1's beta.
double unit_reference_loss(const Matrix& x, const Matrix& grad_out, const std::vector<double>& alpha, double beta) {
    std::vector<expr::Tree> trees;
    for (const auto& f : kUnitUnary) trees.push_back(expr::parse(f));
    const std::size_t n = kUnitUnary.size();
    const auto segment = [&](std::size_t from, std::size_t count) {
        return mixture_weights(std::span(alpha).subspan(from, count), kUnitTemperature);
    };
    const std::vector<double> w1 = segment(0, n);
    const std::vector<double> w2 = segment(n, n);
    const std::vector<double> wb = segment(2 * n, kUnitBinary.size());
    double loss = 0.0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const double u1 = unary_slot(trees, w1, beta, x.data()[i]);
        const double u2 = unary_slot(trees, w2, 1.3, x.data()[i]);
        double phi = 0.0;
        for (std::size_t j = 0; j < kUnitBinary.size(); ++j)
            phi += wb[j] * unit_clamped(core_binary_reference(kUnitBinary[j], u1, u2).value);
        loss += grad_out.data()[i] * phi;
    }
    return loss;
}

std::vector<ActivationSpec> unit_specs() {
    std::vector<ActivationSpec> specs;
    for (const auto& f : kUnitUnary) specs.push_back(make_activation(expr::parse(f)));
    return specs;
}

// The layer run forward and backward once on random x and grad_out, with random logits in every slot.
struct UnitProbe {
    std::vector<ActivationSpec> specs = unit_specs();
    CoreUnitMixtureLayer layer{specs, kUnitBinary, ParamSharing::PerLayer, 4, 1, kUnitClamp};
    std::vector<double> alpha;
    std::vector<double> weights;
    Matrix x{6, 4};
    Matrix grad_out{6, 4};
    Matrix out;
    Matrix grad_in;

    UnitProbe() {
        layer.set_standardization(kUnitScales);
        Rng rng(17);
        for (std::size_t i = 0; i < layer.weight_count(); ++i) alpha.push_back(rng.uniform(-0.5, 0.5));
        for (const auto& [from, count] : kSlots) {
            const std::vector<double> w = mixture_weights(std::span(alpha).subspan(from, count), kUnitTemperature);
            weights.insert(weights.end(), w.begin(), w.end());
        }
        layer.set_weights(weights);
        for (Eigen::Index i = 0; i < x.size(); ++i) {
            x.data()[i] = static_cast<float>(rng.uniform(-2.5, 2.5));
            grad_out.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
        }
        layer.forward(x, out);
        layer.backward(x, out, grad_out, &grad_in);
    }

    [[nodiscard]] double loss(const Matrix& at, const std::vector<double>& a, double beta) const {
        return unit_reference_loss(at, grad_out, a, beta);
    }

    // Where each slot's options sit in the flat weights: unary1, unary2, binary.
    static constexpr std::pair<std::size_t, std::size_t> kSlots[] = {{0, 3}, {3, 3}, {6, 8}};
};

} // namespace

TEST_CASE("each binary function's partial derivatives match finite differences") {
    const double h = 1e-6;
    for (const CoreBinary op : kUnitBinary) {
        CAPTURE(core_binary_template(op));
        for (const auto& [a, b] : {std::pair{0.7, -0.4}, std::pair{-1.3, 0.9}, std::pair{2.0, 1.1}}) {
            const BinaryValue v = core_binary_reference(op, a, b);
            const double da =
                (core_binary_reference(op, a + h, b).value - core_binary_reference(op, a - h, b).value) / (2 * h);
            const double db =
                (core_binary_reference(op, a, b + h).value - core_binary_reference(op, a, b - h).value) / (2 * h);
            CHECK(v.d_first == doctest::Approx(da).epsilon(1e-6));
            CHECK(v.d_second == doctest::Approx(db).epsilon(1e-6));
        }
    }
}

TEST_CASE("the core-unit mixture's output and every slot's alpha gradient match a double-precision reference") {
    const UnitProbe p;
    REQUIRE(p.layer.slot_sizes() == std::vector<std::size_t>{3, 3, kUnitBinary.size()});
    Matrix one = Matrix::Zero(6, 4);
    one(2, 3) = 1.0f;
    CHECK(double{p.out(2, 3)} == doctest::Approx(unit_reference_loss(p.x, one, p.alpha, kUnitBeta)).epsilon(1e-5));
    const double h = 1e-6;
    const std::span<const double> g = p.layer.weight_gradients();
    REQUIRE(g.size() == p.alpha.size());
    for (const auto& [from, count] : UnitProbe::kSlots) {
        const std::vector<double> dalpha =
            mixture_alpha_gradient(std::span(p.weights).subspan(from, count), g.subspan(from, count), kUnitTemperature);
        for (std::size_t j = 0; j < dalpha.size(); ++j) {
            std::vector<double> up = p.alpha;
            std::vector<double> down = p.alpha;
            up[from + j] += h;
            down[from + j] -= h;
            CAPTURE(from + j);
            const double fd = (p.loss(p.x, up, kUnitBeta) - p.loss(p.x, down, kUnitBeta)) / (2 * h);
            CHECK(dalpha[j] == doctest::Approx(fd).epsilon(1e-4).scale(1e-3));
        }
    }
}

TEST_CASE("the core-unit mixture's gradients for a unary function's parameter and for x match finite differences") {
    UnitProbe p;
    const std::vector<ParamRef> params = p.layer.parameters();
    REQUIRE(params.size() == 2); // each unary slot's swish beta
    CHECK(params[0].name.starts_with("unary1."));
    const double h = 1e-6;
    const double fd_beta = (p.loss(p.x, p.alpha, kUnitBeta + h) - p.loss(p.x, p.alpha, kUnitBeta - h)) / (2 * h);
    CHECK(double{*params[0].grad} == doctest::Approx(fd_beta).epsilon(1e-4).scale(1e-3));
    for (const auto& [r, c] : {std::pair{0, 0}, std::pair{3, 2}, std::pair{5, 1}}) {
        Matrix up = p.x;
        Matrix down = p.x;
        up(r, c) += 1e-3f;
        down(r, c) -= 1e-3f;
        const double fd_x =
            (p.loss(up, p.alpha, kUnitBeta) - p.loss(down, p.alpha, kUnitBeta)) / (double{up(r, c)} - down(r, c));
        CAPTURE(r);
        CAPTURE(c);
        CHECK(double{p.grad_in(r, c)} == doctest::Approx(fd_x).epsilon(2e-3).scale(1e-2));
    }
}

TEST_CASE("a core unit with all weight on one option per slot is that formula") {
    const std::vector<ActivationSpec> specs = unit_specs();
    CoreUnitMixtureLayer layer(specs, kUnitBinary, ParamSharing::PerLayer, 2, 1, 1e30f);
    // unary1 = sin, unary2 = tanh, binary = sigmoid gate: sigmoid(sin(x)) * tanh(x).
    std::vector<double> w(layer.weight_count(), 0.0);
    w[2] = 1.0;
    w[3] = 1.0;
    w[6 + 5] = 1.0;
    layer.set_weights(w);
    Matrix x(2, 2);
    x << -1.5f, -0.2f, 0.4f, 2.5f;
    Matrix out;
    layer.forward(x, out);
    const expr::Tree truth = expr::parse("sigmoid(sin(x))*tanh(x)");
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        CHECK(double{out.data()[i]} == doctest::Approx(expr::reference_value(truth, x.data()[i])).epsilon(1e-6));
    }
    CHECK_THROWS_AS(layer.set_weights(std::vector<double>(3, 1.0)), Error);
    CHECK_THROWS_AS(CoreUnitMixtureLayer(specs, std::vector<CoreBinary>{}, ParamSharing::PerLayer, 2, 1, 1.0f), Error);
}
