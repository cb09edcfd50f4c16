#include "actforge/fitness/synthetic.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"

#include <fmt/format.h>
#include <limits>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

namespace actforge::fitness {
namespace {

constexpr double kSpiralTurns = 1.5;

void check_settings(const char* task, std::size_t n, std::size_t min_n, double noise) {
    if (n < min_n) throw Error(fmt::format("{} needs at least {} examples, got {}", task, min_n, n));
    if (n > std::numeric_limits<std::uint32_t>::max()) {
        throw Error(fmt::format("{}: {} examples is more than a dataset can index", task, n));
    }
    if (!(noise >= 0.0) || !std::isfinite(noise)) {
        throw Error(fmt::format("{}: noise must be a finite number >= 0, got {}", task, noise));
    }
}

// n points of two alternating classes (0, 1, 0, ...): each at the polar
// position place(rng, class) -> {radius, angle} plus Gaussian noise on
// both coordinates, from the point's own stream Rng(seed).child(i).
template <typename Place>
Dataset two_class_planar(const char* name, std::vector<std::string> class_names, std::size_t n, double noise,
                         std::uint64_t seed, Place place) {
    check_settings(name, n, 2, noise);
    Dataset d;
    d.name = name;
    d.features.resize(static_cast<Eigen::Index>(n), 2);
    d.labels.resize(n);
    d.num_classes = 2;
    d.feature_names = {"x1", "x2"};
    d.class_names = std::move(class_names);
    const Rng root(seed);
    for (std::size_t i = 0; i < n; ++i) {
        Rng rng = root.child(i);
        const int cls = static_cast<int>(i % 2);
        const auto [radius, angle] = place(rng, cls);
        const auto row = static_cast<Eigen::Index>(i);
        d.features(row, 0) = static_cast<float>(radius * std::cos(angle) + noise * rng.normal());
        d.features(row, 1) = static_cast<float>(radius * std::sin(angle) + noise * rng.normal());
        d.labels[i] = cls;
    }
    return d;
}

} // namespace

Dataset two_spirals(std::size_t n, double noise, std::uint64_t seed) {
    return two_class_planar("two_spirals", {"arm 0", "arm 1"}, n, noise, seed, [](Rng& rng, int cls) {
        // sqrt makes the density along the arm even per unit of area.
        const double t = std::sqrt(rng.uniform());
        return std::pair{t, 2.0 * std::numbers::pi * kSpiralTurns * t + std::numbers::pi * cls};
    });
}

Dataset circles(std::size_t n, double noise, std::uint64_t seed) {
    return two_class_planar("circles", {"inner", "outer"}, n, noise, seed, [](Rng& rng, int cls) {
        return std::pair{cls == 0 ? 0.5 : 1.0, 2.0 * std::numbers::pi * rng.uniform()};
    });
}

Dataset regression_curve(std::size_t n, double noise, std::uint64_t seed) {
    check_settings("regression_curve", n, 1, noise);
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
