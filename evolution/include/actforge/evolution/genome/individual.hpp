#pragma once
// A candidate in a campaign: its genome, its identity, its score and where
// it came from.
#include "actforge/evolution/genome/genome.hpp"
#include "actforge/fitness/score.hpp"

#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace actforge::evolution {

// A candidate retrained with the campaign's verification seeds (the same
// for every candidate and baseline), compared with the best baseline on the
// same network.
struct Verification {
    std::vector<double> accuracies; // one per seed; a failed training counts 0
    double mean = 0.0;
    double stddev = 0.0;
    std::string baseline;       // the best baseline on the candidate's network
    double baseline_mean = 0.0; // its mean under the same seeds
    double difference = 0.0;    // mean - baseline_mean
    double p = 1.0;             // Welch's two-sided p-value of that difference (NaN when undefined)
    // Multi-task fitness: the mean accuracy on each task over the seeds
    // that trained (accuracies then hold gains over ReLU); else empty.
    std::vector<double> task_means;
};

struct Individual {
    Genome genome;
    std::uint64_t key = 0; // genome_key(genome): identity for caching and the hall of fame
    fitness::Score score;
    bool evaluated = false;
    // Multi-fidelity: the fraction of the full training budget the score
    // was measured at (only full scores enter the hall of fame). Rung r of
    // R has budget eta^-(R-1-r), so the full budget is exactly 1.
    double budget = 1.0;
    // The cost of its network (parameters or multiply-adds, by campaign)
    // and the cost term its fitness pays; 0 without a cost term.
    double cost = 0.0;
    double penalty = 0.0;
    std::size_t generation = 0;               // when it was created
    std::vector<std::string> parents;         // formulas of its parents (empty for the initial population)
    std::optional<Verification> verification; // hall-of-fame entries only, once verified

    [[nodiscard]] bool full_budget() const noexcept { return budget == 1.0; }
    // Scored, and at the full budget: nothing left to train.
    [[nodiscard]] bool complete() const noexcept { return evaluated && full_budget(); }

    // Higher is better: accuracy less the cost term; failed candidates rank
    // below every successful one.
    [[nodiscard]] double fitness() const noexcept {
        return score.ok() ? score.accuracy - penalty : -std::numeric_limits<double>::infinity();
    }
};

// Ranking used everywhere (selection, elites, hall of fame): successful
// candidates first, then scores at a larger budget (a low-budget accuracy
// is not comparable with a full one), then fitness descending, ties broken
// by key so the order never depends on scheduling.
[[nodiscard]] bool ranks_before(const Individual& a, const Individual& b) noexcept;

[[nodiscard]] nlohmann::json score_to_json(const fitness::Score& s);
[[nodiscard]] fitness::Score score_from_json(const nlohmann::json& j);
[[nodiscard]] nlohmann::json to_json(const Individual& ind);
// Throws actforge::Error (or ParseError) on malformed input.
[[nodiscard]] Individual individual_from_json(const nlohmann::json& j);

[[nodiscard]] std::string key_to_hex(std::uint64_t key);
[[nodiscard]] std::uint64_t key_from_hex(const std::string& hex);

} // namespace actforge::evolution
