// Random trees and primitive sets: the search space a campaign starts from.
#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/evolution/operators/random_tree.hpp"
#include "test_op_util.hpp"

#include <doctest/doctest.h>
#include <map>

using namespace actforge;
using namespace actforge::evolution;

namespace {

// Depth (root = 1) of every leaf of t.
std::vector<std::size_t> leaf_depths(const expr::Tree& t) {
    std::vector<std::size_t> depth(t.size(), 1);
    std::vector<std::size_t> out;
    for (std::size_t i = t.size(); i-- > 0;) {
        const int k = expr::arity(t.nodes[i].op);
        for (int c = 0; c < k; ++c) depth[t.child(i, c)] = depth[i] + 1;
        if (k == 0) out.push_back(depth[i]);
    }
    return out;
}

} // namespace

TEST_CASE("primitive sets parse names and symbols") {
    using expr::Op;
    const PrimitiveSet s = PrimitiveSet::parse(" tanh, sigmoid,+,*,max,^ ,-,/,tanh");
    CHECK(s.unary == std::vector<Op>{Op::Tanh, Op::Sigmoid});
    CHECK(s.binary == std::vector<Op>{Op::Add, Op::Mul, Op::Max, Op::Pow, Op::Sub, Op::Div});
    CHECK(PrimitiveSet::parse("neg,sub").unary == std::vector<Op>{Op::Neg});
    CHECK(PrimitiveSet::parse(s.to_string()) == s);
    CHECK(PrimitiveSet::parse(PrimitiveSet::default_set().to_string()) == PrimitiveSet::default_set());
}

TEST_CASE("primitive sets refuse unknown names, leaves and empty lists") {
    CHECK_THROWS_WITH_AS((void)PrimitiveSet::parse("tanh,warp,exp"), doctest::Contains("'warp'"), Error);
    // The message lists what would have been valid.
    CHECK_THROWS_WITH_AS((void)PrimitiveSet::parse("warp"), doctest::Contains("softplus"), Error);
    CHECK_THROWS_WITH_AS((void)PrimitiveSet::parse("tanh,x"), doctest::Contains("'x'"), Error);
    CHECK_THROWS_WITH_AS((void)PrimitiveSet::parse("const"), doctest::Contains("'const'"), Error);
    CHECK_THROWS_WITH_AS((void)PrimitiveSet::parse("Tanh"), doctest::Contains("'Tanh'"), Error);
    CHECK_THROWS_AS((void)PrimitiveSet::parse(" , "), Error);
    CHECK_THROWS_AS((void)PrimitiveSet::parse(""), Error);
}

TEST_CASE("the default set is the core units, all defined on the whole real line") {
    const PrimitiveSet d = PrimitiveSet::default_set();
    CHECK(d.unary.size() == 17);
    CHECK(d.binary.size() == 5);
    for (const auto* group : {&d.unary, &d.binary}) {
        for (expr::Op op : *group) {
            CAPTURE(expr::primitive(op).name);
            CHECK(expr::primitive(op).domain == expr::Domain::AllReals);
        }
    }
    CHECK(d.to_string().find("sigmoid") != std::string::npos);
    CHECK(d.to_string().find("max") != std::string::npos);
}

TEST_CASE("ramped trees respect the limits and spread over the depths of the ramp") {
    const TreeLimits limits{16, 6, 2};
    const RandomTreeBuilder b(PrimitiveSet::default_set(), limits);
    Rng rng(1);
    std::map<std::size_t, int> depths;
    std::map<std::size_t, int> params;
    const int n = 3000;
    for (int i = 0; i < n; ++i) {
        const expr::Tree t = b.ramped(rng);
        const std::string broken = test::invariant_violation(t, limits);
        REQUIRE_MESSAGE(broken.empty(), broken);
        ++depths[t.depth()];
        ++params[t.parameters.size()];
    }
    for (std::size_t d = 2; d <= 6; ++d) {
        CAPTURE(d);
        CHECK(depths[d] > n / 20);
    }
    CHECK(depths.begin()->first >= 2);
    CHECK(params[1] > n / 20);
    CHECK(params[2] > n / 50);
}

TEST_CASE("grow stays within its depth and never returns a lone leaf") {
    const TreeLimits limits{16, 6, 2};
    const RandomTreeBuilder b(PrimitiveSet::default_set(), limits);
    Rng rng(2);
    for (std::size_t depth = 1; depth <= 9; ++depth) {
        for (int i = 0; i < 300; ++i) {
            const expr::Tree t = b.grow(rng, depth);
            REQUIRE(test::invariant_violation(t, limits).empty());
            CHECK(t.depth() <= std::min<std::size_t>(depth, 6));
            CHECK((depth == 1 ? t.size() == 1 : t.size() > 1));
        }
    }
}

