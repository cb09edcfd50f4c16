#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/nn/cnn.hpp"
#include "actforge/nn/dense.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/minibatch.hpp"
#include "actforge/nn/pooling.hpp"
#include "actforge/nn/trainer.hpp"
#include "gradcheck.hpp"

#include <doctest/doctest.h>
#include <limits>
#include <numeric>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

namespace {

struct ConvCase {
    ImageShape in;
    std::size_t out_channels, kernel, stride, padding;
};

// Pixel (c, y, x) of image row n, 0 outside the image (zero padding).
double pixel(const Matrix& m, Eigen::Index n, ImageShape s, long c, long y, long x) {
    if (y < 0 || x < 0 || y >= long(s.height) || x >= long(s.width)) return 0.0;
    return m(n, (c * long(s.height) + y) * long(s.width) + x);
}

// The six loops of the definition (per example), in double.
Matrix naive_conv(const Matrix& x, Conv2d& conv) {
    const ConvGeometry& g = conv.geometry();
    const ImageShape o = conv.output_shape();
    const long k = long(g.kernel), s = long(g.stride), p = long(g.padding);
    Matrix y(x.rows(), Eigen::Index(o.size()));
    for (Eigen::Index n = 0; n < x.rows(); ++n) {
        Eigen::Index j = 0;
        for (long oc = 0; oc < long(o.channels); ++oc) {
            for (long oy = 0; oy < long(o.height); ++oy) {
                for (long ox = 0; ox < long(o.width); ++ox) {
                    double sum = conv.bias()[oc];
                    for (long c = 0; c < long(g.in.channels); ++c) {
                        for (long ky = 0; ky < k; ++ky) {
                            for (long kx = 0; kx < k; ++kx) {
                                sum += double(conv.weights()(oc, (c * k + ky) * k + kx)) *
                                       pixel(x, n, g.in, c, oy * s + ky - p, ox * s + kx - p);
                            }
                        }
                    }
                    y(n, j++) = float(sum);
                }
            }
        }
    }
    return y;
}

// Pooling by its definition: max or mean of each window, channel by channel.
Matrix naive_pool(const Matrix& x, ImageShape in, long k, long s, bool max) {
    const long oh = (long(in.height) - k) / s + 1;
    const long ow = (long(in.width) - k) / s + 1;
    Matrix y(x.rows(), Eigen::Index(in.channels) * oh * ow);
    for (Eigen::Index n = 0; n < x.rows(); ++n) {
        Eigen::Index j = 0;
        for (long c = 0; c < long(in.channels); ++c) {
            for (long oy = 0; oy < oh; ++oy) {
                for (long ox = 0; ox < ow; ++ox) {
                    double acc = max ? -1e30 : 0.0;
                    for (long ky = 0; ky < k; ++ky) {
                        for (long kx = 0; kx < k; ++kx) {
                            const double v = pixel(x, n, in, c, oy * s + ky, ox * s + kx);
                            acc = max ? std::max(acc, v) : acc + v / double(k * k);
                        }
                    }
                    y(n, j++) = float(acc);
                }
            }
        }
    }
    return y;
}

// Of the forward and backward differences of loss() in v, the one closer to
// `analytic`.
template <typename Loss> double closer_one_sided(float& v, float h, Loss&& loss, double analytic) {
    const float old = v;
    const double l0 = loss();
    v = old + h;
    const double right = (loss() - l0) / (double(v) - double(old));
    v = old - h;
    const double left = (l0 - loss()) / (double(old) - double(v));
    v = old;
    return std::abs(right - analytic) < std::abs(left - analytic) ? right : left;
}

std::vector<ActivationSpec> specs(std::initializer_list<const char*> formulas) {
    std::vector<ActivationSpec> out;
    for (const char* f : formulas) out.push_back(make_activation(expr::parse(f)));
    return out;
}

// Distinct values a unit apart (a shuffled 0..n-1, centred): max pooling has
// no ties, and a step of 0.25 never changes which element wins.
Matrix distinct_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
    std::vector<std::uint32_t> perm(static_cast<std::size_t>(rows * cols));
    std::iota(perm.begin(), perm.end(), 0u);
    shuffle(perm, rng);
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = float(perm[std::size_t(i)]) - float(m.size()) / 2;
    return m;
}

