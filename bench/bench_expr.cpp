// bench_expr: the compiled Program (f and f' in one sweep) against the same
// function hand-written with Eigen arrays, and against a naive per-element
// tree walk, over 2^20 floats. Prints each ratio measured in this run.
// Goal: compiled / hand-written <= 1.3.
#include "actforge/core/rng.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/program.hpp"

#include <algorithm>
#include <cmath>
#include <Eigen/Core>
#include <fmt/format.h>
#include <functional>
#include <numbers>
#include <unsupported/Eigen/SpecialFunctions>
#include <vector>

using namespace actforge;
using Arr = Eigen::ArrayXf;
using Map = Eigen::Map<Arr>;
using CMap = Eigen::Map<const Arr>;

namespace {

constexpr std::size_t kSize = 1 << 20;
constexpr int kRepeats = 15;

// Best of kRepeats, in milliseconds.
double best_ms(const std::function<void()>& run) {
    run(); // warm caches and page in buffers
    double best = 1e30;
    for (int r = 0; r < kRepeats; ++r) {
        Timer t;
        run();
        best = std::min(best, t.seconds() * 1e3);
    }
    return best;
}

// The obvious interpreter: walk the postfix tree per element with dual numbers.
void naive_walk(const expr::Tree& t, const std::vector<float>& x, std::vector<float>& f, std::vector<float>& df) {
    std::vector<std::pair<float, float>> stack;
    stack.reserve(t.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        stack.clear();
        for (const expr::Node& n : t.nodes) {
            switch (n.op) {
            case expr::Op::Var: stack.emplace_back(x[i], 1.0f); continue;
            case expr::Op::Const: stack.emplace_back(n.value, 0.0f); continue;
            case expr::Op::Param: stack.emplace_back(t.parameters[n.param].value, 0.0f); continue;
            default: break;
            }
            const expr::Primitive& p = expr::primitive(n.op);
            if (p.arity == 1) {
                auto& [a, da] = stack.back();
                const auto d = p.partials(a, 0);
                da = static_cast<float>(d.da) * da;
                a = static_cast<float>(p.value(a, 0));
            } else {
                const auto [b, db] = stack.back();
                stack.pop_back();
                auto& [a, da] = stack.back();
                const auto d = p.partials(a, b);
                da = static_cast<float>(d.da) * da + static_cast<float>(d.db) * db;
                a = static_cast<float>(p.value(a, b));
            }
        }
        f[i] = stack.back().first;
        df[i] = stack.back().second;
    }
}

struct Case {
    const char* name;
    const char* formula;
    std::function<void(const Arr& x, Map f, Map df)> hand_written;
};

float max_diff(const std::vector<float>& a, const std::vector<float>& b) {
    float m = 0.0f;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]) / (1.0f + std::abs(b[i])));
    return m;
}

} // namespace

int main() {
    constexpr float kInvSqrt2 = 0.70710678118654752f;
    constexpr float kInvSqrt2Pi = 0.39894228040143268f;
    const std::vector<Case> cases{
        {"swish", "swish(x)",
         [](const Arr& x, Map f, Map df) {
             const Arr s = (1.0f + (-x).exp()).inverse();
             f = x * s;
             df = s * (1.0f + x * (1.0f - s));
         }},
        {"x*sigmoid(x)", "x*sigmoid(x)",
         [](const Arr& x, Map f, Map df) {
             const Arr s = (1.0f + (-x).exp()).inverse();
             f = x * s;
             df = s * (1.0f + x * (1.0f - s));
         }},
        {"gelu", "gelu(x)",
         [=](const Arr& x, Map f, Map df) {
             const Arr phi = 0.5f * (1.0f + (x * kInvSqrt2).erf());
             f = x * phi;
             df = phi + x * kInvSqrt2Pi * (-0.5f * x.square()).exp();
         }},
        {"15-node tree", "x*sigmoid(1.5*x) + tanh(x)*exp(-1.2*abs(x))",
         [](const Arr& x, Map f, Map df) {
             const Arr s = (1.0f + (-1.5f * x).exp()).inverse();
             const Arr t = x.tanh();
             const Arr e = (-1.2f * x.abs()).exp();
             f = x * s + t * e;
             df = s + 1.5f * x * s * (1.0f - s) + (1.0f - t.square()) * e - 1.2f * x.sign() * t * e;
         }},
    };

    Rng rng(1);
    std::vector<float> x(kSize);
    for (auto& v : x) v = static_cast<float>(rng.uniform(-6.0, 6.0));
    const Arr xa = CMap(x.data(), static_cast<Eigen::Index>(kSize));
    std::vector<float> f(kSize), df(kSize), hf(kSize), hdf(kSize), nf(kSize), ndf(kSize);

    fmt::print("bench_expr: f and f' over {} floats, best of {} runs, 1 thread\n", kSize, kRepeats);
    fmt::print("{:<14} {:>12} {:>14} {:>10} {:>12} {:>12} {:>10}\n", "function", "compiled ms", "hand-written ms",
               "ratio", "naive ms", "naive/comp", "max diff");
    bool all_met = true;
    for (const Case& c : cases) {
        const expr::Tree tree = expr::parse(c.formula);
        const expr::Program program(tree);
        expr::Scratch<float> scratch;
        const std::vector<float> no_params;
        const double compiled = best_ms([&] {
            program.evaluate<float>(x, no_params, expr::Derivatives<float>{f.data(), df.data(), nullptr, 0}, scratch);
        });
        const double hand = best_ms([&] {
            c.hand_written(xa, Map(hf.data(), static_cast<Eigen::Index>(kSize)),
                           Map(hdf.data(), static_cast<Eigen::Index>(kSize)));
        });
        const double naive = best_ms([&] { naive_walk(tree, x, nf, ndf); });
        const double ratio = compiled / hand;
        all_met = all_met && ratio <= 1.3;
        fmt::print("{:<14} {:>12.3f} {:>14.3f} {:>10.2f} {:>12.2f} {:>12.1f} {:>10.1e}\n", c.name, compiled, hand,
                   ratio, naive, naive / compiled, std::max(max_diff(f, hf), max_diff(df, hdf)));
    }
    fmt::print("goal compiled/hand-written <= 1.3: {}\n", all_met ? "met for every function" : "NOT met");
    return 0;
}
