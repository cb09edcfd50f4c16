#pragma once
// A softmax-weighted mixture of activation functions, the relaxed choice of
// a differentiable (DARTS) search:
//   phi(x) = sum_k w_k * s_k * (clamp(f_k(x)) - m_k),   w = softmax(alpha / T),
// where each f_k is an ActivationLayer of its own compiled Program, with its
// own learnable parameters (the beta of x*sigmoid(beta*x)) trained like any
// weight, and clamp(v) = min(max(v, -C), C) keeps unbounded primitives
// (exp, cube) from swamping the sum; it passes no gradient where it clamps.
// The fixed offset m_k and scale s_k (0 and 1 unless set_standardization
// is called) put the components on one scale, so that none wins the
// softmax for its range alone.
//
// The layer holds the weights w, set from outside, never alpha: the search
// owns alpha, its temperature and its optimizer. backward() fills, besides
// grad_in and the components' parameter gradients,
//   g_k = dL/dw_k = sum over the batch of grad_out .* s_k * (clamp(f_k(x)) - m_k),
// from which mixture_alpha_gradient gives the exact dL/dalpha.
//
// With set_input_scale(sd) every f_k reads x_hat, x with each column held
// at spread sd (nn/running_input_scale.hpp), instead of x.
//
// With one component, w = {1}, offset 0, scale 1 and no input scale every
// value and gradient is bit-identical to a plain ActivationLayer of that
// component while |f| < C (1*v == v, v - 0 == v).
#include "actforge/nn/activation.hpp"
#include "actforge/nn/mixture_layer.hpp"
#include "actforge/nn/running_input_scale.hpp"

#include <memory>
#include <span>
#include <vector>

namespace actforge::nn {

class MixedActivationLayer final : public MixtureLayer {
public:
    // Throws actforge::Error without components or with a clamp that is not positive.
    MixedActivationLayer(std::span<const ActivationSpec> components, ParamSharing sharing, std::size_t width,
                         std::size_t unit_size, float clamp);

    void forward(const Matrix& in, Matrix& out) override;
    void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) override;
    // The components' own parameters, component by component.
    std::vector<ParamRef> parameters() override;
    void zero_grad() override;
    [[nodiscard]] std::size_t output_size(std::size_t input_size) const override;
    void set_training(bool training) override;
    [[nodiscard]] bool saw_non_finite() const override;
    void clear_non_finite() override;

    [[nodiscard]] std::size_t size() const noexcept { return components_.size(); }
    [[nodiscard]] const ActivationLayer& component(std::size_t k) const { return *components_.at(k); }
    [[nodiscard]] std::span<const float> weights() const noexcept { return weights_; }
    // One slot of size() options.
    [[nodiscard]] std::vector<std::size_t> slot_sizes() const override { return {components_.size()}; }
    // Throws actforge::Error when the count differs from size().
    void set_weights(std::span<const double> weights) override;
    // g_k of the last backward().
    [[nodiscard]] std::span<const double> weight_gradients() const noexcept override { return weight_grads_; }
    void set_weight_gradients(std::span<const double> gradients) override;
    [[nodiscard]] std::vector<float> option_parameters(std::size_t slot, std::size_t k) const override;
    // One ComponentScale per component (see MixtureLayer).
    void set_standardization(std::span<const ComponentScale> scales) override;
    void set_input_scale(float target_sd) override;

private:
    std::vector<std::unique_ptr<ActivationLayer>> components_;
    std::vector<Matrix> values_; // f_k(x) of the last forward, unclamped
    std::vector<float> weights_;
    std::vector<double> weight_grads_;
    std::vector<ComponentScale> scales_;
    Matrix scaled_; // w_k * s_k * grad_out where f_k is not clamped, else 0
    Matrix part_;   // one component's share of grad_in
    float clamp_;
    RunningInputScale input_scale_;
    bool training_ = true;
};

// softmax(alpha / temperature), computed stably in double.
[[nodiscard]] std::vector<double> mixture_weights(std::span<const double> alpha, double temperature);
// dL/dalpha_j = (w_j / T) * (g_j - sum_k w_k g_k) for w = softmax(alpha / T)
// and g_k = dL/dw_k: the chain rule through the softmax.
[[nodiscard]] std::vector<double> mixture_alpha_gradient(std::span<const double> weights,
                                                         std::span<const double> weight_gradients, double temperature);

} // namespace actforge::nn
