#pragma once
// The evaluation backend of an MPI job, on rank 0: an evaluation farm. Jobs
// go out to the worker ranks as they ask for work: each worker holds its
// thread count plus one jobs at most (one waits behind its running
// trainings, so none idles for a round trip), and gets the next job when
// it returns a result. Scores go to their job's slot whatever the arrival
// order, so what a campaign builds from them is the same for any number of
// ranks and threads. While it waits, rank 0 sleeps between polls instead
// of spinning a core.
#include "actforge/evolution/backends/evaluation_backend.hpp"
#include "actforge/evolution/backends/mpi/mpi_session.hpp"

#include <memory>
#include <string>
#include <vector>

namespace actforge::evolution {

class MpiBackend final : public EvaluationBackend {
public:
    // Sends the tasks' settings to every worker rank, which loads the data
    // from its own files, and checks each reply: the same build, and per
    // task the same fingerprint (settings and data) as on this rank. Throws
    // actforge::Error naming the first rank and host that differs or could
    // not load a task. Call on rank 0 of a job of at least two ranks.
    MpiBackend(const MpiSession& session, const std::vector<std::shared_ptr<const fitness::Task>>& tasks);

    // Returns once every job sent has come back, also when it throws (a job
    // that threw on its worker, or on_done throwing): no result is left in flight.
    std::size_t evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores,
                         const JobDone& on_done = {}, const StopCheck& should_stop = {}) override;

    struct Worker {
        int rank = 0;
        std::string host;
        std::size_t threads = 1;
        std::size_t outstanding = 0; // jobs sent and not yet returned
    };
    [[nodiscard]] const std::vector<Worker>& workers() const noexcept { return workers_; }

private:
    std::vector<Worker> workers_;
    std::size_t tasks_ = 0;
};

// The backend of this rank: a ThreadBackend of `threads` when the job has
// one rank (so `mpirun -np 1` runs as without MPI), else an MpiBackend.
[[nodiscard]] std::unique_ptr<EvaluationBackend>
make_backend(const MpiSession& session, const std::vector<std::shared_ptr<const fitness::Task>>& tasks,
             std::size_t threads);

} // namespace actforge::evolution
