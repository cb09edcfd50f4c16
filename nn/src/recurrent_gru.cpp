// The GRU cell of RecurrentLayer (recurrent.hpp), gates [r | z | n]:
//   r, z = σ(x_t W_rz + b_rz + h_{t-1} U_rz)
//   n    = φ(x_t W_n + b_n + (r ⊙ h_{t-1}) U_n)
//   h_t  = (1 - z) ⊙ n + z ⊙ h_{t-1} = n + z ⊙ (h_{t-1} - n)
#include "actforge/nn/recurrent.hpp"
#include "recurrent_steps.hpp"

namespace actforge::nn {

using recurrent_detail::sigmoid;
using recurrent_detail::step_rows;

void RecurrentLayer::forward_gru() {
    const Eigen::Index n = h();
    const auto u_rz = u_.leftCols(2 * n);
    const auto u_n = u_.rightCols(n);
    for (Eigen::Index t = 0; t < t_steps(); ++t) {
        const auto s = static_cast<std::size_t>(t);
        const Matrix& h_prev = states_[s];
        const auto projected = step_rows(projected_, t_steps(), t);
        Matrix& rz = gates_out_[s];
        rz = projected.leftCols(2 * n);
        if (t > 0) rz.noalias() += h_prev * u_rz;
        rz = sigmoid(rz);
        Matrix& rh = reset_state_[s];
        rh.array() = rz.leftCols(n).array() * h_prev.array();
        Matrix& a = pre_[s];
        a = projected.rightCols(n);
        if (t > 0) a.noalias() += rh * u_n;
        activation_->forward(a, phi_[s]);
        states_[s + 1].array() =
            phi_[s].array() + rz.rightCols(n).array() * (h_prev.array() - phi_[s].array());
    }
}

void RecurrentLayer::backward_gru() {
    const Eigen::Index n = h();
    const auto u_rz = u_.leftCols(2 * n);
    const auto u_n = u_.rightCols(n);
    for (Eigen::Index t = t_steps(); t-- > 0;) {
        const auto s = static_cast<std::size_t>(t);
        const Matrix& h_prev = states_[s];
        const auto r = gates_out_[s].leftCols(n).array();
        const auto z = gates_out_[s].rightCols(n).array();
        const auto g = grad_h_.array();
        gate_grads_.resize(grad_h_.rows(), 3 * n);
        // dL/dz before σ', and dL/dn.
        gate_grads_.middleCols(n, n).array() = g * (h_prev.array() - phi_[s].array()) * z * (1.0f - z);
        step_grad_.array() = g * (1.0f - z);
        activation_backward(pre_[s], step_grad_, grad_pre_); // dL/da_n
        gate_grads_.rightCols(n) = grad_pre_;
        if (t == 0) {
            // h_0 = 0: r does not matter and there is no earlier state.
            gate_grads_.leftCols(n).setZero();
            step_rows(d_projected_, t_steps(), t) = gate_grads_;
            break;
        }
        u_grad_.rightCols(n).noalias() += reset_state_[s].transpose() * grad_pre_;
        step_grad_.noalias() = grad_pre_ * u_n.transpose(); // dL/d(r ⊙ h_{t-1})
        gate_grads_.leftCols(n).array() = step_grad_.array() * h_prev.array() * r * (1.0f - r);
        // dL/dh_{t-1}: through z's blend, through r ⊙ h, and through U_rz.
        Matrix& next = grad_pre_; // free again: its value is saved in gate_grads_
        next.array() = g * z + step_grad_.array() * r;
        next.noalias() += gate_grads_.leftCols(2 * n) * u_rz.transpose();
        u_grad_.leftCols(2 * n).noalias() += h_prev.transpose() * gate_grads_.leftCols(2 * n);
        step_rows(d_projected_, t_steps(), t) = gate_grads_;
        grad_h_.swap(next);
    }
}

} // namespace actforge::nn
