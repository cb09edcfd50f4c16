#pragma once
// Where trainings run. The campaign engine, replay and verification hand a
// backend plain-data jobs and get each score back in the job's slot, never
// by arrival order, so what they build from the scores does not depend on
// how many workers there are or which finished first.
#include "actforge/fitness/architecture.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "actforge/fitness/score.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace actforge::evolution {

// One training: everything a worker needs besides the task, as plain data
// (a job can cross a process boundary as it is).
struct EvaluationJob {
    std::string formulas; // Genome formulas: "F" or "F1; F2" (one per hidden layer)
    std::optional<fitness::Architecture> architecture;
    std::uint64_t seed = 0;
    double budget = 1.0; // fraction of the training and validation rows
    fitness::ScoredSplit split = fitness::ScoredSplit::Validation;
    bool full_training_split = false;
    std::size_t task = 0; // which of the backend's tasks (multi-task fitness); 0 = the campaign's task
};

// Called once per finished job, possibly from several threads at once.
using JobDone = std::function<void(std::size_t slot, const fitness::Score& score)>;
// Asked before each job starts; true = start no more jobs.
using StopCheck = std::function<bool()>;

class EvaluationBackend {
public:
    virtual ~EvaluationBackend() = default;
    // Trains every job, writing the score of jobs[i] to scores[i] and
    // calling on_done(i, scores[i]) (when set) as each one finishes. Once
    // should_stop() holds no new job starts; returns how many finished
    // (the others' scores are left as they were).
    virtual std::size_t evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores,
                                 const JobDone& on_done = {}, const StopCheck& should_stop = {}) = 0;
    // Trainings one job costs (a multi-task job trains once per task): what
    // campaigns count against --max-evaluations.
    [[nodiscard]] virtual std::size_t trainings_per_job() const noexcept { return 1; }
};

// Makes the backend that trains jobs on `tasks` (EvaluationJob::task
// indexes them) with `threads` trainings at once per machine: a
// ThreadBackend on one machine, an MPI backend across ranks.
using BackendFactory = std::function<std::unique_ptr<EvaluationBackend>(
    const std::vector<std::shared_ptr<const fitness::Task>>& tasks, std::size_t threads)>;

} // namespace actforge::evolution
