#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/expr/simplify.hpp"
#include "random_tree.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::expr;

namespace {
std::string simplified(const std::string& s) { return to_infix(simplify(parse(s))); }

// The same tree with the operands of commutative nodes swapped at random.
Tree shuffle_commutative(const Tree& t, Rng& rng) {
    std::vector<Node> out;
    auto rec = [&](auto&& self, std::size_t i) -> void {
        const Node& n = t.nodes[i];
        if (arity(n.op) == 0) {
            out.push_back(n);
        } else if (arity(n.op) == 1) {
            self(self, i - 1);
            out.push_back(n);
        } else {
            std::size_t l = t.child(i, 0);
            std::size_t r = t.child(i, 1);
            if (primitive(n.op).commutative && rng.bernoulli(0.5)) std::swap(l, r);
            self(self, l);
            self(self, r);
            out.push_back(n);
        }
    };
    rec(rec, t.root());
    return Tree{out, t.parameters};
}
} // namespace

TEST_CASE("identities and constant folding") {
    CHECK(simplified("x - x") == "0");
    CHECK(simplified("x*1") == "x");
    CHECK(simplified("1*x + 0") == "x");
    CHECK(simplified("--x") == "x");
    CHECK(simplified("-(-(tanh(x)))") == "tanh(x)");
    CHECK(simplified("2 + 3*4") == "14");
    CHECK(simplified("x*(2 + 3)") == "5*x");
    CHECK(simplified("2*(3*x)") == "6*x");
    CHECK(simplified("pow(x, 2)") == "square(x)");
    CHECK(simplified("x/x") == "1");
    CHECK(simplified("max(tanh(x), tanh(x))") == "tanh(x)");
    CHECK(simplified("x + -1") == "x - 1");
    CHECK(simplified("x - -1") == "1 + x");
    CHECK(simplified("log(-1) + x") == "x + log(-1)"); // not folded into a non-finite constant
}

TEST_CASE("commutative operands get one canonical order") {
    CHECK(simplified("tanh(x) + x") == simplified("x + tanh(x)"));
    CHECK(simplified("max(x, sin(x))*2") == simplified("2*max(sin(x), x)"));
    CHECK(canonical_hash(parse("a*x + b where a=1, b=0")) == canonical_hash(parse("q + x*p where p=1, q=0")));
    CHECK(canonical_hash(parse("a*x where a=1")) != canonical_hash(parse("a*x where a=2")));
    CHECK(canonical_hash(parse("x*tanh(x)")) != canonical_hash(parse("x*sigmoid(x)")));
}

TEST_CASE("random trees: simplification keeps values, equivalent forms share a hash") {
    Rng rng(5);
    std::size_t compared = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        const Tree t = test::random_tree(rng, 5);
        const Tree s = simplify(t);
        REQUIRE_NOTHROW(s.validate());
        CHECK(s.size() <= t.size());
        CHECK(simplify(s) == s); // idempotent
        for (int k = 0; k < 10; ++k) {
            const double x = rng.uniform(-4, 4);
            const double a = reference_value(t, x);
            const double b = reference_value(s, x);
            // Folded constants are rounded to float: allow for that rounding,
            // amplified at most a hundredfold on tame points.
            if (!test::tame_throughout(t, x, 100.0)) continue;
            // x*0 -> 0 and x/x -> 1 may turn NaN into a number, never the reverse
            REQUIRE_MESSAGE(std::abs(a - b) <= 1e-4 * (1 + std::abs(a)), to_infix(t) << " -> " << to_infix(s));
            ++compared;
        }
        const Tree shuffled = shuffle_commutative(t, rng);
        REQUIRE_MESSAGE(canonical_hash(shuffled) == canonical_hash(t), to_infix(t) << " vs " << to_infix(shuffled));
        CHECK(canonical_hash(parse(to_infix(t))) == canonical_hash(t));
    }
    CHECK(compared > 10000);
}

TEST_CASE("behavioural fingerprint: equal functions match, different ones do not") {
    CHECK(behavioural_fingerprint(parse("tanh(x)")) == behavioural_fingerprint(parse("2*sigmoid(2*x) - 1")));
    CHECK(behavioural_fingerprint(parse("x*sigmoid(x)")) == behavioural_fingerprint(parse("swish(x)")));
    CHECK(behavioural_fingerprint(parse("relu(x)")) == behavioural_fingerprint(parse("max(x, 0)")));
    CHECK(behavioural_fingerprint(parse("relu(x)")) != behavioural_fingerprint(parse("softplus(x)")));
    CHECK(behavioural_fingerprint(parse("a*x where a=1")) != behavioural_fingerprint(parse("a*x where a=1.01")));
    CHECK(canonical_hash(parse("tanh(x)")) != canonical_hash(parse("2*sigmoid(2*x) - 1")));
}
