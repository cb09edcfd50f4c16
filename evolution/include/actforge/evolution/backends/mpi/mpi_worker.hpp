#pragma once
// Ranks 1..N-1 of an MPI job: load the tasks rank 0 names (each from this
// node's own files), answer with this build and the tasks' fingerprints,
// then train the jobs rank 0 sends, `threads` at a time, returning each
// result as it finishes, until rank 0 says stop. A job that throws goes
// back as its error; a task that does not load goes back as the reason.
#include "actforge/evolution/backends/mpi/mpi_session.hpp"

#include <cstddef>

namespace actforge::evolution {

// Throws actforge::Error when threads is 0.
void serve_mpi_worker(const MpiSession& session, std::size_t threads);

} // namespace actforge::evolution
