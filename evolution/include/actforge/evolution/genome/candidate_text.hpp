#pragma once
// How a campaign's candidate is shown and handed on: each layer's function
// with its learned parameter values, and its architecture.
#include "actforge/evolution/genome/individual.hpp"

#include <string>
#include <vector>

namespace actforge::evolution {

// The candidate's functions with parameters at their learned values (means
// over the units when per neuron), or at their initial values if
// `initial`. A shared function with learned parameters becomes one function
// per hidden layer, since each layer learned its own values.
[[nodiscard]] std::vector<expr::Tree> trained_functions(const Individual& e, bool initial);

// "a*tanh(x) [a=1.21]" or "L1: tanh(x); L2: a*x [a=0.93]".
[[nodiscard]] std::string functions_text(const Individual& e);

// The functions at their learned values in the syntax `eval --activations`
// takes, "F1; F2" (what `export DIR --rank R --format infix` prints).
[[nodiscard]] std::string trained_formulas(const Individual& e);

// "128-32, lr 0.00178", or "task's" without an architecture gene.
[[nodiscard]] std::string architecture_text(const Individual& e);

} // namespace actforge::evolution
