// bench_mpi: the MPI evaluation farm on this machine. Trainings per second
// with 1 process x 2 threads (the thread backend), 2 ranks x 1 thread and 3
// ranks (rank 0 plus 2 workers x 1 thread); rank 0's CPU use while it waits;
// and rank 0's cost per result, from which follows how many training
// threads (workers of one thread) one rank 0 keeps busy at 0.05 s and at
// 1 s per training.
//
// Run it alone: it measures the thread backend, then starts itself under
// mpirun for the farms (`bench_mpi --farm ...` is that rank-0 program).
#include "actforge/core/timer.hpp"
#include "actforge/evolution/backends/mpi/mpi_backend.hpp"
#include "actforge/evolution/backends/mpi/mpi_worker.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "actforge/evolution/genome/genome.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <string>
#include <unistd.h>

using namespace actforge;
using namespace actforge::evolution;

namespace {

constexpr std::size_t kTrainings = 240;   // per farm measurement
constexpr std::size_t kQuickJobs = 20000; // results that cost a worker next to nothing

std::shared_ptr<const fitness::Task> bench_task() {
    fitness::TaskSpec spec = fitness::task_preset("spirals");
    spec.training.epochs = 64; // one or a few hundredths of a second a training
    return fitness::Task::load(spec);
}

std::vector<EvaluationJob> trainings(std::size_t n) {
    std::vector<EvaluationJob> jobs;
    for (std::size_t i = 0; i < n; ++i) jobs.push_back({i % 2 ? "tanh(x)" : "x*sigmoid(x)", std::nullopt, i, 1.0});
    return jobs;
}

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct Rate {
    double per_second = 0.0;
    double cpu_share = 0.0; // this process's CPU seconds per wall second
};

Rate measure(EvaluationBackend& backend, std::span<const EvaluationJob> jobs, const JobDone& on_done = {}) {
    std::vector<fitness::Score> scores(jobs.size());
    const double cpu = cpu_seconds();
    Timer wall;
    backend.evaluate(jobs, scores, on_done);
    const double seconds = wall.seconds();
    return {static_cast<double>(jobs.size()) / seconds, (cpu_seconds() - cpu) / seconds};
}

// Rank 0's CPU time per result when results come back as fast as workers
// can send them: the farm alone, and with the log line a campaign writes.
void measure_cost(MpiBackend& farm) {
    // A constant function fails the pre-screen at once: a result with
    // almost no training behind it.
    const std::vector<EvaluationJob> quick(kQuickJobs, EvaluationJob{"0*x", std::nullopt, 1, 1.0});
    const Rate bare = measure(farm, quick);
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / fmt::format("bench_mpi_{}.jsonl", ::getpid());
    double with_log_us = 0.0;
    {
        EvaluationLog log(file);
        Individual record;
        record.genome = single_function(parse_genome_formulas("0*x").front());
        const Rate logged = measure(farm, quick, [&](std::size_t slot, const fitness::Score& s) {
            record.score = s;
            log.append(record, slot, 0);
        });
        with_log_us = 1e6 * logged.cpu_share / logged.per_second;
    }
    std::filesystem::remove(file);
    const double bare_us = 1e6 * bare.cpu_share / bare.per_second;
    fmt::print("rank 0 cost per result: {:.1f} us (farm), {:.1f} us with the evaluations.jsonl line ({} results "
               "of a pre-screened function, {:.0f} results/s)\n",
               bare_us, with_log_us, kQuickJobs, bare.per_second);
    for (const double training : {0.05, 1.0}) {
        fmt::print("one rank 0 keeps {:.0f} training threads busy at {} s per training\n",
                   training / (with_log_us * 1e-6), training);
    }
}

int farm(int argc, char** argv, bool cost) {
    MpiSession session(argc, argv);
    if (session.worker()) {
        serve_mpi_worker(session, 1);
        return 0;
    }
    const auto task = bench_task();
    MpiBackend backend(session, {task});
    const Rate r = measure(backend, trainings(kTrainings));
    fmt::print("{} ranks ({} worker(s) x 1 thread): {:.1f} trainings/s; rank 0 used {:.2f}% of a core while waiting\n",
               session.size(), session.size() - 1, r.per_second, 100.0 * r.cpu_share);
    if (cost) measure_cost(backend);
    return 0;
}

int run_farm(const char* self, int ranks, bool cost) {
    const std::string command =
        fmt::format("mpirun --oversubscribe --bind-to none {}-np {} '{}' --farm{}",
                    ::geteuid() == 0 ? "--allow-run-as-root " : "", ranks, self, cost ? " --cost" : "");
    std::fflush(stdout);
    const int status = std::system(command.c_str());
    if (status != 0) fmt::print("'{}' failed (status {})\n", command, status);
    return status == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "--farm") return farm(argc, argv, argc > 2 && std::string(argv[2]) == "--cost");
    const auto task = bench_task();
    const std::vector<EvaluationJob> jobs = trainings(kTrainings);
    ThreadBackend two(task, 2);
    const Rate pair = measure(two, jobs); // first: it also warms the caches up
    ThreadBackend one(task, 1);
    const Rate single = measure(one, jobs);
    fmt::print("bench_mpi: {} trainings (spirals, 64 epochs, {:.3f} s each on one thread)\n", kTrainings,
               1.0 / single.per_second);
    fmt::print("1 process x 1 thread: {:.1f} trainings/s\n", single.per_second);
    fmt::print("1 process x 2 threads: {:.1f} trainings/s\n", pair.per_second);
    return run_farm(argv[0], 2, false) | run_farm(argv[0], 3, true);
}
