#pragma once
// A campaign candidate exported whole: each layer's function and, for
// PyTorch, the network it was scored in.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/nn/trainer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace actforge::cli {

// `layers` are the candidate's functions (one shared, or one per hidden
// layer) with the parameter values to export; `hidden` and `learning_rate`
// its architecture (the task's when it has no architecture gene).
struct CandidateExport {
    std::vector<expr::Tree> layers;
    bool own_architecture = false; // a co-design candidate
    std::vector<std::size_t> conv_channels;
    std::vector<std::size_t> hidden;
    // A recurrent network (then hidden[0] is the cell's state): the cell,
    // and the steps a row is read as when the task declares them (else 0).
    std::optional<nn::CellKind> cell;
    std::size_t steps = 0;
    float learning_rate = 0;
    float clip_norm = 0; // the task's gradient clipping; 0 = none
    nn::Init init = nn::Init::He; // the weight initialisation the scores assume
    nn::TrainConfig training;     // epochs, batch size, optimizer and schedule (lr: learning_rate)
};

[[nodiscard]] CandidateExport candidate_export(const evolution::Individual& e, const evolution::CampaignConfig& c,
                                               bool initial_parameters);

// The candidate in `format`. PyTorch gets the activation classes plus
// build_network(...) returning the scored network as a torch.nn.Sequential
// and its training recipe; the other formats give one function per layer,
// and json is the plain tree for one function on the task's network, else
// {"conv_channels", "hidden", "lr", "layers": [trees]}, with "cell" and
// "steps" for a recurrent network.
[[nodiscard]] std::string print_candidate(const CandidateExport& c, expr::Format format);

} // namespace actforge::cli
