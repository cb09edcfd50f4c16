#include "actforge/evolution/operators/random_tree.hpp"

#include "tree_edit.hpp"

#include <algorithm>
#include <cmath>

namespace actforge::evolution {
namespace {

constexpr double kVarProbability = 0.6;
constexpr double kConstProbability = 0.25; // the rest: a new parameter, while the limit allows
constexpr double kStopProbability = 0.3;   // grow: a leaf before the depth is reached

// An initial value that leaves the parent neutral where there is one, so a
// new parameter starts as a no-op that training can move.
float initial_value(Rng& rng, std::optional<expr::Op> parent) {
    if (parent == expr::Op::Mul || parent == expr::Op::Div) return 1.0f;
    if (parent == expr::Op::Add || parent == expr::Op::Sub) return 0.0f;
    return static_cast<float>(std::round(rng.uniform(-1.0, 1.0) * 100.0) / 100.0 + 0.0);
}

// A tree must read x: when none does, a random leaf becomes x (depth and
// size unchanged; a parameter it held is dropped on compaction).
void ensure_reads_x(Rng& rng, std::vector<expr::Node>& nodes) {
    std::vector<std::size_t> leaves;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].op == expr::Op::Var) return;
        if (expr::is_leaf(nodes[i].op)) leaves.push_back(i);
    }
    nodes[leaves[rng.below(leaves.size())]] = expr::Node::variable();
}

} // namespace

RandomTreeBuilder::RandomTreeBuilder(PrimitiveSet set, TreeLimits limits)
    : set_(std::move(set)), limits_(limits.clamped()) {}

expr::Node RandomTreeBuilder::leaf(Rng& rng, expr::Tree& host, std::optional<expr::Op> parent) const {
    const double u = rng.uniform();
    if (u < kVarProbability) return expr::Node::variable();
    if (u < kVarProbability + kConstProbability || host.parameters.size() >= limits_.max_params) {
        return detail::random_constant(rng);
    }
    return new_parameter(rng, host, parent);
}

expr::Node RandomTreeBuilder::new_parameter(Rng& rng, expr::Tree& host, std::optional<expr::Op> parent) const {
    return detail::new_parameter(host, initial_value(rng, parent));
}

std::size_t RandomTreeBuilder::min_nodes(std::size_t depth, bool full) const noexcept {
    if (!full || depth <= 1) return 1;
    if (!set_.unary.empty()) return depth;
    return depth >= 63 ? expr::kMaxTreeNodes + 1 : (std::size_t{1} << depth) - 1;
}

void RandomTreeBuilder::build(Rng& rng, expr::Tree& host, std::size_t depth, std::size_t budget, bool full,
                              bool may_stop, std::optional<expr::Op> parent, std::vector<expr::Node>& out) const {
    // Invariant: budget >= min_nodes(depth, full), so some choice below fits.
    const std::size_t below = depth > 1 ? min_nodes(depth - 1, full) : 0;
    const bool unary = depth > 1 && !set_.unary.empty() && budget >= 1 + below;
    const bool binary = depth > 1 && !set_.binary.empty() && budget >= 1 + 2 * below;
    if ((!unary && !binary) || (!full && may_stop && rng.bernoulli(kStopProbability))) {
        out.push_back(leaf(rng, host, parent));
        return;
    }
    // Arity first, then the operation: with many more unary than binary
    // primitives, a uniform draw over all would make mostly chains.
    if (unary && (!binary || rng.bernoulli(0.5))) {
        const expr::Op op = set_.unary[rng.below(set_.unary.size())];
        build(rng, host, depth - 1, budget - 1, full, true, op, out);
        out.push_back(expr::Node::operation(op, 0));
        return;
    }
    const expr::Op op = set_.binary[rng.below(set_.binary.size())];
    // The child built first may take all but the minimum the other needs;
    // which one that is, is random, so neither side is favoured.
    std::vector<expr::Node> first;
    std::vector<expr::Node> second;
    build(rng, host, depth - 1, budget - 1 - below, full, true, op, first);
    build(rng, host, depth - 1, budget - 1 - first.size(), full, true, op, second);
    if (rng.bernoulli(0.5)) std::swap(first, second);
    out.insert(out.end(), first.begin(), first.end());
    out.insert(out.end(), second.begin(), second.end());
    out.push_back(expr::Node::operation(op, 0));
}

std::vector<expr::Node> RandomTreeBuilder::grow_into(Rng& rng, expr::Tree& host, std::size_t depth,
                                                     std::size_t max_nodes, bool need_x,
                                                     std::optional<expr::Op> parent) const {
    std::vector<expr::Node> out;
    build(rng, host, std::max<std::size_t>(depth, 1), std::max<std::size_t>(max_nodes, 1), false, true, parent, out);
    if (need_x) ensure_reads_x(rng, out);
    expr::recompute_lengths(out);
    return out;
}

expr::Tree RandomTreeBuilder::make(Rng& rng, std::size_t depth, bool full) const {
    depth = std::clamp<std::size_t>(depth, 1, limits_.max_depth);
    while (depth > 1 && min_nodes(depth, full) > limits_.max_nodes) --depth;
    expr::Tree t;
    build(rng, t, depth, limits_.max_nodes, full, false, std::nullopt, t.nodes);
    ensure_reads_x(rng, t.nodes);
    expr::recompute_lengths(t.nodes);
    detail::compact_parameters(t);
    return t;
}

expr::Tree RandomTreeBuilder::grow(Rng& rng, std::size_t depth) const { return make(rng, depth, false); }

expr::Tree RandomTreeBuilder::full(Rng& rng, std::size_t depth) const { return make(rng, depth, true); }

expr::Tree RandomTreeBuilder::ramped(Rng& rng) const {
    const std::size_t lowest = std::min<std::size_t>(2, limits_.max_depth);
    const std::size_t depth = lowest + rng.below(limits_.max_depth - lowest + 1);
    return make(rng, depth, rng.bernoulli(0.5));
}

} // namespace actforge::evolution
