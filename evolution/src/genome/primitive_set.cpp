#include "actforge/evolution/genome/primitive_set.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace actforge::evolution {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
    return s;
}

// An operation by call-form name, or a binary one by infix symbol ("-" is
// sub, not neg); leaves are not operations.
const expr::Primitive* lookup(std::string_view name) {
    for (const auto& p : expr::all_primitives()) {
        if (p.arity > 0 && (p.name == name || (p.arity == 2 && p.symbol == name))) return &p;
    }
    return nullptr;
}

std::string valid_names() {
    std::vector<std::string_view> names;
    for (const auto& p : expr::all_primitives()) {
        if (p.arity > 0) names.push_back(p.name);
    }
    return fmt::format("{}", fmt::join(names, ", "));
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
            throw Error(fmt::format("--primitives: unknown primitive '{}'; choose from {} (or + - * / ^ for add, "
                                    "sub, mul, div, pow)",
                                    name, valid_names()));
        }
        auto& group = p->arity == 1 ? set.unary : set.binary;
        if (std::find(group.begin(), group.end(), p->op) == group.end()) group.push_back(p->op);
    }
    if (set.unary.empty() && set.binary.empty()) {
        throw Error(fmt::format("--primitives: the list names no primitive; choose from {}", valid_names()));
    }
    return set;
}

PrimitiveSet PrimitiveSet::default_set() {
    using expr::Op;
    return PrimitiveSet{{Op::Neg, Op::Abs, Op::Square, Op::Exp, Op::Sin, Op::Cos, Op::Tanh, Op::Sigmoid, Op::Erf,
                         Op::Softplus, Op::Relu, Op::Swish, Op::Gelu, Op::Gaussian, Op::Atan, Op::Asinh, Op::Sinc},
                        {Op::Add, Op::Sub, Op::Mul, Op::Max, Op::Min}};
}

std::string PrimitiveSet::to_string() const {
    std::vector<std::string_view> names;
    for (expr::Op op : unary) names.push_back(expr::primitive(op).name);
    for (expr::Op op : binary) names.push_back(expr::primitive(op).name);
    return fmt::format("{}", fmt::join(names, ","));
}

} // namespace actforge::evolution
