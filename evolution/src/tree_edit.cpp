#include "tree_edit.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace actforge::evolution::detail {

Nodes subtree(const expr::Tree& t, std::size_t i) {
    return Nodes(t.nodes.begin() + static_cast<std::ptrdiff_t>(t.begin_of(i)),
                 t.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1);
}

expr::Tree replace_subtree(const expr::Tree& t, std::size_t i, const Nodes& replacement) {
    expr::Tree out;
    out.parameters = t.parameters;
    out.nodes.reserve(t.size() + replacement.size());
    out.nodes.insert(out.nodes.end(), t.nodes.begin(), t.nodes.begin() + static_cast<std::ptrdiff_t>(t.begin_of(i)));
    out.nodes.insert(out.nodes.end(), replacement.begin(), replacement.end());
    out.nodes.insert(out.nodes.end(), t.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1, t.nodes.end());
    expr::recompute_lengths(out.nodes);
    return out;
}

bool uses_x(const expr::Tree& t) {
    return std::any_of(t.nodes.begin(), t.nodes.end(), [](const expr::Node& n) { return n.op == expr::Op::Var; });
}

void compact_parameters(expr::Tree& t) {
    std::vector<int> remap(t.parameters.size(), -1);
    std::vector<expr::Parameter> kept;
    for (std::size_t k = 0; k < t.parameters.size(); ++k) {
        const bool used = std::any_of(t.nodes.begin(), t.nodes.end(), [&](const expr::Node& n) {
            return n.op == expr::Op::Param && n.param == k;
        });
        if (used) {
            remap[k] = static_cast<int>(kept.size());
            kept.push_back(t.parameters[k]);
        }
    }
    for (auto& n : t.nodes) {
        if (n.op == expr::Op::Param) n.param = static_cast<std::uint16_t>(remap[n.param]);
    }
    t.parameters = std::move(kept);
}

std::string fresh_parameter_name(const expr::Tree& t) {
    for (char c = 'a'; c <= 'z'; ++c) {
        if (c == 'x') continue;
        const std::string name(1, c);
        if (t.find_parameter(name) < 0) return name;
    }
    for (int i = 1;; ++i) {
        const std::string name = "p" + std::to_string(i);
        if (t.find_parameter(name) < 0) return name;
    }
}

bool acceptable(const expr::Tree& t, const TreeLimits& limits) {
    if (t.empty() || t.size() > limits.max_nodes || t.parameters.size() > limits.max_params) return false;
    if (t.depth() > limits.max_depth || !uses_x(t)) return false;
    for (std::size_t k = 0; k < t.parameters.size(); ++k) {
        const bool used = std::any_of(t.nodes.begin(), t.nodes.end(), [&](const expr::Node& n) {
            return n.op == expr::Op::Param && n.param == k;
        });
        if (!used) return false;
        for (std::size_t j = 0; j < k; ++j) {
            if (t.parameters[j].name == t.parameters[k].name) return false;
        }
    }
    try {
        t.validate();
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

std::size_t random_node(Rng& rng, const expr::Tree& t, bool internal_only) {
    if (!internal_only) return static_cast<std::size_t>(rng.below(t.size()));
    std::vector<std::size_t> internal;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (expr::arity(t.nodes[i].op) > 0) internal.push_back(i);
    }
    if (internal.empty()) return t.root();
    return internal[rng.below(internal.size())];
}

expr::Node random_constant(Rng& rng) {
    static constexpr std::array<float, 8> kNice{0.5f, 1.0f, 2.0f, 3.0f, 0.1f, -1.0f, 1.5f, 0.25f};
    if (rng.bernoulli(0.7)) return expr::Node::constant(kNice[rng.below(kNice.size())]);
    return expr::Node::constant(static_cast<float>(std::round(rng.uniform(-2.0, 2.0) * 100.0) / 100.0));
}

} // namespace actforge::evolution::detail
