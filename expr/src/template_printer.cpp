#include "template_printer.hpp"

#include <algorithm>
#include <array>

namespace actforge::expr::detail {
namespace {

constexpr int kAtomic = 9;

// Precedence of the loosest operator outside brackets: + - (1), * / \cdot (2),
// leading unary minus (3), ^ ** (4); kAtomic when there is none, so the text
// binds tighter than anything it is placed into ("torch.tanh(x + 1)", "x").
int precedence_of(std::string_view s) {
    int depth = 0;
    int lowest = kAtomic;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '(' || c == '{' || c == '[')
            ++depth;
        else if (c == ')' || c == '}' || c == ']')
            --depth;
        if (depth != 0) continue;
        int p = kAtomic;
        if (c == '+')
            p = 1;
        else if (c == '-')
            p = i == 0 ? 3 : 1;
        else if (c == '*' && i + 1 < s.size() && s[i + 1] == '*')
            p = 4, ++i;
        else if (c == '*' || c == '/')
            p = 2;
        else if (c == '^')
            p = 4;
        else if (s.substr(i, 5) == "\\cdot")
            p = 2;
        lowest = std::min(lowest, p);
    }
    return lowest;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}
bool starts_with(std::string_view s, std::string_view head) { return s.substr(0, head.size()) == head; }

// Whether the template itself brackets the placeholder at [pos, pos + 3).
bool delimited(std::string_view tmpl, std::size_t pos) {
    const std::string_view before = tmpl.substr(0, pos);
    const std::string_view after = tmpl.substr(pos + 3);
    constexpr std::array<std::string_view, 6> opens{"(", ", ", "{", "\\left(", "\\left|", "["};
    constexpr std::array<std::string_view, 6> closes{")", ",", "}", "\\right)", "\\right|", "]"};
    bool open = false;
    bool close = false;
    for (auto o : opens) open = open || ends_with(before, o);
    for (auto c : closes) close = close || starts_with(after, c);
    // "{0}^{2}" style: "{" before and "}" after belong to the same group only
    // when the braces are the placeholder's own.
    return open && close;
}

} // namespace

Rendered render_template(const Tree& t, std::size_t i, const TemplateStyle& style, std::set<Op>& used) {
    const Node& n = t.nodes[i];
    if (n.op == Op::Const || n.op == Op::Param) {
        std::string s = style.leaf(t, n);
        const int p = precedence_of(s);
        return {std::move(s), p};
    }
    const Primitive& prim = primitive(n.op);
    const std::string_view tmpl = style.spelling(prim);
    if (n.op == Op::Var) return {std::string(tmpl), kAtomic};
    if (style.replace) {
        if (std::optional<std::string> s = style.replace(t, i)) {
            const int p = precedence_of(*s);
            return {std::move(*s), p};
        }
    }
    used.insert(n.op);
    std::array<Rendered, 2> args;
    if (prim.arity == 1) {
        args[0] = render_template(t, i - 1, style, used);
    } else {
        args[0] = render_template(t, t.child(i, 0), style, used);
        args[1] = render_template(t, t.child(i, 1), style, used);
    }
    // Operators spelled infix bind by the usual rules (left associative, ^
    // right associative; a negated negation keeps its brackets, since "--"
    // is a decrement in C++); any other template wraps what is not atomic.
    const bool infix = !prim.symbol.empty();
    const int p = infix ? prim.precedence : precedence_of(tmpl);
    auto needs_brackets = [&](const Rendered& a, int which) {
        if (!infix) return a.precedence < kAtomic;
        if (n.op == Op::Neg) return a.precedence <= p;
        if (n.op == Op::Pow) return which == 0 ? a.precedence <= p : a.precedence < 3;
        return which == 0 ? a.precedence < p : a.precedence <= p;
    };
    std::string out;
    for (std::size_t k = 0; k < tmpl.size(); ++k) {
        if (tmpl[k] == '{' && k + 2 < tmpl.size() && (tmpl[k + 1] == '0' || tmpl[k + 1] == '1') && tmpl[k + 2] == '}') {
            const int which = tmpl[k + 1] - '0';
            const Rendered& a = args[static_cast<std::size_t>(which)];
            if (delimited(tmpl, k) || !needs_brackets(a, which))
                out += a.text;
            else
                out += style.open + a.text + style.close;
            k += 2;
        } else {
            out += tmpl[k];
        }
    }
    return {std::move(out), p};
}

} // namespace actforge::expr::detail
