#include "template_printer.hpp"

#include <array>

namespace actforge::expr::detail {
namespace {

// Atomic: no operator or space outside brackets, so it binds tighter than
// anything it is placed into ("torch.tanh(x + 1)", "\\frac{a}{b}", "x").
bool is_atomic(std::string_view s) {
    int depth = 0;
    for (char c : s) {
        if (c == '(' || c == '{' || c == '[') ++depth;
        else if (c == ')' || c == '}' || c == ']') --depth;
        else if (depth == 0 && (c == '+' || c == '-' || c == '*' || c == '/' || c == '^' || c == ' ')) return false;
    }
    return true;
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
        const bool atomic = is_atomic(s) && !s.starts_with('-');
        return {std::move(s), atomic};
    }
    const Primitive& prim = primitive(n.op);
    const std::string_view tmpl = style.spelling(prim);
    if (n.op == Op::Var) return {std::string(tmpl), true};
    used.insert(n.op);
    std::array<Rendered, 2> args;
    if (prim.arity == 1) {
        args[0] = render_template(t, i - 1, style, used);
    } else {
        args[0] = render_template(t, t.child(i, 0), style, used);
        args[1] = render_template(t, t.child(i, 1), style, used);
    }
    std::string out;
    for (std::size_t k = 0; k < tmpl.size(); ++k) {
        if (tmpl[k] == '{' && k + 2 < tmpl.size() && (tmpl[k + 1] == '0' || tmpl[k + 1] == '1') && tmpl[k + 2] == '}') {
            const Rendered& a = args[static_cast<std::size_t>(tmpl[k + 1] - '0')];
            if (a.atomic || delimited(tmpl, k)) out += a.text;
            else out += style.open + a.text + style.close;
            k += 2;
        } else {
            out += tmpl[k];
        }
    }
    const bool atomic = is_atomic(tmpl) && !tmpl.starts_with('-');
    return {std::move(out), atomic};
}

} // namespace actforge::expr::detail
