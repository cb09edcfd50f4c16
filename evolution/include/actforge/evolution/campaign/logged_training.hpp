#pragma once
// Trainings a campaign keeps: each job runs on the backend, is appended to
// evaluations.jsonl as it finishes (so a kill loses nothing), and enters
// the score cache once the batch is over, in job order.
#include "actforge/evolution/backends/evaluation_backend.hpp"
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "actforge/evolution/campaign/score_cache.hpp"

#include <functional>
#include <span>

namespace actforge::evolution {

struct LoggedJob {
    EvaluationJob job;
    RungKey key;       // the training's identity in the cache and the log
    Individual record; // what the log line says besides the score (genome, key, generation, budget)
    std::size_t slot = 0;
};

// Trains the jobs; on_done(j, score) is called from worker threads after
// job j is logged. Returns how many finished (all, unless should_stop held).
std::size_t train_logged(EvaluationBackend& backend, EvaluationLog& log, ScoreCache& cache,
                         std::span<const LoggedJob> jobs, const StopCheck& should_stop,
                         const std::function<void(std::size_t, const fitness::Score&)>& on_done = {});

} // namespace actforge::evolution
