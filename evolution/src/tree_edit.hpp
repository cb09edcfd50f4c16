#pragma once
// Range operations on postfix trees shared by the operators.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/tree_limits.hpp"
#include "actforge/expr/tree.hpp"

#include <span>
#include <string>
#include <vector>

namespace actforge::evolution::detail {

using Nodes = std::vector<expr::Node>;

// The nodes of the subtree rooted at i.
[[nodiscard]] Nodes subtree(const expr::Tree& t, std::size_t i);
// t with the subtree rooted at i replaced by `replacement` (lengths recomputed).
[[nodiscard]] expr::Tree replace_subtree(const expr::Tree& t, std::size_t i, const Nodes& replacement);
// Whether the tree reads x.
[[nodiscard]] bool uses_x(const expr::Tree& t);
// Drops parameters no node uses and renumbers the rest, keeping order.
void compact_parameters(expr::Tree& t);
// The first of a, b, c, ... (never x) not yet naming a parameter.
[[nodiscard]] std::string fresh_parameter_name(const expr::Tree& t);
// Every limit holds, the tree is valid and it reads x.
[[nodiscard]] bool acceptable(const expr::Tree& t, const TreeLimits& limits);
// A uniformly chosen node index; when `internal_only`, among operations.
[[nodiscard]] std::size_t random_node(Rng& rng, const expr::Tree& t, bool internal_only = false);
// A constant leaf with a "nice" value most of the time.
[[nodiscard]] expr::Node random_constant(Rng& rng);

} // namespace actforge::evolution::detail
