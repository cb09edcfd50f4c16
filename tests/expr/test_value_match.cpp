// The planted-answer check: a candidate recovers a planted function when
// their values agree on [-5, 5], up to a positive scale and a shift.
#include "actforge/expr/parser.hpp"
#include "actforge/expr/value_match.hpp"

#include <doctest/doctest.h>

using namespace actforge::expr;

namespace {
bool recovers_text(const char* candidate, const char* planted, MatchOptions options = {}) {
    return recovers(parse(candidate), parse(planted), options);
}
} // namespace

TEST_CASE("rewrites of x*sigmoid(x) recover it") {
    CHECK(recovers_text("x*sigmoid(x)", "x*sigmoid(x)"));
    CHECK(recovers_text("x/(1+exp(-x))", "x*sigmoid(x)"));
    CHECK(recovers_text("swish(x)", "x*sigmoid(x)"));
    CHECK(recovers_text("sigmoid(x)*x", "x*sigmoid(x)", {.match = ValueMatch::Exact}));
    // Learned values count: a trained x*sigmoid(b*x) with b near 1 is it.
    CHECK(recovers_text("x*sigmoid(b*x) where b=1.01", "x*sigmoid(x)"));
    CHECK_FALSE(recovers_text("x*sigmoid(b*x) where b=1.7", "x*sigmoid(x)"));
}

TEST_CASE("a positive scale and a shift are absorbed by the network, unless an exact match is asked for") {
    CHECK(recovers_text("2.5*x*sigmoid(x) + 0.3", "x*sigmoid(x)"));
    const MatchResult r = match_in_value(parse("2.5*x*sigmoid(x) + 0.3"), parse("x*sigmoid(x)"));
    CHECK(r.scale == doctest::Approx(2.5).epsilon(1e-6));
    CHECK(r.shift == doctest::Approx(0.3).epsilon(1e-6));
    CHECK(r.relative_error < 1e-6);
    CHECK_FALSE(recovers_text("2.5*x*sigmoid(x) + 0.3", "x*sigmoid(x)", {.match = ValueMatch::Exact}));
    CHECK_FALSE(recovers_text("-x*sigmoid(x)", "x*sigmoid(x)"));
}

TEST_CASE("other activations do not recover x*sigmoid(x)") {
    for (const char* other : {"relu(x)", "tanh(x)", "gelu(x)", "elu(x)", "softplus(x)", "x", "sigmoid(x)"}) {
        CAPTURE(other);
        CHECK_FALSE(recovers_text(other, "x*sigmoid(x)"));
        CHECK(match_in_value(parse(other), parse("x*sigmoid(x)")).relative_error > 0.015);
    }
}

TEST_CASE("a candidate not finite where the planted function is does not recover it") {
    CHECK_FALSE(recovers_text("log(x)", "x"));
    // Points where the planted function itself is undefined are skipped.
    CHECK(recovers_text("sqrt(x)", "sqrt(x)"));
    // A constant has no shape to recover.
    CHECK_FALSE(recovers_text("1", "1"));
}
