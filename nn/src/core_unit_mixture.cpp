#include "actforge/nn/core_unit_mixture.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace actforge::nn {
namespace {

void binary_values(CoreBinary op, const Matrix& u1, const Matrix& u2, Matrix& out) {
    out.resize(u1.rows(), u1.cols());
    const auto a = u1.array();
    const auto b = u2.array();
    switch (op) {
    case CoreBinary::Add: out.array() = a + b; break;
    case CoreBinary::Multiply: out.array() = a * b; break;
    case CoreBinary::Subtract: out.array() = a - b; break;
    case CoreBinary::Max: out.array() = a.max(b); break;
    case CoreBinary::Min: out.array() = a.min(b); break;
    case CoreBinary::SigmoidGate: out.array() = b / (1.0f + (-a).exp()); break;
    case CoreBinary::GaussianDistance: out.array() = (-(a - b).square()).exp(); break;
    case CoreBinary::LaplaceDistance: out.array() = (-(a - b).abs()).exp(); break;
    }
}

// grad_u1 += g .* dB/du1 and grad_u2 += g .* dB/du2, where `value` is B(u1, u2).
void add_partials(CoreBinary op, const Matrix& u1, const Matrix& u2, const Matrix& value, const Matrix& g,
                  Matrix& grad_u1, Matrix& grad_u2) {
    const auto a = u1.array();
    const auto b = u2.array();
    const auto t = g.array();
    auto g1 = grad_u1.array();
    auto g2 = grad_u2.array();
    switch (op) {
    case CoreBinary::Add:
        g1 += t;
        g2 += t;
        break;
    case CoreBinary::Multiply:
        g1 += t * b;
        g2 += t * a;
        break;
    case CoreBinary::Subtract:
        g1 += t;
        g2 -= t;
        break;
    case CoreBinary::Max:
        g1 += (a >= b).select(t, 0.0f);
        g2 += (a < b).select(t, 0.0f);
        break;
    case CoreBinary::Min:
        g1 += (a <= b).select(t, 0.0f);
        g2 += (a > b).select(t, 0.0f);
        break;
    case CoreBinary::SigmoidGate: {
        const auto s = 1.0f / (1.0f + (-a).exp());
        g1 += t * s * (1.0f - s) * b;
        g2 += t * s;
        break;
    }
    case CoreBinary::GaussianDistance:
        g1 += t * value.array() * -2.0f * (a - b);
        g2 += t * value.array() * 2.0f * (a - b);
        break;
    case CoreBinary::LaplaceDistance:
        g1 -= t * value.array() * (a - b).sign();
        g2 += t * value.array() * (a - b).sign();
        break;
    }
}

std::vector<ParamRef> prefixed(std::vector<ParamRef> refs, const char* slot) {
    for (ParamRef& p : refs) p.name = fmt::format("{}.{}", slot, p.name);
    return refs;
}

} // namespace

std::string_view core_binary_template(CoreBinary op) noexcept {
    switch (op) {
    case CoreBinary::Add: return "{0} + {1}";
    case CoreBinary::Multiply: return "{0}*{1}";
    case CoreBinary::Subtract: return "{0} - {1}";
    case CoreBinary::Max: return "max({0}, {1})";
    case CoreBinary::Min: return "min({0}, {1})";
    case CoreBinary::SigmoidGate: return "sigmoid({0})*{1}";
    case CoreBinary::GaussianDistance: return "exp(-{b}*square({0} - {1}))";
    case CoreBinary::LaplaceDistance: return "exp(-{b}*abs({0} - {1}))";
    }
    return "";
}

BinaryValue core_binary_reference(CoreBinary op, double a, double b) noexcept {
    const double d = a - b;
    const double sign = d > 0.0 ? 1.0 : (d < 0.0 ? -1.0 : 0.0);
    switch (op) {
    case CoreBinary::Add: return {a + b, 1.0, 1.0};
    case CoreBinary::Multiply: return {a * b, b, a};
    case CoreBinary::Subtract: return {a - b, 1.0, -1.0};
    case CoreBinary::Max: return {std::max(a, b), a >= b ? 1.0 : 0.0, a < b ? 1.0 : 0.0};
    case CoreBinary::Min: return {std::min(a, b), a <= b ? 1.0 : 0.0, a > b ? 1.0 : 0.0};
    case CoreBinary::SigmoidGate: {
        const double s = 1.0 / (1.0 + std::exp(-a));
        return {s * b, s * (1.0 - s) * b, s};
    }
    case CoreBinary::GaussianDistance: {
        const double e = std::exp(-d * d);
        return {e, -2.0 * d * e, 2.0 * d * e};
    }
    case CoreBinary::LaplaceDistance: {
        const double e = std::exp(-std::abs(d));
        return {e, -sign * e, sign * e};
    }
    }
    return {0.0, 0.0, 0.0};
}

