#pragma once
// This process's place in an MPI job (Open MPI): rank 0 runs the command
// (the campaign engine, replay) and ranks 1..N-1 train the jobs it sends
// (mpi_worker.hpp). MPI runs with funneled threading: only the thread that
// started it calls MPI; a worker's training threads never do.
#include <string>

namespace actforge::evolution {

// True when a launcher started this process as a rank of a job (mpirun,
// or srun through PMI or PMIx). A process started on its own never starts
// MPI and runs as it would on a machine without it.
[[nodiscard]] bool launched_by_mpi();

class MpiSession {
public:
    // Joins the job; throws actforge::Error when MPI cannot give funneled threading.
    MpiSession(int& argc, char**& argv);
    // Rank 0 first tells the workers that still serve to stop; every rank then leaves MPI.
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    [[nodiscard]] int rank() const noexcept { return rank_; }
    [[nodiscard]] int size() const noexcept { return size_; }
    [[nodiscard]] bool worker() const noexcept { return rank_ != 0; }
    [[nodiscard]] const std::string& host() const noexcept { return host_; }

    // Rank 0: ends every worker's serve loop (once; later calls do nothing).
    void stop_workers();

private:
    int rank_ = 0;
    int size_ = 1;
    std::string host_;
    bool stopped_ = false;
};

// "actforge 0.1.0, build 1f0c4d...": the version and a hash of the running
// program's file, the same on every rank only when they run the same build.
[[nodiscard]] const std::string& binary_identity();

} // namespace actforge::evolution
