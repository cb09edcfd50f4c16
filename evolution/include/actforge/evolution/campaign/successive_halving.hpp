#pragma once
// Scores a generation by successive halving: every new candidate at the
// lowest budget, the best 1/eta of them at the next, and so on to the full
// budget (a single rung without multi-fidelity). A candidate keeps the
// score of the last rung it reached. At the full budget a score is the
// mean of config.eval_seeds trainings (replicas) with their own seeds.
//
// Promotions depend only on scores, taken in slot order with ties broken
// by key, and the scores come back by slot from the backend, so the
// outcome does not depend on the thread count or on which training
// finished first. Scores already known (the cache) are reused, never
// retrained; counts depend only on which scores completed generations
// needed, so a resumed campaign counts as an uninterrupted one.
#include "actforge/evolution/backends/evaluation_backend.hpp"
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "actforge/evolution/campaign/score_cache.hpp"

#include <functional>
#include <vector>

namespace actforge::evolution {

// One training finished: its rung, its place among the rung's trainings,
// and the trainings of the generation so far (this one included).
struct TrainingDone {
    std::size_t rung = 0;
    std::size_t done = 0;
    std::size_t total = 0;
    std::size_t trained = 0;
    const fitness::Score* score = nullptr;
};

struct HalvingResult {
    bool complete = true;        // false: stopped before every training was done
    std::size_t evaluations = 0; // trainings this generation needed for the first time
    std::size_t candidates = 0;  // candidates this generation trained for the first time
};

class SuccessiveHalving {
public:
    SuccessiveHalving(const CampaignConfig& config, EvaluationBackend& backend, EvaluationLog& log, ScoreCache& cache);

    // Scores every candidate of `generation` that is not complete(); lines
    // logged carry `index` as their generation. on_done is called from
    // worker threads. When stopped early the candidates are left as they
    // were (the finished trainings are logged and cached).
    HalvingResult evaluate(std::vector<Individual>& generation, std::size_t index, const StopCheck& should_stop,
                           const std::function<void(const TrainingDone&)>& on_done);

    // A training's seed: from the campaign seed, the candidate's key and the
    // replica only (replica 0 is the seed of a one-training score).
    [[nodiscard]] static std::uint64_t training_seed(std::uint64_t campaign_seed, std::uint64_t key,
                                                     std::size_t replica = 0);
    // Trainings per candidate at `rung`.
    [[nodiscard]] std::size_t replicas(std::size_t rung) const;
    // The score of a candidate at `rung`: its replicas combined (all known).
    [[nodiscard]] fitness::Score score_at(std::uint64_t key, std::size_t rung) const;

private:
    using Ladder = std::vector<std::size_t>; // slots of the generation, one per candidate climbing

    [[nodiscard]] Ladder new_candidates(const std::vector<Individual>& generation) const;
    bool train_rung(const std::vector<Individual>& generation, const Ladder& ladder, std::size_t rung);
    void promote(const std::vector<Individual>& generation, Ladder& ladder, std::size_t rung) const;
    void assign_scores(std::vector<Individual>& generation) const;
    [[nodiscard]] std::size_t rung_of(double budget) const;

    const CampaignConfig& config_;
    EvaluationBackend& backend_;
    EvaluationLog& log_;
    ScoreCache& cache_;
    // State of the generation being scored.
    std::size_t index_ = 0;
    StopCheck should_stop_;
    std::function<void(const TrainingDone&)> on_done_;
    std::size_t trained_ = 0;
    std::unordered_map<std::uint64_t, std::size_t> reached_; // candidate -> last rung this generation
};

} // namespace actforge::evolution
