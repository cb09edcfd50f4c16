#pragma once
// A plain tree-walking evaluator in double precision, built directly on the
// primitive table. It is the oracle that the compiled Program is tested
// against, and it computes the behavioural fingerprint.
#include "actforge/expr/tree.hpp"

#include <span>
#include <vector>

namespace actforge::expr {

struct ReferenceResult {
    double f = 0.0;
    double df = 0.0;            // d f / d x
    std::vector<double> dtheta; // d f / d parameter k, one per tree parameter
};

// Value only. `params` overrides the tree's parameter values when non-empty.
[[nodiscard]] double reference_value(const Tree& t, double x, std::span<const double> params = {});

// Value with exact forward-mode derivatives. A partial is only applied along
// directions the operand depends on, so pow(x, 2) at x < 0 has no NaN from
// the unused d/d(exponent) = x^2 log(x).
[[nodiscard]] ReferenceResult reference_eval(const Tree& t, double x, std::span<const double> params = {});

} // namespace actforge::expr
