#include "actforge/evolution/campaign/campaign_config.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"
#include "actforge/evolution/campaign/old_formats.hpp"
#include "actforge/evolution/campaign/verification.hpp"
#include "actforge/expr/tree.hpp"
#include "actforge/fitness/task_json.hpp"

#include <cmath>
#include <fmt/format.h>
#include <utility>

namespace actforge::evolution {

std::string_view to_string(CostKind k) noexcept { return k == CostKind::Parameters ? "params" : "madds"; }

CostKind cost_kind_from_string(std::string_view s) {
    if (s == "params") return CostKind::Parameters;
    if (s == "madds") return CostKind::MultiplyAdds;
    throw Error(fmt::format("--cost: unknown '{}' (choose params or madds)", s));
}

namespace {

// Every strategy with its name, in the order --strategy lists them.
constexpr std::pair<StrategyKind, std::string_view> kStrategies[] = {
    {StrategyKind::GeneticAlgorithm, "ga"},
    {StrategyKind::RegularizedEvolution, "regularized"},
    {StrategyKind::RandomSearch, "random"},
    {StrategyKind::RlController, "rl"},
    {StrategyKind::Darts, "darts"},
};

} // namespace

std::string_view to_string(StrategyKind k) noexcept {
    for (const auto& [kind, name] : kStrategies) {
        if (kind == k) return name;
    }
    return "";
}

StrategyKind strategy_kind_from_string(std::string_view s) {
    std::vector<std::string_view> names;
    for (const auto& [kind, name] : kStrategies) {
        if (name == s) return kind;
        // darts names the campaigns `actforge darts` writes, not a choice of discover.
        if (kind != StrategyKind::Darts) names.push_back(name);
    }
    throw Error(fmt::format("--strategy: unknown '{}' (choose {})", s, fmt::join(names, ", ")));
}

double CampaignConfig::rung_budget(std::size_t r) const {
    return std::pow(static_cast<double>(eta), -static_cast<double>(rungs - 1 - r));
}

std::vector<fitness::TaskSpec> CampaignConfig::tasks() const {
    std::vector<fitness::TaskSpec> out{task};
    out.insert(out.end(), more_tasks.begin(), more_tasks.end());
    return out;
}

void CampaignConfig::validate() const {
    if (multi_task() && task_names.size() != 1 + more_tasks.size())
        throw Error("multi-task fitness: one name per task");
    if (multi_task() && codesign) {
        throw Error("--codesign works with one task: the tasks' networks differ, and an evolved architecture "
                    "belongs to one of them");
    }
    for (const auto& t : more_tasks) {
        const auto layers = [](const fitness::TaskSpec& s) { return s.conv_channels.size() + s.hidden.size(); };
        if (per_layer && layers(t) != layers(task)) {
            throw Error(fmt::format("--per-layer with several tasks needs the same number of hidden layers in each "
                                    "({} has {}, {} has {})",
                                    task_names.front(), layers(task), task_names.at(1 + (&t - more_tasks.data())),
                                    layers(t)));
        }
    }
    if (islands == 0) throw Error("--islands must be at least 1");
    rl.validate();
    if (strategy == StrategyKind::RlController) {
        // The controller samples one core-unit formula for the task's network.
        if (per_layer) throw Error("--per-layer applies to --strategy ga, regularized and random, not rl");
        if (codesign) throw Error("--codesign applies to --strategy ga, regularized and random, not rl");
        if (!seed_formulas.empty()) {
            throw Error("--seed-formulas applies to --strategy ga, regularized and random: the RL controller "
                        "samples core-unit formulas only");
        }
    }
    if (strategy != StrategyKind::GeneticAlgorithm && islands != 1) {
        throw Error(fmt::format("--islands applies to --strategy ga, not {}", to_string(strategy)));
    }
    if (strategy == StrategyKind::Darts && seed_formulas.empty()) {
        throw Error("a differentiable search's campaign needs its candidates as seed formulas");
    }
    if (strategy != StrategyKind::Darts && population < 2 * islands) {
        throw Error(
            fmt::format("--population {} is too small for {} island(s): at least 2 per island", population, islands));
    }
    if (elites >= population / islands) throw Error("elites must be fewer than the individuals of an island");
    if (tournament_size == 0) throw Error("the tournament size must be at least 1");
    if (limits.max_nodes < 2 || limits.max_nodes > expr::kMaxTreeNodes) {
        throw Error(fmt::format("--max-nodes must be from 2 to {}", expr::kMaxTreeNodes));
    }
    if (limits.max_params > expr::kMaxParameters) {
        throw Error(fmt::format("--max-params must be at most {}", expr::kMaxParameters));
    }
    if (limits.max_depth < 2) throw Error("the maximum depth must be at least 2");
    if (generations == 0) throw Error("--generations must be at least 1");
    if (crossover_rate < 0 || crossover_rate > 1) throw Error("the crossover rate must be in [0, 1]");
    if (hall_of_fame_size == 0) throw Error("the hall of fame must hold at least 1 candidate");
    if (codesign) architecture.validate();
    if (!(cost_weight >= 0 && std::isfinite(cost_weight))) throw Error("--cost-weight must be 0 or more");
    if (rungs == 0 || rungs > 6) throw Error("--rungs must be from 1 (no multi-fidelity) to 6");
    if (eta < 2 || eta > 10) throw Error("--eta must be from 2 to 10");
    if (eval_seeds == 0 || eval_seeds > 32) throw Error("--eval-seeds must be from 1 to 32");
    if (verify_seeds == 1 || verify_seeds > 64) throw Error("--verify-seeds must be 0 (off) or from 2 to 64");
    if (verify_seeds > 0 && verify_top == 0) throw Error("--verify-top must be at least 1");
    if (verify_seeds > 0 && baselines.empty()) throw Error("--baselines: give at least one baseline");
    require_baselines(baselines);
}

nlohmann::json to_json(const CampaignConfig& c) {
    nlohmann::json more = nlohmann::json::array();
    for (const auto& t : c.more_tasks) more.push_back(fitness::task_spec_to_json(t));
    return {{"task", fitness::task_spec_to_json(c.task)},
            {"more_tasks", std::move(more)},
            {"task_names", c.task_names},
            {"strategy", to_string(c.strategy)},
            {"rl", to_json(c.rl)},
            {"population", c.population},
            {"islands", c.islands},
            {"migration_interval", c.migration_interval},
            {"migrants", c.migrants},
            {"primitives", c.primitives},
            {"max_nodes", c.limits.max_nodes},
            {"max_depth", c.limits.max_depth},
            {"max_params", c.limits.max_params},
            {"seed", c.seed},
            {"seed_formulas", c.seed_formulas},
            {"tournament_size", c.tournament_size},
            {"elites", c.elites},
            {"crossover_rate", c.crossover_rate},
            {"hall_of_fame_size", c.hall_of_fame_size},
            {"per_layer", c.per_layer},
            {"codesign", c.codesign},
            {"architecture", to_json(c.architecture)},
            {"cost", to_string(c.cost)},
            {"cost_weight", c.cost_weight},
            {"rungs", c.rungs},
            {"eta", c.eta},
            {"eval_seeds", c.eval_seeds},
            {"verify_seeds", c.verify_seeds},
            {"verify_top", c.verify_top},
            {"baselines", c.baselines},
            {"generations", c.generations},
            {"time_budget_seconds", c.time_budget_seconds},
            {"max_evaluations", c.max_evaluations}};
}

CampaignConfig campaign_config_from_json(const nlohmann::json& saved) {
    nlohmann::json j = saved;
    upgrade_config(j);
    try {
        CampaignConfig c;
        c.task = fitness::task_spec_from_json(j.at("task"));
        // Absent before multi-task fitness: one task.
        for (const auto& t : j.value("more_tasks", nlohmann::json::array()))
            c.more_tasks.push_back(fitness::task_spec_from_json(t));
        c.task_names = j.value("task_names", std::vector<std::string>{});
        c.strategy = strategy_kind_from_string(j.at("strategy").get<std::string>());
        // Absent before the RL controller: its defaults.
        c.rl = rl_settings_from_json(j.value("rl", nlohmann::json::object()));
        c.population = json_number<std::size_t>(j.at("population"));
        c.islands = json_number<std::size_t>(j.at("islands"));
        c.migration_interval = json_number<std::size_t>(j.at("migration_interval"));
        c.migrants = json_number<std::size_t>(j.at("migrants"));
        c.primitives = j.at("primitives").get<std::string>();
        c.limits.max_nodes = json_number<std::size_t>(j.at("max_nodes"));
        c.limits.max_depth = json_number<std::size_t>(j.at("max_depth"));
        c.limits.max_params = json_number<std::size_t>(j.at("max_params"));
        c.seed = json_number<std::uint64_t>(j.at("seed"));
        c.seed_formulas = j.at("seed_formulas").get<std::vector<std::string>>();
        c.tournament_size = json_number<std::size_t>(j.at("tournament_size"));
        c.elites = json_number<std::size_t>(j.at("elites"));
        c.crossover_rate = j.at("crossover_rate").get<double>();
        c.hall_of_fame_size = json_number<std::size_t>(j.at("hall_of_fame_size"));
        c.per_layer = j.at("per_layer").get<bool>();
        c.codesign = j.at("codesign").get<bool>();
        if (j.contains("architecture")) c.architecture = architecture_space_from_json(j["architecture"]);
        c.cost = cost_kind_from_string(j.at("cost").get<std::string>());
        c.cost_weight = j.at("cost_weight").get<double>();
        c.rungs = json_number<std::size_t>(j.at("rungs"));
        c.eta = json_number<std::size_t>(j.at("eta"));
        c.eval_seeds = json_number<std::size_t>(j.at("eval_seeds"));
        c.verify_seeds = json_number<std::size_t>(j.at("verify_seeds"));
        c.verify_top = json_number<std::size_t>(j.at("verify_top"));
        c.baselines = j.at("baselines").get<std::vector<std::string>>();
        c.generations = json_number<std::size_t>(j.at("generations"));
        c.time_budget_seconds = j.at("time_budget_seconds").get<double>();
        c.max_evaluations = json_number<std::size_t>(j.at("max_evaluations"));
        return c;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("campaign config: {}", e.what()));
    }
}

