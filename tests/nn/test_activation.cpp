#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/nn/activation.hpp"
#include "gradcheck.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <limits>
#include <string>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

namespace {

ActivationLayer make_layer(const char* formula, ParamSharing sharing, std::size_t width, std::size_t unit_size = 1) {
    const ActivationSpec spec = make_activation(expr::parse(formula));
    return ActivationLayer(spec.program, spec.initial_params, sharing, width, spec.names, unit_size);
}

// Checks an activation layer against the same Program in double precision:
// the forward values, and grad_in and every parameter gradient against
// central differences of the double-precision loss sum(r .* f(x; theta)),
// which are accurate to ~1e-9, far below the float gradients' own error.
// unit_size > 1: per-neuron parameters per channel of unit_size columns.
void check_gradients(const char* formula, ParamSharing sharing, std::size_t unit_size = 1) {
    const std::string text = formula;
    CAPTURE(text);
    CAPTURE(sharing == ParamSharing::PerNeuron);
    CAPTURE(unit_size);
    constexpr std::size_t kWidth = 6;
    ActivationLayer layer = make_layer(formula, sharing, kWidth, unit_size);
    Rng rng(5);
    const Matrix in = random_matrix(7, kWidth, rng, 1.5);
    const Matrix r = random_matrix(7, kWidth, rng);
    // Distinct values per unit, so a per-neuron indexing error shows.
    std::vector<ParamRef> params = layer.parameters();
    for (ParamRef& p : params) {
        for (std::size_t j = 0; j < p.size; ++j) p.value[j] += static_cast<float>(0.3 * rng.normal());
    }
    Matrix out;
    layer.forward(in, out);
    Matrix grad_in;
    layer.backward(in, out, r, &grad_in);
    CHECK_FALSE(layer.saw_non_finite());

    // The double-precision reference: same program, same parameter layout.
    const std::size_t period = sharing == ParamSharing::PerNeuron ? kWidth / unit_size : 1;
    std::vector<double> x(in.data(), in.data() + in.size());
    std::vector<double> theta(layer.learned_parameters().begin(), layer.learned_parameters().end());
    std::vector<double> f(x.size());
    expr::Scratch<double> scratch;
    auto reference = [&] {
        std::vector<expr::ParamBinding<double>> bindings;
        for (std::size_t k = 0; k < layer.num_parameters(); ++k)
            bindings.push_back({theta.data() + k * period, period, unit_size});
        layer.program().evaluate<double>(x, bindings, f.data(), scratch);
        double sum = 0.0;
        for (std::size_t i = 0; i < f.size(); ++i) sum += static_cast<double>(r.data()[i]) * f[i];
        return sum;
    };
    reference();
    for (std::size_t i = 0; i < f.size(); ++i) CHECK(out.data()[i] == doctest::Approx(f[i]).epsilon(1e-5));

    constexpr double h = 1e-5;
    std::vector<double> fd;
    std::vector<double> an;
    for (std::size_t i = 0; i < x.size(); ++i) {
        fd.push_back(central_difference(x[i], h, reference));
        an.push_back(grad_in.data()[i]);
    }
    CHECK(relative_error(an, fd) < 1e-4);
    CHECK(worst_element(an, fd, 1e-5, 1e-3) <= 1.0);

    REQUIRE(params.size() == layer.num_parameters());
    for (std::size_t k = 0; k < params.size(); ++k) {
        CAPTURE(params[k].name);
        CHECK(params[k].size == period);
        CHECK(params[k].value == layer.learned_parameters().data() + k * period);
        fd.clear();
        an.clear();
        for (std::size_t j = 0; j < period; ++j) {
            fd.push_back(central_difference(theta[k * period + j], h, reference));
            an.push_back(params[k].grad[j]);
        }
        CHECK(relative_error(an, fd) < 1e-4);
        CHECK(worst_element(an, fd, 1e-5, 1e-3) <= 1.0);
    }
}

} // namespace

TEST_CASE("activation forward evaluates the formula element-wise") {
    ActivationLayer layer = make_layer("a*sigmoid(x)+b where a=1.5, b=0.2", ParamSharing::PerLayer, 3);
    Matrix in(2, 3);
    in << -1, 0, 1, 2, -2, 0.5f;
    Matrix out;
    layer.forward(in, out);
    for (Eigen::Index i = 0; i < in.size(); ++i) {
        const double x = in.data()[i];
        CHECK(out.data()[i] == doctest::Approx(1.5 / (1.0 + std::exp(-x)) + 0.2).epsilon(1e-6));
    }
    CHECK(layer.learned_parameters().size() == 2);
    CHECK(layer.parameters()[0].name == "a");

    // Inference mode gives the same values and refuses backward.
    Matrix out2;
    layer.set_training(false);
    layer.forward(in, out2);
    CHECK(out2 == out);
    Matrix grad_in;
    CHECK_THROWS_AS(layer.backward(in, out2, in, &grad_in), Error);
}

