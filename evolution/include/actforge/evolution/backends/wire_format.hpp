#pragma once
// What crosses a process boundary between a campaign and the workers that
// train its jobs (the ranks of an MPI job): jobs, results and a worker's
// start-up reply, as bytes. Numbers travel as their bit patterns, so a
// score arrives exactly as the worker computed it, NaN and infinities
// included. Both ends run the same build (the start-up reply says which),
// so byte order and type sizes agree.
#include "actforge/evolution/backends/evaluation_backend.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace actforge::evolution {

using Bytes = std::vector<std::byte>;

// A job and the slot its score goes to.
struct JobMessage {
    std::uint64_t slot = 0;
    EvaluationJob job;
};

// A finished job: its score, or why training it threw (what the thread
// backend would have thrown).
struct ResultMessage {
    std::uint64_t slot = 0;
    std::optional<fitness::Score> score;
    std::string error; // set when score is empty
};

// A worker's answer to the tasks it was sent: who it is and what it
// loaded, or why it could not load them.
struct WorkerHello {
    std::string binary;                      // build identity (binary_identity())
    std::string host;                        // where the worker runs
    std::uint64_t threads = 0;               // trainings it runs at once
    std::vector<std::uint64_t> fingerprints; // per task, fitness::fingerprint
    std::string error;                       // the load failed: why (fingerprints empty)
};

[[nodiscard]] Bytes encode(const JobMessage& m);
[[nodiscard]] Bytes encode(const ResultMessage& m);
[[nodiscard]] Bytes encode(const WorkerHello& m);
// Each throws actforge::Error on bytes that are cut short or run long.
[[nodiscard]] JobMessage decode_job(std::span<const std::byte> bytes);
[[nodiscard]] ResultMessage decode_result(std::span<const std::byte> bytes);
[[nodiscard]] WorkerHello decode_hello(std::span<const std::byte> bytes);

} // namespace actforge::evolution