const ConvCase conv_cases[] = {
    {{1, 5, 5}, 2, 3, 1, 0}, {{3, 7, 6}, 4, 3, 1, 1}, {{2, 7, 7}, 3, 3, 2, 0},
    {{3, 8, 5}, 2, 3, 2, 1}, {{2, 6, 6}, 3, 2, 2, 1}, {{2, 3, 1}, 2, 1, 2, 1}, // last: taps reading padding only
};

} // namespace

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

TEST_CASE("max and average pooling match naive code and central differences") {
    struct Case {
        ImageShape in;
        std::size_t kernel, stride;
    };
    for (const Case& c : {Case{{2, 6, 6}, 2, 2}, Case{{3, 7, 5}, 3, 2}, Case{{1, 5, 5}, 2, 1}}) {
        for (const bool max : {true, false}) {
            CAPTURE(max);
            CAPTURE(c.kernel);
            CAPTURE(c.stride);
            Rng rng(21);
            std::unique_ptr<Layer> pool;
            if (max)
                pool = std::make_unique<MaxPool2d>(c.in, c.kernel, c.stride);
            else
                pool = std::make_unique<AvgPool2d>(c.in, c.kernel, c.stride);
            Matrix in = distinct_matrix(3, Eigen::Index(c.in.size()), rng);
            Matrix out;
            pool->forward(in, out);
            CHECK(out.isApprox(naive_pool(in, c.in, long(c.kernel), long(c.stride), max)));
            const Matrix r = random_matrix(out.rows(), out.cols(), rng);
            Matrix grad_in;
            pool->backward(in, out, r, &grad_in);
            check_gradient(in.data(), grad_in.data(), in.size(), [&] {
                pool->forward(in, out);
                return weighted_sum(out, r);
            });
        }
    }
    MaxPool2d pool({1, 2, 2}, 2);
    Matrix in(1, 4);
    in << 1.0f, std::numeric_limits<float>::quiet_NaN(), 3.0f, 2.0f;
    Matrix out;
    pool.forward(in, out);
    CHECK(std::isnan(out(0, 0)));
}

TEST_CASE("make_cnn builds conv/activation/pool blocks and a dense head") {
    Rng rng(1);
    const CnnSpec spec{.conv_channels = {16, 32}, .dense_hidden = {64}};
    const auto relu = specs({"relu(x)"});
    Network net = make_cnn({1, 28, 28}, spec, 10, relu, ParamSharing::PerLayer, Init::He, rng);
    CHECK(net.num_layers() == 9);
    CHECK(net.input_size() == 784);
    CHECK(net.output_size() == 10);
    CHECK(net.num_parameters() == (16 * 9 + 16) + (32 * 144 + 32) + (32 * 7 * 7 * 64 + 64) + (64 * 10 + 10));
    CHECK(dynamic_cast<const Conv2d&>(net.layer(3)).output_shape() == ImageShape{32, 14, 14});
    CHECK(dynamic_cast<const MaxPool2d*>(&net.layer(5)) != nullptr);
    CHECK(dynamic_cast<const Dense&>(net.layer(6)).in_size() == 32 * 7 * 7);
    const Matrix in = random_matrix(3, 784, rng);
    CHECK(net.forward(in).rows() == 3);

    Rng again(1);
    Network twin = make_cnn({1, 28, 28}, spec, 10, relu, ParamSharing::PerLayer, Init::He, again);
    CHECK(net.parameters()[0].value[5] == twin.parameters()[0].value[5]);
    const auto two = specs({"relu(x)", "relu(x)"});
    CHECK_THROWS_AS((void)make_cnn({1, 28, 28}, spec, 10, two, ParamSharing::PerLayer, Init::He, rng), Error);
    CHECK_THROWS_AS((void)make_cnn({1, 4, 4}, {.conv_channels = {2, 2, 2}, .dense_hidden = {}}, 2, relu,
                                   ParamSharing::PerLayer, Init::He, rng),
                    Error); // 4 -> 2 -> 1, and 1x1 cannot be pooled by 2
}

