#include "actforge/evolution/strategies/core_unit_space.hpp"

#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <set>

namespace actforge::evolution {
namespace {

using expr::Op;

// The paper's lists, in its order (Table 1 of the paper; x^3 as cube,
// max(x,0) as relu, log(1+e^x) as softplus, e^(-x^2) as gaussian).
// clang-format off
const std::vector<std::string> kPaperUnary{
    "{0}", "-{0}", "abs({0})", "square({0})", "cube({0})", "sqrt({0})", "{b}*{0}", "{0} + {b}",
    "log(abs({0}) + 0.001)", "exp({0})", "sin({0})", "cos({0})", "sinh({0})", "cosh({0})", "tanh({0})",
    "asinh({0})", "atan({0})", "sinc({0})", "relu({0})", "min({0}, 0)", "sigmoid({0})", "softplus({0})",
    "gaussian({0})", "erf({0})", "{b}"};
const std::vector<std::string> kPaperBinary{
    "{0} + {1}", "{0}*{1}", "{0} - {1}", "{0}/({1} + 0.001)", "max({0}, {1})", "min({0}, {1})",
    "sigmoid({0})*{1}", "exp(-{b}*square({0} - {1}))", "exp(-{b}*abs({0} - {1}))", "{b}*{0} + (1 - {b})*{1}"};
// clang-format on

bool simple(const std::string& operand) {
    return std::all_of(operand.begin(), operand.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// Fills a template: operands parenthesised unless they are a single name,
// {b} replaced by `parameter`.
std::string expand(const std::string& text, const std::string& a, const std::string& b, const std::string& parameter) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}') {
            const char which = text[i + 1];
            const std::string& operand = which == '0' ? a : b;
            out += which == 'b' ? parameter : (simple(operand) ? operand : "(" + operand + ")");
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool has_parameter(const std::string& text) { return text.find("{b}") != std::string::npos; }

// The template as a tree, with x for the operands.
expr::Tree instance(const std::string& text) {
    return expr::parse(expand(text, "x", "x", "b") + (has_parameter(text) ? " where b=1" : ""));
}

// The primitives a template uses.
std::set<Op> operations(const expr::Tree& t) {
    std::set<Op> ops;
    for (const expr::Node& n : t.nodes) {
        if (!expr::is_leaf(n.op)) ops.insert(n.op);
    }
    return ops;
}

// The templates the set can express, then the set's other primitives as calls.
// Templates may use any primitive of the set; the extras are the set's
// primitives of the vocabulary's arity.
std::vector<UnitFunction> vocabulary(const std::vector<std::string>& paper, const PrimitiveSet& set, int arity,
                                     bool parameters_allowed) {
    const std::vector<Op>& own = arity == 1 ? set.unary : set.binary;
    std::vector<Op> allowed = set.unary;
    allowed.insert(allowed.end(), set.binary.begin(), set.binary.end());
    std::vector<UnitFunction> out;
    std::set<Op> used;
    for (const std::string& text : paper) {
        const expr::Tree t = instance(text);
        const std::set<Op> ops = operations(t);
        const bool fits = std::all_of(ops.begin(), ops.end(), [&](Op op) {
            return std::find(allowed.begin(), allowed.end(), op) != allowed.end();
        });
        if (!fits || (has_parameter(text) && !parameters_allowed)) continue;
        out.push_back({text});
        // A template stands for the primitive at its root (x/(y+eps) for div).
        used.insert(t.nodes.back().op);
    }
    for (Op op : own) {
        if (used.count(op) != 0) continue;
        const std::string name(expr::primitive(op).name);
        out.push_back({arity == 1 ? name + "({0})" : name + "({0}, {1})"});
    }
    return out;
}

} // namespace

CoreUnitSpace::CoreUnitSpace(const PrimitiveSet& set, std::size_t units, bool parameters_allowed)
    : units_(units), unary_(vocabulary(kPaperUnary, set, 1, parameters_allowed)),
      binary_(vocabulary(kPaperBinary, set, 2, parameters_allowed)) {
    if (units_ < 1 || units_ > 2) throw Error(fmt::format("core units must be 1 or 2, not {}", units_));
    if (binary_.empty()) throw Error("the core-unit search space needs at least one binary primitive");
}

std::vector<std::size_t> CoreUnitSpace::vocab_sizes() const {
    std::vector<std::size_t> sizes;
    for (std::size_t u = 0; u < units_; ++u) {
        sizes.insert(sizes.end(), {u + 1, u + 1, unary_.size(), unary_.size(), binary_.size()});
    }
    return sizes;
}

std::string CoreUnitSpace::slot_name(std::size_t step) {
    static constexpr const char* kSlots[] = {"input1", "input2", "unary1", "unary2", "binary"};
    return fmt::format("unit{}.{}", step / kTokensPerUnit + 1, kSlots[step % kTokensPerUnit]);
}

std::string CoreUnitSpace::token_label(std::size_t step, std::size_t token) const {
    switch (step % kTokensPerUnit) {
    case Input1:
    case Input2: return token == 0 ? "x" : fmt::format("y{}", token);
    case Unary1:
    case Unary2: return expand(unary_.at(token).text, "x", "x", "b");
    default: return expand(binary_.at(token).text, "x1", "x2", "b");
    }
}

std::string CoreUnitSpace::unary_formula(std::size_t k) const {
    const std::string& text = unary_.at(k).text;
    return expand(text, "x", "x", "b") + (has_parameter(text) ? " where b=1" : "");
}

std::string CoreUnitSpace::formula(const std::vector<std::size_t>& tokens) const {
    if (tokens.size() != steps()) throw Error(fmt::format("{} tokens for {} core units", tokens.size(), units_));
    std::vector<std::string> inputs{"x"};
    std::vector<std::string> parameters;
    // Each parameterised function gets its own name: a, b, c, ...
    const auto fresh = [&](const std::string& text) {
        if (!has_parameter(text)) return std::string{};
        parameters.push_back(std::string(1, static_cast<char>('a' + parameters.size())));
        return parameters.back();
    };
    for (std::size_t u = 0; u < units_; ++u) {
        const std::size_t* t = tokens.data() + u * kTokensPerUnit;
        const std::string& u1 = unary_.at(t[Unary1]).text;
        const std::string& u2 = unary_.at(t[Unary2]).text;
        const std::string& bin = binary_.at(t[Binary]).text;
        const std::string left = expand(u1, inputs.at(t[Input1]), "", fresh(u1));
        const std::string right = expand(u2, inputs.at(t[Input2]), "", fresh(u2));
        inputs.push_back(expand(bin, left, right, fresh(bin)));
    }
    std::string where;
    for (const std::string& p : parameters) where += (where.empty() ? " where " : ", ") + p + "=1";
    return inputs.back() + where;
}

} // namespace actforge::evolution
