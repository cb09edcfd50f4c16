#pragma once
// Shared engine of the LaTeX, SymPy, PyTorch and C++ printers: each primitive's
// spelling is a template from the primitive table; operands are wrapped in
// brackets unless they are atomic or the template already delimits them.
#include "actforge/expr/tree.hpp"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace actforge::expr::detail {

struct TemplateStyle {
    std::string_view (*spelling)(const Primitive&);
    std::string open = "(";
    std::string close = ")";
    std::function<std::string(const Tree&, const Node&)> leaf; // text of a Const or Param node
    // When set and it gives a text for an operation node, that text stands
    // for the node's whole subtree (a format that cannot spell it as is).
    std::function<std::optional<std::string>(const Tree&, std::size_t)> replace = {};
};

struct Rendered {
    std::string text;
    int precedence; // 9 = atomic; otherwise that of its loosest top-level operator
};

// Renders the subtree at `i`; records the primitives used (for helpers).
Rendered render_template(const Tree& t, std::size_t i, const TemplateStyle& style, std::set<Op>& used);

} // namespace actforge::expr::detail
