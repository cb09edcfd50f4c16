#include "actforge/expr/simplify.hpp"

#include "actforge/core/rng.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace actforge::expr {
namespace {

using Sub = std::vector<Node>; // a subtree in postfix order

bool is_const(const Sub& s) { return s.size() == 1 && s.back().op == Op::Const; }
bool is_const(const Sub& s, float v) { return is_const(s) && s.back().value == v; }
Op root_op(const Sub& s) { return s.back().op; }

Sub constant(double v) { return {Node::constant(static_cast<float>(v))}; }

Sub make(Op op, Sub a) {
    a.push_back(Node::operation(op, a.size() + 1));
    return a;
}
Sub make(Op op, Sub a, const Sub& b) {
    a.insert(a.end(), b.begin(), b.end());
    a.push_back(Node::operation(op, a.size() + 1));
    return a;
}
// The operand(s) of a subtree's root.
Sub operand(const Sub& s) { return Sub(s.begin(), s.end() - 1); }
Sub left_of(const Sub& s) {
    const std::size_t right_len = s[s.size() - 2].length;
    return Sub(s.begin(), s.end() - 1 - static_cast<std::ptrdiff_t>(right_len));
}
Sub right_of(const Sub& s) {
    const std::size_t right_len = s[s.size() - 2].length;
    return Sub(s.end() - 1 - static_cast<std::ptrdiff_t>(right_len), s.end() - 1);
}

// Total order on subtrees: smaller first, then node by node. Constants sort
// before everything, so "2*x" and "1 + x" are the canonical shapes.
int rank(const Node& n) { return n.op == Op::Const ? -1 : static_cast<int>(n.op); }
bool less(const Sub& a, const Sub& b) {
    if (a.size() != b.size()) return a.size() < b.size();
    for (std::size_t i = 0; i < a.size(); ++i) {
        const Node& x = a[i];
        const Node& y = b[i];
        if (rank(x) != rank(y)) return rank(x) < rank(y);
        if (x.param != y.param) return x.param < y.param;
        if (x.value != y.value) return x.value < y.value;
    }
    return false;
}

bool finite_float(double v) { return std::isfinite(v) && std::abs(v) <= 3.4e38; }

Sub simplify_unary(Op op, Sub a) {
    if (is_const(a)) {
        const double v = primitive(op).value(a.back().value, 0.0);
        if (finite_float(v)) return constant(v);
    }
    const Op inner = root_op(a);
    switch (op) {
    case Op::Neg:
        if (inner == Op::Neg) return operand(a);
        if (inner == Op::Sub) return make(Op::Sub, right_of(a), left_of(a)); // -(p - q) = q - p
        break;
    case Op::Abs:
        if (inner == Op::Abs || inner == Op::Square || inner == Op::Gaussian || inner == Op::Exp ||
            inner == Op::Sigmoid || inner == Op::Softplus || inner == Op::Relu) {
            return a; // already non-negative
        }
        if (inner == Op::Neg) return make(Op::Abs, operand(a));
        break;
    case Op::Square:
    case Op::Cosh:
    case Op::Gaussian:
        if (inner == Op::Neg || inner == Op::Abs) return make(op, operand(a)); // even functions
        break;
    case Op::Relu:
        if (inner == Op::Relu) return a;
        break;
    default: break;
    }
    return make(op, std::move(a));
}

Sub simplify_binary(Op op, Sub a, Sub b) {
    const Primitive& prim = primitive(op);
    if (is_const(a) && is_const(b)) {
        const double v = prim.value(a.back().value, b.back().value);
        if (finite_float(v)) return constant(v);
    }
    if (prim.commutative && less(b, a)) std::swap(a, b);
    switch (op) {
    case Op::Add:
        if (is_const(a, 0.0f)) return b;
        if (root_op(b) == Op::Neg) return make(Op::Sub, std::move(a), operand(b));
        if (root_op(a) == Op::Neg) return make(Op::Sub, std::move(b), operand(a));
        if (is_const(a) && a.back().value < 0) return make(Op::Sub, std::move(b), constant(-a.back().value));
        if (a == b) return make(Op::Mul, constant(2.0), a);
        // c1 + (c2 + p) = (c1 + c2) + p
        if (is_const(a) && root_op(b) == Op::Add && is_const(left_of(b))) {
            return simplify_binary(Op::Add, constant(a.back().value + left_of(b).back().value), right_of(b));
        }
        break;
    case Op::Sub:
        if (is_const(b, 0.0f)) return a;
        if (is_const(a, 0.0f)) return simplify_unary(Op::Neg, std::move(b));
        if (a == b) return constant(0.0);
        if (root_op(b) == Op::Neg) return simplify_binary(Op::Add, std::move(a), operand(b));
        if (is_const(b) && b.back().value < 0) return simplify_binary(Op::Add, std::move(a), constant(-b.back().value));
        break;
    case Op::Mul:
        if (is_const(a, 1.0f)) return b;
        if (is_const(a, 0.0f)) return constant(0.0);
        if (is_const(a, -1.0f)) return simplify_unary(Op::Neg, std::move(b));
        if (a == b) return simplify_unary(Op::Square, std::move(a));
        if (root_op(a) == Op::Neg && root_op(b) == Op::Neg) return simplify_binary(Op::Mul, operand(a), operand(b));
        // c1 * (c2 * p) = (c1 c2) * p
        if (is_const(a) && root_op(b) == Op::Mul && is_const(left_of(b))) {
            const double c = static_cast<double>(a.back().value) * left_of(b).back().value;
            if (finite_float(c)) return simplify_binary(Op::Mul, constant(c), right_of(b));
        }
        break;
    case Op::Div:
        if (is_const(b, 1.0f)) return a;
        if (is_const(b, -1.0f)) return simplify_unary(Op::Neg, std::move(a));
        if (is_const(a, 0.0f)) return constant(0.0);
        if (a == b) return constant(1.0);
        if (is_const(a, 1.0f)) return simplify_unary(Op::Reciprocal, std::move(b));
        break;
    case Op::Max:
    case Op::Min:
        if (a == b) return a;
        break;
    case Op::Pow:
        if (is_const(b, 1.0f)) return a;
        if (is_const(b, 0.0f)) return constant(1.0);
        if (is_const(b, 2.0f)) return simplify_unary(Op::Square, std::move(a));
        if (is_const(b, 3.0f)) return simplify_unary(Op::Cube, std::move(a));
        if (is_const(b, -1.0f)) return simplify_unary(Op::Reciprocal, std::move(a));
        if (is_const(b, 0.5f)) return simplify_unary(Op::Sqrt, std::move(a));
        break;
    default: break;
    }
    return make(op, std::move(a), b);
}

Sub simplify_at(const Tree& t, std::size_t i) {
    const Node& n = t.nodes[i];
    switch (arity(n.op)) {
    case 0: return {n};
    case 1: return simplify_unary(n.op, simplify_at(t, i - 1));
    default: return simplify_binary(n.op, simplify_at(t, t.child(i, 0)), simplify_at(t, t.child(i, 1)));
    }
}

} // namespace

