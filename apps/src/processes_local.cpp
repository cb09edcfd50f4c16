// Processes in a build without MPI: always this one alone.
#include "actforge/core/error.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"
#include "processes.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <string>

namespace actforge::cli {
namespace {

// Copies this build cannot coordinate: mpirun or srun started several.
int launched_copies() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
        if (const char* value = std::getenv(name)) return std::atoi(value);
    }
    return 1;
}

} // namespace

struct Processes::State {};

Processes::Processes(int&, char**&) : state_(std::make_unique<State>()) {
    if (const int copies = launched_copies(); copies > 1) {
        throw Error(fmt::format("this actforge was built without MPI, but {} copies of it were started (mpirun or "
                                "srun); they would all run the same campaign. Install libopenmpi-dev and "
                                "openmpi-bin (scripts/deps.sh) and rebuild, or run one copy",
                                copies));
    }
    set_current(this);
}

Processes::~Processes() { set_current(nullptr); }

bool Processes::worker() const noexcept { return false; }

std::string Processes::where() const { return "this process"; }

int Processes::serve(std::size_t) { throw Error("this actforge was built without MPI"); }

evolution::BackendFactory Processes::backend_factory() const { return {}; }

std::unique_ptr<evolution::EvaluationBackend>
Processes::make_backend(const std::vector<std::shared_ptr<const fitness::Task>>& tasks, std::size_t threads) const {
    return std::make_unique<evolution::ThreadBackend>(tasks, threads);
}

std::string Processes::describe(std::size_t threads) const { return fmt::format("{} thread(s)", threads); }

} // namespace actforge::cli
