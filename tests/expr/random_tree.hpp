#pragma once
// Random expression trees for property tests: every primitive, constants,
// parameters, bounded depth.
#include "actforge/core/rng.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/expr/tree.hpp"

#include <cmath>
#include <vector>

namespace actforge::test {

inline void grow(Rng& rng, int depth, std::size_t num_params, std::vector<expr::Node>& out) {
    using expr::Node;
    using expr::Op;
    if (depth <= 0 || rng.uniform() < 0.25) {
        const double u = rng.uniform();
        if (u < 0.5)
            out.push_back(Node::variable());
        else if (u < 0.75 || num_params == 0)
            out.push_back(Node::constant(static_cast<float>(std::round(rng.uniform(-3, 3) * 4) / 4)));
        else
            out.push_back(Node::parameter(static_cast<std::uint16_t>(rng.below(num_params))));
        return;
    }
    if (rng.uniform() < 0.5) {
        const auto first = static_cast<std::size_t>(Op::Neg);
        const auto count = static_cast<std::size_t>(Op::BesselI1e) - first + 1;
        const auto op = static_cast<Op>(first + rng.below(count));
        grow(rng, depth - 1, num_params, out);
        out.push_back(Node::operation(op, 0));
    } else {
        const auto first = static_cast<std::size_t>(Op::Add);
        const auto count = static_cast<std::size_t>(Op::Pow) - first + 1;
        const auto op = static_cast<Op>(first + rng.below(count));
        grow(rng, depth - 1, num_params, out);
        grow(rng, depth - 1, num_params, out);
        out.push_back(Node::operation(op, 0));
    }
}

inline expr::Tree random_tree(Rng& rng, int max_depth, std::size_t max_params = 2) {
    expr::Tree t;
    const std::size_t num_params = rng.below(max_params + 1);
    for (std::size_t k = 0; k < num_params; ++k) {
        t.parameters.push_back({std::string(1, static_cast<char>('a' + k)), static_cast<float>(rng.uniform(-2, 2))});
    }
    grow(rng, max_depth, num_params, t.nodes);
    expr::recompute_lengths(t.nodes);
    return t;
}

// Whether every subtree of t is finite and moderate (|v| <= bound) at x. Past
// that, results are ill-conditioned (sin of a huge argument, a division by
// an identically zero term whose sign flips under simplification) and a
// rounding of the last bit may change them entirely. One postfix pass: every
// subtree's value is on the stack once.
inline bool tame_throughout(const expr::Tree& t, double x, double bound = 1e4) {
    std::vector<double> stack;
    stack.reserve(t.size());
    for (const expr::Node& n : t.nodes) {
        double v = 0.0;
        if (n.op == expr::Op::Var) {
            v = x;
        } else if (n.op == expr::Op::Const) {
            v = n.value;
        } else if (n.op == expr::Op::Param) {
            v = t.parameters[n.param].value;
        } else if (expr::is_unary(n.op)) {
            v = expr::primitive(n.op).value(stack.back(), 0.0);
            stack.pop_back();
        } else {
            const double b = stack.back();
            stack.pop_back();
            v = expr::primitive(n.op).value(stack.back(), b);
            stack.pop_back();
        }
        if (!std::isfinite(v) || std::abs(v) > bound) return false;
        stack.push_back(v);
    }
    return true;
}

} // namespace actforge::test
