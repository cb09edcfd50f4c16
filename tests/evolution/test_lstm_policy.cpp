// The LSTM policy on its own: its gradient against central finite
// differences, and sampling that follows its own distribution.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/strategies/adam_ascent.hpp"
#include "actforge/evolution/strategies/lstm_policy.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <numeric>

using namespace actforge;
using namespace actforge::evolution;

namespace {

// The objective accumulate_gradient differentiates.
double objective(const LstmPolicy& policy, const std::vector<std::size_t>& tokens, double wl, double we) {
    const SequenceStats s = policy.evaluate(tokens);
    return wl * s.log_prob + we * std::accumulate(s.step_entropy.begin(), s.step_entropy.end(), 0.0);
}

} // namespace

TEST_CASE("the policy gradient matches central finite differences in every weight") {
    // Large initial weights so that gates saturate unevenly and every term matters.
    const LstmPolicy base(PolicyShape{{3, 1, 4, 2, 5}, 6}, Rng(11), 0.8);
    const std::vector<std::size_t> tokens{2, 0, 3, 1, 4};
    for (const auto& weights : {std::pair{1.0, 0.0}, std::pair{0.0, 1.0}, std::pair{-0.7, 0.3}}) {
        const double wl = weights.first; // not a structured binding: CAPTURE's lambda needs C++20 or clang 16
        const double we = weights.second;
        CAPTURE(wl);
        CAPTURE(we);
        Eigen::VectorXd grad = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(base.parameter_count()));
        base.accumulate_gradient(tokens, wl, we, grad);
        CHECK(grad.norm() > 1e-3);
        LstmPolicy probe = base;
        Eigen::VectorXd theta = base.parameters();
        double worst = 0.0;
        const double h = 1e-5;
        for (Eigen::Index i = 0; i < theta.size(); ++i) {
            const double old = theta[i];
            theta[i] = old + h;
            probe.set_parameters(theta);
            const double up = objective(probe, tokens, wl, we);
            theta[i] = old - h;
            probe.set_parameters(theta);
            const double down = objective(probe, tokens, wl, we);
            theta[i] = old;
            const double fd = (up - down) / (2 * h);
            worst = std::max(worst, std::abs(grad[i] - fd) / std::max(std::abs(grad[i]) + std::abs(fd), 1e-6));
        }
        CHECK(worst < 1e-5);
    }
}

TEST_CASE("the policy samples from its own distribution, and greedy takes each step's most likely token") {
    const LstmPolicy policy(PolicyShape{{3, 2}, 4}, Rng(5), 1.0);
    Rng rng(9);
    std::vector<int> counts(3, 0);
    const int n = 20000;
    for (int i = 0; i < n; ++i) ++counts[policy.sample(rng)[0]];
    const SequenceStats first = policy.evaluate({0, 0});
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK(static_cast<double>(counts[k]) / n ==
              doctest::Approx(first.step_probabilities[0][static_cast<Eigen::Index>(k)]).epsilon(0.03));
    }
    const std::vector<std::size_t> top = policy.greedy();
    const SequenceStats s = policy.evaluate(top);
    for (std::size_t t = 0; t < top.size(); ++t) {
        CHECK(s.step_probabilities[t].maxCoeff() == s.step_probabilities[t][static_cast<Eigen::Index>(top[t])]);
    }
    CHECK(std::exp(s.log_prob) <= 1.0);
}

TEST_CASE("Adam's state reads back exactly") {
    AdamAscent adam(3);
    Eigen::VectorXd theta = Eigen::VectorXd::Constant(3, 0.1);
    adam.ascend(theta, Eigen::Vector3d(0.3, -1.0 / 3.0, 1e-9), 0.01);
    AdamAscent copy(3);
    copy.restore(nlohmann::json::parse(adam.save().dump()));
    Eigen::VectorXd a = theta;
    Eigen::VectorXd b = theta;
    adam.ascend(a, Eigen::Vector3d(0.1, 0.2, 0.3), 0.01);
    copy.ascend(b, Eigen::Vector3d(0.1, 0.2, 0.3), 0.01);
    CHECK(a == b);
    CHECK(copy.steps() == 2);
    AdamAscent other(4);
    CHECK_THROWS(other.restore(adam.save()));
}
