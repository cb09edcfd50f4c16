#include "actforge/fitness/task_network.hpp"

#include "actforge/nn/cnn.hpp"
#include "actforge/nn/rnn.hpp"

namespace actforge::fitness {

nn::Network build_network(const Task& task, const std::vector<std::size_t>& hidden,
                          std::span<const nn::ActivationSpec> specs, Rng& rng) {
    const TaskSpec& spec = task.spec();
    if (spec.cell) {
        const nn::RnnSpec rnn{.cell = *spec.cell,
                              .steps = task.sequence_steps(),
                              .hidden = hidden.at(0),
                              .dense_hidden = {hidden.begin() + 1, hidden.end()}};
        return nn::make_rnn(task.input_size(), rnn, task.num_classes(), specs, spec.sharing, spec.init, rng);
    }
    if (spec.conv_channels.empty()) {
        return nn::make_mlp(task.input_size(), hidden, task.num_classes(), specs, spec.sharing, spec.init, rng);
    }
    const ImageShape& image = task.train().dataset().image;
    nn::CnnSpec cnn;
    cnn.conv_channels = spec.conv_channels;
    cnn.dense_hidden = hidden;
    return nn::make_cnn(nn::ImageShape{image.channels, image.height, image.width}, cnn, task.num_classes(), specs,
                        spec.sharing, spec.init, rng);
}

nn::TrainConfig training_config(const TaskSpec& spec, const Architecture& architecture, std::uint64_t seed) {
    nn::TrainConfig config = spec.training;
    config.seed = seed;
    config.lr = architecture.learning_rate;
    return config;
}

} // namespace actforge::fitness
