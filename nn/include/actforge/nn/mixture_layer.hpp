#pragma once
// What a differentiable search sees of a relaxed activation layer: one or
// more slots, each a softmax-weighted choice among its options, with the
// weights set from outside and dL/dw read back after backward(). The
// search owns the logits alpha, their temperature and their optimizer.
//
// Weights and their gradients are flat: slot after slot, in the order of
// slot_sizes(). A mixture of functions has one slot; a core unit
// b(u1(x), u2(x)) three (unary1, unary2, binary).
#include "actforge/nn/layer.hpp"

#include <span>
#include <vector>

namespace actforge::nn {

// A function's fixed affine map inside a mixture: scale * (f - offset).
struct ComponentScale {
    float offset = 0.0f;
    float scale = 1.0f;
};

class MixtureLayer : public Layer {
public:
    // One ComponentScale per function of the mixture's unary slots (every
    // unary slot mixes the same functions). Throws actforge::Error when the
    // count differs or a scale is not finite and positive.
    virtual void set_standardization(std::span<const ComponentScale> scales) = 0;
    // Holds the input's columns at spread target_sd (> 0) before any
    // function reads it (nn/running_input_scale.hpp), or not (0). Throws
    // actforge::Error for a negative or non-finite value.
    virtual void set_input_scale(float target_sd) = 0;

    [[nodiscard]] virtual std::vector<std::size_t> slot_sizes() const = 0;
    // All slots' weights. Throws actforge::Error when the count differs from weight_count().
    virtual void set_weights(std::span<const double> weights) = 0;
    // dL/dw of the last backward(), for every slot's options.
    [[nodiscard]] virtual std::span<const double> weight_gradients() const noexcept = 0;
    // Replaces dL/dw: for a layer that runs the mixture several times per
    // backward (a recurrent cell, once per step) and sums what each gave.
    // Throws actforge::Error when the count differs from weight_count().
    virtual void set_weight_gradients(std::span<const double> gradients) = 0;
    // Option k of slot s: its own parameters' means over the units (the
    // beta of x*sigmoid(beta*x)); empty for an option without parameters.
    [[nodiscard]] virtual std::vector<float> option_parameters(std::size_t slot, std::size_t k) const = 0;

    [[nodiscard]] std::size_t weight_count() const {
        std::size_t n = 0;
        for (std::size_t s : slot_sizes()) n += s;
        return n;
    }
};

} // namespace actforge::nn
