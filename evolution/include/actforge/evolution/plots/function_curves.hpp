#pragma once
// The curves the function plots show (plots.hpp), sampled from formulas:
// f and f' at 201 points on [-5, 5].
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/evolution/plots/plots.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actforge::evolution {

[[nodiscard]] Curve function_curve(std::string label, const expr::Tree& tree, bool dashed = false);

// A common function drawn for comparison (dashed): reference_curve("ReLU", "relu(x)").
[[nodiscard]] Curve reference_curve(std::string label, std::string_view formula);

// Every hidden layer's function of a hall-of-fame entry at its learned
// values, labelled by its formula ("L2: ..." when there are several).
[[nodiscard]] std::vector<Curve> layer_curves(const Individual& entry);

// The first hidden layer's function of each of the first `top` entries, at
// its learned values, labelled "#rank formula".
[[nodiscard]] std::vector<Curve> top_candidate_curves(std::span<const Individual> entries, std::size_t top);

} // namespace actforge::evolution
