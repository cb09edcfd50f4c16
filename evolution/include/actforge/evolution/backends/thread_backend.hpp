#pragma once
// The evaluation backend of one machine: jobs trained on `threads` TBB
// workers of a private task arena, one training per worker, each on the
// task its job names.
#include "actforge/evolution/backends/evaluation_backend.hpp"

#include <memory>
#include <vector>
#include <oneapi/tbb/task_arena.h>

namespace actforge::evolution {

class ThreadBackend final : public EvaluationBackend {
public:
    // Throws actforge::Error when threads is 0.
    ThreadBackend(std::shared_ptr<const fitness::Task> task, std::size_t threads);
    // Throws actforge::Error when threads is 0 or there is no task.
    ThreadBackend(const std::vector<std::shared_ptr<const fitness::Task>>& tasks, std::size_t threads);

    std::size_t evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores,
                         const JobDone& on_done = {}, const StopCheck& should_stop = {}) override;

    [[nodiscard]] const fitness::Evaluator& evaluator(std::size_t task = 0) const { return evaluators_.at(task); }

private:
    std::vector<fitness::Evaluator> evaluators_; // one per task
    tbb::task_arena arena_;
};

// Trains one job with `evaluator`: what every backend's worker does.
[[nodiscard]] fitness::Score run_job(const fitness::Evaluator& evaluator, const EvaluationJob& job);

} // namespace actforge::evolution
