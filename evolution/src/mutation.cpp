#include "actforge/evolution/mutation.hpp"

#include "actforge/core/error.hpp"
#include "tree_edit.hpp"

#include <cmath>

namespace actforge::evolution {
namespace {

// Commits `candidate` if it differs and keeps every invariant.
bool commit(expr::Tree& tree, expr::Tree candidate, const TreeLimits& limits) {
    detail::compact_parameters(candidate);
    if (candidate == tree || !detail::acceptable(candidate, limits)) return false;
    tree = std::move(candidate);
    return true;
}

TreeLimits no_limits(const expr::Tree& t) {
    return TreeLimits{expr::kMaxTreeNodes, expr::kMaxTreeNodes, std::max<std::size_t>(t.parameters.size(), 1)};
}

} // namespace

bool PointMutation::operator()(Rng& rng, expr::Tree& tree) const {
    expr::Tree c = tree;
    const std::size_t i = detail::random_node(rng, c);
    expr::Node& n = c.nodes[i];
    const int k = expr::arity(n.op);
    if (k > 0) {
        const auto& group = k == 1 ? set_.unary : set_.binary;
        if (group.empty()) return false;
        n.op = group[rng.below(group.size())];
    } else if (n.op == expr::Op::Var) {
        if (!c.parameters.empty() && rng.bernoulli(0.5)) n = expr::Node::parameter(static_cast<std::uint16_t>(rng.below(c.parameters.size())));
        else n = detail::random_constant(rng);
    } else {
        n = rng.bernoulli(0.7) || c.parameters.empty() ? expr::Node::variable() : detail::random_constant(rng);
    }
    return commit(tree, std::move(c), limits_);
}

bool SubtreeMutation::operator()(Rng& rng, expr::Tree& tree) const {
    expr::Tree host = tree;
    const std::size_t i = detail::random_node(rng, host);
    const auto replacement = builder_.grow_into(rng, 1 + rng.below(3), host);
    return commit(tree, detail::replace_subtree(host, i, replacement), builder_.limits());
}

bool InsertMutation::operator()(Rng& rng, expr::Tree& tree) const {
    expr::Tree host = tree;
    const std::size_t i = detail::random_node(rng, host);
    std::vector<expr::Node> s = detail::subtree(host, i);
    const PrimitiveSet& set = builder_.primitives();
    const bool unary = !set.unary.empty() && (set.binary.empty() || rng.bernoulli(0.5));
    if (unary) {
        s.push_back(expr::Node::operation(set.unary[rng.below(set.unary.size())], 0));
    } else {
        if (set.binary.empty()) return false;
        const auto leaf = builder_.grow_into(rng, 1, host);
        if (rng.bernoulli(0.5)) s.insert(s.end(), leaf.begin(), leaf.end());
        else s.insert(s.begin(), leaf.begin(), leaf.end());
        s.push_back(expr::Node::operation(set.binary[rng.below(set.binary.size())], 0));
    }
    expr::recompute_lengths(s);
    return commit(tree, detail::replace_subtree(host, i, s), builder_.limits());
}

bool HoistMutation::operator()(Rng& rng, expr::Tree& tree) const {
    if (tree.size() < 2) return false;
    const std::size_t i = detail::random_node(rng, tree, true);
    const std::size_t first = tree.begin_of(i);
    if (first == i) return false;
    const std::size_t j = first + rng.below(i - first); // a proper descendant of i
    return commit(tree, detail::replace_subtree(tree, i, detail::subtree(tree, j)), limits_);
}

bool ConstantMutation::operator()(Rng& rng, expr::Tree& tree) const {
    std::vector<std::size_t> constants;
    for (std::size_t i = 0; i < tree.size(); ++i) {
        if (tree.nodes[i].op == expr::Op::Const) constants.push_back(i);
    }
    const std::size_t choices = constants.size() + tree.parameters.size();
    if (choices == 0) return false;
    expr::Tree c = tree;
    const std::size_t pick = rng.below(choices);
    float& v = pick < constants.size() ? c.nodes[constants[pick]].value : c.parameters[pick - constants.size()].value;
    const double jitter = scale_ * rng.normal();
    const double next = rng.bernoulli(0.5) ? v * std::exp(jitter) : v + jitter;
    v = static_cast<float>(std::round(next * 1000.0) / 1000.0);
    if (!std::isfinite(v)) return false;
    return commit(tree, std::move(c), no_limits(tree));
}

bool AddParameterMutation::operator()(Rng& rng, expr::Tree& tree) const {
    if (tree.parameters.size() >= limits_.max_params) return false;
    expr::Tree c = tree;
    const std::string name = detail::fresh_parameter_name(c);
    const auto index = static_cast<std::uint16_t>(c.parameters.size());
    std::vector<std::size_t> constants;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.nodes[i].op == expr::Op::Const) constants.push_back(i);
    }
    if (!constants.empty() && rng.bernoulli(0.4)) {
        const std::size_t i = constants[rng.below(constants.size())];
        c.parameters.push_back({name, c.nodes[i].value});
        c.nodes[i] = expr::Node::parameter(index);
        return commit(tree, std::move(c), limits_);
    }
    const std::size_t i = detail::random_node(rng, c);
    std::vector<expr::Node> s = detail::subtree(c, i);
    const bool scale = rng.bernoulli(0.5);
    c.parameters.push_back({name, scale ? 1.0f : 0.0f});
    if (scale) s.insert(s.begin(), expr::Node::parameter(index));
    else s.push_back(expr::Node::parameter(index));
    s.push_back(expr::Node::operation(scale ? expr::Op::Mul : expr::Op::Add, 0));
    expr::recompute_lengths(s);
    return commit(tree, detail::replace_subtree(c, i, s), limits_);
}

bool RemoveParameterMutation::operator()(Rng& rng, expr::Tree& tree) const {
    if (tree.parameters.empty()) return false;
    expr::Tree c = tree;
    const auto k = static_cast<std::uint16_t>(rng.below(c.parameters.size()));
    for (auto& n : c.nodes) {
        if (n.op == expr::Op::Param && n.param == k) n = expr::Node::constant(c.parameters[k].value);
    }
    return commit(tree, std::move(c), no_limits(tree));
}

void WeightedMutation::add(std::unique_ptr<Mutation> mutation, double weight) {
    if (!mutation || !(weight > 0)) throw Error("a mutation needs a positive weight");
    total_ += weight;
    entries_.push_back({std::move(mutation), weight});
}

bool WeightedMutation::operator()(Rng& rng, expr::Tree& tree) const {
    if (entries_.empty()) return false;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        double u = rng.uniform() * total_;
        std::size_t pick = 0;
        while (pick + 1 < entries_.size() && u >= entries_[pick].weight) {
            u -= entries_[pick].weight;
            ++pick;
        }
        if ((*entries_[pick].mutation)(rng, tree)) return true;
    }
    return false;
}

} // namespace actforge::evolution
