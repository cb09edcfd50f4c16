#pragma once
// Differentiable search for activations (DARTS, Liu et al. 2019, first
// order): every activation layer of the task's network becomes a softmax-
// weighted mixture of the unary functions of the core-unit space (the RL
// controller's vocabulary over the campaign's primitives, less those affine
// in x; see nn/mixed_activation.hpp), and the mixture logits alpha are
// learned by gradient on held-out rows while the weights learn on the rest.
//
// The loop, per minibatch of the weight rows (the trainer's own loop):
//   1. after warm_epochs of weights alone: one Adam step on alpha (beta1 0.5,
//      L2 decay) from a minibatch of the alpha rows, at temperature T;
//   2. one ordinary training step of the weights and the primitives' own
//      parameters (the task's optimizer).
// T falls geometrically from temperature_start to temperature_end over the
// search epochs. With shrink_every = E, after every E search epochs each
// mixture drops the function of least weight (its weight is 0 from then
// on, the softmax running over the others) until `top` are left: the
// progressive shrinking of P-DARTS (Chen et al. 2019), which keeps a
// function that wins early from carrying the mixture alone to the end.
// With `standardize` each function enters the mixture as s_k * (f_k - m_k),
// with mean 0 and variance 1 over the pre-activations of the initialised
// network (x ~ N(0, 2) under He initialisation): a function's range alone
// (sigmoid's [0, 1], a clamped exp's 10) no longer decides its share of
// the mixture's output and of the gradient on alpha.
// Rows: the task's search-training rows, shuffled by
// Rng(seed).child(2), arch_fraction of them for alpha, the rest for weights.
// Weights from Rng(seed).child(0), the weight minibatch order from
// Rng(seed).child(1)(), the alpha minibatch order from Rng(seed).child(3):
// one thread, so the alpha trajectory depends on the seed alone.
//
// Components the pre-screen refuses (NaN for some x, say) are left out and
// listed; a refused candidate would stop the whole supernet.
#include "actforge/evolution/darts/darts_mixture.hpp"
#include "actforge/evolution/darts/darts_settings.hpp"
#include "actforge/expr/tree.hpp"
#include "actforge/fitness/task.hpp"
#include "actforge/nn/core_unit_mixture.hpp"
#include "actforge/nn/trainer.hpp"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace actforge::evolution {

// Alpha and the mixture weights of one mixture after an epoch (0 = before training).
struct AlphaSnapshot {
    std::size_t epoch = 0;
    std::size_t mixture = 0; // the layer with per_layer, else 0
    double temperature = 1.0;
    std::vector<double> alpha;
    std::vector<double> weights; // 0 for a function dropped by shrinking
};

struct DartsResult {
    DartsCell cell = DartsCell::Unary;
    // The unary functions: the options of the one slot of a unary cell, of
    // each of the two unary slots of a core unit.
    std::vector<MixtureComponent> components;
    std::vector<nn::CoreBinary> binaries; // the core unit's binary slot
    // Options per slot of every mixture: {functions} for a unary cell,
    // {functions, functions, binaries} for a core unit. Every weight and
    // alpha vector below is flat over them, slot after slot.
    std::vector<std::size_t> slot_sizes;
    std::vector<std::string> refused; // "formula: why"
    std::size_t layers = 0;           // activation layers of the network
    std::vector<AlphaSnapshot> history;
    // Progressive shrinking: [mixture] the options dropped (flat index), in order.
    std::vector<std::vector<std::size_t>> dropped;
    // Final weights per mixture (one, or one per layer), at the final temperature.
    std::vector<std::vector<double>> weights;
    // [layer][option, flat]: the option's parameter values, mean over units.
    std::vector<std::vector<std::vector<float>>> learned;
    nn::TrainResult training;
    double supernet_accuracy = 0.0; // validation, with the final mixtures
};

// Slot s of a mixture holds the flat options [from, from + size).
struct SlotRange {
    std::size_t from = 0;
    std::size_t size = 0;
    [[nodiscard]] std::size_t end() const noexcept { return from + size; }
};
// The ranges of slots of these sizes, laid out one after the other.
[[nodiscard]] std::vector<SlotRange> slot_ranges(std::span<const std::size_t> slot_sizes);

// The rows of the search's training split for the weights and for alpha.
struct DartsRows {
    std::vector<std::uint32_t> weights;
    std::vector<std::uint32_t> alpha;
};
[[nodiscard]] DartsRows darts_rows(const fitness::Task& task, const DartsSettings& settings);

// Trains the supernet. on_step(steps done, total) reports progress.
// Throws actforge::Error on bad settings or an empty mixture.
[[nodiscard]] DartsResult run_darts(const fitness::Task& task, const DartsSettings& settings,
                                    const std::function<void(std::size_t, std::size_t)>& on_step = {});

} // namespace actforge::evolution
