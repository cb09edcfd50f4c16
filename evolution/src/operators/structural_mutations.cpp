// The mutations that change a tree's shape or operations: point, subtree,
// insert and hoist.
#include "actforge/evolution/operators/mutation.hpp"

#include "tree_edit.hpp"

namespace actforge::evolution {
namespace {

// An operation of `group` other than `current` (none when there is no other).
std::optional<expr::Op> other_op(Rng& rng, const std::vector<expr::Op>& group, expr::Op current) {
    std::vector<expr::Op> others;
    for (expr::Op op : group) {
        if (op != current) others.push_back(op);
    }
    if (others.empty()) return std::nullopt;
    return others[rng.below(others.size())];
}

// A leaf of another kind than `current`: x (twice as likely as each other
// kind), a constant, another existing parameter, or a new parameter.
expr::Node other_leaf(Rng& rng, const RandomTreeBuilder& builder, expr::Tree& host, const expr::Node& current,
                      std::optional<expr::Op> parent) {
    enum Kind { Var, Const, OldParam, NewParam };
    std::vector<Kind> kinds;
    if (current.op != expr::Op::Var) kinds.insert(kinds.end(), {Var, Var});
    if (current.op != expr::Op::Const) kinds.push_back(Const);
    const bool other_param = host.parameters.size() > (current.op == expr::Op::Param ? 1U : 0U);
    if (other_param) kinds.push_back(OldParam);
    if (host.parameters.size() < builder.limits().max_params) kinds.push_back(NewParam);
    switch (kinds[rng.below(kinds.size())]) {
    case Var: return expr::Node::variable();
    case Const: return detail::random_constant(rng);
    case OldParam: {
        // Uniform over the parameters other than the current one.
        const bool skip = current.op == expr::Op::Param;
        auto k = static_cast<std::uint16_t>(rng.below(host.parameters.size() - (skip ? 1 : 0)));
        if (skip && k >= current.param) ++k;
        return expr::Node::parameter(k);
    }
    case NewParam: break;
    }
    return builder.new_parameter(rng, host, parent);
}

} // namespace

bool PointMutation::operator()(Rng& rng, expr::Tree& tree) const {
    if (tree.empty()) return false;
    for (int attempt = 0; attempt < detail::kAttempts; ++attempt) {
        expr::Tree c = tree;
        const std::size_t i = rng.below(c.size());
        expr::Node& n = c.nodes[i];
        const int k = expr::arity(n.op);
        if (k > 0) {
            const auto op = other_op(rng, k == 1 ? builder_.primitives().unary : builder_.primitives().binary, n.op);
            if (!op) continue;
            n.op = *op;
        } else {
            n = other_leaf(rng, builder_, c, n, detail::parent_op(c, i));
        }
        if (detail::commit(tree, std::move(c), builder_.limits())) return true;
    }
    return false;
}

bool SubtreeMutation::operator()(Rng& rng, expr::Tree& tree) const {
    if (tree.empty()) return false;
    const TreeLimits& limits = builder_.limits();
    const detail::Shape shape = detail::shape_of(tree);
    for (int attempt = 0; attempt < detail::kAttempts; ++attempt) {
        const std::size_t i = rng.below(tree.size());
        const std::size_t first = tree.begin_of(i);
        if (shape.depth[i] > limits.max_depth || tree.size() - tree.nodes[i].length >= limits.max_nodes) continue;
        // Clear the old subtree first (a placeholder at `first`), so the
        // parameters only it used free their slots and names.
        expr::Tree host = detail::replace_subtree(tree, i, {expr::Node::variable()});
        detail::compact_parameters(host);
        const std::size_t levels = std::min<std::size_t>(3, limits.max_depth - shape.depth[i] + 1);
        const auto replacement =
            builder_.grow_into(rng, host, 1 + rng.below(levels), limits.max_nodes - (host.size() - 1),
                               !detail::reads_x_outside(tree, i), detail::parent_op(tree, i));
        if (detail::commit(tree, detail::replace_subtree(host, first, replacement), limits)) return true;
    }
    return false;
}

bool InsertMutation::operator()(Rng& rng, expr::Tree& tree) const {
    const TreeLimits& limits = builder_.limits();
    const PrimitiveSet& set = builder_.primitives();
    const std::size_t room = limits.max_nodes > tree.size() ? limits.max_nodes - tree.size() : 0;
    const bool unary = !set.unary.empty() && room >= 1;
    const bool binary = !set.binary.empty() && room >= 2;
    if (!unary && !binary) return false;
    // Wrapping the subtree at i pushes it one level down.
    const detail::Shape shape = detail::shape_of(tree);
    std::vector<std::size_t> fits;
    for (std::size_t i = 0; i < tree.size(); ++i) {
        if (shape.depth[i] + shape.height[i] <= limits.max_depth) fits.push_back(i);
    }
    if (fits.empty()) return false;
    for (int attempt = 0; attempt < detail::kAttempts; ++attempt) {
        expr::Tree c = tree;
        const std::size_t i = fits[rng.below(fits.size())];
        detail::Nodes s = detail::subtree(c, i);
        if (unary && (!binary || rng.bernoulli(0.5))) {
            s.push_back(expr::Node::operation(set.unary[rng.below(set.unary.size())], 0));
        } else {
            const expr::Op op = set.binary[rng.below(set.binary.size())];
            const expr::Node leaf = builder_.leaf(rng, c, op);
            s.insert(rng.bernoulli(0.5) ? s.end() : s.begin(), leaf);
            s.push_back(expr::Node::operation(op, 0));
        }
        if (detail::commit(tree, detail::replace_subtree(c, i, s), limits)) return true;
    }
    return false;
}

bool HoistMutation::operator()(Rng& rng, expr::Tree& tree) const {
    std::vector<std::size_t> ops;
    for (std::size_t i = 0; i < tree.size(); ++i) {
        if (expr::arity(tree.nodes[i].op) > 0) ops.push_back(i);
    }
    if (ops.empty()) return false;
    const detail::Shape shape = detail::shape_of(tree);
    for (int attempt = 0; attempt < detail::kAttempts; ++attempt) {
        const std::size_t i = ops[rng.below(ops.size())];
        // A proper descendant; it must bring x along if nothing else reads it.
        const bool x_elsewhere = detail::reads_x_outside(tree, i);
        std::vector<std::size_t> keep;
        for (std::size_t j = tree.begin_of(i); j < i; ++j) {
            if (x_elsewhere || shape.reads_x[j]) keep.push_back(j);
        }
        if (keep.empty()) continue;
        const std::size_t j = keep[rng.below(keep.size())];
        if (detail::commit(tree, detail::replace_subtree(tree, i, detail::subtree(tree, j)), limits_)) return true;
    }
    return false;
}

} // namespace actforge::evolution
