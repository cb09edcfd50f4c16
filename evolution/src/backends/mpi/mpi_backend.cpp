#include "actforge/evolution/backends/mpi/mpi_backend.hpp"

#include "actforge/core/error.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"
#include "actforge/fitness/task_fingerprint.hpp"
#include "actforge/fitness/task_json.hpp"
#include "mpi_transport.hpp"

#include <exception>
#include <fmt/format.h>
#include <optional>

namespace actforge::evolution {
namespace {

using namespace mpi_transport;

Bytes tasks_message(const std::vector<std::shared_ptr<const fitness::Task>>& tasks) {
    nlohmann::json specs = nlohmann::json::array();
    for (const auto& task : tasks) specs.push_back(fitness::task_spec_to_json(task->spec()));
    const std::string text = specs.dump();
    const auto bytes = std::as_bytes(std::span(text));
    return {bytes.begin(), bytes.end()};
}

// Why rank `rank`'s reply rules it out, if it does; `ours` are this rank's
// fingerprints of `tasks`.
std::optional<std::string> refusal(int rank, const WorkerHello& hello, const MpiSession& session,
                                   const std::vector<std::shared_ptr<const fitness::Task>>& tasks,
                                   const std::vector<std::uint64_t>& ours) {
    const std::string where = fmt::format("rank {} on host {}", rank, hello.host);
    if (hello.binary != binary_identity()) {
        return fmt::format("{} runs another actforge build ({}) than rank 0 on host {} ({}); give every node the "
                           "same program",
                           where, hello.binary, session.host(), binary_identity());
    }
    if (!hello.error.empty()) return fmt::format("{} could not load the task: {}", where, hello.error);
    if (hello.fingerprints.size() != tasks.size() || hello.threads == 0) {
        return fmt::format("{} answered with {} tasks for {}", where, hello.fingerprints.size(), tasks.size());
    }
    for (std::size_t t = 0; t < tasks.size(); ++t) {
        if (hello.fingerprints[t] == ours[t]) continue;
        return fmt::format("{} loaded task '{}' with other data or settings than rank 0 on host {} (fingerprint "
                           "{:016x}, rank 0: {:016x}); every node needs the same data at the same path",
                           where, tasks[t]->spec().dataset, session.host(), hello.fingerprints[t], ours[t]);
    }
    return std::nullopt;
}

// One evaluate() call: jobs go out in slot order as workers have room and
// come back in any order, each score to its slot.
class Round {
public:
    Round(std::vector<MpiBackend::Worker>& workers, std::span<const EvaluationJob> jobs,
          std::span<fitness::Score> scores, const JobDone& on_done, const StopCheck& should_stop)
        : workers_(workers), jobs_(jobs), scores_(scores), on_done_(on_done), should_stop_(should_stop) {}

    std::size_t run() {
        for (auto& w : workers_) top_up(w);
        while (in_flight_ > 0) receive_one();
        if (failure_) std::rethrow_exception(failure_);
        return finished_;
    }

private:
    void top_up(MpiBackend::Worker& w) {
        while (!failure_ && !stopped_ && w.outstanding < w.threads + 1 && next_ < jobs_.size()) {
            if (should_stop_ && should_stop_()) {
                stopped_ = true;
                return;
            }
            send(w.rank, Tag::Job, encode(JobMessage{next_, jobs_[next_]}));
            ++w.outstanding;
            ++next_;
            ++in_flight_;
        }
    }

    void receive_one() {
        const Message m = wait(kAnySource, Tag::Result);
        MpiBackend::Worker& w = workers_.at(static_cast<std::size_t>(m.source - 1));
        --w.outstanding;
        --in_flight_;
        try {
            const ResultMessage r = decode_result(m.bytes);
            if (!r.score) throw Error(fmt::format("{} (on rank {}, host {})", r.error, w.rank, w.host));
            if (r.slot >= jobs_.size()) throw Error(fmt::format("rank {} returned a result for no job", w.rank));
            scores_[r.slot] = *r.score;
            ++finished_;
            if (on_done_ && !failure_) on_done_(r.slot, scores_[r.slot]);
        } catch (...) {
            if (!failure_) failure_ = std::current_exception(); // the first; the rest drain
        }
        top_up(w);
    }

    std::vector<MpiBackend::Worker>& workers_;
    std::span<const EvaluationJob> jobs_;
    std::span<fitness::Score> scores_;
    const JobDone& on_done_;
    const StopCheck& should_stop_;
    std::size_t next_ = 0;
    std::size_t in_flight_ = 0;
    std::size_t finished_ = 0;
    bool stopped_ = false;
    std::exception_ptr failure_;
};

} // namespace

MpiBackend::MpiBackend(const MpiSession& session, const std::vector<std::shared_ptr<const fitness::Task>>& tasks)
    : tasks_(tasks.size()) {
    if (session.worker() || session.size() < 2) throw Error("MpiBackend: only rank 0 of two or more ranks has workers");
    if (tasks.empty()) throw Error("MpiBackend: no task");
    const Bytes specs = tasks_message(tasks);
    for (int r = 1; r < session.size(); ++r) send(r, Tag::Tasks, specs);
    std::vector<std::uint64_t> ours; // while the workers load theirs
    for (const auto& task : tasks) ours.push_back(fitness::fingerprint(*task));
    std::vector<std::optional<std::string>> refusals(static_cast<std::size_t>(session.size()));
    workers_.resize(static_cast<std::size_t>(session.size() - 1));
    for (int replies = 1; replies < session.size(); ++replies) { // every reply, so none is left in flight
        const Message m = wait(kAnySource, Tag::Hello);
        Worker& w = workers_.at(static_cast<std::size_t>(m.source - 1));
        w.rank = m.source;
        try {
            const WorkerHello hello = decode_hello(m.bytes);
            w.host = hello.host;
            w.threads = hello.threads;
            refusals[static_cast<std::size_t>(m.source)] = refusal(m.source, hello, session, tasks, ours);
        } catch (const Error& e) {
            refusals[static_cast<std::size_t>(m.source)] =
                fmt::format("rank {} sent a start-up reply this build cannot read ({}); give every node the same "
                            "program",
                            m.source, e.what());
        }
    }
    for (const auto& r : refusals) {
        if (r) throw Error(*r);
    }
}

std::size_t MpiBackend::evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores,
                                 const JobDone& on_done, const StopCheck& should_stop) {
    if (scores.size() != jobs.size()) throw Error("MpiBackend::evaluate: one score slot per job");
    for (const auto& job : jobs) {
        if (job.task >= tasks_) throw Error("MpiBackend::evaluate: a job names an unknown task");
    }
    return Round(workers_, jobs, scores, on_done, should_stop).run();
}

std::unique_ptr<EvaluationBackend> make_backend(const MpiSession& session,
                                                const std::vector<std::shared_ptr<const fitness::Task>>& tasks,
                                                std::size_t threads) {
    if (session.size() == 1) return std::make_unique<ThreadBackend>(tasks, threads);
    return std::make_unique<MpiBackend>(session, tasks);
}

} // namespace actforge::evolution
