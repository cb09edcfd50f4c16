// The mixed activation of the differentiable search: its gradients with
// respect to the mixture logits alpha and to the functions' own parameters
// against finite differences of a double-precision reference, and a single
// function trains exactly as the plain activation layer does.
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/nn/mixed_activation.hpp"
#include "actforge/nn/network.hpp"
#include "actforge/nn/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::nn;

namespace {

constexpr float kClamp = 4.0f;

// tanh, a swish with its own beta, and exp (clamped for x > log 4).
const std::vector<std::string> kFunctions{"tanh(x)", "x*sigmoid(b*x) where b=1.3", "exp(x)"};

std::vector<expr::Tree> trees() {
    std::vector<expr::Tree> out;
    for (const auto& f : kFunctions) out.push_back(expr::parse(f));
    return out;
}

// sum over elements of grad_out * phi(x), in double, for mixture logits
// alpha and the swish's beta.
double reference_loss(const Matrix& x, const Matrix& grad_out, const std::vector<double>& alpha, double beta,
                      double temperature) {
    const std::vector<expr::Tree> t = trees();
    const std::vector<double> w = mixture_weights(alpha, temperature);
    double loss = 0.0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        double phi = 0.0;
        for (std::size_t k = 0; k < t.size(); ++k) {
            const std::vector<double> params = k == 1 ? std::vector<double>{beta} : std::vector<double>{};
            const double f = expr::reference_value(t[k], x.data()[i], params);
            phi += w[k] * std::clamp(f, -double{kClamp}, double{kClamp});
        }
        loss += grad_out.data()[i] * phi;
    }
    return loss;
}

} // namespace

TEST_CASE("mixture weights are a softmax and their alpha gradient is the chain rule through it") {
    const std::vector<double> w = mixture_weights(std::vector<double>{0.0, 1.0, -2.0}, 0.5);
    CHECK(w[0] + w[1] + w[2] == doctest::Approx(1.0));
    CHECK(w[1] > w[0]);
    CHECK(w[0] > w[2]);
    CHECK(mixture_weights(std::vector<double>{1000.0, 0.0}, 1.0)[0] == 1.0); // no overflow
    const std::vector<double> g = mixture_alpha_gradient(w, std::vector<double>{2.0, 2.0, 2.0}, 0.5);
    for (double v : g) CHECK(v == doctest::Approx(0.0)); // equal g: moving alpha changes nothing
}

TEST_CASE("the mixed activation's gradients for alpha and for a function's parameter match finite differences") {
    const std::vector<expr::Tree> t = trees();
    std::vector<ActivationSpec> specs;
    for (const auto& tree : t) specs.push_back(make_activation(tree));
    MixedActivationLayer layer(specs, ParamSharing::PerLayer, 3, 1, kClamp);
    const std::vector<double> alpha{0.3, -0.2, 0.5};
    const double temperature = 0.7;
    layer.set_weights(mixture_weights(alpha, temperature));
    Rng rng(7);
    Matrix x(5, 3);
    Matrix grad_out(5, 3);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        x.data()[i] = static_cast<float>(rng.uniform(-3.0, 3.0));
        grad_out.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
    }
    Matrix out;
    Matrix grad_in;
    layer.forward(x, out);
    layer.backward(x, out, grad_out, &grad_in);
    const std::vector<double> w(layer.weights().begin(), layer.weights().end());
    const std::vector<double> dalpha = mixture_alpha_gradient(w, layer.weight_gradients(), temperature);
    const double h = 1e-6;
    for (std::size_t j = 0; j < alpha.size(); ++j) {
        std::vector<double> up = alpha;
        std::vector<double> down = alpha;
        up[j] += h;
        down[j] -= h;
        const double fd = (reference_loss(x, grad_out, up, 1.3, temperature) -
                           reference_loss(x, grad_out, down, 1.3, temperature)) / (2 * h);
        CAPTURE(j);
        CHECK(dalpha[j] == doctest::Approx(fd).epsilon(1e-4));
    }
    const std::vector<ParamRef> params = layer.parameters();
    REQUIRE(params.size() == 1); // the swish's beta
    const double fd_beta = (reference_loss(x, grad_out, alpha, 1.3 + h, temperature) -
                            reference_loss(x, grad_out, alpha, 1.3 - h, temperature)) / (2 * h);
    CHECK(double{*params[0].grad} == doctest::Approx(fd_beta).epsilon(1e-4));
}

TEST_CASE("a mixture of one function trains bit-identically to the plain activation layer") {
    const ActivationSpec plain = make_activation(expr::parse("x*sigmoid(b*x) where b=1"));
    ActivationSpec mixed;
    mixed.make_layer = [&](std::size_t width, std::size_t unit, ParamSharing sharing) {
        auto layer = std::make_unique<MixedActivationLayer>(std::span(&plain, 1), sharing, width, unit, 1e30f);
        layer->set_weights(mixture_weights(std::vector<double>{0.0}, 1.0));
        return layer;
    };
    Rng data_rng(3);
    Matrix features(200, 4);
    std::vector<std::int32_t> labels(200);
    std::vector<std::uint32_t> rows(200);
    for (std::uint32_t i = 0; i < 200; ++i) {
        for (Eigen::Index j = 0; j < 4; ++j) features(i, j) = static_cast<float>(data_rng.uniform(-2.0, 2.0));
        labels[i] = features(i, 0) * features(i, 1) > 0 ? 1 : 0;
        rows[i] = i;
    }
    TrainConfig config;
    config.epochs = 3;
    config.batch_size = 16;
    config.seed = 5;
    const std::vector<std::size_t> hidden{8, 8};
    Rng rng_a(11);
    Rng rng_b(11);
    Network a = make_mlp(4, hidden, 2, std::span(&plain, 1), ParamSharing::PerNeuron, Init::He, rng_a);
    Network b = make_mlp(4, hidden, 2, std::span(&mixed, 1), ParamSharing::PerNeuron, Init::He, rng_b);
    const TrainResult ra = train(a, features, labels, rows, config);
    const TrainResult rb = train(b, features, labels, rows, config);
    CHECK(ra.final_train_loss == rb.final_train_loss);
    const std::vector<ParamRef> pa = a.parameters();
    const std::vector<ParamRef> pb = b.parameters();
    REQUIRE(pa.size() == pb.size());
    for (std::size_t i = 0; i < pa.size(); ++i) {
        CAPTURE(pa[i].name);
        CHECK(std::equal(pa[i].value, pa[i].value + pa[i].size, pb[i].value));
    }
}

TEST_CASE("a function of weight 0 (dropped by shrinking) is not run: its NaN does not stop the mixture") {
    const std::vector<ActivationSpec> parts{make_activation(expr::parse("tanh(x)")), make_activation(expr::parse("log(x)"))};
    MixedActivationLayer mix(parts, ParamSharing::PerLayer, 3, 1, 10.0f);
    mix.set_weights(std::vector<double>{1.0, 0.0});
    Matrix in(2, 3);
    in << -1.0f, 0.5f, 2.0f, -0.25f, 0.0f, 3.0f; // log is NaN or -inf on half of them
    Matrix out;
    mix.forward(in, out);
    CHECK_FALSE(mix.saw_non_finite());
    CHECK(out == in.array().tanh().matrix());
    Matrix grad_in;
    mix.backward(in, out, Matrix::Ones(2, 3), &grad_in);
    CHECK(mix.weight_gradients()[1] == 0.0);
    CHECK(grad_in.allFinite());
    mix.set_weights(std::vector<double>{0.5, 0.5});
    mix.forward(in, out);
    CHECK(mix.saw_non_finite()); // with a weight, log runs again
}
