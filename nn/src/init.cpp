#include "actforge/nn/init.hpp"

#include "actforge/core/error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::nn {

float init_limit(Init init, std::size_t fan_in, std::size_t fan_out) {
    const double in = static_cast<double>(fan_in);
    const double out = static_cast<double>(fan_out);
    switch (init) {
    case Init::He: return static_cast<float>(std::sqrt(6.0 / in));
    case Init::Xavier: return static_cast<float>(std::sqrt(6.0 / (in + out)));
    case Init::LeCun: return static_cast<float>(std::sqrt(3.0 / in));
    case Init::Torch: return static_cast<float>(std::sqrt(1.0 / in));
    }
    return 0.0f;
}

float bias_limit(Init init, std::size_t fan_in) {
    return init == Init::Torch ? static_cast<float>(std::sqrt(1.0 / static_cast<double>(fan_in))) : 0.0f;
}

std::string_view to_string(Init init) noexcept {
    switch (init) {
    case Init::He: return "he";
    case Init::Xavier: return "xavier";
    case Init::LeCun: return "lecun";
    case Init::Torch: return "torch";
    }
    return "";
}

Init init_from_string(std::string_view name) {
    for (Init i : {Init::He, Init::Xavier, Init::LeCun, Init::Torch}) {
        if (to_string(i) == name) return i;
    }
    throw Error(fmt::format("--init: unknown '{}' (choose he, lecun, torch or xavier)", name));
}

void initialize(Matrix& weights, Init init, Rng& rng) {
    const double limit =
        init_limit(init, static_cast<std::size_t>(weights.rows()), static_cast<std::size_t>(weights.cols()));
    float* w = weights.data();
    for (Eigen::Index i = 0; i < weights.size(); ++i) w[i] = static_cast<float>(rng.uniform(-limit, limit));
}

} // namespace actforge::nn
