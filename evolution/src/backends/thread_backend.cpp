#include "actforge/evolution/backends/thread_backend.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/thread_sanitizer.hpp"
#include "actforge/evolution/genome/genome.hpp"

#include <atomic>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

namespace actforge::evolution {

fitness::Score run_job(const fitness::Evaluator& evaluator, const EvaluationJob& job) {
    fitness::EvaluationOptions options;
    options.architecture = job.architecture;
    options.budget = job.budget;
    options.split = job.split;
    options.full_training_split = job.full_training_split;
    return evaluator.evaluate(parse_genome_formulas(job.formulas), job.seed, options);
}

ThreadBackend::ThreadBackend(std::shared_ptr<const fitness::Task> task, std::size_t threads)
    : ThreadBackend(std::vector{std::move(task)}, threads) {}

ThreadBackend::ThreadBackend(const std::vector<std::shared_ptr<const fitness::Task>>& tasks, std::size_t threads)
    : arena_(threads == 0 ? 1 : static_cast<int>(threads)) {
    if (threads == 0) throw Error("--threads must be at least 1");
    if (tasks.empty()) throw Error("ThreadBackend: no task");
    for (const auto& task : tasks) evaluators_.emplace_back(task);
}

std::size_t ThreadBackend::evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores,
                                    const JobDone& on_done, const StopCheck& should_stop) {
    if (scores.size() != jobs.size()) throw Error("ThreadBackend::evaluate: one score slot per job");
    for (const auto& job : jobs) {
        if (job.task >= evaluators_.size()) throw Error("ThreadBackend::evaluate: a job names an unknown task");
    }
    std::atomic<std::size_t> finished{0};
    const auto run = [&](std::size_t i) {
        if (should_stop && should_stop()) return;
        scores[i] = run_job(evaluators_[jobs[i].task], jobs[i]);
        ++finished;
        if (on_done) on_done(i, scores[i]);
    };
    // The hand-over to TBB's workers and the wait for them happen inside
    // libtbb, where ThreadSanitizer cannot see them (thread_sanitizer.hpp).
    // The range body holds only a pointer to run, copied by TBB, so it
    // reads nothing of this stack frame before its tsan_acquire.
    tsan_hand_over();
    arena_.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, jobs.size()),
                          [&run](const tbb::blocked_range<std::size_t>& range) {
                              const TsanTaskScope task;
                              for (std::size_t i = range.begin(); i != range.end(); ++i) run(i);
                          });
    });
    tsan_joined();
    return finished.load();
}

} // namespace actforge::evolution