namespace {

// The settings a resumed campaign may change: when it stops.
constexpr const char* kStoppingRules[] = {"generations", "time_budget_seconds", "max_evaluations"};

} // namespace

std::string resume_mismatch(const CampaignConfig& saved, const CampaignConfig& requested) {
    // Named first: the checkpoint holds that strategy's state, which no other can continue.
    if (saved.strategy != requested.strategy) {
        return fmt::format("its search strategy is {}, not {} (--strategy {} resumes it)", to_string(saved.strategy),
                           to_string(requested.strategy), to_string(saved.strategy));
    }
    nlohmann::json a = to_json(saved);
    nlohmann::json b = to_json(requested);
    for (const char* stopping : kStoppingRules) {
        a.erase(stopping);
        b.erase(stopping);
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!b.contains(it.key()) || b[it.key()] != it.value()) {
            return fmt::format("{} is {} in the folder but {} now", it.key(), it.value().dump(),
                               b.contains(it.key()) ? b[it.key()].dump() : "missing");
        }
    }
    return {};
}

namespace {

// Leaf by leaf (arrays are leaves): where `adoptable` accepts the path and
// `saved` differs, the saved value.
void adopt_saved(const nlohmann::json& saved, nlohmann::json& requested, const std::string& path,
                 const std::function<bool(const std::string&)>& adoptable, std::vector<std::string>& adopted) {
    if (requested.is_object() && saved.is_object()) {
        for (auto it = requested.begin(); it != requested.end(); ++it) {
            if (!saved.contains(it.key())) continue;
            adopt_saved(saved[it.key()], it.value(), path.empty() ? it.key() : path + "." + it.key(), adoptable,
                        adopted);
        }
        return;
    }
    if (requested != saved && adoptable(path)) {
        requested = saved;
        adopted.push_back(fmt::format("{} = {}", path, saved.dump()));
    }
}

} // namespace

CampaignConfig resume_settings(const CampaignConfig& saved, const CampaignConfig& requested,
                               const std::function<bool(const std::string&)>& adoptable,
                               std::vector<std::string>& adopted) {
    nlohmann::json merged = to_json(requested);
    nlohmann::json old = to_json(saved);
    for (const char* stopping : kStoppingRules) old.erase(stopping);
    adopt_saved(old, merged, "", adoptable, adopted);
    return campaign_config_from_json(merged);
}

} // namespace actforge::evolution
