// The compiled Program against the tree-walking reference, on hand-picked
// and on thousands of random trees.
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/program.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/expr/simplify.hpp"
#include "formula_properties.hpp"
#include "random_tree.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <vector>

using namespace actforge;
using namespace actforge::expr;

namespace {

std::vector<double> points(Rng& rng, std::size_t n) {
    std::vector<double> xs(n);
    for (auto& x : xs) x = rng.uniform(-4.0, 4.0);
    return xs;
}

} // namespace

TEST_CASE("common subexpressions are computed once") {
    const Program p(parse("tanh(x)*sigmoid(tanh(x)) + tanh(x)"));
    CHECK(p.num_instructions() == 4); // tanh, sigmoid, mul, add
    const Program q(parse("swish(x)"));
    CHECK(q.num_instructions() == 1);
    const Program folded(parse("x * (2 + 3) + log(exp(1))"));
    CHECK(folded.num_instructions() == 2);
}

TEST_CASE("registers of temporaries are reused") {
    std::string text = "x";
    for (int i = 0; i < 40; ++i) text = "tanh(" + text + ") + sin(x)";
    const Program p(parse(text));
    CHECK(p.num_instructions() == 81); // sin(x) shared
    CHECK(p.num_registers() < 10);
}

TEST_CASE("constants, parameters and x alone evaluate with the right derivatives") {
    Scratch<double> s;
    std::vector<double> x{-1.0, 0.5, 3.0}, f(3), df(3), dt(3);
    const Program c(parse("2.5"));
    c.evaluate<double>(x, std::vector<double>{}, Derivatives<double>{f.data(), df.data(), nullptr, 0}, s);
    CHECK(f == std::vector<double>{2.5, 2.5, 2.5});
    CHECK(df == std::vector<double>{0, 0, 0});
    const Program id(parse("x"));
    id.evaluate<double>(x, std::vector<double>{}, Derivatives<double>{f.data(), df.data(), nullptr, 0}, s);
    CHECK(f == x);
    CHECK(df == std::vector<double>{1, 1, 1});
    const Program pa(parse("a where a=2"));
    pa.evaluate<double>(x, std::vector<double>{7.0}, Derivatives<double>{f.data(), df.data(), dt.data(), 3}, s);
    CHECK(f == std::vector<double>{7, 7, 7});
    CHECK(dt == std::vector<double>{1, 1, 1});
}

TEST_CASE("non-finite results are reported, finite ones are not") {
    Scratch<float> s;
    std::vector<float> x{1.0f, 2.0f, -1.0f}, f(3), df(3);
    CHECK_FALSE(
        Program(parse("log(x)")).evaluate<float>(x, std::vector<float>{}, Derivatives<float>{f.data(), df.data()}, s));
    CHECK(Program(parse("log(abs(x) + 1)"))
              .evaluate<float>(x, std::vector<float>{}, Derivatives<float>{f.data(), df.data()}, s));
    std::vector<float> big{100.0f};
    std::vector<float> fb(1);
    CHECK_FALSE(
        Program(parse("exp(exp(x))")).evaluate<float>(big, std::span<const ParamBinding<float>>{}, fb.data(), s));
}

TEST_CASE("per-neuron parameters: element i uses value i mod width") {
    const Program p(parse("a*x + b where a=1, b=0"));
    const std::size_t width = 3;
    const std::size_t rows = 200; // 600 elements: crosses block boundaries
    std::vector<float> a{1.0f, 2.0f, 3.0f};
    const float b = 0.5f;
    std::vector<ParamBinding<float>> bind{{a.data(), width}, {&b, 1}};
    std::vector<float> x(width * rows), f(x.size()), df(x.size()), dt(2 * x.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 17) - 8.0f;
    Scratch<float> s;
    REQUIRE(p.evaluate<float>(x, bind, Derivatives<float>{f.data(), df.data(), dt.data(), x.size()}, s));
    for (std::size_t i = 0; i < x.size(); ++i) {
        const float ai = a[i % width];
        REQUIRE(f[i] == ai * x[i] + b);
        REQUIRE(df[i] == ai);
        REQUIRE(dt[i] == x[i]);
        REQUIRE(dt[x.size() + i] == 1.0f);
    }
}

TEST_CASE("per-channel parameters: element i uses value (i / repeat) mod period") {
    const Program p(parse("a*x where a=1"));
    const std::size_t channels = 3;
    const std::size_t pixels = 7; // runs that straddle block boundaries
    std::vector<float> a{1.0f, 2.0f, 3.0f};
    std::vector<ParamBinding<float>> bind{{a.data(), channels, pixels}};
    std::vector<float> x(channels * pixels * 40, 1.0f), f(x.size());
    Scratch<float> s;
    REQUIRE(p.evaluate<float>(x, bind, f.data(), s));
    for (std::size_t i = 0; i < x.size(); ++i) REQUIRE(f[i] == a[(i / pixels) % channels]);
}