CoreUnitMixtureLayer::CoreUnitMixtureLayer(std::span<const ActivationSpec> unary, std::span<const CoreBinary> binary,
                                           ParamSharing sharing, std::size_t width, std::size_t unit_size, float clamp)
    : first_(unary, sharing, width, unit_size, clamp), second_(unary, sharing, width, unit_size, clamp),
      binary_(binary.begin(), binary.end()), clamp_(clamp) {
    if (binary_.empty()) throw Error("a core-unit mixture needs at least one binary function");
    binary_weights_.assign(binary_.size(), 1.0f / static_cast<float>(binary_.size()));
    weight_grads_.assign(weight_count(), 0.0);
    values_.resize(binary_.size());
}

void CoreUnitMixtureLayer::forward(const Matrix& in, Matrix& out) {
    first_.forward(in, u1_);
    second_.forward(in, u2_);
    const float c = clamp_;
    out.setZero(u1_.rows(), u1_.cols());
    for (std::size_t j = 0; j < binary_.size(); ++j) {
        if (binary_weights_[j] == 0.0f) continue; // dropped by progressive shrinking: not run
        binary_values(binary_[j], u1_, u2_, values_[j]);
        out.array() += binary_weights_[j] * values_[j].array().max(-c).min(c);
    }
}

void CoreUnitMixtureLayer::backward(const Matrix& in, const Matrix& /*out*/, const Matrix& grad_out, Matrix* grad_in) {
    const float c = clamp_;
    const std::size_t unary = first_.size();
    grad_u1_.setZero(grad_out.rows(), grad_out.cols());
    grad_u2_.setZero(grad_out.rows(), grad_out.cols());
    for (std::size_t j = 0; j < binary_.size(); ++j) {
        double& gw = weight_grads_[2 * unary + j];
        if (binary_weights_[j] == 0.0f) {
            gw = 0.0;
            continue;
        }
        const auto v = values_[j].array();
        gw = (grad_out.array() * v.max(-c).min(c)).cast<double>().sum();
        part_.resize(grad_out.rows(), grad_out.cols());
        part_.array() = (v.abs() < c).select(grad_out.array() * binary_weights_[j], 0.0f);
        add_partials(binary_[j], u1_, u2_, values_[j], part_, grad_u1_, grad_u2_);
    }
    first_.backward(in, u1_, grad_u1_, grad_in);
    std::copy_n(first_.weight_gradients().begin(), unary, weight_grads_.begin());
    if (grad_in == nullptr) {
        second_.backward(in, u2_, grad_u2_, nullptr);
    } else {
        second_.backward(in, u2_, grad_u2_, &part_);
        *grad_in += part_;
    }
    std::copy_n(second_.weight_gradients().begin(), unary, weight_grads_.begin() + static_cast<std::ptrdiff_t>(unary));
}

std::vector<ParamRef> CoreUnitMixtureLayer::parameters() {
    std::vector<ParamRef> refs = prefixed(first_.parameters(), "unary1");
    for (ParamRef& p : prefixed(second_.parameters(), "unary2")) refs.push_back(std::move(p));
    return refs;
}

void CoreUnitMixtureLayer::zero_grad() {
    first_.zero_grad();
    second_.zero_grad();
    std::fill(weight_grads_.begin(), weight_grads_.end(), 0.0);
}

std::size_t CoreUnitMixtureLayer::output_size(std::size_t input_size) const { return first_.output_size(input_size); }

void CoreUnitMixtureLayer::set_training(bool training) {
    first_.set_training(training);
    second_.set_training(training);
}

bool CoreUnitMixtureLayer::saw_non_finite() const { return first_.saw_non_finite() || second_.saw_non_finite(); }

void CoreUnitMixtureLayer::clear_non_finite() {
    first_.clear_non_finite();
    second_.clear_non_finite();
}

void CoreUnitMixtureLayer::set_weights(std::span<const double> weights) {
    if (weights.size() != weight_count()) {
        throw Error(fmt::format("a core-unit mixture of {} options got {} weights", weight_count(), weights.size()));
    }
    const std::size_t unary = first_.size();
    first_.set_weights(weights.subspan(0, unary));
    second_.set_weights(weights.subspan(unary, unary));
    for (std::size_t j = 0; j < binary_.size(); ++j) binary_weights_[j] = static_cast<float>(weights[2 * unary + j]);
}

void CoreUnitMixtureLayer::set_weight_gradients(std::span<const double> gradients) {
    if (gradients.size() != weight_count()) {
        throw Error(
            fmt::format("a core-unit mixture of {} options got {} weight gradients", weight_count(), gradients.size()));
    }
    std::copy(gradients.begin(), gradients.end(), weight_grads_.begin());
}

std::vector<float> CoreUnitMixtureLayer::option_parameters(std::size_t slot, std::size_t k) const {
    switch (slot) {
    case 0: return first_.option_parameters(0, k);
    case 1: return second_.option_parameters(0, k);
    case 2: return {};
    default: throw Error(fmt::format("a core unit has three slots, not slot {}", slot + 1));
    }
}

void CoreUnitMixtureLayer::set_input_scale(float target_sd) {
    first_.set_input_scale(target_sd);
    second_.set_input_scale(target_sd);
}

void CoreUnitMixtureLayer::set_standardization(std::span<const ComponentScale> scales) {
    first_.set_standardization(scales);
    second_.set_standardization(scales);
}

} // namespace actforge::nn
