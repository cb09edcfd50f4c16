#include "actforge/fitness/task_json.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"

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
    nlohmann::json j{{"dataset", s.dataset},
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
    // Written only when set, so that every earlier task keeps its JSON (and
    // with it its fingerprint).
    if (s.cell) {
        j["cell"] = nn::to_string(*s.cell);
        j["steps"] = s.steps;
    }
    if (s.training.clip_norm > 0.0f) j["clip_norm"] = s.training.clip_norm;
    return j;
}

TaskSpec task_spec_from_json(const nlohmann::json& j) {
    try {
        TaskSpec s = task_preset("fashion-mnist");
        const std::string dataset = j.at("dataset").get<std::string>();
        if (!dataset.starts_with("csv:")) s = task_preset(dataset);
        s.dataset = dataset;
        s.label_column = j.at("label_column").get<std::string>();
        s.train_size = json_number<std::size_t>(j.at("train_size"));
        s.val_size = json_number<std::size_t>(j.at("val_size"));
        s.hidden = json_numbers<std::size_t>(j.at("hidden"));
        s.conv_channels =
            j.contains("conv_channels") ? json_numbers<std::size_t>(j.at("conv_channels")) : std::vector<std::size_t>{};
        s.training.epochs = json_number<std::size_t>(j.at("epochs"));
        s.training.batch_size = json_number<std::size_t>(j.at("batch"));
        s.training.optimizer = optimizer_from(j.at("optimizer").get<std::string>());
        s.training.lr = json_number<float>(j.at("lr"));
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
        s.data_seed = json_number<std::uint64_t>(j.at("data_seed"));
        s.cell.reset();
        if (j.contains("cell")) s.cell = nn::cell_from_string(j.at("cell").get<std::string>());
        s.steps = j.contains("steps") ? json_number<std::size_t>(j.at("steps")) : 0;
        drop_declared_steps(s); // a folder written with --steps 28 reads as the default it is
        s.training.clip_norm = j.contains("clip_norm") ? json_number<float>(j.at("clip_norm")) : 0.0f;
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("task description: {}", e.what()));
    }
}

} // namespace actforge::fitness
