#pragma once
// Views of one step's rows in a (batch*steps) x cols matrix whose row
// b*steps + t is example b's step t: the layout a step-major batch row has
// when read as `steps` rows of its own, so one GEMM projects every step.
#include "actforge/nn/tensor.hpp"

namespace actforge::nn::recurrent_detail {

using StepView = Eigen::Map<Matrix, 0, Eigen::OuterStride<>>;
using ConstStepView = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

[[nodiscard]] inline StepView step_rows(Matrix& m, Eigen::Index steps, Eigen::Index t) {
    return {m.data() + t * m.cols(), m.rows() / steps, m.cols(), Eigen::OuterStride<>(steps * m.cols())};
}

[[nodiscard]] inline ConstStepView step_rows(const Matrix& m, Eigen::Index steps, Eigen::Index t) {
    return {m.data() + t * m.cols(), m.rows() / steps, m.cols(), Eigen::OuterStride<>(steps * m.cols())};
}

// σ(a), element-wise; exp(-a) = inf for very negative a gives exactly 0.
template <typename In> [[nodiscard]] auto sigmoid(const In& a) {
    return (1.0f + (-a.array()).exp()).inverse().matrix();
}

} // namespace actforge::nn::recurrent_detail
