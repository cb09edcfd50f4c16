#include "actforge/nn/loss.hpp"

#include "actforge/core/error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::nn {
namespace {

void check_labels(const ConstMatrixRef& logits, std::span<const std::int32_t> labels) {
    if (labels.empty()) throw Error("a loss needs at least one labelled row");
    if (static_cast<Eigen::Index>(labels.size()) > logits.rows()) {
        throw Error(fmt::format("{} label(s) for {} row(s) of logits", labels.size(), logits.rows()));
    }
}

std::int32_t checked_label(std::int32_t label, Eigen::Index classes) {
    if (label < 0 || label >= classes) throw Error(fmt::format("label {} outside [0, {})", label, classes));
    return label;
}

// log(sum(exp(row))) computed as max + log(sum(exp(row - max))).
template <typename Row> float log_sum_exp(const Row& row, float max) {
    return max + std::log((row.array() - max).exp().sum());
}

} // namespace

float SoftmaxCrossEntropy::loss(const ConstMatrixRef& logits, std::span<const std::int32_t> labels) {
    check_labels(logits, labels);
    double total = 0.0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto row = logits.row(static_cast<Eigen::Index>(i));
        const float max = row.maxCoeff();
        total += log_sum_exp(row, max) - row(checked_label(labels[i], logits.cols()));
    }
    return static_cast<float>(total / static_cast<double>(labels.size()));
}

float SoftmaxCrossEntropy::loss_and_grad(const ConstMatrixRef& logits, std::span<const std::int32_t> labels,
                                         Matrix& grad) {
    check_labels(logits, labels);
    const auto n = static_cast<Eigen::Index>(labels.size());
    const float inv_n = 1.0f / static_cast<float>(n);
    grad.resize(logits.rows(), logits.cols());
    double total = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto row = logits.row(i);
        const std::int32_t label = checked_label(labels[static_cast<std::size_t>(i)], logits.cols());
        const float max = row.maxCoeff();
        auto g = grad.row(i);
        g.array() = (row.array() - max).exp();
        const float sum = g.sum();
        total += max + std::log(sum) - row(label);
        g *= inv_n / sum;
        g(label) -= inv_n;
    }
    // Padding rows beyond the labels contribute nothing.
    if (grad.rows() > n) grad.bottomRows(grad.rows() - n).setZero();
    return static_cast<float>(total / static_cast<double>(n));
}

float MeanSquaredError::loss(const ConstMatrixRef& prediction, const ConstMatrixRef& target) {
    if (prediction.rows() != target.rows() || prediction.cols() != target.cols() || prediction.size() == 0) {
        throw Error("mean squared error needs non-empty prediction and target of the same shape");
    }
    return (prediction - target).squaredNorm() / static_cast<float>(prediction.size());
}

float MeanSquaredError::loss_and_grad(const ConstMatrixRef& prediction, const ConstMatrixRef& target, Matrix& grad) {
    const float value = loss(prediction, target);
    grad.resize(prediction.rows(), prediction.cols());
    grad.noalias() = (2.0f / static_cast<float>(prediction.size())) * (prediction - target);
    return value;
}

std::size_t count_correct(const ConstMatrixRef& logits, std::span<const std::int32_t> labels) {
    check_labels(logits, labels);
    std::size_t correct = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        Eigen::Index best = 0;
        logits.row(static_cast<Eigen::Index>(i)).maxCoeff(&best);
        correct += best == labels[i] ? 1 : 0;
    }
    return correct;
}

} // namespace actforge::nn
