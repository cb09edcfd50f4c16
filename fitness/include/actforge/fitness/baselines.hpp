#pragma once
// Well-known activations by name, so users and replays can compare against them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actforge::fitness {

// relu, tanh, sigmoid, swish, gelu, elu, selu, softplus, mish.
[[nodiscard]] const std::vector<std::string>& baseline_names();

// The formula of a baseline ("swish" -> "swish(x)"), or nullopt.
[[nodiscard]] std::optional<std::string> baseline_formula(std::string_view name);

// A baseline's formula, or `text` itself when it is not a baseline name.
[[nodiscard]] std::string resolve_formula(std::string_view text);

} // namespace actforge::fitness
