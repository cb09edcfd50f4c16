#include "actforge/nn/optimizer.hpp"

namespace actforge::nn {

void Sgd::step(std::vector<ParamRef>& params, float lr) {
    const float mu = settings_.momentum;
    const float wd = settings_.weight_decay;
    if (mu != 0.0f && velocity_.size() == 0) {
        velocity_ = Vector::Zero(static_cast<Eigen::Index>(layout_state(params, offsets_)));
    } else if (mu != 0.0f) {
        layout_state(params, offsets_);
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        ParamRef& ref = params[i];
        const auto n = static_cast<Eigen::Index>(ref.size);
        Eigen::Map<Array> p(ref.value, n);
        const Eigen::Map<const Array> grad(ref.grad, n);
        const float decay = ref.decay ? wd : 0.0f;
        const auto g = grad + decay * p;
        if (mu == 0.0f) {
            p -= lr * g;
            continue;
        }
        // The first step starts from v = 0, so v = g as in torch.optim.SGD.
        Eigen::Map<Array> v(velocity_.data() + offsets_[i], n);
        v = mu * v + g;
        if (settings_.nesterov)
            p -= lr * (g + mu * v);
        else
            p -= lr * v;
    }
}

} // namespace actforge::nn
