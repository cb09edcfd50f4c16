#include "actforge/fitness/synthetic.hpp"
#include "fitness_test_util.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <numbers>

using namespace actforge::fitness;
using actforge::fitness::test::contains;
using actforge::fitness::test::error_of;

namespace {

bool same(const Dataset& a, const Dataset& b) {
    return a.features == b.features && a.labels == b.labels && a.targets == b.targets;
}

} // namespace

TEST_CASE("synthetic tasks are a pure function of (n, noise, seed)") {
    CHECK(same(two_spirals(200, 0.05, 3), two_spirals(200, 0.05, 3)));
    CHECK_FALSE(same(two_spirals(200, 0.05, 3), two_spirals(200, 0.05, 4)));
    CHECK(same(circles(200, 0.05, 3), circles(200, 0.05, 3)));
    CHECK_FALSE(same(circles(200, 0.05, 3), circles(200, 0.05, 4)));
    CHECK(same(regression_curve(200, 0.1, 3), regression_curve(200, 0.1, 3)));
    CHECK_FALSE(same(regression_curve(200, 0.1, 3), regression_curve(200, 0.1, 4)));

    // Each example has its own stream: a smaller task is a prefix of a larger one.
    const Dataset big = two_spirals(300, 0.1, 9);
    const Dataset small = two_spirals(120, 0.1, 9);
    CHECK(big.features.topRows(120) == small.features);
}

TEST_CASE("synthetic classification tasks are balanced and well formed") {
    for (const std::size_t n : {std::size_t{2}, std::size_t{101}, std::size_t{1000}}) {
        for (const Dataset& d : {two_spirals(n, 0.1, 1), circles(n, 0.1, 1)}) {
            CAPTURE(d.name);
            CAPTURE(n);
            CHECK_NOTHROW(d.validate());
            CHECK(d.size() == n);
            CHECK(d.num_features() == 2);
            CHECK(d.num_classes == 2);
            const auto counts = DatasetView(d).class_counts();
            CHECK(counts[0] == (n + 1) / 2);
            CHECK(counts[1] == n / 2);
        }
    }
}

TEST_CASE("noise-free synthetic tasks have their defining geometry") {
    const Dataset rings = circles(400, 0.0, 5);
    for (std::size_t i = 0; i < rings.size(); ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        const double radius = std::hypot(rings.features(r, 0), rings.features(r, 1));
        CHECK(radius == doctest::Approx(rings.labels[i] == 0 ? 0.5 : 1.0).epsilon(1e-6));
    }

    // The two arms are point reflections of each other: a point at radius t
    // on arm 0 at angle a sits on arm 1 at angle a + pi.
    const Dataset spirals = two_spirals(400, 0.0, 5);
    double mean_x = 0.0;
    for (std::size_t i = 0; i < spirals.size(); ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        const double t = std::hypot(spirals.features(r, 0), spirals.features(r, 1));
        CHECK(t <= 1.0 + 1e-6);
        const double turns = 1.5 * t + (spirals.labels[i] == 1 ? 0.5 : 0.0);
        const double expected = 2.0 * std::numbers::pi * turns;
        CHECK(std::cos(expected) * t == doctest::Approx(spirals.features(r, 0)).epsilon(1e-4).scale(1.0));
        mean_x += spirals.features(r, 0);
    }
    CHECK(std::abs(mean_x / 400.0) < 0.2);

    const Dataset curve = regression_curve(500, 0.0, 5);
    // std::minmax_element rather than Eigen's minCoeff: GCC 12 warns inside
    // its own AVX-512 headers for the latter.
    const auto [lo, hi] = std::minmax_element(curve.features.data(), curve.features.data() + curve.features.size());
    CHECK(*lo >= -3.0f);
    CHECK(*hi <= 3.0f);
    CHECK(*lo < -2.5f);
    CHECK(*hi > 2.5f);
    for (Eigen::Index r = 0; r < curve.features.rows(); ++r) {
        CHECK(curve.targets(r, 0) == static_cast<float>(regression_curve_target(curve.features(r, 0))));
    }
}

TEST_CASE("regression noise has the requested spread") {
    const Dataset noisy = regression_curve(4000, 0.5, 11);
    double sum = 0.0;
    double squares = 0.0;
    for (Eigen::Index r = 0; r < noisy.features.rows(); ++r) {
        const double e = noisy.targets(r, 0) - regression_curve_target(noisy.features(r, 0));
        sum += e;
        squares += e * e;
    }
    CHECK(std::abs(sum / 4000.0) < 0.05);
    CHECK(std::sqrt(squares / 4000.0) == doctest::Approx(0.5).epsilon(0.05));
}

TEST_CASE("synthetic task arguments are checked") {
    CHECK(contains(error_of([] { (void)two_spirals(1, 0.1, 0); }), "at least 2"));
    CHECK(contains(error_of([] { (void)circles(10, -0.1, 0); }), "noise"));
    CHECK(contains(error_of([] { (void)regression_curve(0, 0.1, 0); }), "at least 1"));
}
