#pragma once
// Training and evaluation of a classifier Network with softmax cross-entropy
// on rows of one shared feature matrix.
//
// Minibatches: each epoch shuffles the row indices (Fisher-Yates from
// Rng(seed), continuing from epoch to epoch) and cuts them into
// floor(n / batch_size) batches of exactly batch_size rows; the last partial
// batch is dropped, as torch's drop_last=True, so the batch shape never
// changes and the loop allocates nothing after the first step. The dropped
// rows differ from epoch to epoch. If n < batch_size the batch is n rows.
//
// Deterministic: the result and the weights depend only on the network's
// initial state, the data, the row list and the config (one thread, no
// clock-dependent arithmetic; only a Timeout depends on the clock). They are
// bit-identical for one binary on one CPU model; Eigen sizes its GEMM blocks
// from the cache sizes, so another CPU may round sums differently.
#include "actforge/nn/network.hpp"
#include "actforge/nn/optimizer.hpp"
#include "actforge/nn/schedule.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace actforge::nn {

enum class OptimizerKind { Sgd, Adam, AdamW };

struct TrainConfig {
    std::size_t epochs = 1;
    std::size_t batch_size = 64;
    OptimizerKind optimizer = OptimizerKind::Adam;
    SgdSettings sgd;   // used when optimizer == Sgd
    AdamSettings adam; // used when optimizer == Adam or AdamW
    float lr = 1e-3f;  // base learning rate, scaled by the schedule
    Schedule schedule = Schedule::Constant;
    float clip_norm = 0.0f;       // global gradient-norm clipping; 0 = off
    std::uint64_t seed = 0;       // minibatch order
    double max_seconds = 0.0;     // wall-clock budget; 0 = no limit
    float divergence_loss = 1e4f; // a batch loss above this stops training; <= 0 = off
    // Called after every optimizer step with (steps done, total steps), for
    // progress display; must not touch the network.
    std::function<void(std::size_t, std::size_t)> on_step;
    // Called before each step's forward with (steps done, total steps), e.g.
    // for the architecture step of a differentiable search. It may run the
    // network forward and backward (the step's backward overwrites every
    // gradient) but must not change a weight.
    std::function<void(std::size_t, std::size_t)> before_step;
};

enum class TrainStatus { Ok, NonFinite, Diverged, Timeout };
[[nodiscard]] std::string_view to_string(TrainStatus status) noexcept;

struct TrainResult {
    TrainStatus status = TrainStatus::Ok;
    // Mean batch loss over the last epoch (over its batches so far when
    // stopped early); on NonFinite or Diverged, the offending batch loss.
    // NaN when no step ran.
    float final_train_loss = 0.0f;
    std::size_t epochs_done = 0; // complete epochs
    std::size_t steps = 0;       // optimizer steps taken
    double seconds = 0.0;
    std::string message; // why training stopped early; empty when Ok
};

// Trains on features.row(r) for r in rows, with labels[r] in
// [0, network.output_size()). Stops early with NonFinite as soon as a loss,
// an activation value (or its derivative) or the gradient norm is not
// finite, Diverged when a batch loss exceeds divergence_loss, Timeout when
// the clock, read before each batch, is past max_seconds. Throws
// actforge::Error on invalid arguments.
TrainResult train(Network& network, const Matrix& features, std::span<const std::int32_t> labels,
                  std::span<const std::uint32_t> rows, const TrainConfig& config);

struct EvalResult {
    double accuracy = 0.0; // fraction of rows classified correctly
    double loss = 0.0;     // mean cross-entropy
    bool finite = true;    // false: stopped at a non-finite value; accuracy 0, loss +inf
};

// Inference-mode pass over rows in batches of batch_size (the last one
// padded with rows of the previous batch, which are not counted), so no
// allocation happens per batch. Leaves the network in training mode.
EvalResult evaluate(Network& network, const Matrix& features, std::span<const std::int32_t> labels,
                    std::span<const std::uint32_t> rows, std::size_t batch_size);

} // namespace actforge::nn
