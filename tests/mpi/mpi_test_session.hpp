#pragma once
// The MPI tests run on rank 0 of `mpirun -np 3 test_mpi`; ranks 1 and 2
// serve trainings as the worker ranks of a discover run do (main.cpp).
#include "actforge/evolution/backends/mpi/mpi_session.hpp"

namespace actforge::evolution::testing {

[[nodiscard]] const MpiSession& mpi_session();

} // namespace actforge::evolution::testing