Tree simplify(const Tree& t) {
    Tree out{t.nodes, t.parameters};
    // Each pass can expose new identities to the next; a handful is plenty
    // since every rewrite shrinks or reorders the tree.
    for (int pass = 0; pass < 8; ++pass) {
        Sub next = simplify_at(out, out.root());
        recompute_lengths(next);
        if (next == out.nodes) break;
        out.nodes = std::move(next);
    }
    return out;
}

Tree canonicalize(const Tree& t) {
    Tree out = simplify(t);
    // Renumber parameters by first use, twice: operand order depends on the
    // numbering, and the second pass settles it.
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<int> remap(out.parameters.size(), -1);
        std::vector<Parameter> used;
        for (Node& n : out.nodes) {
            if (n.op != Op::Param) continue;
            if (remap[n.param] < 0) {
                remap[n.param] = static_cast<int>(used.size());
                used.push_back(out.parameters[n.param]);
            }
            n.param = static_cast<std::uint16_t>(remap[n.param]);
        }
        out.parameters = std::move(used);
        out = simplify(out);
    }
    return out;
}

std::uint64_t canonical_hash(const Tree& t) {
    const Tree c = canonicalize(t);
    std::uint64_t h = 0x6a09e667f3bcc908ULL;
    auto add = [&h](std::uint64_t v) { h = mix64(h ^ v) + 0x9e3779b97f4a7c15ULL; };
    for (const Node& n : c.nodes) {
        add(static_cast<std::uint64_t>(n.op));
        if (n.op == Op::Const) add(std::bit_cast<std::uint32_t>(n.value == 0.0f ? 0.0f : n.value));
        if (n.op == Op::Param) add(n.param);
    }
    for (const auto& p : c.parameters) add(std::bit_cast<std::uint32_t>(p.value == 0.0f ? 0.0f : p.value));
    return h;
}

} // namespace actforge::expr
