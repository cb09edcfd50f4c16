#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/nn/dense.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/network.hpp"
#include "conv_test_util.hpp"
#include "gradcheck.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

TEST_CASE("make_mlp builds Dense/Activation pairs and a Dense output") {
    Rng rng(1);
    const std::vector<std::size_t> hidden{8, 6};
    const auto acts = specs({"a*sigmoid(x)+b where a=1.5, b=0.2"});
    Network net = make_mlp(5, hidden, 3, acts, ParamSharing::PerNeuron, Init::He, rng);
    CHECK(net.num_layers() == 5);
    CHECK(net.input_size() == 5);
    CHECK(net.output_size() == 3);
    // (5*8 + 8) + 2*8 + (8*6 + 6) + 2*6 + (6*3 + 3)
    CHECK(net.num_parameters() == 48 + 16 + 54 + 12 + 21);
    const auto params = net.parameters();
    CHECK(params.front().name == "0.weight");
    CHECK(params[2].name == "1.a");
    CHECK(dynamic_cast<const ActivationLayer*>(&net.layer(3)) != nullptr);

    const Matrix in = random_matrix(4, 5, rng);
    const Matrix& logits = net.forward(in);
    CHECK(logits.rows() == 4);
    CHECK(logits.cols() == 3);
    const Matrix wrong = random_matrix(4, 6, rng);
    CHECK_THROWS_AS(net.forward(wrong), Error);

    // Same rng seed, same network; the rng itself is not advanced.
    Rng again(1);
    Network twin = make_mlp(5, hidden, 3, acts, ParamSharing::PerNeuron, Init::He, again);
    auto a = net.parameters();
    auto b = twin.parameters();
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(std::equal(a[i].value, a[i].value + a[i].size, b[i].value));
    }

    const auto three = specs({"swish(x)", "swish(x)", "swish(x)"});
    CHECK_THROWS_AS(make_mlp(5, hidden, 3, three, ParamSharing::PerLayer, Init::He, rng), Error);
}

TEST_CASE("a network lists its activation layers in order, also after a move") {
    Rng rng(3);
    const std::vector<std::size_t> hidden{4, 3, 2};
    const auto acts = specs({"a*tanh(x) where a=1", "relu(x)", "b*x where b=2"});
    Network built = make_mlp(2, hidden, 2, acts, ParamSharing::PerLayer, Init::He, rng);
    const Network net = std::move(built);
    const auto layers = net.activation_layers();
    REQUIRE(layers.size() == 3);
    for (std::size_t i = 0; i < layers.size(); ++i) CHECK(layers[i] == &net.layer(2 * i + 1));
    CHECK(layers[0]->num_parameters() == 1);
    CHECK(layers[1]->num_parameters() == 0);
    CHECK(layers[2]->learned_parameters()[0] == 2.0f);

    Network plain(2);
    plain.add(std::make_unique<Dense>(2, 2, Init::He, rng));
    CHECK(plain.activation_layers().empty());
}

TEST_CASE("whole-network gradient matches central differences of the loss") {
    for (ParamSharing sharing : {ParamSharing::PerLayer, ParamSharing::PerNeuron}) {
        CAPTURE(sharing == ParamSharing::PerNeuron);
        Rng rng(42);
        const std::vector<std::size_t> hidden{5, 4};
        const auto acts = specs({"a*sigmoid(x)+b where a=1.5, b=0.2", "x*tanh(softplus(x))"});
        Network net = make_mlp(3, hidden, 3, acts, sharing, Init::Xavier, rng);
        check_network_gradient(net, {0, 1, 2, 2, 1, 0, 0, 1}, rng);
    }
}

TEST_CASE("network input gradient is not computed and backward needs a forward") {
    Network net(2);
    Rng rng(4);
    CHECK_THROWS_AS(net.forward(Matrix::Zero(1, 2)), Error);
    net.add(std::make_unique<Dense>(2, 2, Init::He, rng));
    CHECK_THROWS_AS(net.backward(Matrix::Zero(1, 2)), Error);
    CHECK_THROWS_AS(net.add(std::make_unique<Dense>(3, 2, Init::He, rng)), Error);
    const Matrix in = random_matrix(3, 2, rng);
    net.forward(in);
    CHECK_THROWS_AS(net.backward(Matrix::Zero(2, 2)), Error);
    net.backward(Matrix::Ones(3, 2));
    CHECK(net.parameters()[1].grad[0] == 3.0f); // bias gradient: column sum
}
