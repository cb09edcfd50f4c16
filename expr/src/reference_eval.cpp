#include "actforge/expr/reference_eval.hpp"

namespace actforge::expr {
namespace {

double param_value(const Tree& t, std::span<const double> params, std::size_t k) {
    return params.empty() ? static_cast<double>(t.parameters[k].value) : params[k];
}

} // namespace

double reference_value(const Tree& t, double x, std::span<const double> params) {
    std::vector<double> stack;
    stack.reserve(t.nodes.size());
    for (const Node& n : t.nodes) {
        switch (n.op) {
        case Op::Var: stack.push_back(x); continue;
        case Op::Const: stack.push_back(n.value); continue;
        case Op::Param: stack.push_back(param_value(t, params, n.param)); continue;
        default: break;
        }
        const Primitive& p = primitive(n.op);
        if (p.arity == 1) {
            stack.back() = p.value(stack.back(), 0.0);
        } else {
            const double b = stack.back();
            stack.pop_back();
            stack.back() = p.value(stack.back(), b);
        }
    }
    return stack.back();
}

ReferenceResult reference_eval(const Tree& t, double x, std::span<const double> params) {
    const std::size_t dirs = 1 + t.parameters.size(); // direction 0 is x
    struct Entry {
        double v;
        std::vector<double> tangent;
        std::vector<bool> depends;
    };
    std::vector<Entry> stack;
    stack.reserve(t.nodes.size());
    auto leaf = [&](double v, std::size_t dir) {
        Entry e{v, std::vector<double>(dirs, 0.0), std::vector<bool>(dirs, false)};
        if (dir < dirs) {
            e.tangent[dir] = 1.0;
            e.depends[dir] = true;
        }
        return e;
    };
    for (const Node& n : t.nodes) {
        switch (n.op) {
        case Op::Var: stack.push_back(leaf(x, 0)); continue;
        case Op::Const: stack.push_back(leaf(n.value, dirs)); continue;
        case Op::Param: stack.push_back(leaf(param_value(t, params, n.param), 1 + n.param)); continue;
        default: break;
        }
        const Primitive& p = primitive(n.op);
        if (p.arity == 1) {
            Entry& a = stack.back();
            const Partials d = p.partials(a.v, 0.0);
            a.v = p.value(a.v, 0.0);
            for (std::size_t k = 0; k < dirs; ++k) {
                if (a.depends[k]) a.tangent[k] *= d.da;
            }
        } else {
            Entry b = std::move(stack.back());
            stack.pop_back();
            Entry& a = stack.back();
            const Partials d = p.partials(a.v, b.v);
            a.v = p.value(a.v, b.v);
            for (std::size_t k = 0; k < dirs; ++k) {
                double tk = 0.0;
                if (a.depends[k]) tk += d.da * a.tangent[k];
                if (b.depends[k]) tk += d.db * b.tangent[k];
                a.tangent[k] = tk;
                a.depends[k] = a.depends[k] || b.depends[k];
            }
        }
    }
    Entry& root = stack.back();
    ReferenceResult r;
    r.f = root.v;
    r.df = root.tangent[0];
    r.dtheta.assign(root.tangent.begin() + 1, root.tangent.end());
    return r;
}

} // namespace actforge::expr
