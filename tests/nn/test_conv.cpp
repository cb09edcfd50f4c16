// Conv2d: forward against the naive convolution, im2col/col2im adjointness,
// gradients against central differences, shape checks.
#include "actforge/core/error.hpp"
#include "actforge/nn/dense.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/trainer.hpp"
#include "conv_test_util.hpp"
#include "gradcheck.hpp"

#include <doctest/doctest.h>
#include <limits>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

TEST_CASE("conv2d forward matches the naive convolution; col2im is the adjoint of im2col") {
    Rng rng(5);
    for (const ConvCase& c : conv_cases) {
        CAPTURE(c.in.channels);
        CAPTURE(c.in.height);
        CAPTURE(c.in.width);
        CAPTURE(c.kernel);
        CAPTURE(c.stride);
        CAPTURE(c.padding);
        Conv2d conv(c.in, c.out_channels, c.kernel, c.stride, c.padding, Init::He, rng);
        conv.bias() = random_matrix(Eigen::Index(c.out_channels), 1, rng);
        const Matrix x = random_matrix(3, Eigen::Index(c.in.size()), rng);
        Matrix y;
        conv.forward(x, y);
        REQUIRE(std::size_t(y.cols()) == conv.output_size(c.in.size()));
        CHECK(y.isApprox(naive_conv(x, conv), 1e-5f));

        const ConvGeometry& g = conv.geometry();
        const Matrix col = random_matrix(Eigen::Index(g.patch_size()), Eigen::Index(g.out.plane()), rng);
        Matrix xcol(col.rows(), col.cols());
        Matrix back(1, x.cols());
        im2col(x.row(0).data(), g, xcol.data());
        col2im(col.data(), g, back.data());
        CHECK(weighted_sum(xcol, col) == doctest::Approx(weighted_sum(x.topRows(1), back)).epsilon(1e-5));
    }
}

TEST_CASE("conv2d backward matches central differences for weights, bias and input") {
    for (const ConvCase& c : {conv_cases[1], conv_cases[3], conv_cases[4]}) {
        CAPTURE(c.stride);
        CAPTURE(c.padding);
        Rng rng(11);
        Conv2d conv(c.in, c.out_channels, c.kernel, c.stride, c.padding, Init::Xavier, rng);
        conv.bias() = random_matrix(Eigen::Index(c.out_channels), 1, rng);
        Matrix in = random_matrix(2, Eigen::Index(c.in.size()), rng);
        const Matrix r = random_matrix(2, Eigen::Index(conv.output_shape().size()), rng);
        Matrix out;
        auto loss = [&] {
            conv.forward(in, out);
            return weighted_sum(out, r);
        };
        loss();
        Matrix grad_in;
        conv.backward(in, out, r, &grad_in);
        const float* const out_data = out.data();
        SUBCASE("weights") {
            check_gradient(conv.weights().data(), conv.weights_grad().data(), conv.weights().size(), loss);
        }
        SUBCASE("bias") { check_gradient(conv.bias().data(), conv.bias_grad().data(), conv.bias().size(), loss); }
        SUBCASE("input") { check_gradient(in.data(), grad_in.data(), in.size(), loss); }
        CHECK(out.data() == out_data); // same batch size: no reallocation
    }
}

TEST_CASE("conv2d and pooling check shapes and overwrite gradients") {
    Rng rng(3);
    Conv2d conv({2, 5, 5}, 3, 3, 1, 1, Init::He, rng);
    CHECK(conv.output_shape() == ImageShape{3, 5, 5});
    CHECK_THROWS_AS((void)conv.output_size(49), Error);
    CHECK_THROWS_AS(Conv2d({1, 2, 2}, 1, 5, 1, 1, Init::He, rng), Error);
    CHECK_THROWS_AS(Conv2d({1, 4, 4}, 1, 3, 0, 1, Init::He, rng), Error);
    CHECK_THROWS_AS(Conv2d({1, 4, 4}, 0, 3, 1, 1, Init::He, rng), Error);
    const float limit = init_limit(Init::He, 18, 27);
    CHECK((conv.weights().array().abs() <= limit).all());
    const Matrix in = random_matrix(4, 50, rng);
    const Matrix r = random_matrix(4, 75, rng);
    Matrix out;
    conv.forward(in, out);
    conv.backward(in, out, r, nullptr);
    const Matrix first = conv.weights_grad();
    conv.backward(in, out, r, nullptr);
    CHECK(conv.weights_grad() == first);
    CHECK(conv.parameters().size() == 2);
    CHECK(conv.parameters()[0].decay);

    CHECK(MaxPool2d({3, 7, 7}, 2).output_shape() == ImageShape{3, 3, 3});
    CHECK(AvgPool2d({3, 7, 7}, 3, 2).output_size(147) == 27);
    CHECK_THROWS_AS(MaxPool2d({1, 1, 1}, 2), Error);
    CHECK_THROWS_AS((void)AvgPool2d({1, 4, 4}, 2).output_size(15), Error);
}
