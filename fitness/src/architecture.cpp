#include "actforge/fitness/architecture.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"
#include "actforge/nn/cnn.hpp"

#include <fmt/format.h>

namespace actforge::fitness {

Architecture default_architecture(const TaskSpec& spec) { return {spec.hidden, spec.training.lr}; }

TaskSpec with_architecture(TaskSpec spec, const Architecture& a) {
    spec.hidden = a.hidden;
    spec.training.lr = a.learning_rate;
    return spec;
}

std::string describe(const Architecture& a) {
    return fmt::format("{}, lr {:.3g}",
                       a.hidden.empty() ? "no hidden layer" : fmt::format("{}", fmt::join(a.hidden, "-")),
                       a.learning_rate);
}

nlohmann::json to_json(const Architecture& a) { return {{"hidden", a.hidden}, {"lr", a.learning_rate}}; }

Architecture architecture_from_json(const nlohmann::json& j) {
    try {
        Architecture a;
        a.hidden = json_numbers<std::size_t>(j.at("hidden"));
        a.learning_rate = json_number<float>(j.at("lr"));
        return a;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed architecture record: {}", e.what()));
    }
}

NetworkCost network_cost(const Task& task, const std::vector<std::size_t>& hidden) {
    NetworkCost cost;
    std::size_t features = task.input_size();
    const TaskSpec& spec = task.spec();
    if (!spec.conv_channels.empty()) {
        // The blocks evaluator.cpp builds: CnnSpec's kernel, stride, padding and pooling.
        const nn::CnnSpec block;
        const ImageShape& image = task.train().dataset().image;
        std::size_t channels = image.channels;
        std::size_t height = image.height;
        std::size_t width = image.width;
        for (std::size_t out : spec.conv_channels) {
            height = (height + 2 * block.padding - block.kernel) / block.stride + 1;
            width = (width + 2 * block.padding - block.kernel) / block.stride + 1;
            const std::size_t weights = out * channels * block.kernel * block.kernel;
            cost.parameters += weights + out;
            cost.multiply_adds += weights * height * width;
            channels = out;
            if (block.pool > 1) {
                height /= block.pool;
                width /= block.pool;
            }
        }
        features = channels * height * width;
    }
    auto dense = [&](std::size_t in, std::size_t out) {
        cost.parameters += in * out + out;
        cost.multiply_adds += in * out;
    };
    std::size_t first_dense = 0;
    if (spec.cell && !hidden.empty()) {
        // Per step: the input and the recurrent products of every gate.
        const std::size_t gates = nn::gate_count(*spec.cell) * hidden[0];
        const std::size_t step_size = features / task.sequence_steps();
        cost.parameters += (step_size + hidden[0] + 1) * gates;
        cost.multiply_adds += task.sequence_steps() * (step_size + hidden[0]) * gates;
        features = hidden[0];
        first_dense = 1;
    }
    for (std::size_t i = first_dense; i < hidden.size(); ++i) {
        dense(features, hidden[i]);
        features = hidden[i];
    }
    dense(features, task.num_classes());
    return cost;
}

} // namespace actforge::fitness
