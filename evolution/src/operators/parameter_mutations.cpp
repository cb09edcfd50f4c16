// The mutations that change numbers rather than shape: constant jitter, and
// adding or removing a learnable parameter.
#include "actforge/evolution/operators/mutation.hpp"

#include "tree_edit.hpp"

#include <cmath>

namespace actforge::evolution {
namespace {

std::vector<std::size_t> constant_nodes(const expr::Tree& t) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t.nodes[i].op == expr::Op::Const) out.push_back(i);
    }
    return out;
}

// Limits that a mutation which keeps the shape and adds no parameter cannot
// break: those of the tree itself.
TreeLimits limits_of(const expr::Tree& t) { return TreeLimits{t.size(), t.depth(), t.parameters.size()}; }

} // namespace

bool ConstantMutation::operator()(Rng& rng, expr::Tree& tree) const {
    const std::vector<std::size_t> constants = constant_nodes(tree);
    const std::size_t choices = constants.size() + tree.parameters.size();
    if (choices == 0) return false;
    for (int attempt = 0; attempt < detail::kAttempts; ++attempt) {
        expr::Tree c = tree;
        const std::size_t pick = rng.below(choices);
        float& v =
            pick < constants.size() ? c.nodes[constants[pick]].value : c.parameters[pick - constants.size()].value;
        // Multiplicative noise keeps the sign and scale; additive noise lets
        // a value cross or leave zero.
        const double jitter = scale_ * rng.normal();
        v = detail::round_significant(rng.bernoulli(0.5) ? v * std::exp(jitter) : v + jitter, 3);
        if (std::isfinite(v) && detail::commit(tree, std::move(c), limits_of(tree))) return true;
    }
    return false;
}

bool AddParameterMutation::operator()(Rng& rng, expr::Tree& tree) const {
    if (tree.parameters.size() >= limits_.max_params) return false;
    const std::vector<std::size_t> constants = constant_nodes(tree);
    // Subtrees worth a scale or an offset (not lone constants or parameters)
    // that fit one level deeper and two nodes larger.
    const detail::Shape shape = detail::shape_of(tree);
    std::vector<std::size_t> wrappable;
    for (std::size_t i = 0; i < tree.size() && tree.size() + 2 <= limits_.max_nodes; ++i) {
        const expr::Op op = tree.nodes[i].op;
        if (op == expr::Op::Const || op == expr::Op::Param) continue;
        if (shape.depth[i] + shape.height[i] <= limits_.max_depth) wrappable.push_back(i);
    }
    if (constants.empty() && wrappable.empty()) return false;
    for (int attempt = 0; attempt < detail::kAttempts; ++attempt) {
        expr::Tree c = tree;
        if (wrappable.empty() || (!constants.empty() && rng.bernoulli(0.4))) {
            expr::Node& n = c.nodes[constants[rng.below(constants.size())]];
            n = detail::new_parameter(c, n.value);
        } else {
            const std::size_t i = wrappable[rng.below(wrappable.size())];
            detail::Nodes s = detail::subtree(c, i);
            if (rng.bernoulli(0.5)) {
                s.insert(s.begin(), detail::new_parameter(c, 1.0f)); // p*s
                s.push_back(expr::Node::operation(expr::Op::Mul, 0));
            } else {
                s.push_back(detail::new_parameter(c, 0.0f)); // s + p
                s.push_back(expr::Node::operation(expr::Op::Add, 0));
            }
            c = detail::replace_subtree(c, i, s);
        }
        if (detail::commit(tree, std::move(c), limits_)) return true;
    }
    return false;
}

bool RemoveParameterMutation::operator()(Rng& rng, expr::Tree& tree) const {
    if (tree.parameters.empty()) return false;
    expr::Tree c = tree;
    const auto k = static_cast<std::uint16_t>(rng.below(c.parameters.size()));
    for (auto& n : c.nodes) {
        if (n.op == expr::Op::Param && n.param == k) n = expr::Node::constant(c.parameters[k].value);
    }
    // Compaction in commit() drops the parameter and renumbers the rest.
    return detail::commit(tree, std::move(c), limits_of(tree));
}

} // namespace actforge::evolution
