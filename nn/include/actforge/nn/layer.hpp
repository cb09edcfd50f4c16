#pragma once
// The layer interface: a forward/backward pair over a whole batch.
//
// Conventions shared by every layer:
//  - forward() sizes `out` to (batch, output_size); Eigen reallocates only
//    when the size changes, so a constant batch size allocates nothing after
//    the first call;
//  - backward() receives the same `in` and `out` as the last forward() and
//    overwrites (does not accumulate) every parameter gradient with the
//    gradient of this batch; grad_in == nullptr means "not needed" (the first
//    layer) and saves that product;
//  - parameters() returns stable pointers: they stay valid for the layer's
//    lifetime, so optimizer state can be keyed by the index in the list.
// One virtual call per layer per batch; the work inside is whole-batch.
#include "actforge/nn/tensor.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace actforge::nn {

struct ParamRef {
    float* value = nullptr;
    float* grad = nullptr;
    std::size_t size = 0;
    std::string name;
    // Whether weight decay applies: true for Dense weights, false for biases
    // and activation parameters (decaying a learned slope towards 0 would
    // bias the search against the formula's own shape).
    bool decay = false;
};

class Layer {
public:
    virtual ~Layer() = default;
    Layer() = default;
    Layer(const Layer&) = delete;
    Layer& operator=(const Layer&) = delete;

    virtual void forward(const Matrix& in, Matrix& out) = 0;
    virtual void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) = 0;
    virtual std::vector<ParamRef> parameters() = 0;
    virtual void zero_grad() = 0;
    // Width of the output for an input of width input_size; throws
    // actforge::Error when the layer does not accept that width.
    [[nodiscard]] virtual std::size_t output_size(std::size_t input_size) const = 0;

    // Training mode keeps what backward() needs; inference mode may skip it.
    virtual void set_training(bool /*training*/) {}
    // Whether a forward() since the last clear produced a non-finite value.
    [[nodiscard]] virtual bool saw_non_finite() const { return false; }
    virtual void clear_non_finite() {}
};

} // namespace actforge::nn
