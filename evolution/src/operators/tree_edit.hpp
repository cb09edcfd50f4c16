#pragma once
// Range operations on postfix trees, shared by the genetic operators. A
// subtree rooted at i is the contiguous range [begin_of(i), i], so every
// edit is a splice followed by expr::recompute_lengths.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/genome/tree_limits.hpp"
#include "actforge/expr/tree.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace actforge::evolution::detail {

using Nodes = std::vector<expr::Node>;

// Attempts an operator makes before it gives up on a tree.
inline constexpr int kAttempts = 8;

// Per-node facts for choosing edit points without trial and error.
struct Shape {
    std::vector<std::size_t> depth;    // root = 1
    std::vector<std::size_t> height;   // of the subtree rooted here; leaf = 1
    std::vector<bool> reads_x;         // the subtree contains x
    std::vector<std::uint32_t> params; // bit k: the subtree uses parameter k
};
[[nodiscard]] Shape shape_of(const expr::Tree& t);

// The nodes of the subtree rooted at i.
[[nodiscard]] Nodes subtree(const expr::Tree& t, std::size_t i);
// t with the subtree rooted at i replaced (lengths recomputed, parameters kept).
[[nodiscard]] expr::Tree replace_subtree(const expr::Tree& t, std::size_t i, const Nodes& replacement);
// Whether some node outside the subtree rooted at i is x.
[[nodiscard]] bool reads_x_outside(const expr::Tree& t, std::size_t i);
// Bit k set when a node outside the subtree rooted at i uses parameter k.
[[nodiscard]] std::uint32_t params_outside(const expr::Tree& t, std::size_t i);
// The operation the node at i hangs under; none for the root.
[[nodiscard]] std::optional<expr::Op> parent_op(const expr::Tree& t, std::size_t i);

// Drops parameters no node uses and renumbers the rest, keeping their order.
void compact_parameters(expr::Tree& t);
// The first of a, b, c, ... (never x) that names no parameter of t.
[[nodiscard]] std::string fresh_parameter_name(const expr::Tree& t);
// Appends a parameter with a fresh name; returns a leaf that uses it.
[[nodiscard]] expr::Node new_parameter(expr::Tree& t, float value);

// Valid, within the limits, reads x, every parameter used and uniquely named.
[[nodiscard]] bool acceptable(const expr::Tree& t, const TreeLimits& limits);
// Compacts the candidate's parameters; when it then differs from `tree` and
// is acceptable, moves it into `tree` and returns true.
bool commit(expr::Tree& tree, expr::Tree candidate, const TreeLimits& limits);

// One of the (non-empty) candidate node indices: an operation with
// probability `op_bias` when there is one (Koza's 90/10 rule keeps most
// edits away from lone leaves), else uniformly.
[[nodiscard]] std::size_t pick(Rng& rng, const expr::Tree& t, const std::vector<std::size_t>& candidates,
                               double op_bias);
// A constant leaf: a "nice" value most often, else uniform in [-2, 2]
// rounded to two decimals.
[[nodiscard]] expr::Node random_constant(Rng& rng);
// `v` rounded to `digits` significant digits (formulas stay readable).
[[nodiscard]] float round_significant(double v, int digits);

} // namespace actforge::evolution::detail
