// Genetic operators under load: thousands of random applications keep every
// invariant, act on most trees, and depend only on the seed.
#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/evolution/operators/crossover.hpp"
#include "actforge/evolution/operators/mutation.hpp"
#include "actforge/evolution/operators/random_tree.hpp"
#include "test_op_util.hpp"

#include <doctest/doctest.h>
#include <memory>

using namespace actforge;
using namespace actforge::evolution;

namespace {

struct Setting {
    std::string name;
    PrimitiveSet set;
    TreeLimits limits;
};

// The default search space and the corners: no parameters allowed, only
// binary or only unary operations, roomy limits.
std::vector<Setting> settings() {
    return {{"default", PrimitiveSet::default_set(), TreeLimits{16, 6, 2}},
            {"no parameters", PrimitiveSet::default_set(), TreeLimits{10, 5, 0}},
            {"binary only", PrimitiveSet::parse("+,*,max"), TreeLimits{12, 4, 3}},
            {"unary only", PrimitiveSet::parse("tanh,sin,neg"), TreeLimits{6, 6, 1}},
            {"roomy", PrimitiveSet::parse("tanh,sigmoid,exp,+,-,*,/,^,max"), TreeLimits{40, 10, 5}}};
}

std::vector<std::unique_ptr<Mutation>> every_mutation(const PrimitiveSet& set, const TreeLimits& limits) {
    std::vector<std::unique_ptr<Mutation>> m;
    m.push_back(std::make_unique<PointMutation>(set, limits));
    m.push_back(std::make_unique<SubtreeMutation>(set, limits));
    m.push_back(std::make_unique<InsertMutation>(set, limits));
    m.push_back(std::make_unique<HoistMutation>(limits));
    m.push_back(std::make_unique<ConstantMutation>());
    m.push_back(std::make_unique<AddParameterMutation>(limits));
    m.push_back(std::make_unique<RemoveParameterMutation>());
    return m;
}

WeightedMutation weighted(const PrimitiveSet& set, const TreeLimits& limits) {
    WeightedMutation w;
    const std::vector<double> weights{2, 1, 1, 0.7, 1, 0.5, 0.3};
    auto all = every_mutation(set, limits);
    for (std::size_t k = 0; k < all.size(); ++k) w.add(std::move(all[k]), weights[k]);
    return w;
}

} // namespace

TEST_CASE("every mutation keeps the invariants over thousands of applications") {
    for (const Setting& s : settings()) {
        CAPTURE(s.name);
        const RandomTreeBuilder builder(s.set, s.limits);
        Rng rng(2);
        const std::vector<expr::Tree> pool = test::starting_trees(rng, builder);
        for (const expr::Tree& t : pool) {
            const std::string broken = test::invariant_violation(t, s.limits);
            REQUIRE_MESSAGE(broken.empty(), broken << ": " << expr::to_infix(t));
        }
        for (const auto& m : every_mutation(s.set, s.limits)) {
            CAPTURE(m->name());
            // Chains of 40 applications from every starting tree.
            for (expr::Tree t : pool) {
                for (int step = 0; step < 40; ++step) {
                    const expr::Tree before = t;
                    if ((*m)(rng, t)) {
                        REQUIRE_FALSE(t == before);
                        const std::string broken = test::invariant_violation(t, s.limits);
                        REQUIRE_MESSAGE(broken.empty(), broken << " after " << expr::to_infix(before));
                    } else {
                        REQUIRE(t == before);
                    }
                }
            }
        }
    }
}

TEST_CASE("each mutation acts on most trees it applies to") {
    const PrimitiveSet set = PrimitiveSet::default_set();
    const TreeLimits limits{16, 6, 2};
    const RandomTreeBuilder builder(set, limits);
    Rng rng(3);
    const std::vector<expr::Tree> pool = test::starting_trees(rng, builder, 500);
    for (const auto& m : every_mutation(set, limits)) {
        const std::string_view name = m->name();
        int eligible = 0;
        int changed = 0;
        for (const expr::Tree& original : pool) {
            const bool has_number = !original.parameters.empty() ||
                                    std::any_of(original.nodes.begin(), original.nodes.end(),
                                                [](const expr::Node& n) { return n.op == expr::Op::Const; });
            if (name == "remove-parameter" && original.parameters.empty()) continue;
            if (name == "add-parameter" && original.parameters.size() >= limits.max_params) continue;
            if (name == "constant" && !has_number) continue;
            if ((name == "hoist" || name == "point") && original.size() == 1) continue;
            if (name == "insert" && original.size() == limits.max_nodes) continue;
            ++eligible;
            expr::Tree t = original;
            if (m->operator()(rng, t) && !(t == original)) ++changed;
        }
        CAPTURE(name);
        CHECK(eligible >= 100);
        // Most mutations can always act on an eligible tree; point and
        // subtree fail only when every attempt would drop x.
        CHECK_MESSAGE(changed >= eligible * 9 / 10, changed << " of " << eligible);
    }
}

