#pragma once
// Messages between ranks as byte buffers on MPI_COMM_WORLD, one tag per
// kind (private to the MPI backend's target, the one that includes mpi.h). Waiting polls with MPI_Iprobe and sleeps
// between polls (idle_pause), so a rank that waits for results or jobs does not burn a core.
#include "actforge/evolution/backends/wire_format.hpp"

#include <chrono>
#include <list>
#include <mpi.h>
#include <optional>

namespace actforge::evolution::mpi_transport {

enum class Tag : int {
    Tasks = 1,  // rank 0 -> worker: the tasks' settings (JSON)
    Hello = 2,  // worker -> rank 0: WorkerHello
    Job = 3,    // rank 0 -> worker: JobMessage
    Result = 4, // worker -> rank 0: ResultMessage
    Stop = 5,   // rank 0 -> worker: leave the serve loop
};

inline constexpr int kAnySource = -1;

struct Message {
    int source = 0;
    Tag tag = Tag::Stop;
    Bytes bytes;
};

void send(int rank, Tag tag, std::span<const std::byte> bytes);
// The next message from `source` (kAnySource: any rank) with `tag` (none:
// any tag), if one has arrived.
[[nodiscard]] std::optional<Message> poll(int source, std::optional<Tag> tag);
// Waits for such a message, sleeping between polls.
[[nodiscard]] Message wait(int source, std::optional<Tag> tag);

// Sends that do not wait for the receiver: a worker posts its results here
// and goes on receiving jobs. (Two blocking sends of messages too large to
// go eagerly, a result one way and a job the other, would each wait for
// the other's receive forever.)
class Outbox {
public:
    Outbox() = default;
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;
    // Waits for what is still in flight.
    ~Outbox();
    void post(int rank, Tag tag, Bytes bytes);
    // Forgets the sends that completed.
    void progress();

private:
    struct Pending {
        Bytes bytes;
        MPI_Request request = MPI_REQUEST_NULL;
    };
    std::list<Pending> pending_; // stable addresses: MPI holds the buffers until done
};

// Pauses between polls that found nothing: 20 µs at first, doubling up to
// 1 ms, so a message that arrives soon is seen soon and a long wait costs a
// thousand wake-ups a second. reset() after a message.
class IdleBackoff {
public:
    [[nodiscard]] std::chrono::microseconds next() noexcept;
    void reset() noexcept { pause_ = kFirst; }

private:
    static constexpr std::chrono::microseconds kFirst{20};
    static constexpr std::chrono::microseconds kLongest{1000};
    std::chrono::microseconds pause_ = kFirst;
};

} // namespace actforge::evolution::mpi_transport
