#include "actforge/core/error.hpp"
#include "actforge/nn/mixed_activation.hpp"
#include "actforge/nn/rnn.hpp"
#include "actforge/nn/trainer.hpp"
#include "conv_test_util.hpp"
#include "gradcheck.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

namespace {

constexpr CellKind kCells[] = {CellKind::Elman, CellKind::Gru, CellKind::Lstm};

RecurrentLayer make_layer(CellKind cell, RecurrentShape shape, const char* formula, ParamSharing sharing, Rng& rng) {
    const ActivationSpec a = make_activation(expr::parse(formula));
    return RecurrentLayer(cell, shape,
                          std::make_unique<ActivationLayer>(a.program, a.initial_params, sharing, shape.hidden, a.names),
                          Init::Xavier, rng);
}

double sigmoid(double a) { return 1.0 / (1.0 + std::exp(-a)); }

// The cells of recurrent.hpp by their definitions, one example at a time,
// in double, with φ = tanh.
Matrix naive_recurrent(RecurrentLayer& layer, const Matrix& in) {
    const RecurrentShape s = layer.shape();
    const auto n = static_cast<Eigen::Index>(s.hidden);
    const Matrix& w = layer.input_weights();
    const Matrix& u = layer.recurrent_weights();
    const RowVector& b = layer.bias();
    Matrix out(in.rows(), n);
    for (Eigen::Index row = 0; row < in.rows(); ++row) {
        Eigen::RowVectorXd h = Eigen::RowVectorXd::Zero(n);
        Eigen::RowVectorXd c = Eigen::RowVectorXd::Zero(n);
        for (Eigen::Index t = 0; t < Eigen::Index(s.steps); ++t) {
            const Eigen::RowVectorXd x =
                in.row(row).segment(t * Eigen::Index(s.step_size), Eigen::Index(s.step_size)).cast<double>();
            const Eigen::RowVectorXd xw = x * w.cast<double>() + b.cast<double>();
            const Eigen::MatrixXd ud = u.cast<double>();
            Eigen::RowVectorXd next(n);
            for (Eigen::Index j = 0; j < n; ++j) {
                if (layer.cell() == CellKind::Elman) {
                    next[j] = std::tanh(xw[j] + h.dot(ud.col(j)));
                } else if (layer.cell() == CellKind::Gru) {
                    const double z = sigmoid(xw[n + j] + h.dot(ud.col(n + j)));
                    Eigen::RowVectorXd rh(n);
                    for (Eigen::Index k = 0; k < n; ++k) rh[k] = sigmoid(xw[k] + h.dot(ud.col(k))) * h[k];
                    const double cand = std::tanh(xw[2 * n + j] + rh.dot(ud.col(2 * n + j)));
                    next[j] = (1 - z) * cand + z * h[j];
                } else {
                    auto a = [&](Eigen::Index gate) { return xw[gate * n + j] + h.dot(ud.col(gate * n + j)); };
                    c[j] = sigmoid(a(1)) * c[j] + sigmoid(a(0)) * std::tanh(a(2));
                    next[j] = sigmoid(a(3)) * std::tanh(c[j]);
                }
            }
            h = next;
        }
        out.row(row) = h.cast<float>();
    }
    return out;
}

} // namespace

TEST_CASE("recurrent cells match their definitions, step by step") {
    for (CellKind cell : kCells) {
        CAPTURE(to_string(cell));
        Rng rng(3);
        RecurrentLayer layer = make_layer(cell, {5, 3, 4}, "tanh(x)", ParamSharing::PerLayer, rng);
        layer.bias().setRandom(); // non-zero biases, so every term shows
        const Matrix in = random_matrix(6, 15, rng);
        Matrix out;
        layer.forward(in, out);
        REQUIRE(out.rows() == 6);
        REQUIRE(out.cols() == 4);
        const Matrix want = naive_recurrent(layer, in);
        CHECK((out - want).cwiseAbs().maxCoeff() < 1e-5f);
    }
}

