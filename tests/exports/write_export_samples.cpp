// Writes the PyTorch and SymPy exports of many formulas, with actforge's
// reference values, as one JSON document for check_exports.py: random
// formulas over every primitive (constants and parameters included) and
// every file of a folder of formulas that parses (the formula fuzz corpus).
// Usage: write_export_samples CORPUS_DIR COUNT > samples.json
#include "../expr/formula_properties.hpp"
#include "../expr/random_tree.hpp"
#include "actforge/core/rng.hpp"

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
    std::cout << samples.dump() << "\n";
    return 0;
}
