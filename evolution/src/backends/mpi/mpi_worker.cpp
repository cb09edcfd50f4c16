#include "actforge/evolution/backends/mpi/mpi_worker.hpp"

#include "actforge/core/error.hpp"
#include "actforge/fitness/task_fingerprint.hpp"
#include "actforge/fitness/task_json.hpp"
#include "job_runner.hpp"
#include "mpi_transport.hpp"

namespace actforge::evolution {
namespace {

using namespace mpi_transport;

// Loads the tasks `message` (the JSON list of settings rank 0 sent) names,
// each from this node's files, for the runner to train on; the answer says
// what was loaded, or why it could not be.
WorkerHello load_tasks(std::span<const std::byte> message, const MpiSession& session, std::size_t threads,
                       JobRunner& runner) {
    WorkerHello hello{binary_identity(), session.host(), threads, {}, {}};
    try {
        const auto* chars = reinterpret_cast<const char*>(message.data());
        std::vector<fitness::Evaluator> evaluators;
        for (const nlohmann::json& spec : nlohmann::json::parse(chars, chars + message.size())) {
            const auto task = fitness::Task::load(fitness::task_spec_from_json(spec));
            evaluators.emplace_back(task);
            hello.fingerprints.push_back(fitness::fingerprint(*task));
        }
        runner.set_evaluators(std::move(evaluators));
    } catch (const std::exception& e) {
        hello.fingerprints.clear();
        hello.error = e.what();
    }
    return hello;
}

} // namespace

void serve_mpi_worker(const MpiSession& session, std::size_t threads) {
    JobRunner runner(threads);
    Outbox results;
    IdleBackoff idle;
    while (true) {
        bool busy = false;
        while (std::optional<Message> m = poll(0, std::nullopt)) {
            busy = true;
            switch (m->tag) {
            case Tag::Tasks: send(0, Tag::Hello, encode(load_tasks(m->bytes, session, threads, runner))); break;
            case Tag::Job: runner.submit(decode_job(m->bytes)); break;
            case Tag::Stop: return; // rank 0 waits for every result first, so nothing runs
            default: throw Error("a worker rank received a message it does not know");
            }
        }
        // Results as they finish; while nothing happens, waits a little
        // longer each time (a finished training ends the wait at once).
        const std::vector<ResultMessage> done = runner.take_finished(busy ? std::chrono::microseconds(0) : idle.next());
        for (const ResultMessage& r : done) results.post(0, Tag::Result, encode(r));
        results.progress();
        if (busy || !done.empty()) idle.reset();
    }
}

} // namespace actforge::evolution