TEST_CASE("recurrent gradients match central differences for weights, the activation's parameters and the input") {
    for (CellKind cell : kCells) {
        for (ParamSharing sharing : {ParamSharing::PerLayer, ParamSharing::PerNeuron}) {
            CAPTURE(to_string(cell));
            CAPTURE(sharing == ParamSharing::PerNeuron);
            Rng rng(11);
            RecurrentLayer layer =
                make_layer(cell, {4, 3, 5}, "a*tanh(x) + b*x where a=1.1, b=0.1", sharing, rng);
            std::vector<ParamRef> params = layer.parameters();
            REQUIRE(params.size() == 5);
            spread_undecayed(params, rng);
            Matrix in = random_matrix(7, 12, rng);
            const Matrix r = random_matrix(7, 5, rng);
            Matrix out;
            layer.forward(in, out);
            Matrix grad_in;
            layer.backward(in, out, r, &grad_in);
            auto loss = [&] {
                Matrix o;
                layer.forward(in, o);
                return weighted_sum(o, r);
            };
            auto [an, fd] = parameter_gradients(params, 2e-3f, loss);
            for (Eigen::Index j = 0; j < in.size(); ++j) {
                fd.push_back(central_difference(in.data()[j], 2e-3f, loss));
                an.push_back(grad_in.data()[j]);
            }
            CHECK(relative_error(an, fd) < 3e-3);
            CHECK(worst_element(an, fd, 3e-4, 2e-2) <= 1.0);
        }
    }
}

TEST_CASE("whole recurrent network gradient, with a head, matches central differences of the loss") {
    for (CellKind cell : kCells) {
        CAPTURE(to_string(cell));
        Rng rng(5);
        const RnnSpec spec{.cell = cell, .steps = 3, .hidden = 4, .dense_hidden = {3}};
        const auto acts = specs({"x*sigmoid(a*x) where a=1.2", "softplus(x) - 0.5"});
        Network net = make_rnn(6, spec, 3, acts, ParamSharing::PerLayer, Init::Xavier, rng);
        CHECK(net.activation_layers().size() == 2);
        check_network_gradient(net, {0, 1, 2, 2, 1, 0, 0, 1}, rng);
    }
}

TEST_CASE("make_rnn: layer order, the cell's activation listed first, rng children, shape errors") {
    Rng rng(1);
    RnnSpec spec{.cell = CellKind::Gru, .steps = 4, .hidden = 6, .dense_hidden = {5}};
    const auto acts = specs({"tanh(x)"});
    Network net = make_rnn(8, spec, 3, acts, ParamSharing::PerNeuron, Init::He, rng);
    REQUIRE(net.num_layers() == 4); // recurrent, dense, activation, dense
    CHECK(net.output_size() == 3);
    REQUIRE(net.activation_layers().size() == 2);
    CHECK(net.activation_layers()[0]->width() == 6);
    CHECK(net.activation_layers()[1]->width() == 5);
    // Gates of a GRU: W is 2 x 18, U 6 x 18; the same seed gives the same weights.
    auto& rec = dynamic_cast<RecurrentLayer&>(net.layer(0));
    CHECK(rec.input_weights().rows() == 2);
    CHECK(rec.input_weights().cols() == 18);
    CHECK(rec.recurrent_weights().rows() == 6);
    Rng again(1);
    Network twin = make_rnn(8, spec, 3, acts, ParamSharing::PerNeuron, Init::He, again);
    CHECK(dynamic_cast<RecurrentLayer&>(twin.layer(0)).recurrent_weights() == rec.recurrent_weights());

    spec.steps = 3;
    CHECK_THROWS_AS((void)make_rnn(8, spec, 3, acts, ParamSharing::PerLayer, Init::He, rng), Error);
    spec.steps = 4;
    CHECK_THROWS_AS((void)make_rnn(8, spec, 3, specs({"x", "x", "x"}), ParamSharing::PerLayer, Init::He, rng), Error);
    RecurrentLayer lstm = make_layer(CellKind::Lstm, {2, 2, 3}, "tanh(x)", ParamSharing::PerLayer, rng);
    CHECK(lstm.bias().segment(3, 3).minCoeff() >= 1.0f); // the forget gate starts open (Xavier: other biases 0)
    Matrix out;
    CHECK_THROWS_AS(lstm.forward(Matrix::Zero(2, 5), out), Error);
    CHECK_THROWS_AS(lstm.backward(Matrix::Zero(2, 4), out, Matrix::Zero(2, 3), nullptr), Error);
}

