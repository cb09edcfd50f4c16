// Writes the exports of many formulas, with actforge's own values, as one
// JSON document for check_exports.py:
//  - "samples": the PyTorch and SymPy exports of random formulas over every
//    primitive (constants and parameters included) and of every file of a
//    folder of formulas that parses (the formula fuzz corpus), with the
//    reference evaluator's values where they are tame;
//  - "constant_arguments": every primitive with constants as arguments and
//    constant-only subtrees, parsed from text as `actforge export` parses it,
//    in every format (PyTorch, SymPy, C++, LaTeX, JSON), with the values the
//    compiled program gives at 4 points (those `actforge inspect --json`
//    prints; null where not finite). Done here, in one process, rather than
//    by ~600 launches of the command line.
// Usage: write_export_samples CORPUS_DIR COUNT > samples.json
#include "../expr/formula_properties.hpp"
#include "../expr/random_tree.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/expr/primitive.hpp"
#include "actforge/expr/program.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace actforge;

namespace {

// Points where the reference is tame (every subtree finite and moderate),
// so that a correct export agrees with it to a tight tolerance; x and f.
constexpr std::array kXs{-3.3, -1.7, -0.6, -0.05, 0.35, 0.9, 2.2, 4.1};

nlohmann::json reference_points(const expr::Tree& t) {
    nlohmann::json points = nlohmann::json::array();
    for (double x : kXs) {
        if (!test::tame_throughout(t, x, 1e4)) continue;
        points.push_back({{"x", x}, {"f", expr::reference_value(t, x)}});
    }
    return points;
}

// Whether the function has a value (not NaN) at one of the points at least.
bool defined_somewhere(const expr::Tree& t) {
    return std::any_of(kXs.begin(), kXs.end(), [&](double x) { return !std::isnan(expr::reference_value(t, x)); });
}

nlohmann::json sample(const expr::Tree& t) {
    return {{"formula", expr::to_infix(t)},
            {"pytorch", expr::to_pytorch(t)},
            {"sympy", expr::to_sympy(t)},
            {"defined", defined_somewhere(t)},
            {"points", reference_points(t)}};
}

std::vector<expr::Tree> corpus_formulas(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<expr::Tree> out;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        try {
            out.push_back(expr::parse(text));
        } catch (const Error&) {
            // the corpus holds text the parser refuses too
        }
    }
    return out;
}

// The formulas of "constant_arguments": each unary primitive u as u(0.5) + x
// and u(x) * u(0.25), each binary one b as b(0.5, 0.75) + x, b(x, 0.5) and
// b(0.5, x), from the primitive table so that a new primitive is covered,
// and a few whole formulas: constant-only subtrees under min, a constant
// alone, a constant call alone, a parameter times a constant call.
std::vector<std::string> constant_argument_formulas() {
    std::vector<std::string> out;
    for (const expr::Primitive& p : expr::all_primitives()) {
        const std::string u(p.name);
        if (p.arity == 1) {
            out.push_back(u + "(0.5) + x");
            out.push_back(u + "(x) * " + u + "(0.25)");
        } else if (p.arity == 2) {
            out.push_back(u + "(0.5, 0.75) + x");
            out.push_back(u + "(x, 0.5)");
            out.push_back(u + "(0.5, x)");
        }
    }
    for (const char* f : {"min(min(cube(0.5), (x + x)), sqrt(relu(x)))", "3", "exp(0.5)", "a*sqrt(2) + x where a=1"})
        out.emplace_back(f);
    return out;
}

// One formula of "constant_arguments": its exports (or the error an export
// or the parse threw) and the compiled program's values, as inspect has them.
nlohmann::json constant_argument_sample(const std::string& formula) {
    nlohmann::json s{{"formula", formula}};
    try {
        const expr::Tree tree = expr::parse(formula);
        for (const expr::Format f : {expr::Format::Pytorch, expr::Format::Sympy, expr::Format::Cpp,
                                     expr::Format::Latex, expr::Format::Json}) {
            s[std::string(expr::format_name(f))] = expr::print(tree, f);
        }
        const std::vector<double> xs{-2.0, -0.5, 0.3, 1.7};
        std::vector<double> f(xs.size()), df(xs.size()), params;
        for (const auto& p : tree.parameters) params.push_back(p.value);
        expr::Scratch<double> scratch;
        expr::Program(tree).evaluate<double>(xs, params, expr::Derivatives<double>{f.data(), df.data(), nullptr, 0},
                                             scratch);
        s["points"] = nlohmann::json::array();
        for (std::size_t i = 0; i < xs.size(); ++i) {
            s["points"].push_back({{"x", xs[i]}, {"f", std::isfinite(f[i]) ? nlohmann::json(f[i]) : nullptr}});
        }
    } catch (const std::exception& e) {
        s["error"] = e.what();
    }
    return s;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: write_export_samples CORPUS_DIR COUNT > samples.json\n";
        return 2;
    }
    nlohmann::json samples = nlohmann::json::array();
    for (const expr::Tree& t : corpus_formulas(argv[1])) samples.push_back(sample(t));
    Rng rng(977);
    const long count = std::stol(argv[2]);
    for (long i = 0; i < count; ++i) {
        samples.push_back(sample(test::random_tree(rng, 1 + static_cast<int>(rng.below(5)), 2)));
    }
    nlohmann::json constants = nlohmann::json::array();
    for (const std::string& f : constant_argument_formulas()) constants.push_back(constant_argument_sample(f));
    std::cout << nlohmann::json{{"samples", samples}, {"constant_arguments", constants}}.dump() << "\n";
    return 0;
}
