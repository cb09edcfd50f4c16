#pragma once
// Fully connected layer: out = in * W + b, with W stored (in x out) so the
// forward pass is one GEMM of the row-major batch with no transpose.
//
// Gradients: dW = in^T * grad_out, db = column sums of grad_out,
// grad_in = grad_out * W^T (skipped when grad_in is null).
#include "actforge/core/rng.hpp"
#include "actforge/nn/init.hpp"
#include "actforge/nn/layer.hpp"

namespace actforge::nn {

class Dense final : public Layer {
public:
    // Weights from init (uniform variant, see init.hpp); bias zero.
    Dense(std::size_t in, std::size_t out, Init init, Rng& rng);

    void forward(const Matrix& in, Matrix& out) override;
    void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) override;
    std::vector<ParamRef> parameters() override;
    void zero_grad() override;
    [[nodiscard]] std::size_t output_size(std::size_t input_size) const override;

    [[nodiscard]] std::size_t in_size() const noexcept { return static_cast<std::size_t>(weights_.rows()); }
    [[nodiscard]] std::size_t out_size() const noexcept { return static_cast<std::size_t>(weights_.cols()); }
    [[nodiscard]] Matrix& weights() noexcept { return weights_; }
    [[nodiscard]] RowVector& bias() noexcept { return bias_; }
    [[nodiscard]] const Matrix& weights_grad() const noexcept { return weights_grad_; }
    [[nodiscard]] const RowVector& bias_grad() const noexcept { return bias_grad_; }

private:
    Matrix weights_;      // in x out
    RowVector bias_;      // 1 x out
    Matrix weights_grad_; // same shapes
    RowVector bias_grad_;
};

} // namespace actforge::nn
