#pragma once
// The architectures a co-design campaign may give its candidates, and the
// random choices and mutations over them. Widths come from a list of
// allowed sizes and learning rates from a grid of eight steps per decade,
// so near-equal architectures are one architecture (one key, one
// evaluation) and every value prints and reads back exactly.
#include "actforge/core/rng.hpp"
#include "actforge/fitness/architecture.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace actforge::evolution {

struct ArchitectureSpace {
    std::size_t min_layers = 1;
    std::size_t max_layers = 3;
    std::vector<std::size_t> widths{16, 32, 64, 128, 256}; // ascending
    float min_learning_rate = 1e-4f;
    float max_learning_rate = 1e-2f;

    // Throws actforge::Error naming the bound that is wrong.
    void validate() const;
    [[nodiscard]] bool contains(const fitness::Architecture& a) const;

    // Uniform depth, widths and learning rate (on the grid).
    [[nodiscard]] fitness::Architecture random(Rng& rng) const;
    // `a` moved onto the grid and into the bounds (for seeds from a task).
    [[nodiscard]] fitness::Architecture nearest(fitness::Architecture a) const;

    // One change: a width one step up or down, a layer added (a copy of a
    // neighbour) or removed, or the learning rate one or two grid steps.
    // `layer_changed` gets the dense layer inserted (+) or removed (-) so
    // per-layer functions can follow; returns false if nothing could change.
    struct Change {
        enum class Kind { None, Width, Insert, Remove, LearningRate } kind = Kind::None;
        std::size_t layer = 0;
    };
    Change mutate(Rng& rng, fitness::Architecture& a) const;
};

[[nodiscard]] nlohmann::json to_json(const ArchitectureSpace& s);
[[nodiscard]] ArchitectureSpace architecture_space_from_json(const nlohmann::json& j);

// The grid: 10^(k/8).
[[nodiscard]] float learning_rate_on_grid(float lr);

} // namespace actforge::evolution
