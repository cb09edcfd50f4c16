// doctest on rank 0; the other ranks are workers with one thread each.
#define DOCTEST_CONFIG_IMPLEMENT
#include "actforge/evolution/backends/mpi/mpi_worker.hpp"
#include "mpi_test_session.hpp"

#include <doctest/doctest.h>
#include <optional>

namespace {
std::optional<actforge::evolution::MpiSession> g_session;
}

const actforge::evolution::MpiSession& actforge::evolution::testing::mpi_session() { return *g_session; }

int main(int argc, char** argv) {
    g_session.emplace(argc, argv);
    int status = 0;
    if (g_session->worker()) {
        actforge::evolution::serve_mpi_worker(*g_session, 1);
    } else {
        doctest::Context context(argc, argv);
        status = context.run();
    }
    g_session.reset(); // rank 0 stops the workers; every rank leaves MPI
    return status;
}
