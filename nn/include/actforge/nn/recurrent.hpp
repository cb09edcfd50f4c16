#pragma once
// A recurrent layer: one cell run over the steps of a sequence, with the
// candidate activation φ inside the cell, trained by full backpropagation
// through time.
//
// A batch row holds `steps` consecutive steps of `step_size` features (step
// major: step t is columns [t*step_size, (t+1)*step_size)), so a
// Fashion-MNIST image is 28 steps of one 28-pixel image row each. The output
// is the last state h_T (batch x hidden); h_0 = 0 (and c_0 = 0).
//
// Cells (a_t = x_t W + h_{t-1} U + b, one column block of width `hidden` per
// gate, gates in the order listed):
//   Elman  h_t = φ(a_t)
//   GRU    [r | z | n]: r = σ(a_r), z = σ(a_z),
//          n = φ(x_t W_n + (r ⊙ h_{t-1}) U_n + b_n),
//          h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
//          (Cho et al. 2014: the reset gate acts on h before U_n)
//   LSTM   [i | f | g | o]: i, f, o = σ(a_i), σ(a_f), σ(a_o), g = φ(a_g),
//          c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ φ(c_t)
//          (no peepholes; the forget gate's bias starts at 1)
// φ replaces the tanh of each cell and the gates keep σ. φ is one element-
// wise layer of width `hidden` whose parameters are shared by every step
// (and, in the LSTM, by both of its uses), as a layer's parameters are
// shared by every row of a batch.
//
// Backward: the activation layer keeps f'(x) of its last forward only, so
// backward() runs it forward again on each step's stored pre-activation and
// sums its parameter gradients over the steps. That costs one more
// element-wise pass per step and keeps every activation kind (a compiled
// candidate or a mixture of primitives) usable unchanged.
#include "actforge/core/rng.hpp"
#include "actforge/nn/activation.hpp"
#include "actforge/nn/init.hpp"
#include "actforge/nn/layer.hpp"
#include "actforge/nn/mixture_layer.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace actforge::nn {

enum class CellKind { Elman, Gru, Lstm };

// "elman", "gru", "lstm".
[[nodiscard]] std::string_view to_string(CellKind cell) noexcept;
// Throws actforge::Error listing the choices.
[[nodiscard]] CellKind cell_from_string(std::string_view name);
// Column blocks of W, U and b: 1, 3 or 4.
[[nodiscard]] std::size_t gate_count(CellKind cell) noexcept;

struct RecurrentShape {
    std::size_t steps = 0;     // T
    std::size_t step_size = 0; // features per step
    std::size_t hidden = 0;    // state width
};

class RecurrentLayer final : public Layer {
public:
    // W (step_size x gates*hidden) and U (hidden x gates*hidden) are drawn
    // per gate block from init (fan-in step_size and hidden); the biases
    // follow bias_limit, and the LSTM forget gate's bias adds 1. The
    // activation must have width shape.hidden. Throws actforge::Error on a
    // zero size or a mismatched activation.
    RecurrentLayer(CellKind cell, RecurrentShape shape, std::unique_ptr<ActivationLayer> activation, Init init,
                   Rng& rng);
    // The same with another kind of element-wise layer as φ (a mixture of
    // primitives); candidate_activation() is then null.
    RecurrentLayer(CellKind cell, RecurrentShape shape, std::unique_ptr<Layer> activation, Init init, Rng& rng);

    void forward(const Matrix& in, Matrix& out) override;
    void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) override;
    // "input_weight", "recurrent_weight", "bias", then φ's parameters.
    std::vector<ParamRef> parameters() override;
    void zero_grad() override;
    [[nodiscard]] std::size_t output_size(std::size_t input_size) const override;
    void set_training(bool training) override;
    [[nodiscard]] bool saw_non_finite() const override;
    void clear_non_finite() override;

    [[nodiscard]] CellKind cell() const noexcept { return cell_; }
    [[nodiscard]] const RecurrentShape& shape() const noexcept { return shape_; }
    // φ when it is a compiled candidate, else null.
    [[nodiscard]] ActivationLayer* candidate_activation() noexcept { return candidate_; }
    [[nodiscard]] Matrix& input_weights() noexcept { return w_; }
    [[nodiscard]] Matrix& recurrent_weights() noexcept { return u_; }
    [[nodiscard]] RowVector& bias() noexcept { return b_; }

