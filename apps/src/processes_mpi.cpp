// Processes in a build with MPI.
#include "actforge/core/error.hpp"
#include "actforge/evolution/backends/mpi/mpi_backend.hpp"
#include "actforge/evolution/backends/mpi/mpi_worker.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"
#include "processes.hpp"

#include <fmt/format.h>
#include <optional>

namespace actforge::cli {
struct Processes::State {
    std::optional<evolution::MpiSession> session; // none: not started by an MPI launcher
    [[nodiscard]] bool farm() const { return session && session->size() > 1; }
};

Processes::Processes(int& argc, char**& argv) : state_(std::make_unique<State>()) {
    if (evolution::launched_by_mpi()) state_->session.emplace(argc, argv);
    set_current(this);
}

Processes::~Processes() { set_current(nullptr); }

bool Processes::worker() const noexcept { return state_->session && state_->session->worker(); }

std::string Processes::where() const {
    if (!state_->session) return "this process";
    return fmt::format("rank {} on host {}", state_->session->rank(), state_->session->host());
}

int Processes::serve(std::size_t threads) {
    if (!worker()) throw Error("only MPI ranks other than 0 serve trainings");
    evolution::serve_mpi_worker(*state_->session, threads);
    return 0;
}

evolution::BackendFactory Processes::backend_factory() const {
    if (!state_->farm()) return {};
    const evolution::MpiSession* session = &*state_->session;
    return [session](const std::vector<std::shared_ptr<const fitness::Task>>& tasks, std::size_t threads) {
        return evolution::make_backend(*session, tasks, threads);
    };
}

std::unique_ptr<evolution::EvaluationBackend>
Processes::make_backend(const std::vector<std::shared_ptr<const fitness::Task>>& tasks, std::size_t threads) const {
    if (const evolution::BackendFactory factory = backend_factory()) return factory(tasks, threads);
    return std::make_unique<evolution::ThreadBackend>(tasks, threads);
}

std::string Processes::describe(std::size_t threads) const {
    if (!state_->farm()) return fmt::format("{} thread(s)", threads);
    return fmt::format("{} MPI worker rank(s), each with its own --threads", state_->session->size() - 1);
}

} // namespace actforge::cli