TEST_CASE("mutations that cannot act return false and leave the tree untouched") {
    Rng rng(4);
    const PrimitiveSet set = PrimitiveSet::default_set();
    const TreeLimits limits{16, 6, 2};
    auto unchanged = [&](const Mutation& m, const char* formula) {
        expr::Tree t = expr::parse(formula);
        const expr::Tree before = t;
        for (int i = 0; i < 50; ++i) {
            if (m(rng, t)) return false;
        }
        return t == before;
    };
    CHECK(unchanged(RemoveParameterMutation(), "tanh(x)*2"));
    CHECK(unchanged(AddParameterMutation(limits), "a*x + b where a=1, b=0"));
    CHECK(unchanged(AddParameterMutation(TreeLimits{16, 6, 0}), "x*2"));
    CHECK(unchanged(ConstantMutation(), "tanh(x)*x"));
    CHECK(unchanged(HoistMutation(limits), "x"));
    CHECK(unchanged(PointMutation(set, limits), "x")); // x cannot go: the tree must read it
    CHECK(unchanged(PointMutation(PrimitiveSet::parse("tanh,+"), limits), "tanh(x)"));
    CHECK(unchanged(InsertMutation(set, TreeLimits{6, 6, 2}), "x*tanh(x) + x"));
    CHECK(unchanged(InsertMutation(set, TreeLimits{16, 2, 2}), "tanh(x)"));
    CHECK(unchanged(SubtreeMutation(set, TreeLimits{1, 6, 2}), "x"));
    CHECK(unchanged(weighted(set, TreeLimits{1, 1, 0}), "x"));
}

TEST_CASE("weighted mutation and crossover keep the invariants and depend only on the seed") {
    for (const Setting& s : settings()) {
        CAPTURE(s.name);
        const RandomTreeBuilder builder(s.set, s.limits);
        const WeightedMutation mutate = weighted(s.set, s.limits);
        const SubtreeCrossover cross(s.limits);
        // An evolving pool: children replace their first parent.
        auto run = [&](std::uint64_t seed) {
            Rng rng(seed);
            std::vector<expr::Tree> pool = test::starting_trees(rng, builder, 40);
            int crossed = 0;
            int mutated = 0;
            for (int step = 0; step < 4000; ++step) {
                expr::Tree& a = pool[rng.below(pool.size())];
                const expr::Tree& b = pool[rng.below(pool.size())];
                expr::Tree child = a;
                if (rng.bernoulli(0.5)) {
                    child = cross(rng, a, b);
                    crossed += !(child == a);
                    REQUIRE(test::invariant_violation(child, s.limits).empty());
                }
                const expr::Tree before = child;
                if (mutate(rng, child)) {
                    ++mutated;
                    REQUIRE_FALSE(child == before);
                } else {
                    REQUIRE(child == before);
                }
                const std::string broken = test::invariant_violation(child, s.limits);
                REQUIRE_MESSAGE(broken.empty(), broken << " from " << expr::to_infix(a));
                a = std::move(child);
            }
            CHECK(crossed > 1000);
            CHECK(mutated > 3600);
            return pool;
        };
        const auto first = run(9);
        CHECK(first == run(9));
        CHECK_FALSE(first == run(10));
    }
}

TEST_CASE("weighted mutation reports which mutation acted and follows the weights") {
    const PrimitiveSet set = PrimitiveSet::default_set();
    const TreeLimits limits{16, 6, 2};
    WeightedMutation w;
    w.add(std::make_unique<InsertMutation>(set, limits), 3.0);
    w.add(std::make_unique<HoistMutation>(limits), 1.0);
    CHECK(w.size() == 2);
    Rng rng(6);
    int insert = 0;
    int hoist = 0;
    for (int i = 0; i < 4000; ++i) {
        expr::Tree t = expr::parse("tanh(x) + sin(x)");
        const Mutation* m = w.apply(rng, t);
        REQUIRE(m != nullptr);
        (m->name() == "insert" ? insert : hoist) += 1;
    }
    CHECK(std::abs(insert - 3000) < 150); // 5 standard deviations
    // When the drawn mutation cannot act, the other one is tried.
    expr::Tree leaf = expr::parse("x");
    const Mutation* m = w.apply(rng, leaf);
    REQUIRE(m != nullptr);
    CHECK(m->name() == "insert");
    CHECK_THROWS_AS(w.add(std::make_unique<HoistMutation>(limits), 0.0), Error);
    CHECK_THROWS_AS(w.add(nullptr, 1.0), Error);
}
