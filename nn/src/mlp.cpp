#include "actforge/core/error.hpp"
#include "actforge/nn/dense.hpp"
#include "actforge/nn/network.hpp"

#include <fmt/format.h>

namespace actforge::nn {

Network make_mlp(std::size_t input_size, std::span<const std::size_t> hidden_sizes, std::size_t output_size,
                 std::span<const ActivationSpec> activations, ParamSharing sharing, Init init, Rng& rng) {
    if (!hidden_sizes.empty() && activations.size() != 1 && activations.size() != hidden_sizes.size()) {
        throw Error(fmt::format("{} hidden layer(s) need 1 or {} activation(s), got {}", hidden_sizes.size(),
                                hidden_sizes.size(), activations.size()));
    }
    Network net(input_size);
    std::size_t width = input_size;
    for (std::size_t i = 0; i < hidden_sizes.size(); ++i) {
        Rng layer_rng = rng.child(i);
        net.add(std::make_unique<Dense>(width, hidden_sizes[i], init, layer_rng));
        add_activation(net, activations[activations.size() == 1 ? 0 : i], hidden_sizes[i], 1, sharing);
        width = hidden_sizes[i];
    }
    Rng out_rng = rng.child(hidden_sizes.size());
    net.add(std::make_unique<Dense>(width, output_size, init, out_rng));
    return net;
}

} // namespace actforge::nn
