#include "actforge/evolution/campaign/old_formats.hpp"

namespace actforge::evolution {
namespace {

void fill(nlohmann::json& j, const char* field, const nlohmann::json& value) {
    if (j.is_object() && !j.contains(field)) j[field] = value;
}

} // namespace

void upgrade_config(nlohmann::json& config) {
    fill(config, "strategy", "ga");
    fill(config, "per_layer", false);
    fill(config, "codesign", false);
    fill(config, "cost", "params");
    fill(config, "cost_weight", 0.0);
    fill(config, "rungs", 1);
    fill(config, "eta", 3);
    fill(config, "eval_seeds", 1);
    // Campaigns from before verification keep their meaning: none.
    fill(config, "verify_seeds", 0);
    fill(config, "verify_top", 5);
    fill(config, "baselines", {"relu", "swish", "gelu", "selu", "tanh"});
    // Weights were initialised He-uniform before the scheme was a setting.
    if (config.contains("task")) fill(config["task"], "init", "he");
}

void upgrade_candidate(nlohmann::json& candidate) {
    fill(candidate, "budget", 1.0);
    fill(candidate, "cost", 0.0);
    fill(candidate, "penalty", 0.0);
}

void upgrade_hall_of_fame(nlohmann::json& hall) {
    if (hall.is_array()) hall = nlohmann::json{{"entries", hall}};
}

void upgrade_checkpoint(nlohmann::json& checkpoint) {
    if (!checkpoint.is_object()) return;
    if (checkpoint.value("format", "") == "actforge-checkpoint-1") checkpoint["format"] = "actforge-checkpoint-2";
    // Before multi-fidelity every candidate was trained once.
    if (checkpoint.contains("evaluations")) fill(checkpoint, "candidates", checkpoint["evaluations"]);
    fill(checkpoint, "verifications", 0);
    fill(checkpoint, "baselines", nlohmann::json::array());
    if (!checkpoint.contains("strategy_state")) {
        checkpoint["strategy"] = "ga";
        checkpoint["strategy_state"] = {{"islands", checkpoint.value("islands", nlohmann::json::array())}};
    }
    checkpoint.erase("islands");
}

void upgrade_log_line(nlohmann::json& line) {
    fill(line, "rung", 0);
    fill(line, "replica", 0);
}

} // namespace actforge::evolution
