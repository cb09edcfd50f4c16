#include "resume_settings.hpp"

#include "actforge/evolution/campaign/campaign_folder.hpp"

#include <array>
#include <string_view>

namespace actforge::cli {
namespace {

struct Decider {
    std::string_view path; // a setting, or a group of them ("rl")
    std::array<std::string_view, 2> flags;
};

// The flags that decide each setting; empty: no flag does. A derived setting
// (elites from --strategy and --population, the task's fields from --task's
// preset) lists its own flag only: what it derives from is compared on its
// own, so a folder of another strategy or task is refused there.
// clang-format off
constexpr std::array kDeciders{
    Decider{"strategy", {"strategy"}},         Decider{"population", {"population"}},
    Decider{"islands", {"islands"}},           Decider{"elites", {"elites"}},
    Decider{"primitives", {"primitives"}},     Decider{"max_nodes", {"max-nodes"}},
    Decider{"max_params", {"max-params"}},     Decider{"seed", {"seed"}},
    Decider{"seed_formulas", {"seed-formulas"}}, Decider{"hall_of_fame_size", {"hall-of-fame"}},
    Decider{"per_layer", {"per-layer"}},       Decider{"codesign", {"codesign"}},
    Decider{"architecture.min_layers", {"depth"}}, Decider{"architecture.max_layers", {"depth"}},
    Decider{"architecture.widths", {"widths"}}, Decider{"architecture.min_lr", {"lr-range"}},
    Decider{"architecture.max_lr", {"lr-range"}}, Decider{"cost", {"cost"}},
    Decider{"cost_weight", {"cost-weight"}},   Decider{"rungs", {"rungs"}},
    Decider{"eta", {"eta"}},                   Decider{"eval_seeds", {"eval-seeds"}},
    Decider{"verify_seeds", {"verify-seeds"}}, Decider{"verify_top", {"verify-top"}},
    Decider{"baselines", {"baselines"}},
    Decider{"rl.core_units", {"core-units"}},  Decider{"rl.learning_rate", {"rl-lr"}},
    Decider{"rl.entropy_weight", {"rl-entropy"}}, Decider{"rl.ppo_epochs", {"ppo-epochs"}},
    Decider{"rl", {}},                         Decider{"crossover_rate", {}},
    Decider{"tournament_size", {}},            Decider{"migrants", {}},
    Decider{"migration_interval", {}},         Decider{"max_depth", {}},
    Decider{"task.dataset", {"task"}},         Decider{"task_names", {"task"}},
    Decider{"more_tasks", {"task"}},           Decider{"task.label_column", {"label-column"}},
    Decider{"task.train_size", {"train"}},     Decider{"task.val_size", {"val"}},
    Decider{"task.epochs", {"epochs"}},        Decider{"task.hidden", {"hidden"}},
    Decider{"task.conv_channels", {"conv"}},   Decider{"task.cell", {"rnn"}},
    Decider{"task.steps", {"steps", "rnn"}},   Decider{"task.batch", {"batch"}},
    Decider{"task.optimizer", {"optimizer"}},  Decider{"task.lr", {"lr"}},
    Decider{"task.per_neuron", {"per-neuron"}}, Decider{"task.time_limit", {"time-limit"}},
    Decider{"task.data_seed", {"data-seed"}},  Decider{"task.init", {"init"}},
    Decider{"task.clip_norm", {"rnn"}},        Decider{"task.conv_param_unit", {}},
};
// clang-format on

bool given(std::string_view flag, const po::variables_map& vm) {
    const auto it = vm.find(std::string(flag));
    return it != vm.end() && !it->second.defaulted();
}

} // namespace

bool left_to_default(const std::string& path, const po::variables_map& vm) {
    const Decider* best = nullptr;
    for (const Decider& d : kDeciders) {
        const bool covers = path == d.path || (path.starts_with(d.path) && path[d.path.size()] == '.');
        if (covers && (best == nullptr || d.path.size() > best->path.size())) best = &d;
    }
    if (best == nullptr) return false;
    for (std::string_view flag : best->flags) {
        if (!flag.empty() && given(flag, vm)) return false;
    }
    return true;
}

std::vector<std::string> adopt_folder_settings(const po::variables_map& vm, CampaignRequest& request) {
    const std::optional<evolution::CampaignConfig> saved =
        evolution::CampaignFolder::started_config(vm["out"].as<std::string>());
    if (!saved) return {};
    std::vector<std::string> adopted;
    request.config = evolution::resume_settings(
        *saved, request.config, [&](const std::string& path) { return left_to_default(path, vm); }, adopted);
    return adopted;
}

} // namespace actforge::cli
