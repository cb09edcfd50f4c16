#include "tree_edit.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution::detail {

Shape shape_of(const expr::Tree& t) {
    const std::size_t n = t.size();
    Shape s{std::vector<std::size_t>(n, 1), std::vector<std::size_t>(n, 1), std::vector<bool>(n, false),
            std::vector<std::uint32_t>(n, 0)};
    // Children precede their parent, so one forward pass gathers subtree facts.
    for (std::size_t i = 0; i < n; ++i) {
        const expr::Node& node = t.nodes[i];
        const int k = expr::arity(node.op);
        s.reads_x[i] = node.op == expr::Op::Var;
        if (node.op == expr::Op::Param) s.params[i] = std::uint32_t{1} << node.param;
        for (int c = 0; c < k; ++c) {
            const std::size_t j = t.child(i, c);
            s.height[i] = std::max(s.height[i], s.height[j] + 1);
            s.reads_x[i] = s.reads_x[i] || s.reads_x[j];
            s.params[i] |= s.params[j];
        }
    }
    // Parents follow their children, so one backward pass hands depths down.
    for (std::size_t i = n; i-- > 0;) {
        for (int c = 0; c < expr::arity(t.nodes[i].op); ++c) s.depth[t.child(i, c)] = s.depth[i] + 1;
    }
    return s;
}

Nodes subtree(const expr::Tree& t, std::size_t i) {
    return Nodes(t.nodes.begin() + static_cast<std::ptrdiff_t>(t.begin_of(i)),
                 t.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1);
}

expr::Tree replace_subtree(const expr::Tree& t, std::size_t i, const Nodes& replacement) {
    expr::Tree out;
    out.parameters = t.parameters;
    out.nodes.reserve(t.size() - t.nodes[i].length + replacement.size());
    out.nodes.insert(out.nodes.end(), t.nodes.begin(), t.nodes.begin() + static_cast<std::ptrdiff_t>(t.begin_of(i)));
    out.nodes.insert(out.nodes.end(), replacement.begin(), replacement.end());
    out.nodes.insert(out.nodes.end(), t.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1, t.nodes.end());
    expr::recompute_lengths(out.nodes);
    return out;
}

bool reads_x_outside(const expr::Tree& t, std::size_t i) {
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (k == t.begin_of(i))
            k = i;
        else if (t.nodes[k].op == expr::Op::Var)
            return true;
    }
    return false;
}

std::uint32_t params_outside(const expr::Tree& t, std::size_t i) {
    std::uint32_t mask = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (k == t.begin_of(i))
            k = i;
        else if (t.nodes[k].op == expr::Op::Param)
            mask |= std::uint32_t{1} << t.nodes[k].param;
    }
    return mask;
}

std::optional<expr::Op> parent_op(const expr::Tree& t, std::size_t i) {
    // The parent is the first later node whose subtree covers i.
    for (std::size_t j = i + 1; j < t.size(); ++j) {
        if (t.begin_of(j) <= i) return t.nodes[j].op;
    }
    return std::nullopt;
}

void compact_parameters(expr::Tree& t) {
    std::vector<bool> used(t.parameters.size(), false);
    for (const auto& n : t.nodes) {
        if (n.op == expr::Op::Param) used[n.param] = true;
    }
    std::vector<std::uint16_t> index(t.parameters.size(), 0);
    std::vector<expr::Parameter> kept;
    for (std::size_t k = 0; k < t.parameters.size(); ++k) {
        if (!used[k]) continue;
        index[k] = static_cast<std::uint16_t>(kept.size());
        kept.push_back(std::move(t.parameters[k]));
    }
    for (auto& n : t.nodes) {
        if (n.op == expr::Op::Param) n.param = index[n.param];
    }
    t.parameters = std::move(kept);
}

std::string fresh_parameter_name(const expr::Tree& t) {
    for (char c = 'a'; c <= 'z'; ++c) {
        std::string name(1, c);
        if (c != 'x' && t.find_parameter(name) < 0) return name;
    }
    // Unreachable while expr::kMaxParameters < 25; kept total for safety.
    for (std::size_t k = 1;; ++k) {
        std::string name = fmt::format("p{}", k);
        if (t.find_parameter(name) < 0) return name;
    }
}

expr::Node new_parameter(expr::Tree& t, float value) {
    t.parameters.push_back({fresh_parameter_name(t), value});
    return expr::Node::parameter(static_cast<std::uint16_t>(t.parameters.size() - 1));
}

bool acceptable(const expr::Tree& t, const TreeLimits& limits) {
    if (t.empty() || t.size() > limits.max_nodes || t.parameters.size() > limits.max_params) return false;
    try {
        t.validate();
    } catch (const Error&) {
        return false;
    }
    if (t.depth() > limits.max_depth) return false;
    bool reads_x = false;
    std::vector<bool> used(t.parameters.size(), false);
    for (const auto& n : t.nodes) {
        reads_x = reads_x || n.op == expr::Op::Var;
        if (n.op == expr::Op::Param) used[n.param] = true;
    }
    // Names are distinct and valid: validate() checked them.
    return reads_x && std::find(used.begin(), used.end(), false) == used.end();
}

bool commit(expr::Tree& tree, expr::Tree candidate, const TreeLimits& limits) {
    compact_parameters(candidate);
    if (candidate == tree || !acceptable(candidate, limits)) return false;
    tree = std::move(candidate);
    return true;
}

std::size_t pick(Rng& rng, const expr::Tree& t, const std::vector<std::size_t>& candidates, double op_bias) {
    const auto ops = static_cast<std::size_t>(std::count_if(
        candidates.begin(), candidates.end(), [&](std::size_t i) { return expr::arity(t.nodes[i].op) > 0; }));
    const bool want_op = ops > 0 && rng.bernoulli(op_bias);
    if (!want_op) return candidates[rng.below(candidates.size())];
    std::size_t k = rng.below(ops);
    for (std::size_t i : candidates) {
        if (expr::arity(t.nodes[i].op) > 0 && k-- == 0) return i;
    }
    return candidates.back(); // not reached: k < ops
}

expr::Node random_constant(Rng& rng) {
    static constexpr std::array<float, 8> kNice{0.5f, 1.0f, 2.0f, 0.1f, 0.25f, 1.5f, 3.0f, -1.0f};
    if (rng.bernoulli(0.7)) return expr::Node::constant(kNice[rng.below(kNice.size())]);
    // + 0.0 turns a rounded -0 into 0, which prints as "0".
    return expr::Node::constant(static_cast<float>(std::round(rng.uniform(-2.0, 2.0) * 100.0) / 100.0 + 0.0));
}

float round_significant(double v, int digits) {
    if (v == 0.0 || !std::isfinite(v)) return static_cast<float>(v);
    const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::abs(v)))));
    return static_cast<float>(std::round(v * scale) / scale + 0.0);
}

} // namespace actforge::evolution::detail
