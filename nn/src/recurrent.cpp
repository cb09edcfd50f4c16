#include "actforge/nn/recurrent.hpp"

#include "actforge/core/error.hpp"
#include "recurrent_steps.hpp"

#include <fmt/format.h>

namespace actforge::nn {

using recurrent_detail::step_rows;

std::string_view to_string(CellKind cell) noexcept {
    switch (cell) {
    case CellKind::Elman: return "elman";
    case CellKind::Gru: return "gru";
    case CellKind::Lstm: return "lstm";
    }
    return "?";
}

CellKind cell_from_string(std::string_view name) {
    for (CellKind c : {CellKind::Elman, CellKind::Gru, CellKind::Lstm}) {
        if (name == to_string(c)) return c;
    }
    throw Error(fmt::format("unknown recurrent cell '{}' (choose elman, gru or lstm)", name));
}

std::size_t gate_count(CellKind cell) noexcept {
    switch (cell) {
    case CellKind::Elman: return 1;
    case CellKind::Gru: return 3;
    case CellKind::Lstm: return 4;
    }
    return 1;
}

namespace {

// Each gate's block of a (fan_in x gates*hidden) matrix drawn as a matrix of
// its own, so Xavier sees the gate's fan-out, not the sum of all gates.
Matrix gate_weights(std::size_t fan_in, std::size_t gates, std::size_t hidden, Init init, Rng& rng) {
    const auto rows = static_cast<Eigen::Index>(fan_in);
    const auto h = static_cast<Eigen::Index>(hidden);
    Matrix all(rows, h * static_cast<Eigen::Index>(gates));
    Matrix block(rows, h);
    for (Eigen::Index g = 0; g < static_cast<Eigen::Index>(gates); ++g) {
        initialize(block, init, rng);
        all.middleCols(g * h, h) = block;
    }
    return all;
}

void size_steps(std::vector<Matrix>& buffers, std::size_t count, Eigen::Index rows, Eigen::Index cols) {
    buffers.resize(count);
    for (Matrix& m : buffers) m.resize(rows, cols); // no allocation when the shape is unchanged
}

} // namespace

// φ as a compiled candidate: owned as a layer, and known as a candidate.
RecurrentLayer::Phi RecurrentLayer::candidate_phi(std::unique_ptr<ActivationLayer> activation) {
    ActivationLayer* candidate = activation.get();
    return {std::move(activation), candidate};
}

RecurrentLayer::RecurrentLayer(CellKind cell, RecurrentShape shape, std::unique_ptr<ActivationLayer> activation,
                               Init init, Rng& rng)
    : RecurrentLayer(cell, shape, candidate_phi(std::move(activation)), init, rng) {}

RecurrentLayer::RecurrentLayer(CellKind cell, RecurrentShape shape, std::unique_ptr<Layer> activation, Init init,
                               Rng& rng)
    : RecurrentLayer(cell, shape, Phi{std::move(activation)}, init, rng) {}

RecurrentLayer::RecurrentLayer(CellKind cell, RecurrentShape shape, Phi phi, Init init, Rng& rng)
    : cell_(cell), shape_(shape), activation_(std::move(phi.layer)), candidate_(phi.candidate) {
    if (shape_.steps == 0 || shape_.step_size == 0 || shape_.hidden == 0) {
        throw Error(fmt::format("a recurrent layer needs positive sizes, got {} step(s) of {} feature(s), state {}",
                                shape_.steps, shape_.step_size, shape_.hidden));
    }
    if (!activation_) throw Error("a recurrent layer needs an activation");
    // Throws when φ does not take the state's width.
    (void)activation_->output_size(shape_.hidden);
    const std::size_t gates = gate_count(cell_);
    w_ = gate_weights(shape_.step_size, gates, shape_.hidden, init, rng);
    u_ = gate_weights(shape_.hidden, gates, shape_.hidden, init, rng);
    b_ = RowVector::Zero(w_.cols());
    if (const double limit = bias_limit(init, shape_.hidden); limit > 0) {
        for (Eigen::Index j = 0; j < b_.size(); ++j) b_[j] = static_cast<float>(rng.uniform(-limit, limit));
    }
    // Jozefowicz et al. 2015: a forget bias of 1 lets gradients through
    // many steps from the start.
    if (cell_ == CellKind::Lstm) b_.segment(h(), h()).array() += 1.0f;
    w_grad_ = Matrix::Zero(w_.rows(), w_.cols());
    u_grad_ = Matrix::Zero(u_.rows(), u_.cols());
    b_grad_ = RowVector::Zero(b_.size());
    phi_params_ = activation_->parameters();
    // A differentiable search reads the mixture's g_k after backward(), and
    // the mixture only keeps its last call's: the layer sums them instead.
    mixture_ = dynamic_cast<MixtureLayer*>(activation_.get());
    // φ runs in inference mode in forward(); backward() recomputes what it needs.
    activation_->set_training(false);
}

std::vector<ParamRef> RecurrentLayer::parameters() {
    std::vector<ParamRef> refs{
        {w_.data(), w_grad_.data(), static_cast<std::size_t>(w_.size()), "input_weight", true},
        {u_.data(), u_grad_.data(), static_cast<std::size_t>(u_.size()), "recurrent_weight", true},
        {b_.data(), b_grad_.data(), static_cast<std::size_t>(b_.size()), "bias", false},
    };
    for (const ParamRef& p : phi_params_) refs.push_back(p);
    return refs;
}

void RecurrentLayer::zero_grad() {
    w_grad_.setZero();
    u_grad_.setZero();
    b_grad_.setZero();
    activation_->zero_grad();
}

std::size_t RecurrentLayer::output_size(std::size_t input_size) const {
    if (input_size != shape_.steps * shape_.step_size) {
        throw Error(fmt::format("recurrent layer takes {} step(s) of {} feature(s) ({} inputs), got {}", shape_.steps,
                                shape_.step_size, shape_.steps * shape_.step_size, input_size));
    }
    return shape_.hidden;
}

void RecurrentLayer::set_training(bool training) { training_ = training; }
bool RecurrentLayer::saw_non_finite() const { return activation_->saw_non_finite(); }
void RecurrentLayer::clear_non_finite() { activation_->clear_non_finite(); }

void RecurrentLayer::project_inputs(const Matrix& in) {
    const Eigen::Index batch = in.rows();
    const Eigen::Index steps = t_steps();
    const Eigen::Map<const Matrix> x(in.data(), batch * steps, static_cast<Eigen::Index>(shape_.step_size));
    projected_.resize(batch * steps, w_.cols());
    projected_.noalias() = x * w_;
    projected_.rowwise() += b_;

    const std::size_t n = shape_.steps;
    size_steps(states_, n + 1, batch, h());
    states_[0].setZero();
    size_steps(pre_, n, batch, h());
    size_steps(phi_, n, batch, h());
    if (cell_ == CellKind::Gru) {
        size_steps(gates_out_, n, batch, 2 * h());
        size_steps(reset_state_, n, batch, h());
    }
    if (cell_ == CellKind::Lstm) {
        size_steps(gates_out_, n, batch, 3 * h());
        size_steps(cells_, n + 1, batch, h());
        cells_[0].setZero();
        size_steps(cell_phi_, n, batch, h());
    }
}

void RecurrentLayer::forward(const Matrix& in, Matrix& out) {
    (void)output_size(static_cast<std::size_t>(in.cols()));
    project_inputs(in);
    switch (cell_) {
    case CellKind::Elman: forward_elman(); break;
    case CellKind::Gru: forward_gru(); break;
    case CellKind::Lstm: forward_lstm(); break;
    }
    out = states_.back();
    have_forward_ = training_;
}

void RecurrentLayer::backward(const Matrix& in, const Matrix& /*out*/, const Matrix& grad_out, Matrix* grad_in) {
    if (!have_forward_ || grad_out.rows() != states_.back().rows() || grad_out.cols() != h()) {
        throw Error("recurrent backward needs a training-mode forward of the same batch");
    }
    const Eigen::Index batch = in.rows();
    grad_h_ = grad_out;
    d_projected_.resize(projected_.rows(), projected_.cols());
    u_grad_.setZero();
    phi_grad_sum_.assign(total_phi_parameters(), 0.0f);
    if (mixture_ != nullptr) mixture_grad_sum_.assign(mixture_->weight_count(), 0.0);
    switch (cell_) {
    case CellKind::Elman: backward_elman(); break;
    case CellKind::Gru: backward_gru(); break;
    case CellKind::Lstm: backward_lstm(); break;
    }
    const Eigen::Map<const Matrix> x(in.data(), batch * t_steps(), static_cast<Eigen::Index>(shape_.step_size));
    w_grad_.noalias() = x.transpose() * d_projected_;
    b_grad_.noalias() = d_projected_.colwise().sum();
    if (grad_in != nullptr) {
        grad_in->resize(batch, in.cols());
        Eigen::Map<Matrix> gx(grad_in->data(), batch * t_steps(), static_cast<Eigen::Index>(shape_.step_size));
        gx.noalias() = d_projected_ * w_.transpose();
    }
    // φ's gradient: the sum over every step (and both uses in the LSTM).
    std::size_t offset = 0;
    for (const ParamRef& p : phi_params_) {
        std::copy_n(phi_grad_sum_.data() + offset, p.size, p.grad);
        offset += p.size;
    }
    if (mixture_ != nullptr) mixture_->set_weight_gradients(mixture_grad_sum_);
}

std::size_t RecurrentLayer::total_phi_parameters() const noexcept {
    std::size_t n = 0;
    for (const ParamRef& p : phi_params_) n += p.size;
    return n;
}

void RecurrentLayer::activation_backward(const Matrix& pre, const Matrix& grad_out, Matrix& grad_pre) {
    activation_->set_training(true);
    activation_->forward(pre, phi_scratch_);
    activation_->backward(pre, phi_scratch_, grad_out, &grad_pre);
    activation_->set_training(false);
    std::size_t offset = 0;
    for (const ParamRef& p : phi_params_) {
        for (std::size_t j = 0; j < p.size; ++j) phi_grad_sum_[offset + j] += p.grad[j];
        offset += p.size;
    }
    if (mixture_ != nullptr) {
        const std::span<const double> g = mixture_->weight_gradients();
        for (std::size_t k = 0; k < g.size(); ++k) mixture_grad_sum_[k] += g[k];
    }
}

// Elman: h_t = φ(a_t), a_t = x_t W + b + h_{t-1} U.
void RecurrentLayer::forward_elman() {
    for (Eigen::Index t = 0; t < t_steps(); ++t) {
        Matrix& a = pre_[static_cast<std::size_t>(t)];
        a = step_rows(projected_, t_steps(), t);
        if (t > 0) a.noalias() += states_[static_cast<std::size_t>(t)] * u_;
        activation_->forward(a, states_[static_cast<std::size_t>(t) + 1]);
    }
}

void RecurrentLayer::backward_elman() {
    for (Eigen::Index t = t_steps(); t-- > 0;) {
        const auto s = static_cast<std::size_t>(t);
        activation_backward(pre_[s], grad_h_, grad_pre_); // dL/da_t
        step_rows(d_projected_, t_steps(), t) = grad_pre_;
        if (t == 0) break; // h_0 = 0: no recurrent term
        u_grad_.noalias() += states_[s].transpose() * grad_pre_;
        grad_h_.noalias() = grad_pre_ * u_.transpose();
    }
}

} // namespace actforge::nn
