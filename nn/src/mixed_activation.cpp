#include "actforge/nn/mixed_activation.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace actforge::nn {

MixedActivationLayer::MixedActivationLayer(std::span<const ActivationSpec> components, ParamSharing sharing,
                                           std::size_t width, std::size_t unit_size, float clamp)
    : clamp_(clamp) {
    if (components.empty()) throw Error("a mixed activation needs at least one component");
    if (!(clamp > 0.0f)) throw Error(fmt::format("a mixed activation's clamp must be positive, got {}", clamp));
    for (const ActivationSpec& c : components) {
        components_.push_back(
            std::make_unique<ActivationLayer>(c.program, c.initial_params, sharing, width, c.names, unit_size));
    }
    values_.resize(components_.size());
    weights_.assign(components_.size(), 1.0f / static_cast<float>(components_.size()));
    weight_grads_.assign(components_.size(), 0.0);
    scales_.assign(components_.size(), ComponentScale{});
}

void MixedActivationLayer::forward(const Matrix& in, Matrix& out) {
    const float c = clamp_;
    const Matrix& x = input_scale_.forward(in, training_);
    out.resize(in.rows(), in.cols());
    bool first = true;
    for (std::size_t k = 0; k < components_.size(); ++k) {
        // A function of weight 0 (dropped by progressive shrinking) adds
        // nothing, so it is not run: a value of it that is not finite must
        // not stop the search.
        if (weights_[k] == 0.0f) continue;
        components_[k]->forward(x, values_[k]);
        // With offset 0 and scale 1 this is w_k * clamp(f_k) exactly.
        const auto standardized = values_[k].array().max(-c).min(c) - scales_[k].offset;
        const float weight = weights_[k] * scales_[k].scale;
        if (first) {
            out.array() = weight * standardized;
        } else {
            out.array() += weight * standardized;
        }
        first = false;
    }
    if (first) out.setZero();
}

void MixedActivationLayer::backward(const Matrix& in, const Matrix& /*out*/, const Matrix& grad_out, Matrix* grad_in) {
    const float c = clamp_;
    const Matrix& x = input_scale_.enabled() ? input_scale_.last_output() : in;
    bool first = true;
    for (std::size_t k = 0; k < components_.size(); ++k) {
        if (weights_[k] == 0.0f) { // not run by forward(): no gradient
            weight_grads_[k] = 0.0;
            components_[k]->zero_grad();
            continue;
        }
        const auto f = values_[k].array();
        const ComponentScale& sk = scales_[k];
        weight_grads_[k] = (grad_out.array() * (f.max(-c).min(c) - sk.offset)).cast<double>().sum() * sk.scale;
        scaled_.resize(grad_out.rows(), grad_out.cols());
        scaled_.array() = (f.abs() < c).select(grad_out.array() * (weights_[k] * sk.scale), 0.0f);
        components_[k]->backward(x, values_[k], scaled_, grad_in != nullptr ? &part_ : nullptr);
        if (grad_in == nullptr) continue;
        if (first) {
            *grad_in = part_;
        } else {
            *grad_in += part_;
        }
        first = false;
    }
    if (first && grad_in != nullptr) grad_in->setZero(in.rows(), in.cols());
    if (grad_in != nullptr) input_scale_.backward(*grad_in); // d x_hat / d x = gain
}

std::vector<ParamRef> MixedActivationLayer::parameters() {
    std::vector<ParamRef> refs;
    for (std::size_t k = 0; k < components_.size(); ++k) {
        for (ParamRef& p : components_[k]->parameters()) {
            p.name = fmt::format("mix{}.{}", k, p.name);
            refs.push_back(std::move(p));
        }
    }
    return refs;
}

void MixedActivationLayer::zero_grad() {
    for (auto& c : components_) c->zero_grad();
    std::fill(weight_grads_.begin(), weight_grads_.end(), 0.0);
}

std::size_t MixedActivationLayer::output_size(std::size_t input_size) const {
    return components_.front()->output_size(input_size);
}

void MixedActivationLayer::set_training(bool training) {
    training_ = training;
    for (auto& c : components_) c->set_training(training);
}

bool MixedActivationLayer::saw_non_finite() const {
    return std::any_of(components_.begin(), components_.end(), [](const auto& c) { return c->saw_non_finite(); });
}

void MixedActivationLayer::clear_non_finite() {
    for (auto& c : components_) c->clear_non_finite();
}

void MixedActivationLayer::set_weights(std::span<const double> weights) {
    if (weights.size() != components_.size()) {
        throw Error(fmt::format("a mixture of {} functions got {} weights", components_.size(), weights.size()));
    }
    for (std::size_t k = 0; k < weights.size(); ++k) weights_[k] = static_cast<float>(weights[k]);
}

void MixedActivationLayer::set_weight_gradients(std::span<const double> gradients) {
    if (gradients.size() != components_.size()) {
        throw Error(fmt::format("a mixture of {} functions got {} weight gradients", components_.size(),
                                gradients.size()));
    }
    std::copy(gradients.begin(), gradients.end(), weight_grads_.begin());
}

std::vector<float> MixedActivationLayer::option_parameters(std::size_t slot, std::size_t k) const {
    if (slot != 0) throw Error(fmt::format("a mixture of functions has one slot, not slot {}", slot + 1));
    return component(k).parameter_means();
}

void MixedActivationLayer::set_standardization(std::span<const ComponentScale> scales) {
    if (scales.size() != components_.size()) {
        throw Error(
            fmt::format("a mixture of {} functions got {} standardizations", components_.size(), scales.size()));
    }
    for (const ComponentScale& s : scales) {
        if (!std::isfinite(s.offset) || !std::isfinite(s.scale) || !(s.scale > 0.0f)) {
            throw Error(
                fmt::format("a mixture's standardization needs a finite offset and a positive scale, got {} and {}",
                            s.offset, s.scale));
        }
    }
    scales_.assign(scales.begin(), scales.end());
}

void MixedActivationLayer::set_input_scale(float target_sd) {
    if (!std::isfinite(target_sd) || target_sd < 0.0f) {
        throw Error(fmt::format("a mixture's input spread must be positive (or 0 for none), got {}", target_sd));
    }
    input_scale_ = RunningInputScale(target_sd);
}

std::vector<double> mixture_weights(std::span<const double> alpha, double temperature) {
    const double top = *std::max_element(alpha.begin(), alpha.end());
    std::vector<double> w;
    double sum = 0.0;
    for (double a : alpha) sum += w.emplace_back(std::exp((a - top) / temperature));
    for (double& v : w) v /= sum;
    return w;
}

std::vector<double> mixture_alpha_gradient(std::span<const double> weights, std::span<const double> weight_gradients,
                                           double temperature) {
    double mean = 0.0;
    for (std::size_t k = 0; k < weights.size(); ++k) mean += weights[k] * weight_gradients[k];
    std::vector<double> grad;
    for (std::size_t j = 0; j < weights.size(); ++j) {
        grad.push_back(weights[j] / temperature * (weight_gradients[j] - mean));
    }
    return grad;
}

} // namespace actforge::nn
