// What each mutation and the crossover do, beyond keeping the invariants.
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/evolution/operators/crossover.hpp"
#include "actforge/evolution/operators/mutation.hpp"
#include "actforge/evolution/operators/operator_concepts.hpp"
#include "test_op_util.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace actforge;
using namespace actforge::evolution;

namespace {

const TreeLimits kLimits{16, 6, 2};

std::vector<expr::Tree> pool(std::uint64_t seed, int random = 200) {
    Rng rng(seed);
    return test::starting_trees(rng, RandomTreeBuilder(PrimitiveSet::default_set(), kLimits), random);
}

std::vector<int> arities(const expr::Tree& t) {
    std::vector<int> out;
    for (const auto& n : t.nodes) out.push_back(expr::arity(n.op));
    return out;
}

// Every distinct result of many applications of `m` to the tree `formula`.
std::set<std::string> outcomes(const Mutation& m, const char* formula, int runs = 400) {
    Rng rng(11);
    std::set<std::string> out;
    for (int i = 0; i < runs; ++i) {
        expr::Tree t = expr::parse(formula);
        if (m(rng, t)) out.insert(expr::to_infix(t));
    }
    return out;
}

} // namespace

// Any callable of the right shape is an operator, so tests and tools can
// plug in their own.
static_assert(TreeMutator<decltype([](Rng&, expr::Tree&) { return true; })>);
static_assert(!TreeMutator<decltype([](Rng&, const expr::Tree&) { return 1; })>);
static_assert(!TreeCrossover<PointMutation>);

TEST_CASE("point mutation keeps the shape") {
    const PointMutation m(PrimitiveSet::default_set(), kLimits);
    Rng rng(1);
    int changed = 0;
    for (const expr::Tree& original : pool(1)) {
        expr::Tree t = original;
        if (!m(rng, t)) continue;
        ++changed;
        CHECK(arities(t) == arities(original));
    }
    CHECK(changed > 150);
    // Operations swap within their arity; a leaf changes kind.
    const auto tanh = outcomes(m, "tanh(x)*x");
    CHECK(tanh.count("sigmoid(x)*x") == 1);
    CHECK(tanh.count("max(tanh(x), x)") == 1);
    CHECK(tanh.count("tanh(x)*a where a=1") == 1); // a new parameter under * starts at 1
}

TEST_CASE("subtree mutation grows new material within the limits") {
    const SubtreeMutation m(PrimitiveSet::default_set(), kLimits);
    const auto out = outcomes(m, "x*sigmoid(x)", 2000);
    CHECK(out.size() > 200);
    // Replacing the subtree that held a parameter frees its name.
    Rng rng(2);
    for (int i = 0; i < 500; ++i) {
        expr::Tree t = expr::parse("a*x + tanh(x) where a=2");
        if (!m(rng, t)) continue;
        for (const auto& p : t.parameters) CHECK((p.name == "a" || p.name == "b"));
    }
}

TEST_CASE("insert mutation wraps a subtree") {
    const InsertMutation m(PrimitiveSet::parse("tanh,max"), kLimits);
    const auto out = outcomes(m, "x");
    CHECK(out.count("tanh(x)") == 1);
    CHECK(out.count("max(x, x)") == 1);
    CHECK(out.count("max(x, 0.5)") == 1);
    CHECK(out.count("max(2, x)") == 1);
    Rng rng(3);
    for (const expr::Tree& original : pool(3)) {
        expr::Tree t = original;
        if (m(rng, t)) CHECK((t.size() == original.size() + 1 || t.size() == original.size() + 2));
    }
}

TEST_CASE("hoist mutation shrinks the tree and keeps x") {
    const HoistMutation m(kLimits);
    CHECK(outcomes(m, "tanh(sigmoid(x)) + 2") ==
          std::set<std::string>{"tanh(sigmoid(x))", "sigmoid(x)", "x", "tanh(x) + 2", "sigmoid(x) + 2", "x + 2"});
    Rng rng(4);
    int changed = 0;
    for (const expr::Tree& original : pool(4)) {
        expr::Tree t = original;
        if (!m(rng, t)) continue;
        ++changed;
        CHECK(t.size() < original.size());
    }
    CHECK(changed > 150);
}

