// The mixed activation of the differentiable search: its gradients with
// respect to the mixture logits alpha and to the functions' own parameters
// against finite differences of a double-precision reference, and a single
// function trains exactly as the plain activation layer does.
#include "actforge/core/error.hpp"
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

// No standardization, and one that moves and scales every function.
const std::vector<std::vector<ComponentScale>> kStandardizations{{{0.0f, 1.0f}, {0.0f, 1.0f}, {0.0f, 1.0f}},
                                                                 {{0.25f, 1.5f}, {-0.5f, 0.75f}, {1.125f, 2.0f}}};

// sum over elements of grad_out * phi(x), in double, for mixture logits
// alpha, the swish's beta and each function's offset and scale.
double reference_loss(const Matrix& x, const Matrix& grad_out, const std::vector<double>& alpha, double beta,
                      double temperature, std::span<const ComponentScale> scales) {
    const std::vector<expr::Tree> t = trees();
    const std::vector<double> w = mixture_weights(alpha, temperature);
    double loss = 0.0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        double phi = 0.0;
        for (std::size_t k = 0; k < t.size(); ++k) {
            const std::vector<double> params = k == 1 ? std::vector<double>{beta} : std::vector<double>{};
            const double f = expr::reference_value(t[k], x.data()[i], params);
            phi += w[k] * scales[k].scale * (std::clamp(f, -double{kClamp}, double{kClamp}) - scales[k].offset);
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

TEST_CASE("the mixed activation's gradients for alpha, a function's parameter and x match finite differences") {
    const std::vector<expr::Tree> t = trees();
    std::vector<ActivationSpec> specs;
    for (const auto& tree : t) specs.push_back(make_activation(tree));
    for (const std::vector<ComponentScale>& scales : kStandardizations) {
        CAPTURE(scales[0].offset);
        MixedActivationLayer layer(specs, ParamSharing::PerLayer, 3, 1, kClamp);
        layer.set_standardization(scales);
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
        x(0, 0) = 0.5f; // every function in range
        x(2, 1) = 2.0f; // exp(2) > kClamp: exp passes no gradient here
        Matrix out;
        Matrix grad_in;
        layer.forward(x, out);
        layer.backward(x, out, grad_out, &grad_in);
        const auto loss = [&](const std::vector<double>& a, double beta, const Matrix& at) {
            return reference_loss(at, grad_out, a, beta, temperature, scales);
        };
        // The layer computes phi in float: its output against the reference.
        Matrix one = Matrix::Zero(5, 3);
        one(1, 2) = 1.0f;
        CHECK(double{out(1, 2)} ==
              doctest::Approx(reference_loss(x, one, alpha, 1.3, temperature, scales)).epsilon(1e-5));
        const std::vector<double> w(layer.weights().begin(), layer.weights().end());
        const std::vector<double> dalpha = mixture_alpha_gradient(w, layer.weight_gradients(), temperature);
        const double h = 1e-6;
        for (std::size_t j = 0; j < alpha.size(); ++j) {
            std::vector<double> up = alpha;
            std::vector<double> down = alpha;
            up[j] += h;
            down[j] -= h;
            CAPTURE(j);
            CHECK(dalpha[j] == doctest::Approx((loss(up, 1.3, x) - loss(down, 1.3, x)) / (2 * h)).epsilon(1e-4));
        }
        const std::vector<ParamRef> params = layer.parameters();
        REQUIRE(params.size() == 1); // the swish's beta
        const double fd_beta = (loss(alpha, 1.3 + h, x) - loss(alpha, 1.3 - h, x)) / (2 * h);
        CHECK(double{*params[0].grad} == doctest::Approx(fd_beta).epsilon(1e-4));
        // d/dx at the two points set above.
        for (const auto& [r, c] : {std::pair{0, 0}, std::pair{2, 1}}) {
            Matrix up = x;
            Matrix down = x;
            const float step = 1e-3f;
            up(r, c) += step;
            down(r, c) -= step;
            const double fd_x = (loss(alpha, 1.3, up) - loss(alpha, 1.3, down)) / (double{up(r, c)} - down(r, c));
            CAPTURE(r);
            CHECK(double{grad_in(r, c)} == doctest::Approx(fd_x).epsilon(1e-3));
        }
    }
}

TEST_CASE("a standardization must have a positive, finite scale and one entry per function") {
    const expr::Tree tanh_tree = expr::parse("tanh(x)");
    const ActivationSpec spec = make_activation(tanh_tree);
    MixedActivationLayer layer(std::span(&spec, 1), ParamSharing::PerLayer, 2, 1, kClamp);
    CHECK_THROWS_AS(layer.set_standardization(std::vector<ComponentScale>{{0.0f, 0.0f}}), Error);
    CHECK_THROWS_AS(layer.set_standardization(std::vector<ComponentScale>{{NAN, 1.0f}}), Error);
    CHECK_THROWS_AS(layer.set_standardization(std::vector<ComponentScale>(2)), Error);
    CHECK_NOTHROW(layer.set_standardization(std::vector<ComponentScale>{{0.5f, 2.0f}}));
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
