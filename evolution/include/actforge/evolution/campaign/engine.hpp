#pragma once
// The campaign engine: generations of ask (the strategy proposes), score
// (successive halving over an evaluation backend), tell (the strategy
// learns the scores), then the hall of fame, statistics and checkpoint.
//
// Determinism: the strategy's random choices derive from (campaign seed,
// generation, ...), a training's seed from (campaign seed, candidate key,
// replica), and a verification's seeds from the campaign seed alone. Candidates are trained in parallel but everything
// that depends on their scores happens after the generation's trainings are complete, in slot order. So the hall of
// fame is the same at any thread count, and a resumed campaign continues exactly as an uninterrupted one would (scores
// logged before a kill are reused, and equal anyway).
#include "actforge/evolution/backends/evaluation_backend.hpp"
#include "actforge/evolution/campaign/campaign_folder.hpp"

#include <atomic>
#include <functional>
#include <limits>

namespace actforge::evolution {

struct ProgressInfo {
    std::size_t generation = 0;  // 0-based, being evaluated
    std::size_t generations = 0; // target
    std::size_t rung = 0;        // multi-fidelity rung being trained (0-based)
    std::size_t rungs = 1;
    std::size_t done = 0;         // trainings of this rung finished
    std::size_t total = 0;        // trainings of this rung
    std::size_t evaluations = 0;  // over the campaign
    double best = std::numeric_limits<double>::quiet_NaN(); // best score so far; NaN: none yet
    double elapsed_seconds = 0.0; // over the campaign
};

struct EngineOptions {
    std::size_t threads = 1;
    // Where the trainings run; unset: a ThreadBackend of `threads`.
    BackendFactory make_backend;
    // Called from worker threads (serialise inside if needed).
    std::function<void(const ProgressInfo&)> on_progress;
    // Set (e.g. by a SIGINT handler) to stop: no new evaluation starts, the
    // unfinished generation is dropped (its logged scores are kept).
    const std::atomic<bool>* stop = nullptr;
};

enum class StopReason { Generations, TimeBudget, EvaluationBudget, Interrupted, Converged };

// A campaign whose last kIdleGenerations generations trained nothing new
// (every candidate asked was known: a converged RL policy, say) stops:
// going on would cost time and no training, and never spend a budget.
inline constexpr std::size_t kIdleGenerations = 10;
[[nodiscard]] std::string_view to_string(StopReason r) noexcept;

struct CampaignResult {
    CampaignState state;
    std::vector<Individual> population; // the strategy's members at the end
    StopReason reason = StopReason::Generations;
    bool resumed = false;
    std::size_t reused_scores = 0; // logged evaluations found when resuming
};

// Runs the campaign in `folder` (resuming from its checkpoint if it has one)
// until a stopping rule of its config holds.
[[nodiscard]] CampaignResult run_campaign(CampaignFolder& folder, const EngineOptions& options);

} // namespace actforge::evolution
