#pragma once
// A small convolutional classifier: conv blocks, then an MLP head.
//
//   for each conv channel count c:  Conv2d(c) -> ActivationLayer -> pool
//   for each dense hidden size h:   Dense(h)  -> ActivationLayer
//   Dense(classes)                                 (logits)
//
// There is no Flatten layer: image rows are channel-major (see conv2d.hpp),
// so the last feature map's row is already the Dense layer's input row.
//
// Parameter sharing of a conv block's activation: per layer is one value of
// each parameter for the whole block; per neuron is one value per element
// of the feature map (channel x y x x, width C*H*W), exactly as for a Dense
// layer's units. It is not per channel.
#include "actforge/core/rng.hpp"
#include "actforge/nn/activation.hpp"
#include "actforge/nn/conv2d.hpp"
#include "actforge/nn/init.hpp"
#include "actforge/nn/network.hpp"

#include <span>
#include <vector>

namespace actforge::nn {

enum class PoolKind { Max, Average };

struct CnnSpec {
    std::vector<std::size_t> conv_channels; // one conv block per entry
    std::size_t kernel = 3;
    std::size_t stride = 1;
    std::size_t padding = 1;
    std::size_t pool = 2; // pooling window and stride after each block; <= 1 = none
    PoolKind pool_kind = PoolKind::Max;
    std::vector<std::size_t> dense_hidden; // hidden Dense sizes of the head
};

// Builds the network above for images of shape `input` (rows of
// input.size() features). `activations` holds one spec per activation
// layer, conv blocks first and then dense hidden layers, or a single spec
// used by all of them (each layer still learns its own parameters).
// Weighted layer i (conv blocks, then dense layers, then the output layer)
// is initialised from rng.child(i), as in make_mlp; rng does not advance.
// Throws actforge::Error on inconsistent arguments or a shape that shrinks
// below a window.
[[nodiscard]] Network make_cnn(ImageShape input, const CnnSpec& spec, std::size_t classes,
                               std::span<const ActivationSpec> activations, ParamSharing sharing, Init init, Rng& rng);

} // namespace actforge::nn
