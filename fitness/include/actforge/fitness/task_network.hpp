#pragma once
// The network a task trains and how: shared by the evaluator, which puts a
// candidate's functions in it, and by the differentiable search, which puts
// a mixture of functions there instead.
#include "actforge/core/rng.hpp"
#include "actforge/fitness/architecture.hpp"
#include "actforge/fitness/task.hpp"
#include "actforge/nn/network.hpp"
#include "actforge/nn/trainer.hpp"

#include <span>
#include <vector>

namespace actforge::fitness {

// The task's MLP, or its CNN when it has convolution blocks, with the dense
// hidden sizes `hidden` and one spec per activation layer (or one for all).
[[nodiscard]] nn::Network build_network(const Task& task, const std::vector<std::size_t>& hidden,
                                        std::span<const nn::ActivationSpec> specs, Rng& rng);

// The task's training settings with the architecture's learning rate and
// the minibatch-order seed.
[[nodiscard]] nn::TrainConfig training_config(const TaskSpec& spec, const Architecture& architecture,
                                              std::uint64_t seed);

} // namespace actforge::fitness