TEST_CASE("full puts every leaf at the requested depth, within the node budget") {
    Rng rng(3);
    SUBCASE("with unary operations every depth fits") {
        const TreeLimits limits{16, 6, 2};
        const RandomTreeBuilder b(PrimitiveSet::default_set(), limits);
        for (std::size_t depth = 1; depth <= 8; ++depth) {
            for (int i = 0; i < 200; ++i) {
                const expr::Tree t = b.full(rng, depth);
                REQUIRE(test::invariant_violation(t, limits).empty());
                const std::size_t want = std::min<std::size_t>(depth, 6);
                for (std::size_t d : leaf_depths(t)) CHECK(d == want);
            }
        }
    }
    SUBCASE("with binary operations only, the deepest full tree that fits") {
        const TreeLimits limits{16, 6, 2};
        const RandomTreeBuilder b(PrimitiveSet::parse("+,*"), limits);
        for (int i = 0; i < 200; ++i) {
            const expr::Tree t = b.full(rng, 6);
            REQUIRE(test::invariant_violation(t, limits).empty());
            CHECK(t.size() == 15);
            for (std::size_t d : leaf_depths(t)) CHECK(d == 4);
        }
    }
}

TEST_CASE("leaves: mostly x, constants, and parameters that start neutral") {
    const TreeLimits limits{40, 6, 4};
    const RandomTreeBuilder b(PrimitiveSet::default_set(), limits);
    Rng rng(4);
    std::map<expr::Op, int> kinds;
    int neutral = 0;
    for (int i = 0; i < 2000; ++i) {
        const expr::Tree t = b.ramped(rng);
        REQUIRE(test::invariant_violation(t, limits).empty());
        for (std::size_t k = 0; k < t.parameters.size(); ++k) {
            // Names are a, b, c, ... in order of creation.
            CHECK(t.parameters[k].name.size() == 1);
        }
        for (std::size_t i = 0; i < t.size(); ++i) {
            const expr::Node& n = t.nodes[i];
            if (expr::arity(n.op) == 0) ++kinds[n.op];
            if (expr::arity(n.op) != 2) continue;
            for (int c = 0; c < 2; ++c) {
                const expr::Node& leaf = t.nodes[t.child(i, c)];
                if (leaf.op != expr::Op::Param) continue;
                const float v = t.parameters[leaf.param].value;
                if (n.op == expr::Op::Mul) CHECK(v == 1.0f);
                if (n.op == expr::Op::Add || n.op == expr::Op::Sub) CHECK(v == 0.0f);
                neutral += n.op == expr::Op::Mul || n.op == expr::Op::Add || n.op == expr::Op::Sub;
            }
        }
        for (const expr::Node& n : t.nodes) {
            if (n.op == expr::Op::Const) CHECK(std::abs(n.value) <= 3.0f);
        }
    }
    CHECK(kinds[expr::Op::Var] > kinds[expr::Op::Const]);
    CHECK(kinds[expr::Op::Const] > kinds[expr::Op::Param]);
    CHECK(kinds[expr::Op::Param] > 200);
    CHECK(neutral > 50);
}

TEST_CASE("random trees honour tiny limits and no-parameter limits") {
    Rng rng(5);
    const RandomTreeBuilder one(PrimitiveSet::default_set(), TreeLimits{1, 1, 0});
    CHECK(one.ramped(rng) == expr::parse("x"));
    for (const TreeLimits limits : {TreeLimits{2, 2, 0}, TreeLimits{3, 6, 0}, TreeLimits{16, 1, 2}}) {
        const RandomTreeBuilder b(PrimitiveSet::default_set(), limits);
        for (int i = 0; i < 300; ++i) {
            REQUIRE(test::invariant_violation(b.ramped(rng), limits).empty());
            REQUIRE(test::invariant_violation(b.full(rng, 4), limits).empty());
        }
    }
}

TEST_CASE("random trees depend only on the seed") {
    const RandomTreeBuilder b(PrimitiveSet::default_set(), TreeLimits{});
    auto trees = [&](std::uint64_t seed) {
        Rng rng(seed);
        std::vector<expr::Tree> out;
        out.reserve(200);
        for (int i = 0; i < 200; ++i) out.push_back(b.ramped(rng));
        return out;
    };
    CHECK(trees(7) == trees(7));
    CHECK_FALSE(trees(7) == trees(8));
}
