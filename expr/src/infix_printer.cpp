// Infix printing with exact round trip through the parser. Precedence levels
// follow the grammar in parser.hpp: + - (1), * / (2), unary minus (3),
// ^ (4, right associative), atoms (9).
#include "actforge/expr/printer.hpp"

#include <fmt/format.h>

namespace actforge::expr {
namespace {

constexpr int kUnaryPrecedence = 3;
constexpr int kPowPrecedence = 4;
constexpr int kAtomPrecedence = 9;

struct Piece {
    std::string text;
    int precedence;
};

std::string wrap(const Piece& p, bool parens) {
    if (!parens) return p.text;
    std::string out(1, '(');
    out += p.text;
    out += ')';
    return out;
}

Piece render(const Tree& t, std::size_t i) {
    const Node& n = t.nodes[i];
    const Primitive& prim = primitive(n.op);
    switch (n.op) {
    case Op::Var: return {"x", kAtomPrecedence};
    case Op::Param: return {t.parameters[n.param].name, kAtomPrecedence};
    case Op::Const: {
        // A negative constant reads as a unary minus applied to a literal.
        return {format_number(n.value), std::signbit(n.value) ? kUnaryPrecedence : kAtomPrecedence};
    }
    case Op::Neg: {
        const std::size_t c = i - 1;
        const Piece a = render(t, c);
        // "-2" would parse as the constant -2, so a negated literal keeps its parentheses.
        const bool literal = t.nodes[c].op == Op::Const && !std::signbit(t.nodes[c].value);
        std::string text(1, '-');
        text += wrap(a, literal || a.precedence < kUnaryPrecedence);
        return {std::move(text), kUnaryPrecedence};
    }
    default: break;
    }
    if (prim.arity == 1) return {fmt::format("{}({})", prim.name, render(t, i - 1).text), kAtomPrecedence};
    const Piece left = render(t, t.child(i, 0));
    const Piece right = render(t, t.child(i, 1));
    if (prim.symbol.empty()) return {fmt::format("{}({}, {})", prim.name, left.text, right.text), kAtomPrecedence};
    const int p = prim.precedence;
    if (n.op == Op::Pow) {
        // Right associative, and the exponent is parsed as a unary expression.
        return {wrap(left, left.precedence <= kPowPrecedence) + "^" + wrap(right, right.precedence < kUnaryPrecedence),
                kPowPrecedence};
    }
    const std::string sep = p == 1 ? fmt::format(" {} ", prim.symbol) : std::string(prim.symbol);
    return {wrap(left, left.precedence < p) + sep + wrap(right, right.precedence <= p), p};
}

} // namespace

std::string format_number(float v) {
    if (v == 0.0f) return std::signbit(v) ? "-0" : "0";
    return fmt::format("{}", v);
}

std::string to_infix(const Tree& t) {
    std::string out = render(t, t.root()).text;
    for (std::size_t k = 0; k < t.parameters.size(); ++k) {
        out += k == 0 ? " where " : ", ";
        out += t.parameters[k].name + "=" + format_number(t.parameters[k].value);
    }
    return out;
}

} // namespace actforge::expr
