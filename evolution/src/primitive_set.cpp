#include "actforge/evolution/primitive_set.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

const expr::Primitive* lookup(std::string_view name) {
    if (name == "+") return &expr::primitive(expr::Op::Add);
    if (name == "-") return &expr::primitive(expr::Op::Sub);
    if (name == "*") return &expr::primitive(expr::Op::Mul);
    if (name == "/") return &expr::primitive(expr::Op::Div);
    if (name == "^") return &expr::primitive(expr::Op::Pow);
    const expr::Primitive* p = expr::find_primitive(name);
    return p != nullptr && p->arity > 0 ? p : nullptr;
}

} // namespace

PrimitiveSet PrimitiveSet::parse(std::string_view list) {
    PrimitiveSet set;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const std::string_view name = trim(list.substr(start, comma - start));
        start = comma + 1;
        if (name.empty()) continue;
        const expr::Primitive* p = lookup(name);
        if (p == nullptr) {
            std::vector<std::string_view> names;
            for (const auto& q : expr::all_primitives()) {
                if (q.arity > 0) names.push_back(q.name);
            }
            throw Error(fmt::format("--primitives: unknown primitive '{}' (choose from {}, or + - * / ^)", name,
                                    fmt::join(names, " ")));
        }
        auto& group = p->arity == 1 ? set.unary : set.binary;
        if (std::find(group.begin(), group.end(), p->op) == group.end()) group.push_back(p->op);
    }
    if (set.unary.empty() && set.binary.empty()) throw Error("--primitives: the list is empty");
    return set;
}

PrimitiveSet PrimitiveSet::default_set() {
    using expr::Op;
    return PrimitiveSet{{Op::Neg, Op::Abs, Op::Square, Op::Exp, Op::Sin, Op::Cos, Op::Tanh, Op::Sigmoid, Op::Erf,
                         Op::Softplus, Op::Relu, Op::Swish, Op::Gelu, Op::Gaussian, Op::Atan, Op::Asinh, Op::Sinc},
                        {Op::Add, Op::Sub, Op::Mul, Op::Max, Op::Min}};
}

std::string PrimitiveSet::to_string() const {
    std::string out;
    for (const auto* group : {&unary, &binary}) {
        for (expr::Op op : *group) out += (out.empty() ? "" : ",") + std::string(expr::primitive(op).name);
    }
    return out;
}

} // namespace actforge::evolution
