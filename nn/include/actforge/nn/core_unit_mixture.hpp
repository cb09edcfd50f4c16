#pragma once
// The relaxed core unit of a differentiable search (the Swish paper's
// b(u1(x), u2(x)) with each choice a softmax mixture):
//   U1 = sum_k w1_k g_k(x),  U2 = sum_k w2_k g_k(x)   (two MixedActivationLayers)
//   phi = sum_j wb_j clamp(B_j(U1, U2))
// over the binary functions B_j below, whose values and partial derivatives
// are written out here (a compiled Program has one variable). The two unary
// slots have the same functions, each with parameters of its own, and
// clamp(v) = min(max(v, -C), C) passes no gradient where it clamps, as in
// the unary mixture. Exact gradients:
//   dL/dwb_j = sum delta .* clamp(B_j)
//   dL/dU1   = delta .* sum_j wb_j [|B_j| < C] dB_j/du1   (U2 likewise)
// and the unary slots' own dL/dw, dL/dtheta and dL/dx from their backward().
// Weights and gradients are flat: unary1, unary2, binary.
#include "actforge/nn/mixed_activation.hpp"

#include <cstdint>
#include <string_view>

namespace actforge::nn {

// The binary functions of the relaxed core unit: the Swish paper's binary
// functions without a pole (u1 / (u2 + eps)) and without a parameter that
// the supernet would have to learn (b*u1 + (1 - b)*u2 is u1 at b = 1);
// the distance kernels have their b at 1.
enum class CoreBinary : std::uint8_t {
    Add,              // u1 + u2
    Multiply,         // u1 * u2
    Subtract,         // u1 - u2
    Max,              // max(u1, u2)
    Min,              // min(u1, u2)
    SigmoidGate,      // sigmoid(u1) * u2
    GaussianDistance, // exp(-(u1 - u2)^2)
    LaplaceDistance,  // exp(-|u1 - u2|)
};
inline constexpr std::size_t kCoreBinaryCount = 8;

// Its template in the core-unit search space's notation ("{0} + {1}").
[[nodiscard]] std::string_view core_binary_template(CoreBinary op) noexcept;

// B(a, b), and its partial derivatives (a subgradient at a kink), in double: the reference for tests and reports.
struct BinaryValue {
    double value;
    double d_first;
    double d_second;
};
[[nodiscard]] BinaryValue core_binary_reference(CoreBinary op, double a, double b) noexcept;

class CoreUnitMixtureLayer final : public MixtureLayer {
public:
    // Throws actforge::Error without unary or binary functions or with a clamp that is not positive.
    CoreUnitMixtureLayer(std::span<const ActivationSpec> unary, std::span<const CoreBinary> binary,
                         ParamSharing sharing, std::size_t width, std::size_t unit_size, float clamp);

    void forward(const Matrix& in, Matrix& out) override;
    void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) override;
    // unary1's parameters, then unary2's.
    std::vector<ParamRef> parameters() override;
    void zero_grad() override;
    [[nodiscard]] std::size_t output_size(std::size_t input_size) const override;
    void set_training(bool training) override;
    [[nodiscard]] bool saw_non_finite() const override;
    void clear_non_finite() override;

    [[nodiscard]] std::vector<std::size_t> slot_sizes() const override {
        return {first_.size(), second_.size(), binary_.size()};
    }
    void set_weights(std::span<const double> weights) override;
    [[nodiscard]] std::span<const double> weight_gradients() const noexcept override { return weight_grads_; }
    void set_weight_gradients(std::span<const double> gradients) override;
    [[nodiscard]] std::vector<float> option_parameters(std::size_t slot, std::size_t k) const override;
    // Both unary slots' standardization (see MixedActivationLayer).
    void set_standardization(std::span<const ComponentScale> scales) override;
    // Both unary slots' input spread: each holds the same estimate, as both
    // read the same x.
    void set_input_scale(float target_sd) override;

private:
    MixedActivationLayer first_;
    MixedActivationLayer second_;
    std::vector<CoreBinary> binary_;
    std::vector<float> binary_weights_;
    std::vector<double> weight_grads_; // unary1, unary2, binary
    Matrix u1_, u2_;                   // the unary slots' outputs of the last forward
    std::vector<Matrix> values_;       // B_j(U1, U2) of the last forward, unclamped
    Matrix grad_u1_, grad_u2_, part_;
    float clamp_;
};

} // namespace actforge::nn
