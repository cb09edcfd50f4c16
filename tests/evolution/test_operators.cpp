// Genetic operators: thousands of random applications keep every invariant.
#include "actforge/core/error.hpp"
#include "actforge/evolution/crossover.hpp"
#include "actforge/evolution/mutation.hpp"
#include "actforge/evolution/primitive_set.hpp"
#include "actforge/evolution/random_tree.hpp"
#include "actforge/evolution/selection.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <map>
#include <memory>
#include <set>

using namespace actforge;
using namespace actforge::evolution;

namespace {

const TreeLimits kLimits{16, 6, 2};

void check_invariants(const expr::Tree& t, const TreeLimits& limits) {
    REQUIRE_NOTHROW(t.validate());
    REQUIRE(t.size() <= limits.max_nodes);
    REQUIRE(t.depth() <= limits.max_depth);
    REQUIRE(t.parameters.size() <= limits.max_params);
    REQUIRE(std::any_of(t.nodes.begin(), t.nodes.end(), [](const expr::Node& n) { return n.op == expr::Op::Var; }));
    std::set<std::string> names;
    for (std::size_t k = 0; k < t.parameters.size(); ++k) {
        REQUIRE(names.insert(t.parameters[k].name).second);
        REQUIRE(std::any_of(t.nodes.begin(), t.nodes.end(),
                            [&](const expr::Node& n) { return n.op == expr::Op::Param && n.param == k; }));
    }
    REQUIRE(expr::parse(expr::to_infix(t)) == t);
}

std::vector<expr::Tree> starting_trees(Rng& rng, const RandomTreeBuilder& b) {
    std::vector<expr::Tree> trees{expr::parse("a*sigmoid(x) + b where a=1, b=0"), expr::parse("x"),
                                  expr::parse("swish(x)"), expr::parse("max(x, 0.5*x) - c where c=0.25")};
    for (int i = 0; i < 60; ++i) trees.push_back(b.ramped(rng));
    return trees;
}

} // namespace

TEST_CASE("primitive sets parse names and symbols and refuse unknown names") {
    const PrimitiveSet s = PrimitiveSet::parse("tanh, sigmoid,+,*,max,^");
    CHECK(s.unary == std::vector<expr::Op>{expr::Op::Tanh, expr::Op::Sigmoid});
    CHECK(s.binary == std::vector<expr::Op>{expr::Op::Add, expr::Op::Mul, expr::Op::Max, expr::Op::Pow});
    CHECK(PrimitiveSet::parse(s.to_string()).to_string() == s.to_string());
    CHECK_THROWS_WITH_AS((void)PrimitiveSet::parse("tanh,warp"), doctest::Contains("'warp'"), Error);
    CHECK_THROWS_AS((void)PrimitiveSet::parse(" , "), Error);
    CHECK_FALSE(PrimitiveSet::default_set().unary.empty());
}

TEST_CASE("random trees respect the limits and spread over depths") {
    const RandomTreeBuilder b(PrimitiveSet::default_set(), kLimits);
    Rng rng(1);
    std::map<std::size_t, int> depths;
    for (int i = 0; i < 2000; ++i) {
        const expr::Tree t = b.ramped(rng);
        check_invariants(t, kLimits);
        ++depths[t.depth()];
    }
    CHECK(depths.size() >= 4);
    const expr::Tree full = b.full(rng, 3);
    CHECK(full.depth() == 3);
}

