// The co-design search space: random and mutated architectures stay inside
// it, each mutation is the change it reports, out-of-space values snap
// into it, learning rates sit on the grid and print back exactly, and bad
// bounds are refused.
#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/architecture_space.hpp"
#include "genome_test_util.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <set>

using namespace actforge;
using namespace actforge::evolution;
using Kind = ArchitectureSpace::Change::Kind;

namespace {

// Grid steps (eighths of a decade) of a learning rate; an integer on the grid.
double steps_of(float lr) { return std::log10(static_cast<double>(lr)) * 8.0; }
bool on_grid(float lr) { return std::abs(steps_of(lr) - std::round(steps_of(lr))) < 1e-4; }

std::size_t width_index(const ArchitectureSpace& s, std::size_t w) {
    return static_cast<std::size_t>(std::find(s.widths.begin(), s.widths.end(), w) - s.widths.begin());
}

} // namespace

TEST_CASE("random architectures lie in the space and reach all of it") {
    const ArchitectureSpace s; // 1-3 layers, widths 16..256, learning rates 1e-4..1e-2
    Rng rng(1);
    std::set<std::size_t> depths;
    std::set<std::size_t> widths;
    std::set<float> rates;
    for (int i = 0; i < 3000; ++i) {
        const fitness::Architecture a = s.random(rng);
        REQUIRE(s.contains(a));
        REQUIRE(on_grid(a.learning_rate));
        depths.insert(a.hidden.size());
        widths.insert(a.hidden.begin(), a.hidden.end());
        rates.insert(a.learning_rate);
    }
    CHECK(depths == std::set<std::size_t>{1, 2, 3});
    CHECK(widths == std::set<std::size_t>(s.widths.begin(), s.widths.end()));
    CHECK(rates.size() == 17); // two decades of eight steps, both ends included
}

TEST_CASE("each mutation stays in the space and is the change it reports") {
    const ArchitectureSpace s{1, 4, {8, 16, 32, 64}, 1e-3f, 1e-1f};
    Rng rng(2);
    std::set<Kind> seen;
    for (int i = 0; i < 5000; ++i) {
        const fitness::Architecture before = s.random(rng);
        fitness::Architecture a = before;
        const ArchitectureSpace::Change change = s.mutate(rng, a);
        seen.insert(change.kind);
        REQUIRE(s.contains(a));
        const auto& h0 = before.hidden;
        const auto& h1 = a.hidden;
        switch (change.kind) {
        case Kind::Insert: {
            // One layer more at change.layer, a copy of a neighbour's width.
            REQUIRE(test::removed_at(h1, h0, change.layer));
            const std::size_t w = h1[change.layer];
            CHECK(((change.layer > 0 && h1[change.layer - 1] == w) ||
                   (change.layer + 1 < h1.size() && h1[change.layer + 1] == w)));
            CHECK(a.learning_rate == before.learning_rate);
            break;
        }
        case Kind::Remove:
            REQUIRE(test::removed_at(h0, h1, change.layer));
            CHECK(a.learning_rate == before.learning_rate);
            break;
        case Kind::Width: {
            // Only that layer, to the next allowed width up or down.
            REQUIRE(h1.size() == h0.size());
            REQUIRE(change.layer < h1.size());
            for (std::size_t k = 0; k < h1.size(); ++k) {
                if (k != change.layer) CHECK(h1[k] == h0[k]);
            }
            const std::size_t i0 = width_index(s, h0[change.layer]);
            const std::size_t i1 = width_index(s, h1[change.layer]);
            CHECK((i1 + 1 == i0 || i0 + 1 == i1));
            CHECK(a.learning_rate == before.learning_rate);
            break;
        }
        case Kind::LearningRate: {
            CHECK(h1 == h0);
            const long moved = std::lround(std::abs(steps_of(a.learning_rate) - steps_of(before.learning_rate)));
            CHECK((moved == 1 || moved == 2)); // one or two grid steps
            break;
        }
        case Kind::None: FAIL("this space always allows a change"); break;
        }
    }
    CHECK(seen == std::set<Kind>{Kind::Insert, Kind::Remove, Kind::Width, Kind::LearningRate});
}

TEST_CASE("mutation respects the depth bounds and reports None when nothing can change") {
    Rng rng(3);
    // At the maximum depth nothing is inserted; at the minimum nothing removed.
    const ArchitectureSpace s{2, 3, {16, 32}, 1e-3f, 1e-2f};
    for (int i = 0; i < 2000; ++i) {
        fitness::Architecture a = s.random(rng);
        const std::size_t depth = a.hidden.size();
        const Kind k = s.mutate(rng, a).kind;
        if (depth == 3) CHECK(k != Kind::Insert);
        if (depth == 2) CHECK(k != Kind::Remove);
    }
    // One depth, one width, one learning rate: a single architecture.
    const ArchitectureSpace point{2, 2, {32}, 1e-3f, 1e-3f};
    REQUIRE_NOTHROW(point.validate());
    fitness::Architecture a = point.random(rng);
    const fitness::Architecture before = a;
    CHECK(point.mutate(rng, a).kind == Kind::None);
    CHECK(a == before);
}

