// The LSTM cell of RecurrentLayer (recurrent.hpp), gates [i | f | g | o]:
//   i, f, o = σ(a_i), σ(a_f), σ(a_o), g = φ(a_g),  a = x_t W + b + h_{t-1} U
//   c_t = f ⊙ c_{t-1} + i ⊙ g,  h_t = o ⊙ φ(c_t)
// gates_out_ keeps [i | f | o].
#include "actforge/nn/recurrent.hpp"
#include "recurrent_steps.hpp"

namespace actforge::nn {

using recurrent_detail::sigmoid;
using recurrent_detail::step_rows;

void RecurrentLayer::forward_lstm() {
    const Eigen::Index n = h();
    for (Eigen::Index t = 0; t < t_steps(); ++t) {
        const auto s = static_cast<std::size_t>(t);
        gate_grads_ = step_rows(projected_, t_steps(), t); // here: the pre-activations a
        if (t > 0) gate_grads_.noalias() += states_[s] * u_;
        Matrix& ifo = gates_out_[s];
        ifo.resize(gate_grads_.rows(), 3 * n);
        ifo.leftCols(2 * n) = sigmoid(gate_grads_.leftCols(2 * n));
        ifo.rightCols(n) = sigmoid(gate_grads_.rightCols(n));
        pre_[s] = gate_grads_.middleCols(2 * n, n);
        activation_->forward(pre_[s], phi_[s]); // g
        cells_[s + 1].array() = ifo.middleCols(n, n).array() * cells_[s].array() +
                                ifo.leftCols(n).array() * phi_[s].array();
        activation_->forward(cells_[s + 1], cell_phi_[s]);
        states_[s + 1].array() = ifo.rightCols(n).array() * cell_phi_[s].array();
    }
}

void RecurrentLayer::backward_lstm() {
    const Eigen::Index n = h();
    grad_c_.setZero(grad_h_.rows(), n);
    gate_grads_.resize(grad_h_.rows(), 4 * n);
    for (Eigen::Index t = t_steps(); t-- > 0;) {
        const auto s = static_cast<std::size_t>(t);
        const auto i = gates_out_[s].leftCols(n).array();
        const auto f = gates_out_[s].middleCols(n, n).array();
        const auto o = gates_out_[s].rightCols(n).array();
        // dL/da_o, and dL/dc_t: what comes from c_{t+1} plus what h_t adds.
        gate_grads_.rightCols(n).array() = grad_h_.array() * cell_phi_[s].array() * o * (1.0f - o);
        step_grad_.array() = grad_h_.array() * o;
        activation_backward(cells_[s + 1], step_grad_, grad_pre_);
        grad_c_ += grad_pre_;
        gate_grads_.leftCols(n).array() = grad_c_.array() * phi_[s].array() * i * (1.0f - i);
        gate_grads_.middleCols(n, n).array() = grad_c_.array() * cells_[s].array() * f * (1.0f - f);
        step_grad_.array() = grad_c_.array() * i;
        activation_backward(pre_[s], step_grad_, grad_pre_);
        gate_grads_.middleCols(2 * n, n) = grad_pre_;
        grad_c_.array() *= f;
        step_rows(d_projected_, t_steps(), t) = gate_grads_;
        if (t == 0) break; // h_0 = 0: no recurrent term
        u_grad_.noalias() += states_[s].transpose() * gate_grads_;
        grad_h_.noalias() = gate_grads_ * u_.transpose();
    }
}

} // namespace actforge::nn
