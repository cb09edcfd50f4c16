#include "actforge/fitness/synthetic.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"

#include <fmt/format.h>
#include <limits>
#include <numbers>

namespace actforge::fitness {
namespace {

constexpr double kSpiralTurns = 1.5;

void check(const char* task, std::size_t n, std::size_t min_n, double noise) {
    if (n < min_n) throw Error(fmt::format("{} needs at least {} examples, got {}", task, min_n, n));
    if (n > std::numeric_limits<std::uint32_t>::max()) {
        throw Error(fmt::format("{}: {} examples is more than a dataset can index", task, n));
    }
    if (!(noise >= 0.0) || !std::isfinite(noise)) {
        throw Error(fmt::format("{}: noise must be a finite number >= 0, got {}", task, noise));
    }
}

Dataset make_planar(const char* name, std::size_t n) {
    Dataset d;
    d.name = name;
    d.features.resize(static_cast<Eigen::Index>(n), 2);
    d.labels.resize(n);
    d.num_classes = 2;
    d.feature_names = {"x1", "x2"};
    return d;
}

} // namespace

Dataset two_spirals(std::size_t n, double noise, std::uint64_t seed) {
    check("two_spirals", n, 2, noise);
    Dataset d = make_planar("two_spirals", n);
    d.class_names = {"arm 0", "arm 1"};
    const Rng root(seed);
    for (std::size_t i = 0; i < n; ++i) {
        Rng rng = root.child(i);
        const int cls = static_cast<int>(i % 2);
        // sqrt makes the density along the arm even per unit of area.
        const double t = std::sqrt(rng.uniform());
        const double angle = 2.0 * std::numbers::pi * kSpiralTurns * t + std::numbers::pi * cls;
        const auto row = static_cast<Eigen::Index>(i);
        d.features(row, 0) = static_cast<float>(t * std::cos(angle) + noise * rng.normal());
        d.features(row, 1) = static_cast<float>(t * std::sin(angle) + noise * rng.normal());
        d.labels[i] = cls;
    }
    return d;
}

Dataset circles(std::size_t n, double noise, std::uint64_t seed) {
    check("circles", n, 2, noise);
    Dataset d = make_planar("circles", n);
    d.class_names = {"inner", "outer"};
    const Rng root(seed);
    for (std::size_t i = 0; i < n; ++i) {
        Rng rng = root.child(i);
        const int cls = static_cast<int>(i % 2);
        const double radius = cls == 0 ? 0.5 : 1.0;
        const double angle = 2.0 * std::numbers::pi * rng.uniform();
        const auto row = static_cast<Eigen::Index>(i);
        d.features(row, 0) = static_cast<float>(radius * std::cos(angle) + noise * rng.normal());
        d.features(row, 1) = static_cast<float>(radius * std::sin(angle) + noise * rng.normal());
        d.labels[i] = cls;
    }
    return d;
}

Dataset regression_curve(std::size_t n, double noise, std::uint64_t seed) {
    check("regression_curve", n, 1, noise);
    Dataset d;
    d.name = "regression_curve";
    d.features.resize(static_cast<Eigen::Index>(n), 1);
    d.targets.resize(static_cast<Eigen::Index>(n), 1);
    d.feature_names = {"x"};
    const Rng root(seed);
    for (std::size_t i = 0; i < n; ++i) {
        Rng rng = root.child(i);
        // The target is computed from x as stored, the value the network sees.
        const auto x = static_cast<float>(rng.uniform(-3.0, 3.0));
        const auto row = static_cast<Eigen::Index>(i);
        d.features(row, 0) = x;
        d.targets(row, 0) = static_cast<float>(regression_curve_target(x) + noise * rng.normal());
    }
    return d;
}

} // namespace actforge::fitness
