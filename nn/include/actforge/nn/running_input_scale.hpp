#pragma once
// Rescales every column of a layer's input to a fixed standard deviation:
//   x_hat = x * gain,   gain_j = target / running_sd_j,
// where running_sd_j follows the columns' spread over the training
// batches (an exponential moving average; the first batch sets it). The
// gain is a constant to backward(): the gradient is grad_x_hat * gain, as
// for a fixed scale, and no gradient flows into the statistics. The mean
// is not removed, only scaled with the rest.
//
// A relaxed activation needs it because a network absorbs an input scale:
// a layer of f(x) and weights W computes what one of f(x/2) and 2W does,
// so a mixture of fixed-scale functions would choose among them by how far
// the weights have grown, not by shape. With its input held at one spread,
// each function is compared at the scale its standardization assumed.
//
// Deterministic: the estimate depends only on the batches seen, in order.
#include "actforge/nn/tensor.hpp"

namespace actforge::nn {

class RunningInputScale {
public:
    // target > 0 turns it on; 0 leaves the input as it is.
    explicit RunningInputScale(float target = 0.0f);

    [[nodiscard]] bool enabled() const noexcept { return target_ > 0.0f; }
    [[nodiscard]] float target() const noexcept { return target_; }

    // x_hat of `in`. In training mode the batch's column spreads are folded
    // into the running estimate first; otherwise the estimate is used as it
    // is (the batch's own spreads before there is one). Returns `in` itself
    // when off. The result stays valid until the next forward().
    const Matrix& forward(const Matrix& in, bool training);
    // grad_in *= gain, with the gain of the last forward(); nothing when off.
    void backward(Matrix& grad_in) const;

    [[nodiscard]] const RowVector& gain() const noexcept { return gain_; }
    // x_hat of the last forward() (empty when off).
    [[nodiscard]] const Matrix& last_output() const noexcept { return scaled_; }

private:
    float target_;
    RowVector running_sd_; // empty until the first batch
    RowVector gain_;
    Matrix scaled_;
};

} // namespace actforge::nn
