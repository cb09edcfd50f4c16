#pragma once
// A task's fingerprint: a hash of its settings and of every example it
// trains, validates and tests on, with the rows each split holds. Processes
// that load a task from their own files (the ranks of an MPI job) compare
// fingerprints before one trusts the other's scores: equal fingerprints
// mean the same settings, the same splits and the same numbers.
#include "actforge/fitness/task.hpp"

#include <cstdint>

namespace actforge::fitness {

[[nodiscard]] std::uint64_t fingerprint(const Task& task);

} // namespace actforge::fitness
