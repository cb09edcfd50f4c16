#pragma once
// First-order optimizers over a network's parameter list.
//
// step(params, lr) updates every parameter from its gradient with the given
// (already scheduled) learning rate. State (momentum, moments) is sized at
// the first step and keyed by the index in `params`: the list must keep the
// same order and sizes from step to step (checked; a mismatch throws).
// Weight decay applies only to parameters with ParamRef::decay set.
// State lives in Eigen (64-byte aligned) storage, so where each parameter's
// state starts relative to a SIMD boundary depends only on the layout, never
// on the heap: the same inputs round the same way in every run.
#include "actforge/nn/layer.hpp"

#include <cstdint>
#include <vector>

namespace actforge::nn {

struct SgdSettings {
    float momentum = 0.0f;
    bool nesterov = false;
    float weight_decay = 0.0f; // L2 penalty added to the gradient
};

// Stochastic gradient descent with heavy-ball or Nesterov momentum, in the
// form of torch.optim.SGD (dampening 0; Sutskever et al. 2013):
//   g += wd * p;  v = mu * v + g;  p -= lr * (nesterov ? g + mu * v : v).
class Sgd {
public:
    explicit Sgd(SgdSettings settings = {}) : settings_(settings) {}
    void step(std::vector<ParamRef>& params, float lr);
    [[nodiscard]] const SgdSettings& settings() const noexcept { return settings_; }

private:
    SgdSettings settings_;
    std::vector<std::size_t> offsets_; // start of each parameter in velocity_
    Vector velocity_;
};

struct AdamSettings {
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float eps = 1e-8f;
    float weight_decay = 0.0f;
};

// Adam, "Adam: A Method for Stochastic Optimization" (Kingma & Ba 2015), with
// the bias corrections arranged as torch.optim.Adam does:
//   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
//   p -= lr / (1-b1^t) * m / (sqrt(v) / sqrt(1-b2^t) + eps).
// decoupled = false: weight decay is an L2 penalty added to g (Adam).
// decoupled = true: AdamW, p -= lr * wd * p before the update, apart from the
// moments (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization").
class Adam {
public:
    explicit Adam(AdamSettings settings = {}, bool decoupled = false) : settings_(settings), decoupled_(decoupled) {}
    void step(std::vector<ParamRef>& params, float lr);
    [[nodiscard]] const AdamSettings& settings() const noexcept { return settings_; }
    [[nodiscard]] bool decoupled() const noexcept { return decoupled_; }
    [[nodiscard]] std::uint64_t steps() const noexcept { return t_; }

private:
    AdamSettings settings_;
    bool decoupled_;
    std::uint64_t t_ = 0;
    std::vector<std::size_t> offsets_;
    Vector m_;
    Vector v_;
};

// Sizes the state of an optimizer for `params` on its first step, or checks
// that `params` still has the layout it was sized for. Returns the total
// number of scalars.
std::size_t layout_state(const std::vector<ParamRef>& params, std::vector<std::size_t>& offsets);

// Global L2 norm of all gradients, accumulated in double in a fixed order
// that does not depend on the gradients' addresses.
[[nodiscard]] double grad_norm(const std::vector<ParamRef>& params);

// Scales all gradients so that their global L2 norm is at most max_norm
// (Pascanu et al. 2013); max_norm <= 0 leaves them alone. Returns the norm
// before clipping, which may be non-finite.
double clip_grad_norm(std::vector<ParamRef>& params, float max_norm);

} // namespace actforge::nn
