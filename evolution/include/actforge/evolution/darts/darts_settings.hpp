#pragma once
// The settings of a differentiable (DARTS) search for activations; see
// darts_search.hpp for what each does and README "Differentiable search"
// for why the defaults are what they are.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace actforge::evolution {

// What each activation layer mixes: one function of x, or the core unit
// b(u1(x), u2(x)) with a mixture in each of its three slots.
enum class DartsCell { Unary, CoreUnit };
[[nodiscard]] const char* cell_name(DartsCell cell) noexcept;
// Throws actforge::Error naming the choices.
[[nodiscard]] DartsCell parse_cell(const std::string& name);

struct DartsSettings {
    std::string primitives;        // as discover's --primitives; empty = the default set
    std::vector<std::string> functions; // the mixture's functions of x; empty = from `primitives`
    DartsCell cell = DartsCell::Unary;
    bool per_layer = false;        // one mixture (alpha vector) per activation layer, not one for all
    std::size_t epochs = 0;        // supernet epochs; 0 = the task's
    // Of them, weights alone first (alpha fixed at uniform); none = a quarter.
    std::optional<std::size_t> warm_epochs;
    double temperature_start = 1.0; // softmax(alpha / T): T falls geometrically from start to end
    double temperature_end = 0.1;
    double arch_lr = 0.01;           // Adam on alpha (README says why not DARTS's 6e-4)
    double arch_beta1 = 0.5;
    double arch_weight_decay = 1e-3; // L2 on alpha, in its gradient
    double arch_fraction = 0.25;     // of the search's training rows, for alpha steps
    float clamp = 10.0f;             // each primitive's output inside the mixture, to [-clamp, clamp]
    // Each clamped function enters the mixture standardized to mean 0 and
    // variance 1 over the initial pre-activations, x ~ N(0, 2) under He
    // initialisation (at its initial parameters; see darts_mixture.hpp).
    bool standardize = true;
    // Each mixture reads its input with every unit held at that same spread
    // (nn/running_input_scale.hpp), so the weights' growth cannot choose
    // between f(x) and a wider f(x/2); feed-forward networks only (a
    // recurrent cell's mixture reads its pre-activation as it is). Off by
    // default: README "Differentiable search" has what it changed.
    bool hold_input_spread = false;
    std::size_t top = 3;             // candidates per slot: the argmax and its runners-up
    // Progressive shrinking: every this many search epochs (after the warm
    // start) each mixture drops its weakest function, down to `top` left;
    // 0 = off.
    std::size_t shrink_every = 0;
    std::uint64_t seed = 1;

    // Throws actforge::Error naming the first bad setting.
    void validate() const;
    // The supernet's epochs on a task that trains for `task_epochs`.
    [[nodiscard]] std::size_t supernet_epochs(std::size_t task_epochs) const {
        return epochs > 0 ? epochs : task_epochs;
    }
    // The warm-start epochs of a supernet trained for `epochs`; throws
    // actforge::Error when they leave no epoch for alpha.
    [[nodiscard]] std::size_t warm_epochs_of(std::size_t epochs) const;
};

[[nodiscard]] nlohmann::json to_json(const DartsSettings& s);

} // namespace actforge::evolution
