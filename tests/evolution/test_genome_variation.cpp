// Genome operators under load: thousands of random applications keep the
// genome invariant of every kind of campaign, report changes truthfully,
// keep the receiver's shape in crossover, and depend only on the seed.
#include "actforge/evolution/operators/genome_variation.hpp"
#include "genome_test_util.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::evolution;

namespace {

// What happened over one run, for the checks that are statistical.
struct RunStats {
    int mutated = 0;         // mutate returned true
    int same_after_true = 0; // ... yet the genome compares equal
    int key_kept = 0;        // ... yet the genome key is unchanged
    int crossovers = 0;
    int depth_up = 0;         // mutations that added a dense layer
    int depth_down = 0;       // ... that removed one
    std::vector<Genome> pool; // the final population
};

// An evolving pool: random genomes and seeded ones; each step applies one
// operator (random, seeded, mutate, crossover, tidy) and the result
// replaces a random member, so later steps act on earlier results and
// crossover meets genomes of different depths.
RunStats run(const test::GenomeCase& c, std::uint64_t seed, int steps = 3000) {
    const GenomeVariation v(c.config);
    Rng rng(seed);
    RunStats s;
    std::vector<expr::Tree> seeds;
    for (const char* f : {"relu(x)", "a*tanh(x) + b where a=1, b=0", "x*sigmoid(x)", "max(x, 0.1*x)"}) {
        expr::Tree t = expr::parse(f);
        if (test::invariant_violation(t, c.config.limits).empty()) seeds.push_back(std::move(t));
    }
    for (int i = 0; i < 16; ++i) s.pool.push_back(v.random(rng));
    for (const expr::Tree& t : seeds) s.pool.push_back(v.seeded(t));
    for (int step = 0; step < steps; ++step) {
        const Genome& a = s.pool[rng.below(s.pool.size())];
        const Genome& b = s.pool[rng.below(s.pool.size())];
        Genome g;
        switch (rng.below(6)) {
        case 0: g = v.random(rng); break;
        case 1: g = v.seeded(seeds[rng.below(seeds.size())]); break;
        case 2:
        case 3: {
            g = a;
            const bool changed = v.mutate(rng, g);
            if (!changed) {
                REQUIRE(g == a); // false means untouched
                break;
            }
            ++s.mutated;
            s.same_after_true += g == a;
            s.key_kept += genome_key(g) == genome_key(a);
            if (g.architecture && a.architecture) {
                s.depth_up += g.architecture->hidden.size() > a.architecture->hidden.size();
                s.depth_down += g.architecture->hidden.size() < a.architecture->hidden.size();
            }
            break;
        }
        case 4:
            g = v.crossover(rng, a, b);
            ++s.crossovers;
            REQUIRE(g.activations.size() == a.activations.size());
            if (a.architecture) REQUIRE(g.architecture->hidden.size() == a.architecture->hidden.size());
            break;
        default:
            g = a;
            v.tidy(g);
            break;
        }
        const std::string broken = test::genome_violation(g, c.config);
        REQUIRE_MESSAGE(broken.empty(), broken << " [" << formulas(g) << "]");
        REQUIRE(v.valid(g));
        REQUIRE(v.activation_layers(g) == c.config.task.conv_channels.size() +
                                              (g.architecture ? g.architecture->hidden : c.config.task.hidden).size());
        s.pool[rng.below(s.pool.size())] = std::move(g);
    }
    return s;
}

} // namespace

TEST_CASE("genome operators keep every campaign's invariant over thousands of applications") {
    for (const test::GenomeCase& c : test::genome_cases()) {
        CAPTURE(c.name);
        const RunStats s = run(c, 5);
        CHECK(s.crossovers > 300);
        // About a third of the steps mutate; most mutations can act.
        CHECK(s.mutated > 700);
        // "Returns true when the genome changed": a true never leaves it equal.
        CHECK(s.same_after_true == 0);
        // A change of value, layer or architecture also changes the key,
        // except edits that keep a parameter-free function's values (x*1 -> x),
        // which are rare among random edits.
        CHECK_MESSAGE(s.key_kept * 10 < s.mutated, s.key_kept << " of " << s.mutated << " kept their key");
        if (c.config.codesign) {
            // Depth moves both ways within [min_layers, max_layers].
            CHECK(s.depth_up > 10);
            CHECK(s.depth_down > 10);
        }
    }
}

