#pragma once
// Everything that defines a discovery campaign. Two runs with equal configs
// produce the same hall of fame, whatever the thread count; a campaign
// folder holds its config, and resuming requires the same one (only the
// stopping rules may change).
#include "actforge/evolution/genome/architecture_space.hpp"
#include "actforge/evolution/genome/tree_limits.hpp"
#include "actforge/evolution/strategies/rl_settings.hpp"
#include "actforge/fitness/task.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace actforge::evolution {

// What a cost term counts: the network's weights, or its multiply-adds per
// example (proportional to training time, and deterministic where a
// measured time is not).
enum class CostKind { Parameters, MultiplyAdds };
[[nodiscard]] std::string_view to_string(CostKind k) noexcept;
// Throws actforge::Error listing the choices.
[[nodiscard]] CostKind cost_kind_from_string(std::string_view s);

// How a campaign proposes candidates (strategies/strategy.hpp): the island
// genetic algorithm, regularized (aging) evolution, or random search. The
// spelling of each is its Strategy::name(), recorded in the checkpoint.
// Darts: the discretised candidates of `actforge darts` (its seed formulas),
// evaluated once; not a choice of discover.
enum class StrategyKind { GeneticAlgorithm, RegularizedEvolution, RandomSearch, RlController, Darts };
[[nodiscard]] std::string_view to_string(StrategyKind k) noexcept;
// Throws actforge::Error listing the choices.
[[nodiscard]] StrategyKind strategy_kind_from_string(std::string_view s);

struct CampaignConfig {
    fitness::TaskSpec task;
    // Multi-task fitness (--task A,B,...): the other tasks every candidate
    // is also trained on; its fitness is then the mean over all tasks of
    // (accuracy - ReLU's accuracy). Empty = one task.
    std::vector<fitness::TaskSpec> more_tasks;
    // With more_tasks: the name of every task, `task` first, as the user
    // gave it (the hall of fame's per-task columns).
    std::vector<std::string> task_names;
    // Islands, migration, elites and the crossover rate belong to the
    // genetic algorithm; the other strategies need one island.
    StrategyKind strategy = StrategyKind::GeneticAlgorithm;
    RlSettings rl; // the RL controller's (--strategy rl)
    std::size_t population = 32; // per campaign, split evenly over the islands
    std::size_t islands = 1;
    std::size_t migration_interval = 5; // generations between migrations
    std::size_t migrants = 2;           // best of each island copied to the next (ring)
    std::string primitives;             // comma-separated; empty = PrimitiveSet::default_set()
    TreeLimits limits;
    std::uint64_t seed = 1;
    std::vector<std::string> seed_formulas;
    std::size_t tournament_size = 3;
    std::size_t elites = 2; // per island, copied unchanged
    double crossover_rate = 0.3;
    std::size_t hall_of_fame_size = 20;
    // One function per hidden layer instead of one shared by all.
    bool per_layer = false;
    // Co-design: depth, widths and learning rate evolve with the functions.
    bool codesign = false;
    ArchitectureSpace architecture;
    // Fitness = accuracy - cost_weight * cost / (cost of the task's own
    // network); the hall of fame also keeps the Pareto front of accuracy
    // against cost whatever the weight.
    CostKind cost = CostKind::Parameters;
    double cost_weight = 0.0;
    // Multi-fidelity by successive halving: new candidates are trained on
    // 1/eta^(rungs-1) of the budget, the best 1/eta of them promoted to eta
    // times more, and so on up to the full budget. rungs = 1 turns it off.
    std::size_t rungs = 1;
    std::size_t eta = 3;
    // Noise-aware fitness: a full-budget score is the mean of this many
    // trainings, each with its own seed from (campaign seed, key, replica);
    // lower rungs train once.
    std::size_t eval_seeds = 1;
    // Verified hall of fame: the best `verify_top` candidates by search rank
    // are retrained with `verify_seeds` seeds (the same for all), and so are
    // the baselines, once per network; 0 seeds = no verification (discover
    // turns it on: --verify-seeds 5).
    std::size_t verify_seeds = 0;
    std::size_t verify_top = 5;
    std::vector<std::string> baselines{"relu", "swish", "gelu", "selu", "tanh"};
    // Stopping rules: they may change when a campaign is resumed.
    std::size_t generations = 10;
    double time_budget_seconds = 0.0; // 0 = none
    std::size_t max_evaluations = 0;  // 0 = none

    // Validates the numbers; throws actforge::Error saying which is wrong.
    void validate() const;
    // `task`, then more_tasks.
    [[nodiscard]] std::vector<fitness::TaskSpec> tasks() const;
    [[nodiscard]] bool multi_task() const noexcept { return !more_tasks.empty(); }
    // The fraction of the full budget at rung r (0 <= r < rungs).
    [[nodiscard]] double rung_budget(std::size_t r) const;
};

[[nodiscard]] nlohmann::json to_json(const CampaignConfig& c);
[[nodiscard]] CampaignConfig campaign_config_from_json(const nlohmann::json& j);

// The parts of two configs that must agree for one to resume the other:
// an empty string when they agree, else a description of the first difference.
[[nodiscard]] std::string resume_mismatch(const CampaignConfig& saved, const CampaignConfig& requested);

// The config a command resumes a folder with: `requested`, except for the
// settings `adoptable` accepts (by their path in the config's JSON:
// "population", "rl.entropy_weight", "task.hidden") where the folder saved
// another value: those are the folder's (a default changed since the
// campaign began, or a flag not repeated), each named in `adopted` as
// "path = value". Arrays are single settings. The stopping rules
// (generations, time budget, maximum evaluations) are never adopted.
[[nodiscard]] CampaignConfig resume_settings(const CampaignConfig& saved, const CampaignConfig& requested,
                                             const std::function<bool(const std::string&)>& adoptable,
                                             std::vector<std::string>& adopted);

} // namespace actforge::evolution
