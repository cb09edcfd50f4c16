#pragma once
// The processes of this run: this one alone, or the ranks of an MPI job
// (`mpirun -np N actforge discover ...`). Rank 0 runs the command; the
// other ranks (workers) train what rank 0's backend sends them. Commands
// that train (discover, replay, darts) parse their options on every rank, then a
// worker serves with its own --threads; other commands run on rank 0 alone.
#include "actforge/evolution/backends/evaluation_backend.hpp"

#include <memory>
#include <string>

namespace actforge::cli {

class Processes {
public:
    // Joins the MPI job when an MPI launcher started this process (in a
    // build with MPI; a build without it refuses to run as several ranks,
    // which would each run the command on the same files).
    Processes(int& argc, char**& argv);
    // Rank 0 lets the workers go; every rank leaves MPI.
    ~Processes();
    Processes(const Processes&) = delete;
    Processes& operator=(const Processes&) = delete;

    // A rank other than 0.
    [[nodiscard]] bool worker() const noexcept;
    // "rank 2 on host node7", for a worker's own errors.
    [[nodiscard]] std::string where() const;
    // A worker: trains rank 0's jobs, `threads` at a time, until rank 0 is
    // done; returns the exit code.
    int serve(std::size_t threads);
    // Where the command's trainings run: unset on one process (the engine's
    // ThreadBackend), rank 0's MPI farm in a job of several ranks.
    [[nodiscard]] evolution::BackendFactory backend_factory() const;
    // The backend itself, for commands that train without the engine.
    [[nodiscard]] std::unique_ptr<evolution::EvaluationBackend>
    make_backend(const std::vector<std::shared_ptr<const fitness::Task>>& tasks, std::size_t threads) const;
    // "2 thread(s)", or "3 MPI worker rank(s)".
    [[nodiscard]] std::string describe(std::size_t threads) const;

private:
    static void set_current(Processes* p) noexcept; // what processes() returns
    struct State;
    std::unique_ptr<State> state_;
};

// The processes of this run, created by main().
[[nodiscard]] Processes& processes();

} // namespace actforge::cli
