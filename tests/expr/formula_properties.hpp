#pragma once
// What every formula the parser accepts must satisfy, checked by the
// property tests (random trees) and by the formula fuzz target (fuzzed text):
//  - printing it and parsing the text again gives the same tree;
//  - every export format is produced, and the JSON export is valid JSON;
//  - the compiled Program (double) agrees with the reference evaluator on the
//    tree it compiles (the simplified one) wherever the function is tame.
// Each check returns a description of the first failure, empty when it holds.
#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/program.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/expr/simplify.hpp"
#include "random_tree.hpp"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace actforge::test {

inline constexpr std::array kAllFormats{expr::Format::Infix,   expr::Format::Latex, expr::Format::Sympy,
                                        expr::Format::Pytorch, expr::Format::Cpp,   expr::Format::Json};

// Whether the reference is smooth and tame at x: every subtree finite and
// moderate, the derivatives too, and the derivative stable under a tiny
// move (no kink or branch switch nearby), so two correct evaluators that
// differ in the last bits agree to a tight tolerance.
inline bool tame_at(const expr::Tree& t, double x) {
    if (!tame_throughout(t, x)) return false;
    const expr::ReferenceResult r = expr::reference_eval(t, x);
    if (!std::isfinite(r.f) || std::abs(r.f) > 1e6 || !std::isfinite(r.df) || std::abs(r.df) > 1e6) return false;
    for (double g : r.dtheta) {
        if (!std::isfinite(g) || std::abs(g) > 1e6) return false;
    }
    const double h = 1e-4 * (1.0 + std::abs(x));
    const expr::ReferenceResult lo = expr::reference_eval(t, x - h);
    const expr::ReferenceResult hi = expr::reference_eval(t, x + h);
    if (!std::isfinite(lo.df) || !std::isfinite(hi.df)) return false;
    const double left = (r.f - lo.f) / h;
    const double right = (hi.f - r.f) / h;
    const double scale = 1.0 + std::abs(r.df);
    return std::abs(left - r.df) < 1e-2 * scale && std::abs(right - r.df) < 1e-2 * scale;
}

inline bool close_to(double got, double want, double rel) { return std::abs(got - want) <= rel * (1.0 + std::abs(want)); }

inline std::string print_parse_failure(const expr::Tree& t) {
    const std::string printed = expr::to_infix(t);
    try {
        if (!(expr::parse(printed) == t)) return "parse(print(t)) != t for '" + printed + "'";
    } catch (const Error& e) {
        return "the printed form '" + printed + "' does not parse: " + e.what();
    }
    return {};
}

inline std::string export_failure(const expr::Tree& t) {
    for (const expr::Format f : kAllFormats) {
        std::string text;
        try {
            text = expr::print(t, f);
        } catch (const std::exception& e) {
            return std::string("the ") + std::string(expr::format_name(f)) + " export failed: " + e.what();
        }
        if (text.empty()) return "the " + std::string(expr::format_name(f)) + " export is empty";
        if (f == expr::Format::Json && !nlohmann::json::accept(text)) return "the JSON export is not JSON: " + text;
    }
    return {};
}

// Points in [-4.1, 4.1], more than a block so the tape's block loop turns over.
inline std::vector<double> property_points() {
    std::vector<double> xs;
    for (std::size_t i = 0; i < expr::kBlock + 7; ++i) xs.push_back(-4.1 + 8.2 * static_cast<double>(i) / 263.0);
    return xs;
}

inline std::string program_failure(const expr::Tree& t) {
    const expr::Tree s = expr::simplify(t);
    const expr::Program program(t);
    std::vector<double> params;
    for (const auto& q : s.parameters) params.push_back(q.value);
    const std::vector<double> xs = property_points();
    std::vector<double> f(xs.size()), df(xs.size()), dt(xs.size() * params.size() + 1);
    expr::Scratch<double> scratch;
    program.evaluate<double>(xs, params, expr::Derivatives<double>{f.data(), df.data(), dt.data(), xs.size()},
                             scratch);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!tame_at(s, xs[i])) continue;
        const expr::ReferenceResult r = expr::reference_eval(s, xs[i]);
        const std::string where = " of '" + expr::to_infix(t) + "' at x = " + std::to_string(xs[i]);
        if (!close_to(f[i], r.f, 1e-8)) return "Program f " + std::to_string(f[i]) + " != reference " +
                                                std::to_string(r.f) + where;
        if (!close_to(df[i], r.df, 1e-6)) return "Program f' " + std::to_string(df[i]) + " != reference " +
                                                 std::to_string(r.df) + where;
        for (std::size_t k = 0; k < params.size(); ++k) {
            if (!close_to(dt[k * xs.size() + i], r.dtheta[k], 1e-6)) return "Program df/dtheta" + std::to_string(k) +
                                                                            " != reference" + where;
        }
    }
    return {};
}

// Every property, in order; empty when all hold.
inline std::string formula_property_failure(const expr::Tree& t) {
    if (std::string e = print_parse_failure(t); !e.empty()) return e;
    if (std::string e = export_failure(t); !e.empty()) return e;
    return program_failure(t);
}

} // namespace actforge::test
