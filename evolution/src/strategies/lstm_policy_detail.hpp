#pragma once
// The pieces of LstmPolicy's forward and backward passes: views of the flat
// weight vector (or of a gradient with the same layout), one LSTM step, one
// softmax head, and what a step keeps for backpropagation.
//
// Layout of the flat vector: the embeddings (hidden x rows, one column per
// row: row 0 the start, then each step's tokens), the LSTM weights W
// (4*hidden x 2*hidden, acting on [input; h]) and bias (4*hidden, gates in
// the order input, forget, cell, output), then per step its head's weights
// (vocab x hidden) and bias (vocab).
#include "actforge/evolution/strategies/lstm_policy.hpp"

#include <Eigen/Dense>
#include <type_traits>

namespace actforge::evolution::detail {

template <class T> // double, or const double for read-only views
struct Weights {
    using Matrix = std::conditional_t<std::is_const_v<T>, const Eigen::MatrixXd, Eigen::MatrixXd>;
    using Vector = std::conditional_t<std::is_const_v<T>, const Eigen::VectorXd, Eigen::VectorXd>;

    Weights(T* data, const PolicyShape& shape, const std::vector<std::size_t>& head_start, std::size_t lstm_start)
        : hidden(static_cast<Eigen::Index>(shape.hidden)),
          embedding(data, hidden, static_cast<Eigen::Index>(lstm_start) / hidden),
          lstm(data + lstm_start, 4 * hidden, 2 * hidden), bias(data + lstm_start + 8 * hidden * hidden, 4 * hidden) {
        for (std::size_t s = 0; s < shape.vocab.size(); ++s) {
            const auto k = static_cast<Eigen::Index>(shape.vocab[s]);
            T* head = data + head_start[s];
            heads.emplace_back(head, k, hidden);
            head_bias.emplace_back(head + k * hidden, k);
        }
    }

    Eigen::Index hidden;
    Eigen::Map<Matrix> embedding;
    Eigen::Map<Matrix> lstm;
    Eigen::Map<Vector> bias;
    std::vector<Eigen::Map<Matrix>> heads;
    std::vector<Eigen::Map<Vector>> head_bias;
};

// What one step computes, kept for backpropagation.
struct StepCache {
    std::size_t row = 0; // embedding row fed at this step
    Eigen::VectorXd input, h_prev, c_prev;
    Eigen::VectorXd i, f, g, o; // gates after their nonlinearity
    Eigen::VectorXd c, tanh_c, h;
    Eigen::VectorXd p, log_p; // the step's distribution
    double entropy = 0.0;
};

inline Eigen::VectorXd sigmoid(const Eigen::VectorXd& z) { return (1.0 + (-z.array()).exp()).inverse().matrix(); }

template <class T>
void lstm_step(const Weights<T>& w, const Eigen::VectorXd& input, const Eigen::VectorXd& h_prev,
               const Eigen::VectorXd& c_prev, StepCache& s) {
    const Eigen::Index n = w.hidden;
    s.input = input;
    s.h_prev = h_prev;
    s.c_prev = c_prev;
    const Eigen::VectorXd z = w.lstm.leftCols(n) * input + w.lstm.rightCols(n) * h_prev + w.bias;
    s.i = sigmoid(z.segment(0, n));
    s.f = sigmoid(z.segment(n, n));
    s.g = z.segment(2 * n, n).array().tanh().matrix();
    s.o = sigmoid(z.segment(3 * n, n));
    s.c = s.f.cwiseProduct(c_prev) + s.i.cwiseProduct(s.g);
    s.tanh_c = s.c.array().tanh().matrix();
    s.h = s.o.cwiseProduct(s.tanh_c);
}

// Softmax of the step's head, computed through the log-sum-exp so that no
// probability overflows; the entropy is -sum p log p.
template <class T> void head(const Weights<T>& w, std::size_t step, StepCache& s) {
    const Eigen::VectorXd logits = w.heads[step] * s.h + w.head_bias[step];
    const double top = logits.maxCoeff();
    const double lse = top + std::log((logits.array() - top).exp().sum());
    s.log_p = (logits.array() - lse).matrix();
    s.p = s.log_p.array().exp().matrix();
    s.entropy = -s.p.dot(s.log_p);
}

inline SequenceStats stats_of(const std::vector<StepCache>& caches, const std::vector<std::size_t>& tokens) {
    SequenceStats out;
    for (std::size_t t = 0; t < caches.size(); ++t) {
        out.log_prob += caches[t].log_p[static_cast<Eigen::Index>(tokens[t])];
        out.step_entropy.push_back(caches[t].entropy);
        out.step_probabilities.push_back(caches[t].p);
    }
    return out;
}

} // namespace actforge::evolution::detail
