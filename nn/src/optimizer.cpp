// Shared by the optimizers: state layout checks and gradient-norm clipping.
#include "actforge/nn/optimizer.hpp"
#include "actforge/core/error.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>

namespace actforge::nn {

std::size_t layout_state(const std::vector<ParamRef>& params, std::vector<std::size_t>& offsets) {
    if (offsets.empty()) {
        offsets.reserve(params.size() + 1);
        offsets.push_back(0);
        for (const ParamRef& p : params) offsets.push_back(offsets.back() + p.size);
        return offsets.back();
    }
    bool same = offsets.size() == params.size() + 1;
    for (std::size_t i = 0; same && i < params.size(); ++i) same = offsets[i + 1] - offsets[i] == params[i].size;
    if (!same) {
        throw Error(fmt::format("optimizer state was sized for {} parameter tensor(s) of {} value(s); "
                                "the parameter list changed",
                                offsets.size() - 1, offsets.back()));
    }
    return offsets.back();
}

double grad_norm(const std::vector<ParamRef>& params) {
    // Lane j sums the elements i with i % kLanes == j; the compiler vectorises
    // the inner loop with unaligned loads, and the order is set by index.
    constexpr std::size_t kLanes = 8;
    std::array<double, kLanes> lanes{};
    for (const ParamRef& p : params) {
        const float* g = p.grad;
        std::size_t i = 0;
        for (; i + kLanes <= p.size; i += kLanes) {
            for (std::size_t j = 0; j < kLanes; ++j) lanes[j] += static_cast<double>(g[i + j]) * g[i + j];
        }
        for (std::size_t j = 0; i < p.size; ++i, ++j) lanes[j] += static_cast<double>(g[i]) * g[i];
    }
    double sum = 0.0;
    for (const double l : lanes) sum += l;
    return std::sqrt(sum);
}

double clip_grad_norm(std::vector<ParamRef>& params, float max_norm) {
    const double norm = grad_norm(params);
    if (max_norm <= 0.0f || !std::isfinite(norm) || norm <= static_cast<double>(max_norm)) return norm;
    const auto scale = static_cast<float>(static_cast<double>(max_norm) / norm);
    for (ParamRef& p : params) Eigen::Map<Array>(p.grad, static_cast<Eigen::Index>(p.size)) *= scale;
    return norm;
}

} // namespace actforge::nn
