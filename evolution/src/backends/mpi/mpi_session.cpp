#include "actforge/evolution/backends/mpi/mpi_session.hpp"

#include "actforge/core/content_hash.hpp"
#include "actforge/core/error.hpp"
#include "mpi_transport.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <mpi.h>

namespace actforge::evolution {

bool launched_by_mpi() {
    // mpirun (Open MPI's runtime) sets the first; srun sets PMI or PMIx ranks.
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
        if (std::getenv(name) != nullptr) return true;
    }
    return false;
}

MpiSession::MpiSession(int& argc, char**& argv) {
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    if (provided < MPI_THREAD_FUNNELED) {
        MPI_Finalize();
        throw Error("this MPI library does not offer funneled threading (MPI_THREAD_FUNNELED), which actforge needs");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    char name[MPI_MAX_PROCESSOR_NAME] = {};
    int length = 0;
    MPI_Get_processor_name(name, &length);
    host_.assign(name, static_cast<std::size_t>(length));
}

MpiSession::~MpiSession() {
    stop_workers();
    MPI_Finalize();
}

void MpiSession::stop_workers() {
    if (rank_ != 0 || stopped_) return;
    stopped_ = true;
    for (int r = 1; r < size_; ++r) mpi_transport::send(r, mpi_transport::Tag::Stop, {});
}

const std::string& binary_identity() {
    static const std::string identity = [] {
        ContentHash hash;
        std::ifstream in("/proc/self/exe", std::ios::binary);
        std::vector<char> chunk(1 << 20);
        while (in) {
            in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            hash.add(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
        }
        return fmt::format("actforge {}, build {:016x}", ACTFORGE_VERSION, hash.value());
    }();
    return identity;
}

} // namespace actforge::evolution
