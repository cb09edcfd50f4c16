// Every primitive: the table's exact derivative against central finite
// differences, and the compiled SIMD kernels against the table.
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/program.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace actforge;
using namespace actforge::expr;

namespace {

// Points where the primitive is smooth and finite: its domain, away from kinks.
std::vector<double> sample_points(const Primitive& p, Rng& rng, std::size_t n) {
    std::vector<double> xs;
    while (xs.size() < n) {
        double x = rng.uniform(-6.0, 6.0);
        if (p.domain == Domain::NonNegative || p.domain == Domain::Positive) x = std::abs(x) + 1e-2;
        if (p.domain == Domain::NonZero && std::abs(x) < 1e-2) continue;
        // kinks at 0 (relu, abs, elu...), +-1 (hard_tanh), +-3 (hard_sigmoid)
        bool near_kink = false;
        for (double k : {0.0, 1.0, -1.0, 3.0, -3.0}) near_kink = near_kink || std::abs(x - k) < 1e-3;
        if (!p.smooth && near_kink) continue;
        xs.push_back(x);
    }
    return xs;
}

double central_difference(const Primitive& p, double a, double b, bool wrt_b) {
    const double h = 1e-6 * (1.0 + std::abs(wrt_b ? b : a));
    if (wrt_b) return (p.value(a, b + h) - p.value(a, b - h)) / (2 * h);
    return (p.value(a + h, b) - p.value(a - h, b)) / (2 * h);
}

bool close(double got, double want, double rel) { return std::abs(got - want) <= rel * (1.0 + std::abs(want)); }

} // namespace

TEST_CASE("the table has every primitive the search spaces need") {
    for (const char* name : {"abs",  "square", "cube",    "sqrt",        "reciprocal",   "exp",      "expm1", "log",
                             "sin",  "cos",    "sinh",    "cosh",        "tanh",         "asinh",    "atan",  "sinc",
                             "erf",  "erfc",   "sigmoid", "log_sigmoid", "softplus",     "softsign", "relu",  "elu",
                             "selu", "swish",  "gelu",    "mish",        "hard_sigmoid", "gaussian", "add",   "sub",
                             "mul",  "div",    "max",     "min",         "pow",          "neg"}) {
        CHECK_MESSAGE(find_primitive(name) != nullptr, name);
    }
    for (const Primitive& p : all_primitives()) {
        if (p.arity == 0) continue;
        CHECK_MESSAGE(!p.latex.empty(), p.name);
        CHECK_MESSAGE(!p.sympy.empty(), p.name);
        CHECK_MESSAGE(!p.pytorch.empty(), p.name);
        CHECK_MESSAGE(!p.cpp.empty(), p.name);
    }
}

TEST_CASE("defining values: sinc, gaussian, gelu, hard_sigmoid, selu") {
    auto f = [](const char* name, double x) { return find_primitive(name)->value(x, 0); };
    CHECK(f("sinc", 0.0) == 1.0);
    CHECK(f("sinc", 2.0) == doctest::Approx(std::sin(2.0) / 2.0));
    CHECK(f("gaussian", 1.5) == doctest::Approx(std::exp(-2.25)));
    CHECK(f("gelu", 1.0) == doctest::Approx(0.8413447460685429)); // x * Phi(x), exact erf form
    CHECK(f("hard_sigmoid", 1.5) == doctest::Approx(0.75));
    CHECK(f("selu", -1.0) == doctest::Approx(-1.1113307378125628));
    CHECK(f("softplus", 800.0) == 800.0);
    CHECK(f("log_sigmoid", -800.0) == -800.0);
}

