#pragma once
// Checks shared by the genetic-operator tests: the invariants every operator
// promises, starting trees, and comparison of functions by their values.
#include "actforge/evolution/genome/tree_limits.hpp"
#include "actforge/evolution/operators/random_tree.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/reference_eval.hpp"

#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace actforge::test {

// Empty when t keeps every invariant the operators promise, else what broke.
inline std::string invariant_violation(const expr::Tree& t, const evolution::TreeLimits& limits) {
    try {
        t.validate();
    } catch (const std::exception& e) {
        return e.what();
    }
    if (t.size() > limits.max_nodes) return "too many nodes";
    if (t.depth() > limits.max_depth) return "too deep";
    if (t.parameters.size() > limits.max_params) return "too many parameters";
    bool reads_x = false;
    std::vector<bool> used(t.parameters.size(), false);
    for (const auto& n : t.nodes) {
        reads_x = reads_x || n.op == expr::Op::Var;
        if (n.op == expr::Op::Param) used[n.param] = true;
    }
    if (!reads_x) return "does not read x";
    std::set<std::string> names;
    for (std::size_t k = 0; k < t.parameters.size(); ++k) {
        if (!used[k]) return "unused parameter " + t.parameters[k].name;
        if (!names.insert(t.parameters[k].name).second) return "duplicate parameter " + t.parameters[k].name;
        if (t.parameters[k].name == "x") return "a parameter named x";
    }
    const std::string text = expr::to_infix(t);
    try {
        if (!(expr::parse(text) == t)) return "'" + text + "' does not parse back to the same tree";
    } catch (const std::exception& e) {
        return "'" + text + "' does not parse: " + e.what();
    }
    return {};
}

// Hand-written formulas (with parameters, negative constants, binary and
// unary operations) that fit the builder's limits, then `random` ramped trees.
inline std::vector<expr::Tree> starting_trees(Rng& rng, const evolution::RandomTreeBuilder& builder, int random = 60) {
    std::vector<expr::Tree> trees;
    for (const char* f : {"a*sigmoid(x) + b where a=1, b=0", "x", "swish(x)", "max(x, 0.5*x) - c where c=0.25",
                          "x*tanh(softplus(x))", "a*x + b*tanh(x) where a=1.5, b=-0.5", "-2*x + max(x, -1)",
                          "gelu(x) - 0.1*sin(a*x) where a=3", "-(x) + -0.25"}) {
        expr::Tree t = expr::parse(f);
        if (invariant_violation(t, builder.limits()).empty()) trees.push_back(std::move(t));
    }
    for (int i = 0; i < random; ++i) trees.push_back(builder.ramped(rng));
    return trees;
}

// Equal values (NaN equal to NaN) at points across the usual input range.
inline bool same_function(const expr::Tree& a, const expr::Tree& b) {
    for (double x : {-6.0, -2.5, -1.0, -0.3, 0.0, 0.4, 1.0, 2.2, 5.0}) {
        const double fa = expr::reference_value(a, x);
        const double fb = expr::reference_value(b, x);
        if (!(fa == fb || (std::isnan(fa) && std::isnan(fb)))) return false;
    }
    return true;
}

} // namespace actforge::test