TEST_CASE("constant mutation jitters one number and nothing else") {
    const ConstantMutation m(0.3);
    Rng rng(5);
    int changed = 0;
    for (const expr::Tree& original : pool(5)) {
        expr::Tree t = original;
        if (!m(rng, t)) continue;
        ++changed;
        CHECK(arities(t) == arities(original));
        CHECK(t.parameters.size() == original.parameters.size());
        int differ = 0;
        for (std::size_t i = 0; i < t.size(); ++i) differ += !(t.nodes[i] == original.nodes[i]);
        for (std::size_t k = 0; k < t.parameters.size(); ++k) {
            CHECK(t.parameters[k].name == original.parameters[k].name);
            differ += t.parameters[k].value != original.parameters[k].value;
        }
        CHECK(differ == 1);
    }
    CHECK(changed > 100);
    // Zero can move (additive noise); values keep three significant digits.
    const auto zero = outcomes(m, "x + a where a=0");
    CHECK(zero.size() > 20);
    for (const auto& s : zero) {
        const double v = expr::parse(s).parameters.at(0).value;
        const double scaled = v * std::pow(10.0, 2 - std::floor(std::log10(std::abs(v))));
        CHECK(std::abs(scaled - std::round(scaled)) < 1e-3);
    }
}

TEST_CASE("adding a parameter keeps the function, so training starts where the parent was") {
    const AddParameterMutation m(kLimits);
    CHECK(outcomes(m, "x") == std::set<std::string>{"a*x where a=1", "x + a where a=0"});
    CHECK(outcomes(m, "b*x + 0.5 where b=2").count("b*x + a where b=2, a=0.5") == 1);
    Rng rng(6);
    int changed = 0;
    for (const expr::Tree& original : pool(6)) {
        expr::Tree t = original;
        if (!m(rng, t)) continue;
        ++changed;
        CHECK(t.parameters.size() == original.parameters.size() + 1);
        CHECK(test::same_function(t, original));
    }
    CHECK(changed > 100);
}

TEST_CASE("removing a parameter freezes it as a constant and renumbers the rest") {
    const RemoveParameterMutation m;
    CHECK(outcomes(m, "a*x + b*tanh(x) where a=2, b=-3") ==
          std::set<std::string>{"2*x + b*tanh(x) where b=-3", "a*x + -3*tanh(x) where a=2"});
    Rng rng(7);
    for (const expr::Tree& original : pool(7)) {
        expr::Tree t = original;
        if (!m(rng, t)) continue;
        CHECK(t.parameters.size() + 1 == original.parameters.size());
        CHECK(test::same_function(t, original));
    }
}

TEST_CASE("crossover brings the donor's parameters along, renamed when the name is kept") {
    const TreeLimits limits{32, 10, 4};
    const SubtreeCrossover cross(limits);
    const expr::Tree r = expr::parse("a*tanh(x) where a=2");
    const expr::Tree d = expr::parse("a*sigmoid(x) + 1 where a=3");
    Rng rng(8);
    std::set<std::string> children;
    for (int i = 0; i < 2000; ++i) {
        const expr::Tree c = cross(rng, r, d);
        REQUIRE(test::invariant_violation(c, limits).empty());
        children.insert(expr::to_infix(c));
    }
    CHECK(children.count("a*(a*sigmoid(x) + 1) where a=2") == 0);
    CHECK(children.count("a*(b*sigmoid(x) + 1) where a=2, b=3") == 1); // both kept: renamed
    CHECK(children.count("a*sigmoid(x) + 1 where a=3") == 1);          // receiver's a dropped: name reused
    CHECK(children.count("a*sigmoid(x) where a=2") == 1);              // no donor parameter
    CHECK(children.count("a*tanh(x) where a=2") == 0);                 // never the receiver itself
}

TEST_CASE("crossover respects the limits or returns the receiver") {
    const expr::Tree r = expr::parse("x");
    const expr::Tree d = expr::parse("tanh(sigmoid(x))");
    Rng rng(9);
    CHECK(SubtreeCrossover(TreeLimits{1, 6, 2})(rng, r, d) == r);
    CHECK(SubtreeCrossover(TreeLimits{16, 2, 2})(rng, r, d) == expr::parse("sigmoid(x)"));
    // Only the donor's parameters that fit come along.
    const expr::Tree p = expr::parse("a*x + b*x where a=1, b=2");
    for (int i = 0; i < 200; ++i) {
        const expr::Tree c = SubtreeCrossover(TreeLimits{16, 6, 2})(rng, expr::parse("c*tanh(x) where c=5"), p);
        CHECK(c.parameters.size() <= 2);
    }
    // Children mostly differ from the receiver.
    const SubtreeCrossover cross(kLimits);
    const std::vector<expr::Tree> trees = pool(10);
    int differ = 0;
    for (int i = 0; i < 1000; ++i) {
        const expr::Tree& a = trees[rng.below(trees.size())];
        differ += !(cross(rng, a, trees[rng.below(trees.size())]) == a);
    }
    CHECK(differ > 900);
}
