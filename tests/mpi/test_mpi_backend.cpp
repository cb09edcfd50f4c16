// The MPI farm against the thread backend: the same score in every slot,
// bit for bit, whatever rank trained it; stop requests, errors on a worker
// and a throwing callback leave nothing in flight; ranks whose data
// differ from rank 0's, or who lack it, are refused by name.
#include "actforge/core/error.hpp"
#include "actforge/evolution/backends/mpi/mpi_backend.hpp"
#include "actforge/evolution/backends/multi_task_backend.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"
#include "mpi_test_session.hpp"

#include <cmath>
#include <cstring>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

using namespace actforge;
using namespace actforge::evolution;
using actforge::evolution::testing::mpi_session;

namespace {

std::shared_ptr<const fitness::Task> small_task(const char* name) {
    fitness::TaskSpec spec = fitness::task_preset(name);
    spec.training.epochs = 3;
    return fitness::Task::load(spec);
}

std::vector<EvaluationJob> mixed_jobs() {
    std::vector<EvaluationJob> jobs;
    const std::vector<std::string> formulas{
        "relu(x)",      "tanh(x)", "exp(exp(exp(exp(x))))", "log(x)", "a*tanh(x) + b where a=1, b=0.1", "swish(x)",
        "x*sigmoid(x)", "0*x"};
    for (std::size_t i = 0; i < formulas.size(); ++i) jobs.push_back({formulas[i], std::nullopt, 11 + i, 1.0});
    jobs.push_back({"tanh(x); relu(x)", fitness::Architecture{{12, 6}, 0.02f}, 5, 1.0});
    jobs.push_back({"gelu(x)", std::nullopt, 5, 0.5});
    jobs.push_back({"gelu(x)", std::nullopt, 5, 1.0, fitness::ScoredSplit::Test, true});
    return jobs;
}

template <typename T> bool same_bits(const T& a, const T& b) { return std::memcmp(&a, &b, sizeof(T)) == 0; }

void check_same(const fitness::Score& a, const fitness::Score& b) {
    CHECK(a.status == b.status);
    CHECK(same_bits(a.accuracy, b.accuracy));
    CHECK(same_bits(a.loss, b.loss)); // NaN and infinities too
    CHECK(same_bits(a.train_loss, b.train_loss));
    CHECK(a.message == b.message);
    CHECK(a.learned_parameters == b.learned_parameters);
    CHECK(a.task_accuracies == b.task_accuracies);
}

} // namespace

TEST_CASE("every rank of the job is here: rank 0 and two workers") {
    REQUIRE_MESSAGE(mpi_session().size() == 3, "run as: mpirun -np 3 test_mpi");
}

TEST_CASE("the farm puts the thread backend's score in every slot, bit for bit") {
    const auto task = small_task("spirals");
    MpiBackend farm(mpi_session(), {task});
    REQUIRE(farm.workers().size() == 2);
    CHECK(farm.workers()[1].rank == 2);
    CHECK(farm.workers()[0].threads == 1);
    const std::vector<EvaluationJob> jobs = mixed_jobs();
    std::vector<fitness::Score> local(jobs.size());
    std::vector<fitness::Score> remote(jobs.size());
    ThreadBackend(task, 2).evaluate(jobs, local);
    std::multiset<std::size_t> reported;
    CHECK(farm.evaluate(jobs, remote, [&](std::size_t slot, const fitness::Score& s) {
        CHECK(same_bits(s.accuracy, remote[slot].accuracy));
        reported.insert(slot);
    }) == jobs.size());
    CHECK(reported.size() == jobs.size());
    CHECK(std::set<std::size_t>(reported.begin(), reported.end()).size() == jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        CAPTURE(jobs[i].formulas);
        check_same(remote[i], local[i]);
    }
    CHECK(remote[0].ok());
    CHECK(std::isnan(remote[2].train_loss) != std::isnan(remote[0].train_loss)); // a failed score kept its NaN
    for (const auto& w : farm.workers()) CHECK(w.outstanding == 0);
}

TEST_CASE("once a stop is asked no job starts; the jobs already sent finish and are reported") {
    const auto task = small_task("spirals");
    MpiBackend farm(mpi_session(), {task});
    std::vector<EvaluationJob> jobs;
    for (std::uint64_t seed = 0; seed < 16; ++seed) jobs.push_back({"tanh(x)", std::nullopt, seed, 1.0});
    std::vector<fitness::Score> scores(jobs.size());
    std::size_t reported = 0;
    const std::size_t finished = farm.evaluate(
        jobs, scores, [&](std::size_t, const fitness::Score&) { ++reported; }, [&] { return reported >= 2; });
    CHECK(finished == reported);
    CHECK(finished >= 2);
    CHECK(finished < jobs.size());
    std::size_t untouched = 0;
    for (const auto& s : scores) untouched += s.status == fitness::ScoreStatus::Invalid ? 1 : 0;
    CHECK(untouched == jobs.size() - finished);
    std::vector<fitness::Score> none(jobs.size());
    CHECK(farm.evaluate(jobs, none, {}, [] { return true; }) == 0);
}

