#include "actforge/nn/running_input_scale.hpp"

#include <cmath>

namespace actforge::nn {
namespace {

// Weight of the running estimate against a new batch's spreads.
constexpr float kMomentum = 0.9f;
// Added to each column's variance, as batch normalization does: a column
// that barely moves gets a large but finite gain.
constexpr float kVarianceFloor = 1e-5f;

RowVector column_spreads(const Matrix& in) {
    const RowVector mean = in.colwise().mean();
    const RowVector variance = (in.rowwise() - mean).array().square().colwise().mean().matrix();
    return (variance.array() + kVarianceFloor).sqrt().matrix();
}

} // namespace

RunningInputScale::RunningInputScale(float target) : target_(target) {}

const Matrix& RunningInputScale::forward(const Matrix& in, bool training) {
    if (!enabled()) return in;
    if (running_sd_.size() != in.cols()) {
        running_sd_ = column_spreads(in);
    } else if (training) {
        running_sd_ = kMomentum * running_sd_ + (1.0f - kMomentum) * column_spreads(in);
    }
    gain_ = (target_ / running_sd_.array()).matrix();
    scaled_.resize(in.rows(), in.cols());
    scaled_.array() = in.array().rowwise() * gain_.array();
    return scaled_;
}

void RunningInputScale::backward(Matrix& grad_in) const {
    if (enabled()) grad_in.array().rowwise() *= gain_.array();
}

} // namespace actforge::nn
