#include "actforge/expr/tree.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>

namespace actforge::expr {

std::size_t Tree::child(std::size_t i, int which) const noexcept {
    if (arity(nodes[i].op) == 1 || which == 1) return i - 1;
    return i - 1 - nodes[i - 1].length;
}

std::size_t Tree::depth() const {
    // Postfix order: a node's depth is 1 + the max of its children's, and the
    // children are already on the stack.
    std::vector<std::size_t> stack;
    stack.reserve(nodes.size());
    for (const auto& n : nodes) {
        const int k = arity(n.op);
        std::size_t d = 0;
        for (int j = 0; j < k; ++j) {
            d = std::max(d, stack.back());
            stack.pop_back();
        }
        stack.push_back(d + 1);
    }
    return stack.empty() ? 0 : stack.back();
}

int Tree::find_parameter(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (parameters[i].name == name) return static_cast<int>(i);
    }
    return -1;
}

bool valid_parameter_name(std::string_view name) {
    auto start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    auto rest = [&](char c) { return start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (name.empty() || !start(name.front()) || !std::all_of(name.begin() + 1, name.end(), rest)) return false;
    // silu is the parser's alias for swish.
    return name != "x" && name != "where" && name != "silu" && find_primitive(name) == nullptr;
}

void Tree::validate() const {
    if (nodes.empty()) throw Error("invalid tree: no nodes");
    if (nodes.size() > kMaxTreeNodes) {
        throw Error(fmt::format("invalid tree: {} nodes, more than the limit of {}", nodes.size(), kMaxTreeNodes));
    }
    if (parameters.size() > kMaxParameters) {
        throw Error(
            fmt::format("invalid tree: {} parameters, more than the limit of {}", parameters.size(), kMaxParameters));
    }
    std::vector<std::size_t> stack; // subtree lengths
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Node& n = nodes[i];
        if (static_cast<std::size_t>(n.op) >= kOpCount) throw Error(fmt::format("invalid tree: bad op at node {}", i));
        const int k = arity(n.op);
        if (stack.size() < static_cast<std::size_t>(k)) {
            throw Error(fmt::format("invalid tree: node {} ({}) lacks operands", i, primitive(n.op).name));
        }
        std::size_t len = 1;
        for (int j = 0; j < k; ++j) {
            len += stack.back();
            stack.pop_back();
        }
        if (n.length != len) {
            throw Error(fmt::format("invalid tree: node {} has length {}, expected {}", i, n.length, len));
        }
        if (n.op == Op::Const && !std::isfinite(n.value)) {
            throw Error(fmt::format("invalid tree: constant at node {} is not finite", i));
        }
        if (n.op == Op::Param && n.param >= parameters.size()) {
            throw Error(fmt::format("invalid tree: node {} names parameter {} of {}", i, n.param, parameters.size()));
        }
        stack.push_back(len);
    }
    if (stack.size() != 1) throw Error(fmt::format("invalid tree: {} roots instead of one", stack.size()));
    for (std::size_t k = 0; k < parameters.size(); ++k) {
        const Parameter& p = parameters[k];
        if (!valid_parameter_name(p.name))
            throw Error(fmt::format("invalid tree: '{}' cannot name a parameter", p.name));
        if (find_parameter(p.name) != static_cast<int>(k))
            throw Error(fmt::format("invalid tree: parameter '{}' is declared twice", p.name));
        if (!std::isfinite(p.value)) throw Error(fmt::format("invalid tree: parameter {} is not finite", p.name));
    }
}

void recompute_lengths(std::vector<Node>& nodes) {
    if (nodes.size() > kMaxTreeNodes) {
        throw Error(fmt::format("invalid tree: {} nodes, more than the limit of {}", nodes.size(), kMaxTreeNodes));
    }
    std::vector<std::size_t> stack;
    stack.reserve(nodes.size());
    for (auto& n : nodes) {
        std::size_t len = 1;
        for (int j = 0; j < arity(n.op); ++j) {
            if (stack.empty()) throw Error("invalid tree: an operation lacks operands");
            len += stack.back();
            stack.pop_back();
        }
        n.length = static_cast<std::uint16_t>(len);
        stack.push_back(len);
    }
}

} // namespace actforge::expr
