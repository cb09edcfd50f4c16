#pragma once
// The evolvable part of a network: the dense hidden widths (their count is
// the depth) and the learning rate. The convolution blocks of a CNN task,
// the input and the output stay the task's. A task's own values are its
// default architecture; a co-design campaign gives each candidate its own.
#include "actforge/fitness/task.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace actforge::fitness {

struct Architecture {
    std::vector<std::size_t> hidden; // dense widths, input side first
    float learning_rate = 1e-3f;

    bool operator==(const Architecture&) const = default;
};

[[nodiscard]] Architecture default_architecture(const TaskSpec& spec);
// `spec` with the architecture's widths and learning rate.
[[nodiscard]] TaskSpec with_architecture(TaskSpec spec, const Architecture& a);

// "128-32, lr 0.00178"
[[nodiscard]] std::string describe(const Architecture& a);
[[nodiscard]] nlohmann::json to_json(const Architecture& a);
// Throws actforge::Error on a malformed record.
[[nodiscard]] Architecture architecture_from_json(const nlohmann::json& j);

// What a network of the task with these widths costs: its trainable weights
// and biases (activation parameters excluded), and the multiply-adds of one
// forward pass over one example. Training time is proportional to the
// latter, and unlike a measured time it is the same on every run, so a
// cost term built on it keeps campaigns deterministic.
struct NetworkCost {
    std::size_t parameters = 0;
    std::size_t multiply_adds = 0;
};
[[nodiscard]] NetworkCost network_cost(const Task& task, const std::vector<std::size_t>& hidden);

} // namespace actforge::fitness
