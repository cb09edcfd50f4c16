#include "actforge/nn/rnn.hpp"

#include "actforge/core/error.hpp"
#include "actforge/nn/dense.hpp"

#include <fmt/format.h>

namespace actforge::nn {

Network make_rnn(std::size_t input_size, const RnnSpec& spec, std::size_t classes,
                 std::span<const ActivationSpec> activations, ParamSharing sharing, Init init, Rng& rng) {
    const std::size_t layers = 1 + spec.dense_hidden.size();
    if (activations.size() != 1 && activations.size() != layers) {
        throw Error(fmt::format("{} activation layer(s) need 1 or {} activation(s), got {}", layers, layers,
                                activations.size()));
    }
    if (classes == 0) throw Error("a classifier needs at least one class");
    if (spec.steps == 0 || input_size == 0 || input_size % spec.steps != 0) {
        throw Error(fmt::format("{} input feature(s) do not split into {} equal step(s)", input_size, spec.steps));
    }
    auto spec_of = [&](std::size_t i) -> const ActivationSpec& {
        return activations[activations.size() == 1 ? 0 : i];
    };

    Network net(input_size);
    const RecurrentShape shape{spec.steps, input_size / spec.steps, spec.hidden};
    Rng recurrent_rng = rng.child(0);
    if (const ActivationSpec& phi = spec_of(0); phi.make_layer) {
        net.add(std::make_unique<RecurrentLayer>(spec.cell, shape, phi.make_layer(spec.hidden, 1, sharing), init,
                                                 recurrent_rng));
    } else {
        auto candidate =
            std::make_unique<ActivationLayer>(phi.program, phi.initial_params, sharing, spec.hidden, phi.names);
        net.add(std::make_unique<RecurrentLayer>(spec.cell, shape, std::move(candidate), init, recurrent_rng));
    }
    std::size_t width = spec.hidden;
    for (std::size_t i = 0; i < spec.dense_hidden.size(); ++i) {
        const std::size_t size = spec.dense_hidden[i];
        Rng layer_rng = rng.child(i + 1);
        net.add(std::make_unique<Dense>(width, size, init, layer_rng));
        add_activation(net, spec_of(i + 1), size, 1, sharing);
        width = size;
    }
    Rng out_rng = rng.child(layers);
    net.add(std::make_unique<Dense>(width, classes, init, out_rng));
    return net;
}

} // namespace actforge::nn
