#include "job_runner.hpp"

#include "actforge/core/error.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"

namespace actforge::evolution {

JobRunner::JobRunner(std::size_t threads) {
    if (threads == 0) throw Error("--threads must be at least 1");
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this](const std::stop_token& s) { work(s); });
}

JobRunner::~JobRunner() {
    {
        std::lock_guard lock(mutex_);
        queue_.clear();
    }
    for (auto& t : threads_) t.request_stop();
    threads_.clear(); // joins
}

void JobRunner::set_evaluators(std::vector<fitness::Evaluator> evaluators) {
    std::lock_guard lock(mutex_);
    if (pending_ != 0) throw Error("JobRunner: the tasks changed while jobs were pending");
    evaluators_ = std::move(evaluators);
}

void JobRunner::submit(JobMessage job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
        ++pending_;
    }
    job_queued_.notify_one();
}

std::vector<ResultMessage> JobRunner::take_finished(std::chrono::microseconds wait) {
    std::unique_lock lock(mutex_);
    result_ready_.wait_for(lock, wait, [this] { return !finished_.empty(); });
    std::vector<ResultMessage> out;
    out.swap(finished_);
    pending_ -= out.size();
    return out;
}

std::size_t JobRunner::pending() const {
    std::lock_guard lock(mutex_);
    return pending_;
}

void JobRunner::work(const std::stop_token& stop) {
    while (true) {
        JobMessage job;
        {
            std::unique_lock lock(mutex_);
            if (!job_queued_.wait(lock, stop, [this] { return !queue_.empty(); })) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        ResultMessage result = run(job);
        {
            std::lock_guard lock(mutex_);
            finished_.push_back(std::move(result));
        }
        result_ready_.notify_one();
    }
}

// What the thread backend would give: the score, or the message of what
// training threw (a formula that does not parse, say).
ResultMessage JobRunner::run(const JobMessage& m) const {
    ResultMessage r;
    r.slot = m.slot;
    if (m.job.task >= evaluators_.size()) {
        r.error = "a job names a task the worker was not sent";
        return r;
    }
    try {
        r.score = run_job(evaluators_[m.job.task], m.job);
    } catch (const std::exception& e) {
        r.error = e.what();
    }
    return r;
}

} // namespace actforge::evolution
