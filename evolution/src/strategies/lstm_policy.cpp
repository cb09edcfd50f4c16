#include "actforge/evolution/strategies/lstm_policy.hpp"

#include "actforge/core/error.hpp"
#include "strategies/lstm_policy_detail.hpp"

#include <fmt/format.h>
#include <numeric>

namespace actforge::evolution {

using detail::Weights;
using Eigen::VectorXd;

LstmPolicy::LstmPolicy(PolicyShape shape, Rng rng, double init_scale) : shape_(std::move(shape)) {
    if (shape_.vocab.empty() || shape_.hidden == 0) throw Error("a policy needs at least one step and one unit");
    const std::size_t h = shape_.hidden;
    std::size_t rows = 1; // row 0: the start embedding
    for (std::size_t k : shape_.vocab) {
        if (k == 0) throw Error("every step of a policy needs at least one token");
        token_row_.push_back(rows);
        rows += k;
    }
    lstm_start_ = rows * h;
    std::size_t offset = lstm_start_ + 4 * h * 2 * h + 4 * h;
    for (std::size_t k : shape_.vocab) {
        head_start_.push_back(offset);
        offset += k * h + k;
    }
    theta_.resize(static_cast<Eigen::Index>(offset));
    for (Eigen::Index i = 0; i < theta_.size(); ++i) theta_[i] = rng.uniform(-init_scale, init_scale);
}

void LstmPolicy::set_parameters(VectorXd theta) {
    if (theta.size() != theta_.size()) {
        throw Error(fmt::format("the policy has {} weights, not {}", theta_.size(), theta.size()));
    }
    theta_ = std::move(theta);
}

std::size_t LstmPolicy::input_row(std::size_t step, const std::vector<std::size_t>& tokens) const {
    return step == 0 ? 0 : token_row_[step - 1] + tokens[step - 1];
}

std::vector<detail::StepCache> LstmPolicy::forward(const std::vector<std::size_t>& tokens) const {
    if (tokens.size() != steps()) throw Error(fmt::format("a sequence of {} tokens, not {}", tokens.size(), steps()));
    const Weights<const double> w(theta_.data(), shape_, head_start_, lstm_start_);
    std::vector<detail::StepCache> caches;
    caches.reserve(steps());
    VectorXd h = VectorXd::Zero(static_cast<Eigen::Index>(shape_.hidden));
    VectorXd c = h;
    for (std::size_t t = 0; t < steps(); ++t) {
        if (tokens[t] >= shape_.vocab[t]) throw Error(fmt::format("token {} out of range at step {}", tokens[t], t));
        detail::StepCache& s = caches.emplace_back();
        s.row = input_row(t, tokens);
        detail::lstm_step(w, w.embedding.col(static_cast<Eigen::Index>(s.row)), h, c, s);
        detail::head(w, t, s);
        h = s.h;
        c = s.c;
    }
    return caches;
}

template <class Choose> std::vector<std::size_t> LstmPolicy::rollout(Choose choose) const {
    const Weights<const double> w(theta_.data(), shape_, head_start_, lstm_start_);
    std::vector<std::size_t> tokens;
    VectorXd h = VectorXd::Zero(static_cast<Eigen::Index>(shape_.hidden));
    VectorXd c = h;
    for (std::size_t t = 0; t < steps(); ++t) {
        detail::StepCache s;
        s.row = input_row(t, tokens);
        detail::lstm_step(w, w.embedding.col(static_cast<Eigen::Index>(s.row)), h, c, s);
        detail::head(w, t, s);
        tokens.push_back(choose(s.p));
        h = s.h;
        c = s.c;
    }
    return tokens;
}

std::vector<std::size_t> LstmPolicy::sample(Rng& rng) const {
    return rollout([&](const VectorXd& p) {
        // Inverse CDF; the last token takes any rounding remainder.
        double u = rng.uniform();
        for (Eigen::Index k = 0; k + 1 < p.size(); ++k) {
            if (u < p[k]) return static_cast<std::size_t>(k);
            u -= p[k];
        }
        return static_cast<std::size_t>(p.size() - 1);
    });
}

std::vector<std::size_t> LstmPolicy::greedy() const {
    return rollout([](const VectorXd& p) {
        Eigen::Index best = 0;
        p.maxCoeff(&best); // the first maximum: ties resolve to the lower token
        return static_cast<std::size_t>(best);
    });
}

SequenceStats LstmPolicy::evaluate(const std::vector<std::size_t>& tokens) const {
    return detail::stats_of(forward(tokens), tokens);
}

} // namespace actforge::evolution