TEST_CASE("a job that throws on a worker throws on rank 0, naming the rank, once the others are back") {
    const auto task = small_task("spirals");
    MpiBackend farm(mpi_session(), {task});
    std::vector<EvaluationJob> jobs = mixed_jobs();
    jobs.insert(jobs.begin() + 3, {"tanh(x", std::nullopt, 1, 1.0});
    std::vector<fitness::Score> scores(jobs.size());
    CHECK_THROWS_WITH_AS(farm.evaluate(jobs, scores), doctest::Contains("(on rank "), Error);
    for (const auto& w : farm.workers()) CHECK(w.outstanding == 0);
    // Nothing of that round is left in flight: the next one gets its own scores.
    const std::vector<EvaluationJob> after = mixed_jobs();
    std::vector<fitness::Score> remote(after.size());
    std::vector<fitness::Score> local(after.size());
    CHECK(farm.evaluate(after, remote) == after.size());
    ThreadBackend(task, 1).evaluate(after, local);
    for (std::size_t i = 0; i < after.size(); ++i) check_same(remote[i], local[i]);
}

TEST_CASE("a callback that throws stops the round; the farm then works as before") {
    const auto task = small_task("spirals");
    MpiBackend farm(mpi_session(), {task});
    const std::vector<EvaluationJob> jobs = mixed_jobs();
    std::vector<fitness::Score> scores(jobs.size());
    std::size_t calls = 0;
    CHECK_THROWS_WITH_AS(farm.evaluate(jobs, scores,
                                       [&](std::size_t, const fitness::Score&) {
                                           ++calls;
                                           throw Error("disk full");
                                       }),
                         "disk full", Error);
    CHECK(calls == 1);
    std::vector<fitness::Score> again(jobs.size());
    CHECK(farm.evaluate(jobs, again) == jobs.size());
}

TEST_CASE("jobs too large to go eagerly (15 kB of formula text) cross while results come back") {
    const auto task = small_task("spirals");
    MpiBackend farm(mpi_session(), {task});
    std::string sum = "0.01*tanh(x)";
    for (int i = 0; i < 50; ++i) sum += " + 0.01*tanh(x)";
    sum += std::string(15000, ' '); // blanks: a long message, not a slow training
    std::vector<EvaluationJob> jobs;
    for (std::uint64_t seed = 0; seed < 6; ++seed) jobs.push_back({sum, std::nullopt, seed, 1.0});
    std::vector<fitness::Score> remote(jobs.size());
    std::vector<fitness::Score> local(jobs.size());
    CHECK(farm.evaluate(jobs, remote) == jobs.size());
    ThreadBackend(task, 2).evaluate(jobs, local);
    for (std::size_t i = 0; i < jobs.size(); ++i) check_same(remote[i], local[i]);
}

TEST_CASE("multi-task fitness over the farm equals multi-task fitness over threads") {
    const std::vector<std::shared_ptr<const fitness::Task>> tasks{small_task("spirals"), small_task("circles")};
    MpiBackend farm(mpi_session(), tasks);
    ThreadBackend threads(tasks, 2);
    MultiTaskBackend over_farm(farm, {"spirals", "circles"}, 9);
    MultiTaskBackend over_threads(threads, {"spirals", "circles"}, 9);
    std::vector<EvaluationJob> jobs;
    for (const char* f : {"tanh(x)", "swish(x)", "log(x)"}) jobs.push_back({f, std::nullopt, 4, 1.0});
    std::vector<fitness::Score> remote(jobs.size());
    std::vector<fitness::Score> local(jobs.size());
    CHECK(over_farm.evaluate(jobs, remote) == jobs.size());
    CHECK(over_threads.evaluate(jobs, local) == jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) check_same(remote[i], local[i]);
    CHECK(remote[0].task_accuracies.size() == 2);
}

TEST_CASE("ranks whose data differ from rank 0's, or who cannot load it, are refused by rank and host") {
    const std::filesystem::path csv =
        std::filesystem::temp_directory_path() / ("actforge-mpi-" + std::to_string(::getpid()) + ".csv");
    auto write = [&](int shift) {
        std::ofstream out(csv);
        out << "a,b,label\n";
        for (int i = 0; i < 60; ++i) out << (i + shift) % 7 << ',' << i % 5 << ',' << (i % 3 == 0 ? "x" : "y") << '\n';
    };
    write(0);
    fitness::TaskSpec spec = fitness::task_preset("circles");
    spec.dataset = "csv:" + csv.string();
    const auto task = fitness::Task::load(spec);
    const std::string rank1 = "rank 1 on host " + mpi_session().host();
    const std::string other_data = rank1 + " loaded task 'csv:";
    const std::string no_data = rank1 + " could not load the task";
    CHECK_NOTHROW(MpiBackend(mpi_session(), {task}));
    write(1); // the workers load the file now: same path, other numbers
    CHECK_THROWS_WITH_AS(MpiBackend(mpi_session(), {task}), doctest::Contains(other_data.c_str()), Error);
    std::filesystem::remove(csv);
    CHECK_THROWS_WITH_AS(MpiBackend(mpi_session(), {task}), doctest::Contains(no_data.c_str()), Error);
    // Refusals leave no reply behind: a good task is accepted again.
    CHECK_NOTHROW(MpiBackend(mpi_session(), {small_task("spirals")}));
}