TEST_CASE("every primitive's derivative matches central finite differences") {
    Rng rng(11);
    for (const Primitive& p : all_primitives()) {
        if (p.arity == 0) continue;
        int checked = 0;
        for (double a : sample_points(p, rng, 400)) {
            double b = p.arity == 2 ? rng.uniform(-3.0, 3.0) : 0.0;
            if (p.op == Op::Pow) {
                a = std::abs(a) + 0.1;
            }
            if (p.arity == 2 && !p.smooth && std::abs(a - b) < 1e-3) continue; // max/min tie
            if (p.arity == 2 && p.domain == Domain::NonZero && std::abs(b) < 1e-2) continue;
            const Partials d = p.partials(a, b);
            CHECK_MESSAGE(close(d.da, central_difference(p, a, b, false), 1e-5),
                          p.name << " d/da at " << a << "," << b);
            if (p.arity == 2) {
                CHECK_MESSAGE(close(d.db, central_difference(p, a, b, true), 1e-5),
                              p.name << " d/db at " << a << "," << b);
            }
            ++checked;
        }
        CHECK(checked > 300);
    }
}

TEST_CASE("compiled kernels agree with the table in float and double") {
    Rng rng(12);
    Scratch<float> sf;
    Scratch<double> sd;
    for (const Primitive& p : all_primitives()) {
        if (p.arity == 0) continue;
        // x as the first operand; a parameter as the second, so both partials are exercised.
        const std::string text =
            p.arity == 1 ? std::string(p.name) + "(x)" : std::string(p.name) + "(x, c) where c=1.25";
        const Program prog(parse(text));
        const std::vector<double> xs = sample_points(p, rng, 1000);
        std::vector<double> xd(xs), fd(xs.size()), dd(xs.size()), td(xs.size());
        std::vector<float> xf(xs.begin(), xs.end()), ff(xs.size()), df(xs.size()), tf(xs.size());
        if (p.op == Op::Pow) {
            for (auto& v : xd) v = std::abs(v) + 0.1;
            for (std::size_t i = 0; i < xf.size(); ++i) xf[i] = static_cast<float>(xd[i]);
        }
        const std::vector<double> cd = p.arity == 2 ? std::vector<double>{1.25} : std::vector<double>{};
        const std::vector<float> cf = p.arity == 2 ? std::vector<float>{1.25f} : std::vector<float>{};
        prog.evaluate<double>(xd, cd, Derivatives<double>{fd.data(), dd.data(), td.data(), xs.size()}, sd);
        prog.evaluate<float>(xf, cf, Derivatives<float>{ff.data(), df.data(), tf.data(), xs.size()}, sf);
        int bad_double = 0;
        int bad_float = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const double a = xd[i];
            const double b = 1.25;
            if (p.arity == 2 && !p.smooth && std::abs(a - b) < 1e-3) continue;
            const double v = p.value(a, b);
            const Partials d = p.partials(a, b);
            bad_double += !close(fd[i], v, 1e-12) || !close(dd[i], d.da, 1e-11);
            if (p.arity == 2) bad_double += !close(td[i], d.db, 1e-11);
            // float: a few units in the last place of the result's scale
            const double af = xf[i];
            const double vf = p.value(af, b);
            const Partials dfl = p.partials(af, b);
            bad_float += !close(ff[i], vf, 2e-6) || !close(df[i], dfl.da, 2e-5);
            if (p.arity == 2) bad_float += !close(tf[i], dfl.db, 2e-5);
        }
        CHECK_MESSAGE(bad_double == 0, p.name);
        CHECK_MESSAGE(bad_float == 0, p.name);
    }
}

TEST_CASE("scaled Bessel functions agree with the standard library's I_0 and I_1 on both sides of x = 30") {
    const Primitive& i0e = *find_primitive("bessel_i0e");
    const Primitive& i1e = *find_primitive("bessel_i1e");
    for (double x : {0.0, 1e-8, 0.3, 1.0, 2.5, 7.0, 15.0, 29.9, 30.0, 30.1, 45.0}) {
        CAPTURE(x);
        const double scale = std::exp(-x);
        CHECK(i0e.value(x, 0) == doctest::Approx(std::cyl_bessel_i(0.0, x) * scale).epsilon(1e-13));
        CHECK(i1e.value(x, 0) == doctest::Approx(std::cyl_bessel_i(1.0, x) * scale).epsilon(1e-13));
        CHECK(i0e.value(-x, 0) == i0e.value(x, 0));  // even
        CHECK(i1e.value(-x, 0) == -i1e.value(x, 0)); // odd
    }
}