private:
    // φ, and the same layer as a compiled candidate when it is one.
    struct Phi {
        std::unique_ptr<Layer> layer;
        ActivationLayer* candidate = nullptr;
    };
    [[nodiscard]] static Phi candidate_phi(std::unique_ptr<ActivationLayer> activation);
    RecurrentLayer(CellKind cell, RecurrentShape shape, Phi phi, Init init, Rng& rng);

    [[nodiscard]] Eigen::Index h() const noexcept { return static_cast<Eigen::Index>(shape_.hidden); }
    [[nodiscard]] Eigen::Index t_steps() const noexcept { return static_cast<Eigen::Index>(shape_.steps); }
    // Sizes the per-step buffers for a batch of `rows` and computes
    // x_t W + b for every step into projected_.
    void project_inputs(const Matrix& in);
    [[nodiscard]] std::size_t total_phi_parameters() const noexcept;

    void forward_elman();
    void forward_gru();
    void forward_lstm();
    // Each fills d_projected_ (dL/d(x_t W + b) per step) and U's gradient
    // from dL/dh_T in grad_h_.
    void backward_elman();
    void backward_gru();
    void backward_lstm();
    // φ forward again on `pre` (training mode), then backward with grad_out;
    // φ's parameter gradients are added to phi_grad_sum_.
    void activation_backward(const Matrix& pre, const Matrix& grad_out, Matrix& grad_pre);

    CellKind cell_;
    RecurrentShape shape_;
    std::unique_ptr<Layer> activation_; // φ, never null
    ActivationLayer* candidate_ = nullptr;
    std::vector<ParamRef> phi_params_; // φ's parameters (stable pointers)
    // φ when it is a mixture of primitives: its weight gradients g_k are
    // summed over the steps like its parameters' (else null).
    MixtureLayer* mixture_ = nullptr;
    std::vector<double> mixture_grad_sum_;
    bool training_ = true;
    bool have_forward_ = false; // the last forward() was in training mode

    Matrix w_; // step_size x gates*hidden
    Matrix u_; // hidden x gates*hidden
    RowVector b_;
    Matrix w_grad_;
    Matrix u_grad_;
    RowVector b_grad_;

    // Kept by a training forward for backward, per step t (index t for the
    // step's values, states_[0] = h_0):
    Matrix projected_;           // (batch*steps) x gates*hidden: x_t W + b
    std::vector<Matrix> states_; // h_t, steps + 1 of batch x hidden
    std::vector<Matrix> pre_;    // φ's input: a_t (Elman), a_n (GRU), a_g (LSTM)
    std::vector<Matrix> phi_;    // φ(pre_)
    std::vector<Matrix> gates_out_; // GRU [r | z], LSTM [i | f | o] (σ of their blocks)
    std::vector<Matrix> cells_;     // LSTM c_t, steps + 1
    std::vector<Matrix> cell_phi_;  // LSTM φ(c_t)
    std::vector<Matrix> reset_state_; // GRU r ⊙ h_{t-1}

    // Backward work space.
    Matrix d_projected_; // like projected_: dL/d(x_t W + b)
    Matrix grad_h_;      // dL/dh_t
    Matrix grad_c_;      // dL/dc_t (LSTM)
    Matrix grad_pre_;    // dL/d(φ's input), one step
    Matrix gate_grads_;  // one step's dL/da for every gate (LSTM forward: a itself)
    Matrix step_grad_;   // batch x hidden
    Matrix phi_scratch_; // φ recomputed in backward
    std::vector<float> phi_grad_sum_;
};

} // namespace actforge::nn
