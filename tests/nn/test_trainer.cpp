#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/nn/trainer.hpp"

#include <cmath>
#include <cstring>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <numeric>

using namespace actforge;
using namespace actforge::nn;

namespace {

// XOR of Gaussian blobs: four clusters at (+-1, +-1), class = whether the
// signs agree. Not linearly separable; a small MLP separates it cleanly.
struct Dataset {
    Matrix features;
    std::vector<std::int32_t> labels;
    std::vector<std::uint32_t> train_rows;
    std::vector<std::uint32_t> test_rows;
};

Dataset xor_blobs(std::size_t n, std::uint64_t seed, float scale = 1.0f) {
    Rng rng(seed);
    Dataset d;
    d.features.resize(static_cast<Eigen::Index>(n), 2);
    for (std::size_t i = 0; i < n; ++i) {
        const float sx = rng.bernoulli(0.5) ? 1.0f : -1.0f;
        const float sy = rng.bernoulli(0.5) ? 1.0f : -1.0f;
        const auto r = static_cast<Eigen::Index>(i);
        d.features(r, 0) = scale * (sx + 0.3f * static_cast<float>(rng.normal()));
        d.features(r, 1) = scale * (sy + 0.3f * static_cast<float>(rng.normal()));
        d.labels.push_back(sx == sy ? 1 : 0);
        (i < n * 4 / 5 ? d.train_rows : d.test_rows).push_back(static_cast<std::uint32_t>(i));
    }
    return d;
}

Network mlp(const char* formula, ParamSharing sharing, std::uint64_t seed = 9) {
    Rng rng(seed);
    const std::vector<std::size_t> hidden{16, 16};
    const std::vector<ActivationSpec> acts{make_activation(expr::parse(formula))};
    return make_mlp(2, hidden, 2, acts, sharing, Init::He, rng);
}

std::vector<float> flat_parameters(Network& net) {
    std::vector<float> out;
    for (const ParamRef& p : net.parameters()) out.insert(out.end(), p.value, p.value + p.size);
    return out;
}

} // namespace

TEST_CASE("a small MLP learns XOR blobs") {
    const Dataset d = xor_blobs(1000, 1);
    struct Case {
        const char* formula;
        ParamSharing sharing;
        OptimizerKind optimizer;
    };
    for (const Case& c : {Case{"relu(x)", ParamSharing::PerLayer, OptimizerKind::Adam},
                          Case{"a*sigmoid(x)+b where a=1.5, b=0.2", ParamSharing::PerNeuron, OptimizerKind::AdamW},
                          Case{"swish(x)", ParamSharing::PerLayer, OptimizerKind::Sgd}}) {
        CAPTURE(c.formula);
        Network net = mlp(c.formula, c.sharing);
        const EvalResult before = evaluate(net, d.features, d.labels, d.test_rows, 64);
        TrainConfig config;
        config.epochs = 30;
        config.batch_size = 32;
        config.optimizer = c.optimizer;
        config.lr = c.optimizer == OptimizerKind::Sgd ? 0.05f : 1e-2f;
        config.sgd = {.momentum = 0.9f, .nesterov = true};
        config.adam.weight_decay = c.optimizer == OptimizerKind::AdamW ? 1e-3f : 0.0f;
        config.schedule = Schedule::Cosine;
        config.clip_norm = 5.0f;
        config.seed = 3;
        const TrainResult r = train(net, d.features, d.labels, d.train_rows, config);
        CHECK(r.status == TrainStatus::Ok);
        CHECK(r.message.empty());
        CHECK(r.epochs_done == 30);
        CHECK(r.steps == 30 * (800 / 32));
        CHECK(r.final_train_loss < 0.2f);
        const EvalResult after = evaluate(net, d.features, d.labels, d.test_rows, 64);
        CHECK(after.finite);
        CHECK(after.accuracy >= 0.95);
        CHECK(after.loss < before.loss);
    }
}

TEST_CASE("training is deterministic in the seed") {
    const Dataset d = xor_blobs(300, 2);
    TrainConfig config;
    config.epochs = 3;
    config.batch_size = 16;
    config.seed = 77;
    auto run = [&](std::uint64_t seed) {
        Network net = mlp("x*sigmoid(beta*x) where beta=1", ParamSharing::PerNeuron);
        TrainConfig c = config;
        c.seed = seed;
        const TrainResult r = train(net, d.features, d.labels, d.train_rows, c);
        REQUIRE(r.status == TrainStatus::Ok);
        return std::make_pair(flat_parameters(net), r.final_train_loss);
    };
    const auto [w1, l1] = run(77);
    // Shift the heap so that the second network's buffers land at other
    // addresses: results must not depend on where memory happens to be.
    std::vector<std::vector<char>> shift;
    for (std::size_t i = 1; i < 40; ++i) shift.emplace_back(i * 24 + 4);
    const auto [w2, l2] = run(77);
    const auto [w3, l3] = run(78);
    REQUIRE(w1.size() == w2.size());
    CHECK(std::memcmp(w1.data(), w2.data(), w1.size() * sizeof(float)) == 0);
    CHECK(l1 == l2);
    CHECK(std::memcmp(w1.data(), w3.data(), w1.size() * sizeof(float)) != 0);
}