TEST_CASE("activation gradients match central differences, per layer and per neuron") {
    for (const char* formula : {"a*sigmoid(x)+b where a=1.5, b=0.2", "swish(x)", "x*tanh(softplus(x))",
                                "x*sigmoid(beta*x) where beta=1", "tanh(a*x)*c + x where a=0.7, c=-0.4"}) {
        check_gradients(formula, ParamSharing::PerLayer);
        check_gradients(formula, ParamSharing::PerNeuron);
        check_gradients(formula, ParamSharing::PerNeuron, 2); // 3 channels of 2 pixels
        check_gradients(formula, ParamSharing::PerNeuron, 3); // 2 channels of 3 pixels
    }
}

TEST_CASE("per-channel parameters apply to every pixel of their channel") {
    // Width 6 = 2 channels of 3 pixels; a of channel 0 is 1, of channel 1 is 2.
    ActivationLayer layer = make_layer("a*x where a=1", ParamSharing::PerNeuron, 6, 3);
    std::vector<ParamRef> params = layer.parameters();
    REQUIRE(params.size() == 1);
    REQUIRE(params[0].size == 2);
    params[0].value[1] = 2.0f;
    Matrix in = Matrix::Ones(4, 6);
    in.col(5).setConstant(3.0f);
    Matrix out;
    layer.forward(in, out);
    for (Eigen::Index r = 0; r < 4; ++r) {
        for (Eigen::Index c = 0; c < 6; ++c) CHECK(out(r, c) == (c < 3 ? 1.0f : 2.0f) * in(r, c));
    }
    // d/da_ch of sum(out) = sum of x over the channel's pixels and the rows.
    layer.backward(in, out, Matrix::Ones(4, 6), nullptr);
    CHECK(layer.parameter_gradients()[0] == 12.0f);
    CHECK(layer.parameter_gradients()[1] == 4.0f * (1 + 1 + 3));
    CHECK_THROWS_AS((void)make_layer("a*x where a=1", ParamSharing::PerNeuron, 6, 4), Error);
}

TEST_CASE("per-neuron parameters apply per column") {
    ActivationLayer layer = make_layer("a*x where a=1", ParamSharing::PerNeuron, 3);
    std::vector<ParamRef> params = layer.parameters();
    REQUIRE(params.size() == 1);
    params[0].value[0] = 1.0f;
    params[0].value[1] = 2.0f;
    params[0].value[2] = 3.0f;
    Matrix in = Matrix::Ones(4, 3);
    Matrix out;
    layer.forward(in, out);
    for (Eigen::Index r = 0; r < 4; ++r) {
        CHECK(out(r, 0) == 1.0f);
        CHECK(out(r, 1) == 2.0f);
        CHECK(out(r, 2) == 3.0f);
    }
    // d/da_j of sum(out) = sum of column j of x = 4.
    const Matrix ones = Matrix::Ones(4, 3);
    layer.backward(in, out, ones, nullptr);
    for (float g : layer.parameter_gradients()) CHECK(g == 4.0f);
    CHECK(layer.parameter_means()[0] == doctest::Approx(2.0));
}

TEST_CASE("activation records non-finite values and rejects bad arguments") {
    ActivationLayer layer = make_layer("log(x)", ParamSharing::PerLayer, 2);
    Matrix in(1, 2);
    in << 1.0f, 2.0f;
    Matrix out;
    layer.forward(in, out);
    CHECK_FALSE(layer.saw_non_finite());
    in(0, 1) = -1.0f;
    layer.forward(in, out);
    CHECK(layer.saw_non_finite());
    in(0, 1) = 1.0f;
    layer.forward(in, out);
    CHECK(layer.saw_non_finite()); // sticky until cleared
    layer.clear_non_finite();
    CHECK_FALSE(layer.saw_non_finite());

    const ActivationSpec spec = make_activation(expr::parse("a*x where a=2"));
    CHECK_THROWS_AS(ActivationLayer(spec.program, {}, ParamSharing::PerLayer, 2), Error);
    CHECK_THROWS_AS(ActivationLayer(nullptr, {}, ParamSharing::PerLayer, 2), Error);
    ActivationLayer ok(spec.program, spec.initial_params, ParamSharing::PerLayer, 2);
    CHECK_THROWS_AS((void)ok.output_size(3), Error);
    const Matrix wide = Matrix::Ones(1, 3);
    CHECK_THROWS_AS(ok.forward(wide, out), Error);
}