TEST_CASE("whole-CNN gradient matches central differences of the loss") {
    for (const PoolKind kind : {PoolKind::Max, PoolKind::Average}) {
        for (const ParamSharing sharing : {ParamSharing::PerLayer, ParamSharing::PerNeuron}) {
            const bool max = kind == PoolKind::Max;
            const bool per_neuron = sharing == ParamSharing::PerNeuron;
            CAPTURE(max);
            CAPTURE(per_neuron);
            Rng rng(42);
            const CnnSpec spec{.conv_channels = {2, 3}, .pool_kind = kind, .dense_hidden = {4}};
            const auto acts = specs({"a*sigmoid(x)+b where a=1.5, b=0.2", "x*tanh(softplus(x))", "swish(x)"});
            Network net = make_cnn({1, 6, 6}, spec, 3, acts, sharing, Init::Xavier, rng);
            std::vector<ParamRef> params = net.parameters();
            for (ParamRef& p : params) {
                if (p.decay) continue; // biases and activation parameters: make every unit distinct
                for (std::size_t j = 0; j < p.size; ++j) p.value[j] += static_cast<float>(0.2 * rng.normal());
            }
            const Matrix in = random_matrix(5, 36, rng);
            const std::vector<std::int32_t> labels{0, 1, 2, 2, 1};
            auto loss = [&] { return static_cast<double>(SoftmaxCrossEntropy::loss(net.forward(in), labels)); };
            Matrix grad_logits;
            SoftmaxCrossEntropy::loss_and_grad(net.forward(in), labels, grad_logits);
            net.backward(grad_logits);
            std::vector<double> fd;
            std::vector<double> an;
            std::size_t kinks = 0;
            for (ParamRef& p : params) {
                for (std::size_t j = 0; j < p.size; ++j) {
                    fd.push_back(central_difference(p.value[j], 3e-3f, loss));
                    an.push_back(p.grad[j]);
                    if (max && worst_element({an.back()}, {fd.back()}, 2e-4, 2e-2) > 1.0) {
                        // A step that changes a window's winner straddles a
                        // kink; backprop must then match the one-sided
                        // difference on the side where the winner stays.
                        fd.back() = closer_one_sided(p.value[j], 3e-3f, loss, an.back());
                        ++kinks;
                    }
                }
            }
            CHECK(kinks * 10 < fd.size());
            CHECK(relative_error(an, fd) < 5e-3);
            CHECK(worst_element(an, fd, 2e-4, 2e-2) <= 1.0);
        }
    }
}

TEST_CASE("a small CNN tells horizontal from vertical bars") {
    // 8x8 images with one bright line, horizontal (class 0) or vertical
    // (class 1), on noise. Both classes have the same pixel statistics, so
    // the net must use the shape.
    Rng rng(8);
    const std::size_t n = 600;
    Matrix x(Eigen::Index(n), 64);
    std::vector<std::int32_t> labels(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto row = Eigen::Index(i);
        const bool vertical = rng.bernoulli(0.5);
        const auto line = Eigen::Index(rng.below(8));
        labels[i] = vertical ? 1 : 0;
        for (Eigen::Index p = 0; p < 64; ++p) {
            const bool on = vertical ? p % 8 == line : p / 8 == line;
            x(row, p) = (on ? 1.0f : 0.0f) + 0.3f * float(rng.normal());
        }
    }
    std::vector<std::uint32_t> train_rows(n * 4 / 5);
    std::vector<std::uint32_t> test_rows(n - train_rows.size());
    std::iota(train_rows.begin(), train_rows.end(), 0u);
    std::iota(test_rows.begin(), test_rows.end(), std::uint32_t(train_rows.size()));

    Rng init(2);
    const CnnSpec spec{.conv_channels = {4}, .dense_hidden = {16}};
    Network net = make_cnn({1, 8, 8}, spec, 2, specs({"relu(x)"}), ParamSharing::PerLayer, Init::He, init);
    TrainConfig config;
    config.epochs = 10;
    config.batch_size = 32;
    config.lr = 1e-2f;
    config.seed = 1;
    const TrainResult r = train(net, x, labels, train_rows, config);
    CHECK(r.status == TrainStatus::Ok);
    const EvalResult e = evaluate(net, x, labels, test_rows, 64);
    CHECK(e.accuracy >= 0.9);
}