TEST_CASE("nearest moves values outside the space into it") {
    const ArchitectureSpace s; // widths 16, 32, 64, 128, 256; 1 to 3 layers; 1e-4..1e-2
    // In the space already: unchanged.
    const fitness::Architecture inside{{32, 128}, learning_rate_on_grid(1e-3f)};
    CHECK(s.nearest(inside) == inside);
    // Widths to the nearest allowed (100 is 28 from 128, 36 from 64),
    // extra layers dropped, the learning rate clamped to the range.
    const fitness::Architecture a = s.nearest({{0, 1000, 100, 20}, 0.5f});
    CHECK(a.hidden == std::vector<std::size_t>{16, 256, 128});
    CHECK(a.learning_rate == learning_rate_on_grid(1e-2f));
    CHECK(s.contains(a));
    const fitness::Architecture low = s.nearest({{}, 1e-9f});
    CHECK(low.hidden.size() == 1); // too shallow: filled up to min_layers
    CHECK(low.learning_rate == learning_rate_on_grid(1e-4f));
    CHECK(s.contains(low));
    Rng rng(4);
    for (int i = 0; i < 1000; ++i) {
        fitness::Architecture wild;
        for (std::size_t n = rng.below(7); n > 0; --n) wild.hidden.push_back(rng.below(600));
        wild.learning_rate = static_cast<float>(std::pow(10.0, rng.uniform(-7.0, 1.0)));
        REQUIRE(s.contains(s.nearest(wild)));
    }
}

TEST_CASE("learning rates sit on the eighth-of-a-decade grid and round-trip through JSON") {
    Rng rng(5);
    for (int i = 0; i < 2000; ++i) {
        const auto lr = static_cast<float>(std::pow(10.0, rng.uniform(-6.0, 0.0)));
        const float g = learning_rate_on_grid(lr);
        REQUIRE(on_grid(g));
        CHECK(std::abs(steps_of(g) - steps_of(lr)) <= 0.5 + 1e-6); // the nearest grid point
        CHECK(learning_rate_on_grid(g) == g);                      // idempotent
    }
    // 1e-3 is a grid point; 1.2e-3 is -23.37 eighths of a decade, so -23.
    CHECK(learning_rate_on_grid(1e-3f) == doctest::Approx(1e-3).epsilon(1e-6));
    CHECK(learning_rate_on_grid(1.2e-3f) == doctest::Approx(std::pow(10.0, -23.0 / 8.0)).epsilon(1e-6));
    // Architectures print and read back exactly, through text too.
    const ArchitectureSpace s;
    for (int i = 0; i < 500; ++i) {
        const fitness::Architecture a = s.random(rng);
        const auto back = fitness::architecture_from_json(nlohmann::json::parse(fitness::to_json(a).dump()));
        REQUIRE(back == a);
        REQUIRE(s.contains(back));
    }
    const ArchitectureSpace odd{2, 5, {3, 7, 300}, 3e-4f, 0.25f};
    const ArchitectureSpace back = architecture_space_from_json(nlohmann::json::parse(to_json(odd).dump()));
    CHECK(back.min_layers == 2);
    CHECK(back.max_layers == 5);
    CHECK(back.widths == odd.widths);
    CHECK(back.min_learning_rate == odd.min_learning_rate);
    CHECK(back.max_learning_rate == odd.max_learning_rate);
}

TEST_CASE("validate refuses bad bounds and names them") {
    CHECK_NOTHROW(ArchitectureSpace{}.validate());
    auto refused = [](ArchitectureSpace s) {
        try {
            s.validate();
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("<accepted>");
    };
    CHECK(refused({3, 2, {16}, 1e-3f, 1e-2f}).find("--depth") != std::string::npos);      // min > max
    CHECK(refused({0, 2, {16}, 1e-3f, 1e-2f}).find("--depth") != std::string::npos);      // no layer
    CHECK(refused({1, 2, {32, 16}, 1e-3f, 1e-2f}).find("--widths") != std::string::npos); // unsorted
    CHECK(refused({1, 2, {16, 16}, 1e-3f, 1e-2f}).find("--widths") != std::string::npos); // repeated
    CHECK(refused({1, 2, {}, 1e-3f, 1e-2f}).find("--widths") != std::string::npos);
    CHECK(refused({1, 2, {0, 16}, 1e-3f, 1e-2f}).find("--widths") != std::string::npos);
    CHECK(refused({1, 2, {16}, 1e-2f, 1e-3f}).find("--lr-range") != std::string::npos); // min > max
    CHECK(refused({1, 2, {16}, 0.0f, 1e-3f}).find("--lr-range") != std::string::npos);
    // 0.032..0.033 lies strictly between the grid points 10^(-12/8) = 0.0316
    // and 10^(-11/8) = 0.0422: no learning rate could be drawn from it.
    CHECK(refused({1, 2, {16}, 0.032f, 0.033f}).find("--lr-range") != std::string::npos);
}

TEST_CASE("learning rates stay inside bounds that are not grid points") {
    // 1.5e-4 and 3e-2 fall between grid points; every learning rate the
    // space gives must still honour them.
    const ArchitectureSpace s{1, 2, {16}, 1.5e-4f, 3e-2f};
    REQUIRE_NOTHROW(s.validate());
    auto outside = [&](float lr) { return lr < s.min_learning_rate || lr > s.max_learning_rate; };
    Rng rng(6);
    int drawn_outside = 0;
    int mutated_outside = 0;
    for (int i = 0; i < 500; ++i) {
        fitness::Architecture a = s.random(rng);
        drawn_outside += outside(a.learning_rate);
        (void)s.mutate(rng, a);
        mutated_outside += outside(a.learning_rate);
    }
    CHECK(drawn_outside == 0);
    CHECK(mutated_outside == 0);
    CHECK(s.nearest({{16}, 1.0f}).learning_rate <= s.max_learning_rate);
    CHECK(s.nearest({{16}, 1e-9f}).learning_rate >= s.min_learning_rate);
    // A grid rate outside the bounds is not in the space.
    CHECK_FALSE(s.contains({{16}, learning_rate_on_grid(0.0316f)}));
}
