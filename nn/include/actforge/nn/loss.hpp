#pragma once
// Losses as value/gradient pairs over a batch (one sample a row). Each
// returns the mean loss over the batch and, where asked, writes the gradient
// of that mean with respect to its first argument (same shape).
#include "actforge/nn/tensor.hpp"

#include <cstdint>
#include <span>

namespace actforge::nn {

// Softmax followed by cross-entropy against integer class labels:
//   loss_i = log(sum_c exp(z_ic)) - z_i,label_i,   d loss / d z = (softmax(z) - onehot) / n.
// The log-sum-exp subtracts the row maximum first, so large logits neither
// overflow nor lose the loss. Labels must lie in [0, columns); rows of
// `logits` beyond labels.size() are not read, so a padded batch works too.
struct SoftmaxCrossEntropy {
    [[nodiscard]] static float loss(const ConstMatrixRef& logits, std::span<const std::int32_t> labels);
    static float loss_and_grad(const ConstMatrixRef& logits, std::span<const std::int32_t> labels, Matrix& grad);
};

// Mean over all elements of (prediction - target)^2, as torch.nn.MSELoss:
//   d loss / d prediction = 2 (prediction - target) / (rows * columns).
struct MeanSquaredError {
    [[nodiscard]] static float loss(const ConstMatrixRef& prediction, const ConstMatrixRef& target);
    static float loss_and_grad(const ConstMatrixRef& prediction, const ConstMatrixRef& target, Matrix& grad);
};

// Number of rows among the first labels.size() whose largest logit is the
// label's.
[[nodiscard]] std::size_t count_correct(const ConstMatrixRef& logits, std::span<const std::int32_t> labels);

} // namespace actforge::nn
