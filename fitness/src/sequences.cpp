#include "actforge/fitness/sequences.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"

#include <fmt/format.h>
#include <limits>

namespace actforge::fitness {

Dataset adding_problem(std::size_t n, std::size_t steps, std::uint64_t seed) {
    if (n < 2) throw Error(fmt::format("the adding problem needs at least 2 examples, got {}", n));
    if (n > std::numeric_limits<std::uint32_t>::max()) {
        throw Error(fmt::format("the adding problem: {} examples is more than a dataset can index", n));
    }
    if (steps < 2) throw Error(fmt::format("the adding problem needs at least 2 steps, got {}", steps));
    Dataset d;
    d.name = "adding";
    d.num_classes = 2;
    d.class_names = {"sum <= 1", "sum > 1"};
    for (std::size_t t = 0; t < steps; ++t) {
        d.feature_names.push_back(fmt::format("u{}", t));
        d.feature_names.push_back(fmt::format("m{}", t));
    }
    d.features = Matrix::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(2 * steps));
    d.labels.resize(n);
    const Rng root(seed);
    const std::size_t half = steps / 2;
    for (std::size_t i = 0; i < n; ++i) {
        Rng rng = root.child(i);
        auto row = d.features.row(static_cast<Eigen::Index>(i));
        for (std::size_t t = 0; t < steps; ++t) row[static_cast<Eigen::Index>(2 * t)] = static_cast<float>(rng.uniform());
        const auto first = static_cast<Eigen::Index>(rng.below(half));
        const auto second = static_cast<Eigen::Index>(half + rng.below(steps - half));
        row[2 * first + 1] = 1.0f;
        row[2 * second + 1] = 1.0f;
        float& a = row[2 * first];
        float& b = row[2 * second];
        if ((a + b > 1.0f) != (i % 2 == 1)) {
            a = 1.0f - a;
            b = 1.0f - b;
        }
        // The label is the rule itself; it differs from i % 2 only when
        // float rounding puts a reflected sum exactly on 1.
        d.labels[i] = a + b > 1.0f ? 1 : 0;
    }
    return d;
}

} // namespace actforge::fitness
