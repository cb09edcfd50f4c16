#pragma once
// An autoregressive token policy: a one-layer LSTM that emits one token per
// step, each step with its own softmax head over that step's vocabulary, and
// the embedding of the previous step's token as the next input (a start
// embedding before the first step), as in Zoph & Le (2017).
//
// Every weight lives in one flat vector (embeddings, LSTM, heads, in that
// order), so an optimizer, a checkpoint and a finite-difference check see a
// single array. Double precision throughout: the vectors are small and the
// gradient is checked against central differences.
#include "actforge/core/rng.hpp"

#include <cstddef>
#include <Eigen/Dense>
#include <vector>

namespace actforge::evolution {

namespace detail {
struct StepCache;
} // namespace detail

struct PolicyShape {
    std::vector<std::size_t> vocab; // tokens per step (each >= 1)
    std::size_t hidden = 32;        // LSTM state size, also the embedding size
};

// What one token sequence scores under the policy. Entropies are those of
// each step's full distribution given the sequence's earlier tokens.
struct SequenceStats {
    double log_prob = 0.0;
    std::vector<double> step_entropy;
    std::vector<Eigen::VectorXd> step_probabilities;
};

class LstmPolicy {
public:
    // Weights uniform in [-init_scale, init_scale] from `rng`.
    LstmPolicy(PolicyShape shape, Rng rng, double init_scale = 0.1);

    [[nodiscard]] const PolicyShape& shape() const noexcept { return shape_; }
    [[nodiscard]] std::size_t steps() const noexcept { return shape_.vocab.size(); }
    [[nodiscard]] std::size_t parameter_count() const noexcept { return static_cast<std::size_t>(theta_.size()); }
    [[nodiscard]] const Eigen::VectorXd& parameters() const noexcept { return theta_; }
    // Throws actforge::Error when the size differs from parameter_count().
    void set_parameters(Eigen::VectorXd theta);

    // A sequence drawn token by token.
    [[nodiscard]] std::vector<std::size_t> sample(Rng& rng) const;
    // The sequence that takes the most likely token at every step.
    [[nodiscard]] std::vector<std::size_t> greedy() const;
    [[nodiscard]] SequenceStats evaluate(const std::vector<std::size_t>& tokens) const;

    // Adds to `grad` the gradient of
    //   logp_weight * log p(tokens) + entropy_weight * sum_t H_t(tokens)
    // (exact backpropagation through time) and returns evaluate(tokens).
    SequenceStats accumulate_gradient(const std::vector<std::size_t>& tokens, double logp_weight, double entropy_weight,
                                      Eigen::VectorXd& grad) const;

private:
    template <class Choose> std::vector<std::size_t> rollout(Choose choose) const;
    [[nodiscard]] std::vector<detail::StepCache> forward(const std::vector<std::size_t>& tokens) const;
    [[nodiscard]] std::size_t input_row(std::size_t step, const std::vector<std::size_t>& tokens) const;

    PolicyShape shape_;
    std::vector<std::size_t> token_row_;  // first embedding row of each step's tokens
    std::vector<std::size_t> head_start_; // offset of each step's head in theta_
    std::size_t lstm_start_ = 0;
    Eigen::VectorXd theta_;
};

} // namespace actforge::evolution
