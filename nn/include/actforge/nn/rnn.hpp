#pragma once
// A small recurrent classifier: a recurrent layer over the input sequence,
// its last state into an MLP head.
//
//   RecurrentLayer(cell, hidden)               φ inside the cell
//   for each dense hidden size d:  Dense(d) -> ActivationLayer
//   Dense(classes)                             (logits)
#include "actforge/core/rng.hpp"
#include "actforge/nn/activation.hpp"
#include "actforge/nn/init.hpp"
#include "actforge/nn/network.hpp"
#include "actforge/nn/recurrent.hpp"

#include <span>
#include <vector>

namespace actforge::nn {

struct RnnSpec {
    CellKind cell = CellKind::Elman;
    std::size_t steps = 1;                 // the input row is `steps` steps of input_size / steps features
    std::size_t hidden = 64;               // the recurrent state's width
    std::vector<std::size_t> dense_hidden; // hidden Dense layers of the head
};

// `activations` holds one spec per activation layer, the cell's φ first and
// then the head's, or a single spec used by all of them (each layer still
// learns its own parameters). Weighted layer i (the recurrent layer, then
// the dense layers, then the output layer) is initialised from
// rng.child(i), as in make_mlp; rng does not advance. Throws actforge::Error
// on inconsistent arguments, e.g. steps not dividing input_size.
[[nodiscard]] Network make_rnn(std::size_t input_size, const RnnSpec& spec, std::size_t classes,
                               std::span<const ActivationSpec> activations, ParamSharing sharing, Init init, Rng& rng);

} // namespace actforge::nn
