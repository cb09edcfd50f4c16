#pragma once
// Multi-task fitness: every job is trained on each of the inner backend's
// tasks, and its score is the mean over tasks of (accuracy on the task -
// ReLU's accuracy on the task). Subtracting ReLU does not change which of
// two candidates ranks first (it is the same constant for all), but it puts
// the tasks on one scale a reader understands: points gained over ReLU.
//
// ReLU's accuracy on a task is the mean of kReferenceSeeds trainings at the
// job's budget and split, trained once per backend and reused: once per run
// of a campaign, again after a resume (with the same values: their seeds
// are fixed). They are neither logged nor counted as the campaign's
// trainings. The combined score keeps each task's accuracy in task_accuracies.
#include "actforge/evolution/backends/evaluation_backend.hpp"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace actforge::evolution {

class MultiTaskBackend final : public EvaluationBackend {
public:
    static constexpr std::size_t kReferenceSeeds = 3;

    // `inner` trains jobs on tasks 0..T-1 (EvaluationJob::task), named
    // `task_names` in messages; `seed` seeds the reference trainings.
    // Throws when T < 2.
    MultiTaskBackend(EvaluationBackend& inner, std::vector<std::string> task_names, std::uint64_t seed);

    // Jobs must name task 0; each is trained on every task. Returns how
    // many jobs finished on all tasks (a job stopped part-way keeps its
    // old score).
    std::size_t evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores,
                         const JobDone& on_done = {}, const StopCheck& should_stop = {}) override;

    [[nodiscard]] std::size_t trainings_per_job() const noexcept override { return tasks_; }

    // ReLU's accuracy per task for jobs like `job`, once known.
    [[nodiscard]] const std::vector<double>* reference(const EvaluationJob& job) const;

private:
    // What a reference depends on besides the task.
    using ReferenceKey = std::tuple<double, int, bool, std::string>;
    [[nodiscard]] static ReferenceKey reference_key(const EvaluationJob& job);
    // Trains the references the jobs need and lack; false when stopped.
    bool train_references(std::span<const EvaluationJob> jobs, const StopCheck& should_stop);
    [[nodiscard]] fitness::Score combine(std::span<const fitness::Score> parts, const std::vector<double>& relu) const;

    EvaluationBackend& inner_;
    std::vector<std::string> names_;
    std::size_t tasks_;
    std::uint64_t seed_;
    std::map<ReferenceKey, std::vector<double>> references_;
};

} // namespace actforge::evolution
