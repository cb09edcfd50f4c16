#include "actforge/nn/cnn.hpp"

#include "actforge/core/error.hpp"
#include "actforge/nn/dense.hpp"
#include "actforge/nn/pooling.hpp"

#include <fmt/format.h>

namespace actforge::nn {

Network make_cnn(ImageShape input, const CnnSpec& spec, std::size_t classes,
                 std::span<const ActivationSpec> activations, ParamSharing sharing, Init init, Rng& rng) {
    const std::size_t hidden = spec.conv_channels.size() + spec.dense_hidden.size();
    if (hidden > 0 && activations.size() != 1 && activations.size() != hidden) {
        throw Error(fmt::format("{} activation layer(s) need 1 or {} activation(s), got {}", hidden, hidden,
                                activations.size()));
    }
    if (classes == 0) throw Error("a classifier needs at least one class");
    if (input.size() == 0) throw Error("a CNN needs a non-empty input image");

    Network net(input.size());
    std::size_t weighted = 0; // index of the next weighted layer, for rng.child
    std::size_t act = 0;      // index of the next activation layer
    // unit_size: the pixels of one channel after a convolution, 1 after a dense layer.
    auto next_activation = [&](std::size_t width, std::size_t unit_size) {
        add_activation(net, activations[activations.size() == 1 ? 0 : act++], width, unit_size, sharing);
    };

    ImageShape shape = input;
    for (const std::size_t channels : spec.conv_channels) {
        Rng layer_rng = rng.child(weighted++);
        auto conv = std::make_unique<Conv2d>(shape, channels, spec.kernel, spec.stride, spec.padding, init, layer_rng);
        shape = conv->output_shape();
        net.add(std::move(conv));
        next_activation(shape.size(), shape.height * shape.width);
        if (spec.pool > 1) {
            std::unique_ptr<Pool2d> pool;
            if (spec.pool_kind == PoolKind::Max)
                pool = std::make_unique<MaxPool2d>(shape, spec.pool);
            else
                pool = std::make_unique<AvgPool2d>(shape, spec.pool);
            shape = pool->output_shape();
            net.add(std::move(pool));
        }
    }

    std::size_t width = shape.size();
    for (const std::size_t size : spec.dense_hidden) {
        Rng layer_rng = rng.child(weighted++);
        net.add(std::make_unique<Dense>(width, size, init, layer_rng));
        next_activation(size, 1);
        width = size;
    }
    Rng out_rng = rng.child(weighted);
    net.add(std::make_unique<Dense>(width, classes, init, out_rng));
    return net;
}

} // namespace actforge::nn