TEST_CASE("formulas that produce NaN or Inf stop training with NonFinite") {
    const Dataset d = xor_blobs(200, 3, 3.0f);
    for (const char* formula : {"log(x)", "exp(exp(exp(x)))", "sqrt(x)"}) {
        CAPTURE(formula);
        Network net = mlp(formula, ParamSharing::PerLayer);
        TrainConfig config;
        config.epochs = 5;
        config.batch_size = 16;
        const TrainResult r = train(net, d.features, d.labels, d.train_rows, config);
        CHECK(r.status == TrainStatus::NonFinite);
        CHECK(r.steps < 5 * (160 / 16));
        CHECK_FALSE(r.message.empty());
        CHECK(to_string(r.status) == "non-finite");
        CHECK_FALSE(evaluate(net, d.features, d.labels, d.test_rows, 16).finite);
    }
}

TEST_CASE("divergence and time budget stop training") {
    const Dataset d = xor_blobs(200, 4);
    Network net = mlp("tanh(x)", ParamSharing::PerLayer);
    TrainConfig config;
    config.epochs = 2;
    config.batch_size = 16;
    config.divergence_loss = 1e-3f; // every loss is above it
    TrainResult r = train(net, d.features, d.labels, d.train_rows, config);
    CHECK(r.status == TrainStatus::Diverged);
    CHECK(r.steps == 0);
    CHECK(r.final_train_loss > 1e-3f);

    config.divergence_loss = 1e4f;
    config.max_seconds = 1e-9;
    r = train(net, d.features, d.labels, d.train_rows, config);
    CHECK(r.status == TrainStatus::Timeout);
    CHECK_FALSE(r.message.empty());
    CHECK(r.steps == 0); // the clock is read before each batch
    CHECK(r.epochs_done == 0);

    config.max_seconds = 60.0;
    r = train(net, d.features, d.labels, d.train_rows, config);
    CHECK(r.status == TrainStatus::Ok);
    CHECK(r.epochs_done == 2);
}

TEST_CASE("a stop names its reason, epoch and step, and keeps the offending loss") {
    const Dataset d = xor_blobs(200, 4);
    TrainConfig config;
    config.epochs = 2;
    config.batch_size = 16;

    Network nan_net = mlp("log(x)", ParamSharing::PerLayer);
    TrainResult r = train(nan_net, d.features, d.labels, d.train_rows, config);
    CHECK(r.message == "non-finite loss at epoch 1, step 1");

    Network net = mlp("tanh(x)", ParamSharing::PerLayer);
    config.divergence_loss = 1e-3f;
    r = train(net, d.features, d.labels, d.train_rows, config);
    CHECK(r.message == fmt::format("loss {:g} above 0.001 at epoch 1, step 1", r.final_train_loss));

    config.divergence_loss = 1e4f;
    config.max_seconds = 1e-9;
    r = train(net, d.features, d.labels, d.train_rows, config);
    CHECK(r.message == "time budget of 1e-09 s used up at epoch 1, step 1");
    CHECK(std::isnan(r.final_train_loss)); // no batch ran
}

TEST_CASE("evaluate handles a padded last batch and small datasets") {
    const Dataset d = xor_blobs(103, 5);
    Network net = mlp("softsign(x)", ParamSharing::PerLayer);
    std::vector<std::uint32_t> all(103);
    std::iota(all.begin(), all.end(), 0u);
    const EvalResult whole = evaluate(net, d.features, d.labels, all, 103);
    const EvalResult padded = evaluate(net, d.features, d.labels, all, 10);
    const EvalResult big = evaluate(net, d.features, d.labels, all, 1000);
    CHECK(whole.finite);
    CHECK(padded.accuracy == whole.accuracy);
    CHECK(padded.loss == doctest::Approx(whole.loss).epsilon(1e-5));
    CHECK(big.accuracy == whole.accuracy);

    // Fewer rows than a batch: one smaller batch.
    TrainConfig config;
    config.batch_size = 64;
    const std::span<const std::uint32_t> few(all.data(), 10);
    const TrainResult r = train(net, d.features, d.labels, few, config);
    CHECK(r.status == TrainStatus::Ok);
    CHECK(r.steps == 1);
}

TEST_CASE("train and evaluate reject invalid data") {
    Dataset d = xor_blobs(20, 6);
    Network net = mlp("tanh(x)", ParamSharing::PerLayer);
    TrainConfig config;
    std::vector<std::uint32_t> bad_row{0, 25};
    CHECK_THROWS_AS(train(net, d.features, d.labels, bad_row, config), Error);
    CHECK_THROWS_AS(evaluate(net, d.features, d.labels, bad_row, 8), Error);
    d.labels[0] = 2;
    CHECK_THROWS_AS(train(net, d.features, d.labels, d.train_rows, config), Error);
    d.labels.pop_back();
    CHECK_THROWS_AS(evaluate(net, d.features, d.labels, d.test_rows, 8), Error);
    CHECK_THROWS_AS(train(net, d.features, d.labels, {}, config), Error);
}
