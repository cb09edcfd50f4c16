#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "random_tree.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace actforge;
using namespace actforge::expr;

namespace {
std::size_t error_column(const std::string& text) {
    try {
        (void)parse(text);
    } catch (const ParseError& e) {
        return e.column();
    }
    return 0;
}
double at(const std::string& text, double x) { return reference_value(parse(text), x); }
} // namespace

TEST_CASE("precedence and associativity follow the usual rules") {
    CHECK(at("1 + 2 * 3", 0) == 7);
    CHECK(at("2 - 3 - 4", 0) == -5);
    CHECK(at("64 / 4 / 2", 0) == 8);
    CHECK(at("2 ^ 3 ^ 2", 0) == 512);
    CHECK(at("-x^2", 3) == -9);
    CHECK(at("(-x)^2", 3) == 9);
    CHECK(at("x^-1", 4) == 0.25);
    CHECK(at("-2^2", 0) == -4);
    CHECK(at("2*-3", 0) == -6);
    CHECK(at("x - -x", 2) == 4);
    CHECK(at("1e-3 * 2E+2", 0) == doctest::Approx(0.2));
    CHECK(at(" \t max ( x , 0 ) ", -1) == 0);
}

TEST_CASE("call form covers every primitive, binary operators included") {
    CHECK(at("add(x, tanh(x))", 0.5) == doctest::Approx(0.5 + std::tanh(0.5)));
    CHECK(at("mul(sub(x, 1), div(x, 2))", 3) == 3);
    CHECK(at("pow(x, 3)", 2) == 8);
    CHECK(at("neg(x)", 2) == -2);
    CHECK(at("silu(x)", 1) == doctest::Approx(1 / (1 + std::exp(-1.0))));
    for (const Primitive& p : all_primitives()) {
        if (p.arity == 0) continue;
        const std::string text = std::string(p.name) + (p.arity == 1 ? "(x)" : "(x, 0.5)");
        const Tree t = parse(text);
        CHECK_MESSAGE(t.nodes.back().op == p.op, text);
        CHECK(parse(to_infix(t)) == t);
    }
}

TEST_CASE("learnable parameters are declared with their values in a where-clause") {
    const Tree t = parse("a*sigmoid(x) + b where a=1, b=0");
    REQUIRE(t.parameters.size() == 2);
    CHECK(t.parameters[0] == Parameter{"a", 1.0f});
    CHECK(t.parameters[1] == Parameter{"b", 0.0f});
    CHECK(to_infix(t) == "a*sigmoid(x) + b where a=1, b=0");
    const Tree neg = parse("beta_1*x where beta_1=-0.25");
    CHECK(neg.parameters[0].value == -0.25f);
    CHECK(reference_value(neg, 2.0) == -0.5);
}

TEST_CASE("printing then parsing gives the same tree") {
    for (const char* text : {"x",
                             "-x",
                             "--x",
                             "-(2)",
                             "-2",
                             "--2",
                             "(-2)^x",
                             "-2^x",
                             "x^(-y0)^2 where y0=1",
                             "x - (x - x)",
                             "(x - x) - x",
                             "x/(x*x)",
                             "(x/x)*x",
                             "x^x^x",
                             "(x^x)^x",
                             "-x*x",
                             "-(x*x)",
                             "1e-05*x",
                             "3.4e+38 + x",
                             "0.1 + x",
                             "max(x, -1)*2",
                             "a*x + b where a=0.333333343, b=-1e-07"}) {
        const Tree t = parse(text);
        const std::string printed = to_infix(t);
        CHECK_MESSAGE(parse(printed) == t, text << " printed as " << printed);
    }
    Rng rng(7);
    for (int i = 0; i < 3000; ++i) {
        const Tree t = test::random_tree(rng, 6);
        const std::string printed = to_infix(t);
        Tree back;
        REQUIRE_NOTHROW_MESSAGE(back = parse(printed), printed);
        REQUIRE_MESSAGE(back == t, printed);
    }
}

TEST_CASE("bad formulas give errors with the column of the problem") {
    CHECK(error_column("") == 1);
    CHECK(error_column("   ") == 1);
    CHECK(error_column("x +") == 4);
    CHECK(error_column("(x + 1") == 7);
    CHECK(error_column("x + 1)") == 6);
    CHECK(error_column("tanh(x") == 7);
    CHECK(error_column("x * foo(x)") == 5);
    CHECK(error_column("x * foo") == 5);
    CHECK(error_column("tanh(x, x)") == 1);
    CHECK(error_column("max(x)") == 1);
    CHECK(error_column("tanh x") == 6);
    CHECK(error_column("2x") == 2);
    CHECK(error_column("x $ 2") == 3);
    CHECK(error_column("1e") == 2);
    CHECK(error_column("x + 1e39") == 5);
    CHECK(error_column("x + 123456789012345678901234567890123456789012") == 5);
    CHECK(error_column("a*x where a=1, a=2") == 16);
    CHECK(error_column("a*x where tanh=1") == 11);
    CHECK(error_column("a*x where a") == 12);
    CHECK(error_column("x()") == 1);
    CHECK(error_column("x(") == 1);
    CHECK(error_column(",") == 1);
    try {
        (void)parse("x * foo");
        FAIL("no error");
    } catch (const ParseError& e) {
        CHECK(std::string(e.what()).find("where foo=") != std::string::npos);
    }
}

TEST_CASE("pathological inputs are refused, not crashed on") {
    const std::string deep_parens = std::string(10000, '(') + "x" + std::string(10000, ')');
    CHECK(error_column(deep_parens) > 0);
    std::string deep_calls;
    for (int i = 0; i < 10000; ++i) deep_calls += "tanh(";
    deep_calls += "x" + std::string(10000, ')');
    CHECK(error_column(deep_calls) > 0);
    CHECK(error_column(std::string(10000, '-') + "x") > 0);
    std::string tower = "x";
    for (int i = 0; i < 10000; ++i) tower += "^x";
    CHECK(error_column(tower) > 0);
    std::string wide = "x";
    for (int i = 0; i < 10000; ++i) wide += "+x";
    CHECK(error_column(wide) > 0);
    CHECK_NOTHROW((void)parse(std::string(100, '(') + "x" + std::string(100, ')')));
    CHECK(error_column(std::string("x\0+", 3)) == 2);
}
