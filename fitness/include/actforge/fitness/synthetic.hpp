#pragma once
// Small tasks generated in code: quick to train, no files, exact for a seed.
//
// Example i is drawn from its own stream Rng(seed).child(i), so the first m
// examples of a task of n > m examples are the task of m examples, and the
// result depends on nothing but (n, noise, seed). Classification tasks
// alternate labels (example i has class i % 2), so the classes differ in
// size by at most one. `noise` is the standard deviation of Gaussian noise
// added to each coordinate (or, for regression, to the target).
#include "actforge/fitness/dataset.hpp"

#include <cmath>
#include <cstdint>

namespace actforge::fitness {

// Two interleaved spiral arms of 1.5 turns in [-1, 1]^2; class = arm.
[[nodiscard]] Dataset two_spirals(std::size_t n, double noise, std::uint64_t seed);

// Two concentric rings in the plane: class 0 at radius 0.5, class 1 at radius 1.
[[nodiscard]] Dataset circles(std::size_t n, double noise, std::uint64_t seed);

// One feature x uniform in [-3, 3], target regression_curve_target(x) + noise.
[[nodiscard]] Dataset regression_curve(std::size_t n, double noise, std::uint64_t seed);

// The noise-free curve: smooth, non-monotone and asymmetric in its parts, so
// fitting it needs the network's nonlinearity.
[[nodiscard]] inline double regression_curve_target(double x) noexcept { return std::sin(2.0 * x) + 0.3 * x * x; }

} // namespace actforge::fitness
