#pragma once
// An expression as a flat vector of nodes in postfix order, root last.
//
// Invariants (checked by validate()):
//  - nodes[i].length is the size of the subtree rooted at i, so that subtree
//    is the contiguous range [i + 1 - length, i];
//  - a binary node's right child is at i - 1 and its left child ends at
//    i - 1 - length(right);
//  - constants are finite; parameter indices are < parameters.size();
//  - parameter names are distinct and valid_parameter_name().
// Subtree replacement and crossover are therefore range splices.
#include "actforge/expr/primitive.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace actforge::expr {

inline constexpr std::size_t kMaxTreeNodes = 4096;
inline constexpr std::size_t kMaxParameters = 16;

// A name a parameter may take: an identifier (a letter or '_', then
// letters, digits or '_') other than x, where, and the primitives' names
// (silu included).
[[nodiscard]] bool valid_parameter_name(std::string_view name);

struct Node {
    Op op = Op::Var;
    std::uint16_t length = 1;
    std::uint16_t param = 0; // index into Tree::parameters when op == Param
    float value = 0.0f;      // when op == Const

    friend bool operator==(const Node&, const Node&) = default;

    static Node variable() { return Node{Op::Var, 1, 0, 0.0f}; }
    static Node constant(float v) { return Node{Op::Const, 1, 0, v}; }
    static Node parameter(std::uint16_t index) { return Node{Op::Param, 1, index, 0.0f}; }
    static Node operation(Op op, std::size_t length) { return Node{op, static_cast<std::uint16_t>(length), 0, 0.0f}; }
};

// A learnable parameter: a name unique in its formula and its current value
// (the initial value, or the learned one after training).
struct Parameter {
    std::string name;
    float value = 0.0f;
    friend bool operator==(const Parameter&, const Parameter&) = default;
};

struct Tree {
    std::vector<Node> nodes;
    std::vector<Parameter> parameters;

    friend bool operator==(const Tree&, const Tree&) = default;

    [[nodiscard]] std::size_t size() const noexcept { return nodes.size(); }
    [[nodiscard]] bool empty() const noexcept { return nodes.empty(); }
    // Index of the root; requires a non-empty tree.
    [[nodiscard]] std::size_t root() const noexcept { return nodes.size() - 1; }
    // First index of the subtree rooted at i.
    [[nodiscard]] std::size_t begin_of(std::size_t i) const noexcept { return i + 1 - nodes[i].length; }
    // Roots of the children of node i: {left, right} for binary, {child} for unary.
    [[nodiscard]] std::size_t child(std::size_t i, int which) const noexcept;
    // Longest root-to-leaf path, counting nodes (a leaf has depth 1).
    [[nodiscard]] std::size_t depth() const;
    // Index of a parameter by name, or -1.
    [[nodiscard]] int find_parameter(std::string_view name) const noexcept;

    // Throws actforge::Error naming the broken invariant.
    void validate() const;
};

// Recomputes every node's subtree length from the arities (after a splice);
// throws actforge::Error when an operation lacks operands or the tree is too large.
void recompute_lengths(std::vector<Node>& nodes);

} // namespace actforge::expr
