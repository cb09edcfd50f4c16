// The planted-answer check: a candidate recovers a planted function when
// their values agree on [-5, 5], up to a positive scale and a shift.
#include "actforge/expr/parser.hpp"
#include "actforge/expr/value_match.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <string>
#include <utility>
#include <vector>

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

TEST_CASE("up to a network's symmetries, an input scale and shift are absorbed too") {
    const MatchOptions network{.match = ValueMatch::Network};
    // sigmoid(x) = tanh(x/2)/2 + 1/2: one function for a network, two for the affine match.
    const MatchResult r = match_in_value(parse("sigmoid(x)"), parse("tanh(x)"), network);
    CHECK(r.matches);
    CHECK(r.relative_error < 1e-6);
    CHECK(std::abs(r.input_scale) == doctest::Approx(0.5).epsilon(1e-4));
    CHECK(r.input_shift == doctest::Approx(0.0).epsilon(1e-4));
    CHECK(r.scale * r.input_scale == doctest::Approx(0.25).epsilon(1e-4));
    CHECK_FALSE(recovers_text("sigmoid(x)", "tanh(x)"));
    // Any sign of the input and output scales, and a shift of the input.
    CHECK(recovers_text("3*tanh(-0.7*x + 1.3) - 2", "tanh(x)", network));
    CHECK(recovers_text("-exp(-square(x))", "exp(-square(x))", network));
    CHECK(recovers_text("min(x, 0)", "relu(x)", network)); // -relu(-x)
    CHECK_FALSE(recovers_text("min(x, 0)", "relu(x)"));
    CHECK_FALSE(recovers_text("-exp(-square(x))", "exp(-square(x))"));
    // Near relatives: within the default 1% ...
    CHECK(match_in_value(parse("gelu(x)"), parse("x*sigmoid(x)"), network).relative_error < 0.004);
    CHECK(match_in_value(parse("sigmoid(x)"), parse("erf(x)"), network).relative_error < 0.007);
    // ... softplus just outside it (1.1% from a rescaled swish) ...
    CHECK_FALSE(recovers_text("softplus(x)", "x*sigmoid(x)", network));
    // ... and distinct shapes far apart.
    for (const auto& [candidate, planted] :
         std::vector<std::pair<const char*, const char*>>{{"relu(x)", "softplus(x)"},
                                                          {"softplus(x)", "relu(x)"},
                                                          {"tanh(x)", "sin(x)"},
                                                          {"abs(x)", "exp(-square(x))"},
                                                          {"x", "tanh(x)"}}) {
        CAPTURE(std::string(candidate));
        CAPTURE(std::string(planted));
        CHECK(match_in_value(parse(candidate), parse(planted), network).relative_error > 0.02);
    }
}

TEST_CASE("the network match keeps the input scale within its bounds") {
    const MatchOptions network{.match = ValueMatch::Network};
    // tanh(16x) is a step on the grid; tanh(4x), the steepest allowed, is not.
    CHECK_FALSE(recovers_text("tanh(16*x)", "tanh(x)", network));
    CHECK(recovers_text("tanh(4*x)", "tanh(x)", network));
    const MatchResult r = match_in_value(parse("tanh(16*x)"), parse("tanh(x)"), network);
    CHECK(std::abs(r.input_scale) <= 4.0);
}
