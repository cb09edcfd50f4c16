#include "actforge/fitness/task_json.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>

namespace actforge::fitness {
namespace {

std::string_view optimizer_name(nn::OptimizerKind k) {
    switch (k) {
    case nn::OptimizerKind::Sgd: return "sgd";
    case nn::OptimizerKind::Adam: return "adam";
    case nn::OptimizerKind::AdamW: return "adamw";
    }
    return "adam";
}

nn::OptimizerKind optimizer_from(const std::string& s) {
    if (s == "sgd") return nn::OptimizerKind::Sgd;
    if (s == "adam") return nn::OptimizerKind::Adam;
    if (s == "adamw") return nn::OptimizerKind::AdamW;
    throw Error(fmt::format("task: unknown optimizer '{}'", s));
}

} // namespace

nlohmann::json task_spec_to_json(const TaskSpec& s) {
    return {{"dataset", s.dataset},
            {"label_column", s.label_column},
            {"train_size", s.train_size},
            {"val_size", s.val_size},
            {"hidden", s.hidden},
            {"conv_channels", s.conv_channels},
            {"epochs", s.training.epochs},
            {"batch", s.training.batch_size},
            {"optimizer", optimizer_name(s.training.optimizer)},
            {"lr", s.training.lr},
            {"per_neuron", s.sharing == nn::ParamSharing::PerNeuron},
            // What a conv "neuron" is for per-neuron parameters.
            {"conv_param_unit", "channel"},
            {"time_limit", s.training.max_seconds},
            {"init", nn::to_string(s.init)},
            {"data_seed", s.data_seed}};
}

TaskSpec task_spec_from_json(const nlohmann::json& j) {
    try {
        TaskSpec s = task_preset("fashion-mnist");
        const std::string dataset = j.at("dataset").get<std::string>();
        if (!dataset.starts_with("csv:")) s = task_preset(dataset);
        s.dataset = dataset;
        s.label_column = j.at("label_column").get<std::string>();
        s.train_size = j.at("train_size").get<std::size_t>();
        s.val_size = j.at("val_size").get<std::size_t>();
        s.hidden = j.at("hidden").get<std::vector<std::size_t>>();
        s.conv_channels = j.value("conv_channels", std::vector<std::size_t>{});
        s.training.epochs = j.at("epochs").get<std::size_t>();
        s.training.batch_size = j.at("batch").get<std::size_t>();
        s.training.optimizer = optimizer_from(j.at("optimizer").get<std::string>());
        s.training.lr = j.at("lr").get<float>();
        s.sharing = j.at("per_neuron").get<bool>() ? nn::ParamSharing::PerNeuron : nn::ParamSharing::PerLayer;
        if (s.sharing == nn::ParamSharing::PerNeuron && !s.conv_channels.empty() &&
            j.value("conv_param_unit", std::string("pixel")) != "channel") {
            // Earlier versions kept one value per feature-map element; their
            // scores cannot be reproduced or extended now.
            throw Error("this task has per-neuron parameters on convolutions, one per pixel as earlier versions "
                        "trained them; they are now one per channel: start a new campaign");
        }
        s.training.max_seconds = j.at("time_limit").get<double>();
        s.init = nn::init_from_string(j.at("init").get<std::string>());
        s.data_seed = j.at("data_seed").get<std::uint64_t>();
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("task description: {}", e.what()));
    }
}

} // namespace actforge::fitness
