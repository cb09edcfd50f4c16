#pragma once
// Finite-difference helpers shared by the nn tests.
#include "actforge/core/rng.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/network.hpp"
#include "actforge/nn/tensor.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <vector>

namespace actforge::nn::test {

inline Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double scale = 1.0) {
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(scale * rng.normal());
    return m;
}

// sum(weights .* out), accumulated in double: a scalar loss whose gradient
// with respect to `out` is exactly `weights`.
inline double weighted_sum(const Matrix& out, const Matrix& weights) {
    return (out.cast<double>().array() * weights.cast<double>().array()).sum();
}

// Central difference of loss() in the scalar `v`, restoring v afterwards.
// Divides by the step actually taken (in float, not 2h).
template <typename T, typename Loss> double central_difference(T& v, T h, Loss&& loss) {
    const T old = v;
    const T up = old + h;
    const T down = old - h;
    v = up;
    const double lp = loss();
    v = down;
    const double lm = loss();
    v = old;
    return (lp - lm) / (static_cast<double>(up) - static_cast<double>(down));
}

// ||a - b|| / max(||a||, ||b||): small when two gradients agree as vectors;
// a wrong transpose, a missing term or a swapped index makes it O(1).
inline double relative_error(const std::vector<double>& a, const std::vector<double>& b) {
    double diff = 0.0;
    double na = 0.0;
    double nb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diff += (a[i] - b[i]) * (a[i] - b[i]);
        na += a[i] * a[i];
        nb += b[i] * b[i];
    }
    return std::sqrt(diff) / std::max({std::sqrt(na), std::sqrt(nb), 1e-12});
}

// Largest |a_i - b_i| / (atol + rtol * |b_i|): at most 1 when every element
// is within tolerance.
inline double worst_element(const std::vector<double>& a, const std::vector<double>& b, double atol, double rtol) {
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        worst = std::max(worst, std::abs(a[i] - b[i]) / (atol + rtol * std::abs(b[i])));
    }
    return worst;
}

// Central differences of sum(r .* layer(in)) against the analytic gradient
// for every entry of `values`. The layers checked with it (Dense, Conv2d,
// pooling) are piecewise linear in each entry, so the large step has no
// truncation error and keeps float rounding small.
template <typename Loss> void check_gradient(float* values, const float* analytic, Eigen::Index n, Loss&& loss) {
    std::vector<double> fd;
    std::vector<double> an;
    for (Eigen::Index i = 0; i < n; ++i) {
        fd.push_back(central_difference(values[i], 0.25f, loss));
        an.push_back(analytic[i]);
    }
    CHECK(relative_error(an, fd) < 1e-4);
    CHECK(worst_element(an, fd, 1e-4, 1e-3) <= 1.0);
}

// The analytic gradient left in every parameter's grad buffer, and the
// central difference of loss() with step h for each entry, in one order.
struct GradientPair {
    std::vector<double> analytic;
    std::vector<double> numeric;
};

template <typename Loss> GradientPair parameter_gradients(std::vector<ParamRef>& params, float h, Loss&& loss) {
    GradientPair g;
    for (ParamRef& p : params) {
        for (std::size_t j = 0; j < p.size; ++j) {
            g.numeric.push_back(central_difference(p.value[j], h, loss));
            g.analytic.push_back(p.grad[j]);
        }
    }
    return g;
}

// Adds 0.2 N(0, 1) to every bias and activation parameter (the entries
// without weight decay), so every unit differs and every term of a gradient
// is exercised.
inline void spread_undecayed(std::vector<ParamRef>& params, Rng& rng) {
    for (ParamRef& p : params) {
        if (p.decay) continue;
        for (std::size_t j = 0; j < p.size; ++j) p.value[j] += static_cast<float>(0.2 * rng.normal());
    }
}

// Leaves the analytic gradient of the softmax cross-entropy of `net` on
// (in, labels) in the parameters' grad buffers, and returns that loss as a
// function of the current parameter values, for central differences.
inline auto backprop_cross_entropy(Network& net, const Matrix& in, const std::vector<std::int32_t>& labels) {
    Matrix grad_logits;
    SoftmaxCrossEntropy::loss_and_grad(net.forward(in), labels, grad_logits);
    net.backward(grad_logits);
    return [&net, &in, &labels] { return static_cast<double>(SoftmaxCrossEntropy::loss(net.forward(in), labels)); };
}

// The whole-network check: biases and activation parameters spread, a
// random batch of labels.size() rows, then every parameter's gradient of
// the cross-entropy against central differences (step 3e-3: smooth
// activations, float).
inline void check_network_gradient(Network& net, const std::vector<std::int32_t>& labels, Rng& rng) {
    std::vector<ParamRef> params = net.parameters();
    spread_undecayed(params, rng);
    const Matrix in = random_matrix(static_cast<Eigen::Index>(labels.size()),
                                    static_cast<Eigen::Index>(net.input_size()), rng);
    auto loss = backprop_cross_entropy(net, in, labels);
    const auto [an, fd] = parameter_gradients(params, 3e-3f, loss);
    CHECK(fd.size() == net.num_parameters());
    CHECK(relative_error(an, fd) < 5e-3);
    CHECK(worst_element(an, fd, 2e-4, 2e-2) <= 1.0);
}

} // namespace actforge::nn::test
