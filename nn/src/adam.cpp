#include "actforge/nn/optimizer.hpp"

#include <cmath>

namespace actforge::nn {

void Adam::step(std::vector<ParamRef>& params, float lr) {
    if (offsets_.empty()) {
        const auto total = static_cast<Eigen::Index>(layout_state(params, offsets_));
        m_ = Vector::Zero(total);
        v_ = Vector::Zero(total);
    } else {
        layout_state(params, offsets_);
    }
    ++t_;
    const AdamSettings& s = settings_;
    const double t = static_cast<double>(t_);
    const auto bias1 = static_cast<float>(1.0 - std::pow(static_cast<double>(s.beta1), t));
    const auto bias2_sqrt = static_cast<float>(std::sqrt(1.0 - std::pow(static_cast<double>(s.beta2), t)));
    const float step_size = lr / bias1;
    for (std::size_t i = 0; i < params.size(); ++i) {
        ParamRef& ref = params[i];
        const auto n = static_cast<Eigen::Index>(ref.size);
        Eigen::Map<Array> p(ref.value, n);
        const Eigen::Map<const Array> grad(ref.grad, n);
        Eigen::Map<Array> m(m_.data() + offsets_[i], n);
        Eigen::Map<Array> v(v_.data() + offsets_[i], n);
        const float decay = ref.decay ? s.weight_decay : 0.0f;
        if (decoupled_ || decay == 0.0f) {
            m = s.beta1 * m + (1.0f - s.beta1) * grad;
            v = s.beta2 * v + (1.0f - s.beta2) * grad.square();
            if (decay != 0.0f) p *= 1.0f - lr * decay;
        } else {
            const auto g = grad + decay * p;
            m = s.beta1 * m + (1.0f - s.beta1) * g;
            v = s.beta2 * v + (1.0f - s.beta2) * g.square();
        }
        p -= step_size * m / (v.sqrt() / bias2_sqrt + s.eps);
    }
}

} // namespace actforge::nn
