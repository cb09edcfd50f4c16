#include "actforge/evolution/random_tree.hpp"

#include "tree_edit.hpp"

namespace actforge::evolution {

RandomTreeBuilder::RandomTreeBuilder(PrimitiveSet set, TreeLimits limits) : set_(std::move(set)), limits_(limits) {}

expr::Node RandomTreeBuilder::leaf(Rng& rng, expr::Tree& t) const {
    const double u = rng.uniform();
    if (u < 0.6) return expr::Node::variable();
    if (u < 0.85 || t.parameters.size() >= limits_.max_params) return detail::random_constant(rng);
    t.parameters.push_back({detail::fresh_parameter_name(t), 1.0f});
    return expr::Node::parameter(static_cast<std::uint16_t>(t.parameters.size() - 1));
}

void RandomTreeBuilder::build(Rng& rng, std::size_t depth, bool full, expr::Tree& t,
                              std::vector<expr::Node>& out) const {
    const std::size_t ops = set_.unary.size() + set_.binary.size();
    const bool stop = depth <= 1 || ops == 0 || (!full && rng.uniform() < 0.3);
    if (stop) {
        out.push_back(leaf(rng, t));
        return;
    }
    const std::size_t pick = rng.below(ops);
    if (pick < set_.unary.size()) {
        build(rng, depth - 1, full, t, out);
        out.push_back(expr::Node::operation(set_.unary[pick], 0));
    } else {
        build(rng, depth - 1, full, t, out);
        build(rng, depth - 1, full, t, out);
        out.push_back(expr::Node::operation(set_.binary[pick - set_.unary.size()], 0));
    }
}

std::vector<expr::Node> RandomTreeBuilder::grow_into(Rng& rng, std::size_t depth, expr::Tree& host) const {
    std::vector<expr::Node> out;
    build(rng, depth, false, host, out);
    expr::recompute_lengths(out);
    return out;
}

expr::Tree RandomTreeBuilder::grow(Rng& rng, std::size_t depth) const {
    expr::Tree t;
    build(rng, depth, false, t, t.nodes);
    expr::recompute_lengths(t.nodes);
    detail::compact_parameters(t);
    return t;
}

expr::Tree RandomTreeBuilder::full(Rng& rng, std::size_t depth) const {
    expr::Tree t;
    build(rng, depth, true, t, t.nodes);
    expr::recompute_lengths(t.nodes);
    detail::compact_parameters(t);
    return t;
}

expr::Tree RandomTreeBuilder::ramped(Rng& rng) const {
    const std::size_t max_depth = std::max<std::size_t>(2, limits_.max_depth);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::size_t depth = 2 + rng.below(max_depth - 1);
        expr::Tree t = rng.bernoulli(0.5) ? grow(rng, depth) : full(rng, depth);
        if (detail::acceptable(t, limits_)) return t;
    }
    // Only with a tiny node limit: the smallest tree that reads x.
    expr::Tree t;
    t.nodes.push_back(expr::Node::variable());
    if (!set_.unary.empty() && limits_.max_nodes >= 2) {
        t.nodes.push_back(expr::Node::operation(set_.unary[rng.below(set_.unary.size())], 2));
    }
    return t;
}

} // namespace actforge::evolution