TEST_CASE("the same seed gives the same genomes; another seed others") {
    for (const test::GenomeCase& c : test::genome_cases()) {
        CAPTURE(c.name);
        const RunStats first = run(c, 21, 600);
        CHECK(first.pool == run(c, 21, 600).pool);
        CHECK_FALSE(first.pool == run(c, 22, 600).pool);
        // Single operators too: a copy of the generator repeats the draws.
        const GenomeVariation v(c.config);
        Rng r1(77);
        Rng r2(77);
        for (int i = 0; i < 50; ++i) {
            Genome a = v.random(r1);
            Genome b = v.random(r2);
            REQUIRE(a == b);
            REQUIRE(v.mutate(r1, a) == v.mutate(r2, b));
            REQUIRE(a == b);
            REQUIRE(v.crossover(r1, a, first.pool[0]) == v.crossover(r2, b, first.pool[0]));
        }
    }
}

TEST_CASE("per-layer functions follow a dense layer that is added or removed") {
    for (const test::GenomeCase& c : test::genome_cases()) {
        if (!c.config.codesign) continue;
        CAPTURE(c.name);
        const GenomeVariation v(c.config);
        const std::size_t conv = c.config.task.conv_channels.size();
        Rng rng(31);
        int inserts = 0;
        int removals = 0;
        for (int i = 0; i < 3000; ++i) {
            Genome g = v.random(rng);
            const Genome before = g;
            if (!v.mutate(rng, g)) continue;
            const auto& h0 = before.architecture->hidden;
            const auto& h1 = g.architecture->hidden;
            if (h0.size() == h1.size()) continue;
            const bool insert = h1.size() > h0.size();
            (insert ? inserts : removals) += 1;
            if (!c.config.per_layer) {
                CHECK(g.activations == before.activations); // the shared function stays
                continue;
            }
            const auto& longer = insert ? g : before;
            const auto& shorter = insert ? before : g;
            // Some dense layer p was added or removed, and with it the
            // function at conv + p: the conv functions and the other layers'
            // functions keep their order and their layer.
            bool aligned = false;
            for (std::size_t p = 0; p < longer.architecture->hidden.size() && !aligned; ++p) {
                if (!test::removed_at(longer.architecture->hidden, shorter.architecture->hidden, p)) continue;
                if (!test::removed_at(longer.activations, shorter.activations, conv + p)) continue;
                // A new layer starts with the function of a dense neighbour.
                const auto& t = longer.activations;
                const bool copies_neighbour = (conv + p + 1 < t.size() && t[conv + p] == t[conv + p + 1]) ||
                                              (p > 0 && t[conv + p] == t[conv + p - 1]);
                aligned = !insert || copies_neighbour;
            }
            CHECK_MESSAGE(aligned, formulas(before) << " -> " << formulas(g));
        }
        CHECK(inserts > 100);
        CHECK(removals > 100);
    }
}

TEST_CASE("a seed formula goes on every layer of the task's architecture, moved into the space") {
    const expr::Tree swish = expr::parse("x*sigmoid(x)");
    for (const test::GenomeCase& c : test::genome_cases()) {
        CAPTURE(c.name);
        const GenomeVariation v(c.config);
        const Genome g = v.seeded(swish);
        CHECK(v.valid(g));
        CHECK(test::genome_violation(g, c.config).empty());
        for (const expr::Tree& t : g.activations) CHECK(t == swish);
        // Every case's task widths are allowed widths, so they stay.
        if (c.config.codesign) CHECK(g.architecture->hidden == c.config.task.hidden);
    }
    // Widths snap to the nearest allowed one (11 is nearer 8 than 16) and
    // extra layers go: 100-3-7-9-11 becomes 32-8-8-8 with at most 4 layers.
    test::GenomeCase c = test::genome_cases()[2];
    c.config.task.hidden = {100, 3, 7, 9, 11};
    c.config.task.training.lr = 0.5f; // above the range: clamped to its top grid point
    const GenomeVariation v(c.config);
    const Genome g = v.seeded(swish);
    REQUIRE(g.architecture);
    CHECK(g.architecture->hidden == std::vector<std::size_t>{32, 8, 8, 8});
    CHECK(g.architecture->learning_rate == learning_rate_on_grid(c.config.architecture.max_learning_rate));
    CHECK(g.activations.size() == 4);
    CHECK(v.valid(g));
}
