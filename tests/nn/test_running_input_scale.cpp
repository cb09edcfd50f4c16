// The input spread a relaxed activation holds: each column rescaled to a
// target standard deviation by a running estimate, with the gain a
// constant to backward, and a mixture that reads the rescaled input.
#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/nn/mixed_activation.hpp"
#include "actforge/nn/running_input_scale.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::nn;

namespace {

// Column j of `m` ~ N(shift_j, spread_j^2).
Matrix gaussian_columns(Eigen::Index rows, const std::vector<double>& spread, const std::vector<double>& shift,
                        std::uint64_t seed) {
    Rng rng(seed);
    Matrix m(rows, static_cast<Eigen::Index>(spread.size()));
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            const auto c = static_cast<std::size_t>(j);
            m(i, j) = static_cast<float>(shift[c] + spread[c] * rng.normal());
        }
    }
    return m;
}

double column_sd(const Matrix& m, Eigen::Index j) {
    const double mean = m.col(j).cast<double>().mean();
    return std::sqrt((m.col(j).cast<double>().array() - mean).square().mean());
}

} // namespace

TEST_CASE("the first batch sets each column's spread to the target; later ones move it by a running average") {
    RunningInputScale scale(1.5f);
    REQUIRE(scale.enabled());
    const Matrix first = gaussian_columns(400, {0.5, 3.0}, {1.0, -2.0}, 1);
    const Matrix& out = scale.forward(first, true);
    for (Eigen::Index j = 0; j < 2; ++j) {
        CAPTURE(j);
        CHECK(column_sd(out, j) == doctest::Approx(1.5).epsilon(1e-4));
        // Only scaled: the mean moves with the spread.
        CHECK(out.col(j).mean() == doctest::Approx(first.col(j).mean() * scale.gain()(j)).epsilon(1e-4));
    }
    const double sd0 = column_sd(first, 0);
    const Matrix wider = gaussian_columns(400, {2.0, 3.0}, {0.0, 0.0}, 2);
    (void)scale.forward(wider, false); // inference: the estimate stays
    CHECK(scale.gain()(0) == doctest::Approx(1.5 / sd0).epsilon(1e-4));
    (void)scale.forward(wider, true);
    const double running = 0.9 * sd0 + 0.1 * column_sd(wider, 0);
    CHECK(scale.gain()(0) == doctest::Approx(1.5 / running).epsilon(1e-4));
}

TEST_CASE("off, the input passes as it is and so does the gradient") {
    RunningInputScale off;
    CHECK_FALSE(off.enabled());
    const Matrix x = gaussian_columns(8, {2.0}, {0.0}, 3);
    CHECK(&off.forward(x, true) == &x);
    Matrix grad = x;
    off.backward(grad);
    CHECK(grad == x);
}

TEST_CASE("a mixture holding its input spread computes the mixture of x * gain, and grad_in is grad_x_hat * gain") {
    const std::vector<ActivationSpec> parts{make_activation(expr::parse("tanh(x)")),
                                            make_activation(expr::parse("x*sigmoid(b*x) where b=1.3"))};
    MixedActivationLayer held(parts, ParamSharing::PerLayer, 3, 1, 10.0f);
    MixedActivationLayer plain(parts, ParamSharing::PerLayer, 3, 1, 10.0f);
    const std::vector<double> w{0.3, 0.7};
    held.set_weights(w);
    plain.set_weights(w);
    held.set_input_scale(1.4142135f);
    const Matrix x = gaussian_columns(16, {0.4, 2.5, 6.0}, {0.5, -1.0, 2.0}, 4);
    const Matrix grad_out = gaussian_columns(16, {1.0, 1.0, 1.0}, {0.0, 0.0, 0.0}, 5);
    Matrix out;
    Matrix grad_in;
    held.forward(x, out);
    held.backward(x, out, grad_out, &grad_in);

    // The same through the plain mixture, x rescaled by hand with the gains it used.
    RunningInputScale reference(1.4142135f);
    const Matrix x_hat = reference.forward(x, true);
    REQUIRE(reference.gain().size() == 3);
    CHECK(std::abs(reference.gain()(2) - 1.0f) > 0.5f); // the rescaling is not a no-op here
    Matrix out_ref;
    Matrix grad_hat;
    plain.forward(x_hat, out_ref);
    plain.backward(x_hat, out_ref, grad_out, &grad_hat);
    CHECK(out == out_ref);
    const Matrix expected = (grad_hat.array().rowwise() * reference.gain().array()).matrix();
    CHECK(grad_in == expected);
    // The function's own parameter sees the rescaled input.
    CHECK(*held.parameters()[0].grad == *plain.parameters()[0].grad);
    CHECK(std::vector<double>(held.weight_gradients().begin(), held.weight_gradients().end()) ==
          std::vector<double>(plain.weight_gradients().begin(), plain.weight_gradients().end()));
}

TEST_CASE("an input spread must be finite and not negative") {
    const ActivationSpec spec = make_activation(expr::parse("tanh(x)"));
    MixedActivationLayer layer(std::span(&spec, 1), ParamSharing::PerLayer, 2, 1, 10.0f);
    CHECK_THROWS_AS(layer.set_input_scale(-1.0f), Error);
    CHECK_THROWS_AS(layer.set_input_scale(NAN), Error);
    CHECK_NOTHROW(layer.set_input_scale(0.0f));
    CHECK_NOTHROW(layer.set_input_scale(1.0f));
}
