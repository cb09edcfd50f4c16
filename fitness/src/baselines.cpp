#include "actforge/fitness/baselines.hpp"

#include <algorithm>

namespace actforge::fitness {

const std::vector<std::string>& baseline_names() {
    static const std::vector<std::string> names{"relu", "tanh", "sigmoid",  "swish", "gelu",
                                                "elu",  "selu", "softplus", "mish"};
    return names;
}

std::optional<std::string> baseline_formula(std::string_view name) {
    const auto& names = baseline_names();
    if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
    return std::string(name) + "(x)";
}

std::string resolve_formula(std::string_view text) {
    if (auto f = baseline_formula(text)) return *f;
    return std::string(text);
}

} // namespace actforge::fitness
