#include "actforge/core/error.hpp"
#include "actforge/nn/dense.hpp"
#include "gradcheck.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

TEST_CASE("dense forward is in * W + b") {
    Rng rng(1);
    Dense layer(3, 2, Init::He, rng);
    layer.weights() << 1, 2, 3, 4, 5, 6;
    layer.bias() << 0.5f, -1.0f;
    Matrix in(2, 3);
    in << 1, 0, 0, 1, 1, 1;
    Matrix out;
    layer.forward(in, out);
    REQUIRE(out.rows() == 2);
    REQUIRE(out.cols() == 2);
    CHECK(out(0, 0) == 1.5f);
    CHECK(out(0, 1) == 1.0f);
    CHECK(out(1, 0) == 9.5f);
    CHECK(out(1, 1) == 11.0f);
}

TEST_CASE("dense init: uniform within the stated limit, zero bias, seeded") {
    for (Init init : {Init::He, Init::Xavier, Init::LeCun}) {
        Rng a(7);
        Rng b(7);
        Dense la(50, 40, init, a);
        Dense lb(50, 40, init, b);
        CHECK(la.weights() == lb.weights());
        const float limit = init_limit(init, 50, 40);
        CHECK((la.weights().array().abs() <= limit).all());
        // Uniform on [-l, l] has variance l^2 / 3; 2000 draws estimate it well.
        const double var = la.weights().cast<double>().array().square().mean();
        CHECK(var == doctest::Approx(limit * limit / 3.0).epsilon(0.1));
        CHECK(la.bias().isZero());
    }
    CHECK(init_limit(Init::He, 6, 1) == doctest::Approx(1.0));
    CHECK(init_limit(Init::Xavier, 3, 3) == doctest::Approx(1.0));
    CHECK(init_limit(Init::LeCun, 3, 100) == doctest::Approx(1.0));
}

TEST_CASE("dense backward matches central differences for weights, bias and input") {
    Rng rng(11);
    Dense layer(5, 4, Init::Xavier, rng);
    layer.bias() = random_matrix(1, 4, rng);
    const Matrix in0 = random_matrix(6, 5, rng);
    const Matrix r = random_matrix(6, 4, rng); // d loss / d out
    Matrix in = in0;
    Matrix out;
    auto loss = [&] {
        layer.forward(in, out);
        return weighted_sum(out, r);
    };
    loss();
    Matrix grad_in;
    layer.backward(in, out, r, &grad_in);

    auto check = [&](float* values, const float* analytic, Eigen::Index n) {
        check_gradient(values, analytic, n, loss);
    };
    SUBCASE("weights") { check(layer.weights().data(), layer.weights_grad().data(), layer.weights().size()); }
    SUBCASE("bias") { check(layer.bias().data(), layer.bias_grad().data(), layer.bias().size()); }
    SUBCASE("input") { check(in.data(), grad_in.data(), in.size()); }
}

TEST_CASE("dense backward overwrites gradients, skips grad_in when null, and checks widths") {
    Rng rng(3);
    Dense layer(4, 3, Init::He, rng);
    const Matrix in = random_matrix(5, 4, rng);
    const Matrix r = random_matrix(5, 3, rng);
    Matrix out;
    layer.forward(in, out);
    layer.backward(in, out, r, nullptr);
    const Matrix first = layer.weights_grad();
    layer.backward(in, out, r, nullptr);
    CHECK(layer.weights_grad() == first); // not accumulated
    CHECK(layer.bias_grad().isApprox(r.colwise().sum()));
    layer.zero_grad();
    CHECK(layer.weights_grad().isZero());

    CHECK(layer.output_size(4) == 3);
    CHECK_THROWS_AS((void)layer.output_size(5), Error);
    const Matrix wrong = random_matrix(2, 5, rng);
    CHECK_THROWS_AS(layer.forward(wrong, out), Error);
    CHECK_THROWS_AS(Dense(0, 3, Init::He, rng), Error);

    const auto params = layer.parameters();
    REQUIRE(params.size() == 2);
    CHECK(params[0].size == 12);
    CHECK(params[0].decay);
    CHECK(params[1].size == 3);
    CHECK_FALSE(params[1].decay);
    CHECK(params[0].value == layer.weights().data());
}
