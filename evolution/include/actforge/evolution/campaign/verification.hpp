#pragma once
// Retraining candidates and baselines with several seeds and comparing
// them: what `replay` does on the test split.
//
// A candidate trained on its own (co-designed) architecture is compared
// with ReLU on the task's network and with ReLU on that same architecture,
// so a win by a larger network never reads as a win of the function.
#include "actforge/core/stats.hpp"
#include "actforge/evolution/backends/evaluation_backend.hpp"
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/fitness/task.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace actforge::evolution {

// Throws actforge::Error naming the first unknown baseline and the choices.
void require_baselines(const std::vector<std::string>& names);

// A baseline by name ("relu") as a genome on `architecture` (none = the task's network).
[[nodiscard]] Genome baseline_genome(const std::string& name, const std::optional<fitness::Architecture>& architecture);

struct VerificationEntry {
    std::string label; // "#1", "relu", or "relu@#1" (a baseline on #1's architecture)
    Genome genome;     // no architecture = the task's network
    // The ReLU entry on this entry's architecture (candidates on their own
    // architecture only), else empty.
    std::string same_architecture_relu;
    std::vector<fitness::Score> runs; // one per seed
    std::vector<double> accuracies;   // of the successful runs
};

// The top `top` hall-of-fame candidates, then ReLU and Swish once per
// candidate architecture that differs from the task's, then the baselines
// (ReLU always first) on the task's network. Throws actforge::Error for an
// unknown baseline, or a candidate whose function count does not fit the
// network of `spec`.
[[nodiscard]] std::vector<VerificationEntry> plan_verification(std::span<const Individual> hall_of_fame,
                                                               std::size_t top,
                                                               const std::vector<std::string>& baselines,
                                                               const fitness::TaskSpec& spec);

// Trains every entry with seeds first_seed, first_seed + 1, ... on the
// full training split, scoring the test split. on_done is called once per
// finished training, from worker threads.
void run_verification(std::vector<VerificationEntry>& entries, EvaluationBackend& backend, std::size_t seeds,
                      std::uint64_t first_seed, const std::function<void()>& on_done = {});

struct VerificationRow {
    const VerificationEntry* entry = nullptr;
    Summary summary;
    std::string formula;
    fitness::Architecture architecture;
    std::optional<WelchResult> vs_relu;              // against ReLU on the task's network
    std::optional<WelchResult> vs_same_architecture; // against ReLU on the entry's architecture
    // Candidates: the baseline with the best mean on the same network (the
    // honest yardstick) and the test against it.
    std::string best_baseline;
    std::optional<WelchResult> vs_best;
};

// One row per entry, in order, with Welch's t-tests.
[[nodiscard]] std::vector<VerificationRow> verification_rows(const std::vector<VerificationEntry>& entries,
                                                             const fitness::TaskSpec& spec);

// replay.json's "results", and replay.csv's rows (under verification_csv_header)
// with `task` in their first column.
[[nodiscard]] nlohmann::json verification_json(std::span<const VerificationRow> rows, std::size_t seeds);
[[nodiscard]] std::string verification_csv_header();
[[nodiscard]] std::string verification_csv(std::span<const VerificationRow> rows, std::size_t seeds,
                                           const std::string& task);

// The hall of fame's top `top` as plain functions on another task's own
// network (architectures dropped): a transfer check.
[[nodiscard]] std::vector<Individual> functions_only(std::span<const Individual> hall_of_fame, std::size_t top);

} // namespace actforge::evolution