TEST_CASE("a mixture of primitives as the cell's activation: its parameters' and its weights' gradients, summed over the steps") {
    for (CellKind cell : {CellKind::Elman, CellKind::Lstm}) {
        CAPTURE(to_string(cell));
        Rng rng(2);
        const RnnSpec spec{.cell = cell, .steps = 3, .hidden = 3, .dense_hidden = {}};
        ActivationSpec mixture;
        const std::vector<ActivationSpec> components = specs({"tanh(x)", "x*sigmoid(a*x) where a=0.7", "sin(x)"});
        MixedActivationLayer* mixed = nullptr;
        mixture.make_layer = [&](std::size_t width, std::size_t unit, ParamSharing sharing) -> std::unique_ptr<Layer> {
            auto layer = std::make_unique<MixedActivationLayer>(components, sharing, width, unit, 10.0f);
            mixed = layer.get();
            return layer;
        };
        Network net =
            make_rnn(12, spec, 2, std::vector<ActivationSpec>{mixture}, ParamSharing::PerLayer, Init::Xavier, rng);
        CHECK(net.activation_layers().empty());
        REQUIRE(mixed != nullptr);
        std::vector<double> w{0.5, 0.3, 0.2};
        mixed->set_weights(w);
        const Matrix in = random_matrix(5, 12, rng);
        const std::vector<std::int32_t> labels{0, 1, 1, 0, 1};
        auto loss = backprop_cross_entropy(net, in, labels);
        // g_k = dL/dw_k, which a differentiable search turns into dL/dalpha:
        // the sum over every step's use of the mixture.
        const std::vector<double> g(mixed->weight_gradients().begin(), mixed->weight_gradients().end());
        std::vector<double> fd_w;
        for (std::size_t k = 0; k < w.size(); ++k) {
            const double h = 1e-3;
            std::vector<double> up = w;
            std::vector<double> down = w;
            up[k] += h;
            down[k] -= h;
            mixed->set_weights(up);
            const double lp = loss();
            mixed->set_weights(down);
            const double lm = loss();
            fd_w.push_back((lp - lm) / (static_cast<double>(static_cast<float>(up[k])) -
                                        static_cast<double>(static_cast<float>(down[k]))));
        }
        mixed->set_weights(w);
        CHECK(relative_error(g, fd_w) < 5e-3);
        std::vector<ParamRef> params = net.parameters();
        const auto [an, fd] = parameter_gradients(params, 3e-3f, loss);
        CHECK(relative_error(an, fd) < 5e-3);
    }
}

TEST_CASE("a recurrent network learns which half of a sequence holds the larger sum, deterministically") {
    // 8 steps of one value each; the label says whether the first 4 sum to
    // more than the last 4: the net must carry a sum across steps.
    Rng data_rng(7);
    const Eigen::Index n = 1024;
    Matrix x = random_matrix(n, 8, data_rng);
    std::vector<std::int32_t> labels(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
        labels[static_cast<std::size_t>(i)] = x.row(i).head(4).sum() > x.row(i).tail(4).sum() ? 1 : 0;
    }
    std::vector<std::uint32_t> train_rows(768);
    std::vector<std::uint32_t> test_rows(256);
    for (std::uint32_t i = 0; i < 768; ++i) train_rows[i] = i;
    for (std::uint32_t i = 0; i < 256; ++i) test_rows[i] = 768 + i;
    for (CellKind cell : kCells) {
        CAPTURE(to_string(cell));
        double accuracies[2] = {};
        for (double& accuracy : accuracies) {
            Rng rng(9);
            const RnnSpec spec{.cell = cell, .steps = 8, .hidden = 16, .dense_hidden = {}};
            Network net = make_rnn(8, spec, 2, specs({"tanh(x)"}), ParamSharing::PerLayer, Init::Xavier, rng);
            TrainConfig config;
            config.epochs = 30;
            config.batch_size = 32;
            config.lr = 1e-2f;
            config.clip_norm = 5.0f;
            config.seed = 4;
            const TrainResult r = train(net, x, labels, train_rows, config);
            REQUIRE(r.status == TrainStatus::Ok);
            accuracy = evaluate(net, x, labels, test_rows, 64).accuracy;
        }
        CHECK(accuracies[0] >= 0.9);
        CHECK(accuracies[0] == accuracies[1]);
    }
}