TEST_CASE("every mutation keeps the invariants over thousands of applications") {
    const PrimitiveSet set = PrimitiveSet::default_set();
    const RandomTreeBuilder builder(set, kLimits);
    std::vector<std::unique_ptr<Mutation>> mutations;
    mutations.push_back(std::make_unique<PointMutation>(set, kLimits));
    mutations.push_back(std::make_unique<SubtreeMutation>(set, kLimits));
    mutations.push_back(std::make_unique<InsertMutation>(set, kLimits));
    mutations.push_back(std::make_unique<HoistMutation>(kLimits));
    mutations.push_back(std::make_unique<ConstantMutation>());
    mutations.push_back(std::make_unique<AddParameterMutation>(kLimits));
    mutations.push_back(std::make_unique<RemoveParameterMutation>());
    Rng rng(2);
    const std::vector<expr::Tree> pool = starting_trees(rng, builder);
    for (const auto& m : mutations) {
        // Chains of applications: the invariants always hold.
        for (expr::Tree t : pool) {
            for (int step = 0; step < 50; ++step) {
                const expr::Tree before = t;
                if ((*m)(rng, t)) {
                    CHECK_FALSE(t == before);
                    check_invariants(t, kLimits);
                } else {
                    REQUIRE(t == before);
                }
            }
        }
        // One application to many trees: it acts on most it can act on.
        int changed = 0;
        int eligible = 0;
        for (int i = 0; i < 2000; ++i) {
            expr::Tree t = pool[rng.below(pool.size())];
            if (m->name() == "remove-parameter" && t.parameters.empty()) continue;
            if (m->name() == "add-parameter" && t.parameters.size() >= kLimits.max_params) continue;
            const bool has_constant = !t.parameters.empty() ||
                std::any_of(t.nodes.begin(), t.nodes.end(), [](const expr::Node& n) { return n.op == expr::Op::Const; });
            if (m->name() == "constant" && !has_constant) continue;
            ++eligible;
            changed += (*m)(rng, t);
        }
        CHECK_MESSAGE(changed > eligible / 2, m->name() << ": " << changed << " of " << eligible);
    }
    expr::Tree plain = expr::parse("tanh(x)");
    CHECK_FALSE(RemoveParameterMutation()(rng, plain));
    CHECK(plain == expr::parse("tanh(x)"));
}

TEST_CASE("weighted mutation and crossover keep the invariants and are deterministic") {
    const PrimitiveSet set = PrimitiveSet::default_set();
    const RandomTreeBuilder builder(set, kLimits);
    WeightedMutation w;
    w.add(std::make_unique<PointMutation>(set, kLimits), 2);
    w.add(std::make_unique<SubtreeMutation>(set, kLimits), 1);
    w.add(std::make_unique<InsertMutation>(set, kLimits), 1);
    w.add(std::make_unique<HoistMutation>(kLimits), 1);
    w.add(std::make_unique<AddParameterMutation>(kLimits), 1);
    const SubtreeCrossover cross(kLimits);
    auto run = [&](std::uint64_t seed) {
        Rng rng(seed);
        std::vector<expr::Tree> pool = starting_trees(rng, builder);
        for (int step = 0; step < 5000; ++step) {
            expr::Tree& a = pool[rng.below(pool.size())];
            const expr::Tree& b = pool[rng.below(pool.size())];
            expr::Tree child = rng.bernoulli(0.5) ? cross(rng, a, b) : a;
            w(rng, child);
            check_invariants(child, kLimits);
            a = child;
        }
        return pool;
    };
    const auto first = run(9);
    CHECK(first == run(9));
    CHECK_FALSE(first == run(10));
}

TEST_CASE("crossover carries the donor's parameters under fresh names") {
    const SubtreeCrossover cross(TreeLimits{32, 10, 4});
    const expr::Tree r = expr::parse("a*tanh(x) where a=2");
    const expr::Tree d = expr::parse("a*sigmoid(x) + 1 where a=3");
    Rng rng(4);
    bool renamed = false;
    for (int i = 0; i < 500; ++i) {
        const expr::Tree c = cross(rng, r, d);
        check_invariants(c, TreeLimits{32, 10, 4});
        for (const auto& p : c.parameters) renamed = renamed || (p.value == 3.0f && p.name != "a");
    }
    CHECK(renamed);
}

TEST_CASE("tournament selection") {
    const std::vector<double> fitness{0.1, 0.9, std::nan(""), 0.5, 0.3};
    Rng rng(5);
    const TournamentSelector all(50);
    for (int i = 0; i < 100; ++i) CHECK(all(rng, fitness) == 1);
    const TournamentSelector one(1);
    std::vector<int> counts(fitness.size(), 0);
    for (int i = 0; i < 50000; ++i) ++counts[one(rng, fitness)];
    for (int c : counts) CHECK(c == doctest::Approx(10000).epsilon(0.05));
    const std::vector<double> nan_first{std::nan(""), 0.0};
    const TournamentSelector two(40);
    for (int i = 0; i < 100; ++i) CHECK(two(rng, nan_first) == 1);
}
