#pragma once
// Whether a candidate formula is a planted one "in value": the check a
// planted-answer benchmark asks of a search's results (is the teacher's
// function among the best found?).
//
// Both trees are evaluated (with their parameters at their current values,
// the learned ones for a trained candidate) on a dense grid of [lo, hi].
// With ValueMatch::Affine the planted g is first fitted to the candidate f
// by least squares as a*g + c: a network absorbs a positive output scale
// into the next layer's weights and a shift into its bias, so such an f
// trains exactly as g does. (A negative a, or a rescaled input g(k*x), is
// absorbable too but is a different-looking function; it is not accepted.)
// The match holds when
//     max over the grid |f(x) - (a*g(x) + c)|  <=  tolerance * a * spread(g),
// spread(g) = max g - min g over the grid: the error is relative to the
// planted function's own range there, so it does not depend on units.
// Grid points where g is not finite are skipped; f must be finite at all
// the others.
//
// ValueMatch::Network asks what a dense network can tell apart: the layer
// before absorbs an input scale and shift, the layer after an output scale
// (of either sign) and shift, so f is matched against a*g(k*x + h) + c,
// with a != 0, 1/4 <= |k| <= 4 and |h| <= 2 found by search (a and c by
// least squares for each k and h; spread(g) is then that of g(k*x + h)).
// The error depends on which is the candidate. As candidate against
// planted: sigmoid matches tanh exactly (sigmoid(x) = tanh(x/2)/2 + 1/2),
// sigmoid erf to 0.6% of its range, gelu swish to 0.3%, while softplus is
// 6.5% from relu (relu 2.4% from softplus, at the bound |k| = 4).
#include "actforge/expr/tree.hpp"

#include <cstddef>

namespace actforge::expr {

enum class ValueMatch {
    Exact,   // f = g (a = 1, c = 0)
    Affine,  // f = a*g + c with a > 0
    Network, // f = a*g(k*x + h) + c with a != 0 and k, h within the bounds above
};

struct MatchOptions {
    double lo = -5.0;
    double hi = 5.0;
    std::size_t points = 1001;
    // 1% of g's range. With the affine fit, swish differs from gelu by
    // 2.1%, from relu by 3.4%, from softplus by 7%, from elu by 9.5%, while
    // a learned constant off by 1% (x*sigmoid(1.01*x)) is at 0.05%.
    double tolerance = 0.01;
    ValueMatch match = ValueMatch::Affine;
};

struct MatchResult {
    bool matches = false;
    double scale = 1.0;          // a
    double shift = 0.0;          // c
    double relative_error = 0.0; // max error / (|a| * spread(g)); +inf when undefined
    double input_scale = 1.0;    // k (ValueMatch::Network; else 1)
    double input_shift = 0.0;    // h (ValueMatch::Network; else 0)
};

[[nodiscard]] MatchResult match_in_value(const Tree& candidate, const Tree& planted, const MatchOptions& options = {});

// match_in_value(...).matches: the candidate recovers the planted function.
[[nodiscard]] bool recovers(const Tree& candidate, const Tree& planted, const MatchOptions& options = {});

} // namespace actforge::expr
