#pragma once
// The activation layer: a compiled expr::Program applied element-wise, with
// its learnable parameters trained like any weight.
//
// In training mode forward() runs the Program in derivative mode over the
// whole batch, keeping f'(x) and df/dtheta_k per element, so backward() is
// two element-wise products and reductions and never re-walks the tree:
//   grad_in      = grad_out .* f'(x)
//   grad_theta_k = sum over the batch of grad_out .* df/dtheta_k
//                  (per layer: over all elements; per neuron: per column).
// In inference mode forward() computes f only and backward() is an error.
#include "actforge/expr/program.hpp"
#include "actforge/expr/tree.hpp"
#include "actforge/nn/layer.hpp"

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace actforge::nn {

// Per layer: one value of each parameter for the whole layer.
// Per neuron: one value of each parameter per unit of the layer: a column
// of a dense layer, a channel (feature map) of a convolution, as
// PyTorch's PReLU(num_parameters=channels) has it.
enum class ParamSharing { PerLayer, PerNeuron };

class ActivationLayer final : public Layer {
public:
    // initial_params has one value per Program parameter (replicated over
    // the units when per neuron); names are optional, for reports. A unit is
    // unit_size consecutive columns (height * width for the channels of an
    // image batch, 1 for a dense layer); it must divide width.
    ActivationLayer(std::shared_ptr<const expr::Program> program, std::vector<float> initial_params,
                    ParamSharing sharing, std::size_t width, std::vector<std::string> names = {},
                    std::size_t unit_size = 1);

    void forward(const Matrix& in, Matrix& out) override;
    void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) override;
    std::vector<ParamRef> parameters() override;
    void zero_grad() override;
    [[nodiscard]] std::size_t output_size(std::size_t input_size) const override;
    void set_training(bool training) override { training_ = training; }
    [[nodiscard]] bool saw_non_finite() const override { return non_finite_; }
    void clear_non_finite() override { non_finite_ = false; }

    [[nodiscard]] std::size_t width() const noexcept { return width_; }
    [[nodiscard]] ParamSharing sharing() const noexcept { return sharing_; }
    [[nodiscard]] std::size_t num_parameters() const noexcept { return num_params_; }
    [[nodiscard]] const expr::Program& program() const noexcept { return *program_; }
    // Current values, parameter-major: theta_k of unit j is at
    // [k * period + j], period 1 per layer and the unit count per neuron.
    [[nodiscard]] std::span<const float> learned_parameters() const noexcept {
        return {theta_.data(), static_cast<std::size_t>(theta_.size())};
    }
    [[nodiscard]] std::span<const float> parameter_gradients() const noexcept {
        return {theta_grad_.data(), static_cast<std::size_t>(theta_grad_.size())};
    }
    // Each parameter's mean over the units (its value when per layer).
    [[nodiscard]] std::vector<float> parameter_means() const;

private:
    [[nodiscard]] std::size_t period() const noexcept {
        return sharing_ == ParamSharing::PerNeuron ? width_ / unit_size_ : 1;
    }

    std::shared_ptr<const expr::Program> program_;
    ParamSharing sharing_;
    std::size_t width_;
    std::size_t unit_size_;
    std::size_t num_params_;
    std::vector<std::string> names_;
    // Eigen storage, 64-byte aligned like every buffer Eigen loops over here:
    // Eigen peels unaligned heads off with scalar code that may round
    // differently from its SIMD body, so an address that varied from run to
    // run would make the results vary too.
    Vector theta_;      // num_params_ * period()
    Vector theta_grad_; // same layout
    std::vector<expr::ParamBinding<float>> bindings_;
    Matrix df_;             // batch x width: f'(x)
    Matrix dtheta_;         // num_params_ x (batch * width): df/dtheta_k, row k
    RowVector column_sums_; // per-column gradient sums, reduced per unit when unit_size_ > 1
    expr::Scratch<float> scratch_;
    bool training_ = true;
    bool have_derivatives_ = false; // the last forward kept f' and df/dtheta
    bool non_finite_ = false;
};

// The Program of a tree together with its parameters' initial values and
// names: what make_mlp needs for one hidden layer.
struct ActivationSpec {
    std::shared_ptr<const expr::Program> program;
    std::vector<float> initial_params;
    std::vector<std::string> names;
    // Another kind of activation layer (width, unit size, sharing), e.g. a
    // mixture of primitives; the network builders then add it as a plain
    // layer in place of an ActivationLayer of `program`.
    std::function<std::unique_ptr<Layer>(std::size_t, std::size_t, ParamSharing)> make_layer;
};

[[nodiscard]] ActivationSpec make_activation(const expr::Tree& tree);

} // namespace actforge::nn