TEST_CASE("random trees: compiled double Program equals the reference exactly enough") {
    Rng rng(2024);
    Scratch<double> s;
    std::size_t compared = 0;
    for (int trial = 0; trial < 2000; ++trial) {
        // The Program runs the simplified tree, whose folded constants are
        // floats; simplification's own accuracy is tested separately.
        const Tree t = simplify(test::random_tree(rng, 5));
        const Program p(t);
        std::vector<double> params;
        for (const auto& q : t.parameters) params.push_back(q.value);
        const std::vector<double> xs = points(rng, 300); // crosses a block boundary
        std::vector<double> f(xs.size()), df(xs.size()), dt(xs.size() * params.size() + 1);
        p.evaluate<double>(xs, params, Derivatives<double>{f.data(), df.data(), dt.data(), xs.size()}, s);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            if (!test::tame_at(t, xs[i])) continue;
            const ReferenceResult r = reference_eval(t, xs[i]);
            REQUIRE_MESSAGE(test::close_to(f[i], r.f, 1e-8), to_infix(t) << " at x=" << xs[i]);
            REQUIRE_MESSAGE(test::close_to(df[i], r.df, 1e-6), to_infix(t) << " at x=" << xs[i]);
            for (std::size_t k = 0; k < params.size(); ++k) {
                REQUIRE_MESSAGE(test::close_to(dt[k * xs.size() + i], r.dtheta[k], 1e-6), to_infix(t) << " theta" << k);
            }
            ++compared;
        }
    }
    CHECK(compared > 200000);
}

TEST_CASE("random trees: float Program tracks the reference") {
    Rng rng(99);
    Scratch<float> s;
    std::size_t compared = 0;
    std::size_t off = 0;
    for (int trial = 0; trial < 1000; ++trial) {
        const Tree t = test::random_tree(rng, 4);
        const Program p(t);
        std::vector<float> params;
        for (const auto& q : t.parameters) params.push_back(q.value);
        const std::vector<double> xs = points(rng, 100);
        std::vector<float> xf(xs.begin(), xs.end()), f(xs.size()), df(xs.size());
        p.evaluate<float>(xf, params, Derivatives<float>{f.data(), df.data(), nullptr, 0}, s);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            if (!test::tame_at(t, xf[i])) continue;
            const ReferenceResult r = reference_eval(t, xf[i]);
            ++compared;
            off += !test::close_to(f[i], r.f, 1e-3) || !test::close_to(df[i], r.df, 1e-2);
        }
    }
    CHECK(compared > 50000);
    // Float rounding can be amplified by cancellation in a few random trees;
    // a wrong kernel or tangent would be off almost everywhere.
    CHECK(static_cast<double>(off) / static_cast<double>(compared) < 2e-3);
}

TEST_CASE("random trees: the reference derivatives match finite differences") {
    Rng rng(31337);
    std::size_t compared = 0;
    for (int trial = 0; trial < 2000; ++trial) {
        const Tree t = test::random_tree(rng, 5);
        std::vector<double> params;
        for (const auto& q : t.parameters) params.push_back(q.value);
        for (double x : points(rng, 20)) {
            if (!test::tame_at(t, x)) continue;
            const ReferenceResult r = reference_eval(t, x);
            const double h = 1e-6 * (1.0 + std::abs(x));
            const double fd = (reference_value(t, x + h) - reference_value(t, x - h)) / (2 * h);
            if (!std::isfinite(fd)) continue;
            REQUIRE_MESSAGE(std::abs(fd - r.df) < 1e-4 * (1.0 + std::abs(r.df) + std::abs(r.f)),
                            to_infix(t) << " at x=" << x << ": fd " << fd << " vs " << r.df);
            for (std::size_t k = 0; k < params.size(); ++k) {
                std::vector<double> up(params), down(params);
                const double hk = 1e-6 * (1.0 + std::abs(params[k]));
                up[k] += hk;
                down[k] -= hk;
                const double fdk = (reference_value(t, x, up) - reference_value(t, x, down)) / (2 * hk);
                if (!std::isfinite(fdk)) continue;
                // a parameter may sit on a kink (max(a, x) with a == x) only on a null set
                REQUIRE_MESSAGE(std::abs(fdk - r.dtheta[k]) < 1e-3 * (1.0 + std::abs(r.dtheta[k]) + std::abs(r.f)),
                                to_infix(t) << " d/theta" << k << " at x=" << x);
            }
            ++compared;
        }
    }
    CHECK(compared > 15000);
}

TEST_CASE("in-place evaluation (f aliasing x) gives the same values") {
    const Program p(parse("x*sigmoid(1.5*x) + tanh(x)*exp(-1.2*abs(x))"));
    Rng rng(3);
    std::vector<float> x(1000), f(1000), df(1000), df2(1000);
    for (auto& v : x) v = static_cast<float>(rng.uniform(-5, 5));
    Scratch<float> s;
    p.evaluate<float>(x, std::vector<float>{}, Derivatives<float>{f.data(), df.data(), nullptr, 0}, s);
    std::vector<float> inplace = x;
    p.evaluate<float>(inplace, std::vector<float>{}, Derivatives<float>{inplace.data(), df2.data(), nullptr, 0}, s);
    CHECK(inplace == f);
    CHECK(df2 == df);
}
