#include "mpi_transport.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <climits>
#include <thread>

namespace actforge::evolution::mpi_transport {

void send(int rank, Tag tag, std::span<const std::byte> bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw Error("an MPI message is larger than 2 GiB");
    MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, rank, static_cast<int>(tag), MPI_COMM_WORLD);
}

std::optional<Message> poll(int source, std::optional<Tag> tag) {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(source == kAnySource ? MPI_ANY_SOURCE : source, tag ? static_cast<int>(*tag) : MPI_ANY_TAG,
               MPI_COMM_WORLD, &arrived, &status);
    if (arrived == 0) return std::nullopt;
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    Message m{status.MPI_SOURCE, static_cast<Tag>(status.MPI_TAG), Bytes(static_cast<std::size_t>(count))};
    MPI_Recv(m.bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return m;
}

Message wait(int source, std::optional<Tag> tag) {
    IdleBackoff idle;
    while (true) {
        if (std::optional<Message> m = poll(source, tag)) return std::move(*m);
        std::this_thread::sleep_for(idle.next());
    }
}

Outbox::~Outbox() {
    for (Pending& p : pending_) MPI_Wait(&p.request, MPI_STATUS_IGNORE);
}

void Outbox::post(int rank, Tag tag, Bytes bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw Error("an MPI message is larger than 2 GiB");
    Pending& p = pending_.emplace_back();
    p.bytes = std::move(bytes);
    MPI_Isend(p.bytes.data(), static_cast<int>(p.bytes.size()), MPI_BYTE, rank, static_cast<int>(tag), MPI_COMM_WORLD,
              &p.request);
}

void Outbox::progress() {
    pending_.remove_if([](Pending& p) {
        int done = 0;
        MPI_Test(&p.request, &done, MPI_STATUS_IGNORE);
        return done != 0;
    });
}

std::chrono::microseconds IdleBackoff::next() noexcept {
    const std::chrono::microseconds now = pause_;
    pause_ = std::min(pause_ * 2, kLongest);
    return now;
}

} // namespace actforge::evolution::mpi_transport
