// Whole CNNs: the blocks make_cnn builds, the gradient of the loss through
// every layer, and a small CNN that learns.
#include "actforge/core/error.hpp"
#include "actforge/nn/dense.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/trainer.hpp"
#include "conv_test_util.hpp"
#include "gradcheck.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <limits>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

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

TEST_CASE("make_cnn lists its activation layers: conv blocks first, then the dense head") {
    Rng rng(1);
    const CnnSpec spec{.conv_channels = {2, 3}, .dense_hidden = {4}};
    const auto acts = specs({"relu(x)", "tanh(x)", "a*x where a=1"});
    Network net = make_cnn({1, 8, 8}, spec, 2, acts, ParamSharing::PerNeuron, Init::He, rng);
    const auto layers = net.activation_layers();
    REQUIRE(layers.size() == 3);
    CHECK(layers[0] == &net.layer(1));
    CHECK(layers[1] == &net.layer(4));
    CHECK(layers[2] == &net.layer(7));
    CHECK(layers[2]->width() == 4);
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
            // Per neuron means per channel after a convolution: a of the first
            // (2-channel) activation, layer 1 after the conv, holds 2 values.
            const auto a =
                std::find_if(params.begin(), params.end(), [](const ParamRef& p) { return p.name == "1.a"; });
            REQUIRE(a != params.end());
            CHECK(a->size == (per_neuron ? 2u : 1u));
            spread_undecayed(params, rng);
            const Matrix in = random_matrix(5, 36, rng);
            const std::vector<std::int32_t> labels{0, 1, 2, 2, 1};
            auto loss = backprop_cross_entropy(net, in, labels);
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
