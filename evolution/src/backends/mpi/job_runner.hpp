#pragma once
// A worker rank's training threads: jobs go in as rank 0 sends them and
// results come out as they finish. The threads never call MPI (funneled
// threading): the rank's main thread sends what take_finished() returns.
#include "actforge/evolution/backends/wire_format.hpp"
#include "actforge/fitness/evaluator.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace actforge::evolution {

class JobRunner {
public:
    // Throws actforge::Error when threads is 0.
    explicit JobRunner(std::size_t threads);
    // Lets the running jobs finish, drops the queued ones, joins the threads.
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // The tasks jobs name (EvaluationJob::task); only while no job is queued or running.
    void set_evaluators(std::vector<fitness::Evaluator> evaluators);
    void submit(JobMessage job);
    // The results finished so far, waiting up to `wait` for a first one.
    [[nodiscard]] std::vector<ResultMessage> take_finished(std::chrono::microseconds wait);
    // Jobs submitted whose results were not taken yet.
    [[nodiscard]] std::size_t pending() const;

private:
    void work(const std::stop_token& stop);
    [[nodiscard]] ResultMessage run(const JobMessage& m) const;

    std::vector<fitness::Evaluator> evaluators_;
    mutable std::mutex mutex_;
    std::condition_variable_any job_queued_;
    std::condition_variable result_ready_;
    std::deque<JobMessage> queue_;
    std::vector<ResultMessage> finished_;
    std::size_t pending_ = 0;
    std::vector<std::jthread> threads_; // last: they stop and join before the rest goes
};

} // namespace actforge::evolution
