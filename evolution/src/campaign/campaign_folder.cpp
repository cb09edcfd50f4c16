#include "actforge/evolution/campaign/campaign_folder.hpp"

#include "actforge/core/atomic_file.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/json_file.hpp"
#include "actforge/evolution/plots/function_curves.hpp"

#include <fmt/format.h>

namespace actforge::evolution {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kUntouched = "; the folder was left as it is";

nlohmann::json read_json(const fs::path& file, const char* what) { return read_json_file(file, what, kUntouched); }

CampaignState read_checkpoint(const fs::path& file, const CampaignConfig& config) {
    const nlohmann::json j = read_json(file, "checkpoint");
    try {
        return campaign_state_from_json(j, config.hall_of_fame_size);
    } catch (const Error& e) {
        throw Error(
            fmt::format("checkpoint '{}' is corrupt ({}); the folder was left as it is", file.string(), e.what()));
    }
}

// A campaign that failed to start (a task that did not load, say) trained
// nothing: the corrected command may take its folder over.
bool started(const fs::path& dir) {
    const fs::path log = dir / "evaluations.jsonl";
    return fs::exists(dir / "checkpoint.json") || (fs::exists(log) && fs::file_size(log) > 0);
}

} // namespace

std::optional<CampaignConfig> CampaignFolder::started_config(const fs::path& dir) {
    if (!fs::is_directory(dir) || !fs::exists(dir / "config.json") || !started(dir)) return std::nullopt;
    try {
        return campaign_config_from_json(read_json(dir / "config.json", "campaign config"));
    } catch (const Error&) {
        return std::nullopt;
    }
}

CampaignFolder CampaignFolder::open(const fs::path& dir, const CampaignConfig& requested) {
    requested.validate();
    CampaignFolder folder;
    folder.dir_ = dir;
    folder.config_ = requested;
    const fs::path config_file = dir / "config.json";
    if (fs::exists(dir) && !fs::is_directory(dir)) {
        throw Error(fmt::format("'{}' exists and is not a folder; choose another --out", dir.string()));
    }
    const bool fresh = !fs::exists(dir) || (fs::is_empty(dir));
    if (!fresh) {
        if (!fs::exists(config_file)) {
            throw Error(fmt::format("'{}' is not empty and holds no campaign (no config.json); choose another --out",
                                    dir.string()));
        }
        CampaignConfig saved;
        try {
            saved = campaign_config_from_json(read_json(config_file, "campaign config"));
        } catch (const Error& e) {
            throw Error(fmt::format("{}; the folder was left as it is", e.what()));
        }
        if (const std::string diff = resume_mismatch(saved, requested); !diff.empty() && started(dir)) {
            throw Error(fmt::format("'{}' holds a different campaign: {}; resume it with the same settings or "
                                    "choose another --out",
                                    dir.string(), diff));
        }
        if (fs::exists(dir / "checkpoint.json")) folder.checkpoint_ = read_checkpoint(dir / "checkpoint.json", saved);
    }
    fs::create_directories(dir);
    write_file_atomically(config_file, to_json(requested).dump(2) + "\n");
    return folder;
}

CampaignFolder CampaignFolder::read(const fs::path& dir) {
    if (!fs::is_directory(dir)) throw Error(fmt::format("'{}' is not a campaign folder", dir.string()));
    const fs::path config_file = dir / "config.json";
    if (!fs::exists(config_file)) throw Error(fmt::format("'{}' holds no campaign (no config.json)", dir.string()));
    CampaignFolder folder;
    folder.dir_ = dir;
    folder.config_ = campaign_config_from_json(read_json(config_file, "campaign config"));
    if (!fs::exists(dir / "checkpoint.json")) {
        throw Error(fmt::format("'{}' has no completed generation yet (no checkpoint.json)", dir.string()));
    }
    folder.checkpoint_ = read_checkpoint(dir / "checkpoint.json", folder.config_);
    return folder;
}

void CampaignFolder::save(const CampaignState& state, const std::vector<std::pair<std::string, std::string>>& extra) {
    for (const auto& [name, contents] : extra) write_file_atomically(dir_ / name, contents);
    nlohmann::json hall = state.hall_of_fame.to_json();
    hall["init"] = nn::to_string(config_.task.init); // the weight initialisation every score assumes
    hall["baselines"] = baselines_to_json(state.baselines);
    write_file_atomically(dir_ / "hall_of_fame.json", hall.dump(2) + "\n");
    write_file_atomically(dir_ / "hall_of_fame.csv", state.hall_of_fame.to_csv(config_.task_names));
    write_file_atomically(dir_ / "pareto_front.csv", state.hall_of_fame.pareto_csv(config_.task_names));
    const std::string title =
        config_.multi_task()
            ? fmt::format("mean validation gain over ReLU on {} — generation {}", fmt::join(config_.task_names, ", "),
                          state.generation)
            : fmt::format("validation accuracy, {} — generation {}", config_.task.dataset, state.generation);
    write_file_atomically(dir_ / "fitness.svg", fitness_plot_svg(state.history, title));
    // The first hidden layer's function of the top three, at its learned values.
    std::vector<Curve> curves = top_candidate_curves(state.hall_of_fame.entries(), 3);
    curves.push_back(reference_curve("ReLU", "relu(x)"));
    curves.push_back(reference_curve("Swish", "swish(x)"));
    write_file_atomically(dir_ / "functions.svg", functions_plot_svg(curves, "top candidates (learned parameters)"));
    // Last: the checkpoint is the commit point, so a kill before it leaves a
    // generation that a resume repeats, writing these files again.
    write_file_atomically(dir_ / "checkpoint.json", to_json(state).dump() + "\n");
}

} // namespace actforge::evolution
