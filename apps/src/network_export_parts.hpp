#pragma once
// Pieces shared by the PyTorch network exports (network_export.cpp for the
// MLP and CNN, recurrent_export.cpp for recurrent networks).
#include "network_export.hpp"

#include <string>
#include <string_view>

namespace actforge::cli {

// Name of the activation module class for hidden activation layer l.
[[nodiscard]] std::string activation_class(const CandidateExport& c, std::size_t l);

// nn/init.hpp's weight bound as a Python expression of `fan_in` and of the
// Python expression `fan_out` (which only Xavier reads).
[[nodiscard]] std::string weight_bound_code(nn::Init init, std::string_view fan_out);

// Re-initialises the Linear and Conv2d layers of `net` as the scores
// assumed, unless that is PyTorch's own default. An activation's merit
// depends on it: a bounded function with a gain above 1 can win under one
// scheme and lose under another.
[[nodiscard]] std::string init_code(nn::Init init);

// What every network export ends with: the training recipe the candidate
// was scored with (LEARNING_RATE, EPOCHS, BATCH_SIZE, SCHEDULE, INIT,
// CLIP_NORM when clipped) and make_optimizer / make_scheduler.
[[nodiscard]] std::string training_constants(const CandidateExport& c);

// build_network(in_features, num_classes, steps) for a recurrent candidate:
// a Recurrent module that runs the cell step by step with the exported
// Activation, then the dense head.
[[nodiscard]] std::string pytorch_recurrent_network(const CandidateExport& c);

} // namespace actforge::cli
