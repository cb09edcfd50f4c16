#pragma once
// Reading evaluations.jsonl without changing it: the engine's resume
// (EvaluationLog) and read-only views of a folder (the report) share it.
// Lines of older layouts are upgraded first (old_formats.hpp).
#include "actforge/core/rng.hpp"
#include "actforge/fitness/score.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace actforge::evolution {

// A training's identity: the candidate, the multi-fidelity rung it was
// trained at (0 without multi-fidelity; verification trainings are logged
// at kVerificationRung), and which of the rung's seeds (replica 0, 1, ...
// at the full budget with --eval-seeds; 0 otherwise).
struct RungKey {
    std::uint64_t key = 0;
    std::size_t rung = 0;
    std::size_t replica = 0;
    bool operator==(const RungKey&) const = default;
};
struct RungKeyHash {
    std::size_t operator()(const RungKey& k) const noexcept { return mix64(k.key ^ mix64(k.rung ^ (k.replica << 32))); }
};

// The rung number that marks verification trainings in keys and the log,
// above any multi-fidelity rung.
inline constexpr std::size_t kVerificationRung = 1000;

struct LoggedTraining {
    RungKey key;
    std::size_t generation = 0; // the generation that trained it
    double budget = 1.0;        // fraction of the full training budget
    std::string formula;        // the functions as trained, "F1; F2"
    fitness::Score score;
};

// Where reading stopped. Torn: the last line is incomplete or unreadable,
// as when a kill (or a campaign still writing) cut it mid-write. Damaged:
// an unreadable line with more lines after it, which no kill explains.
enum class LogTail { Clean, Torn, Damaged };

struct LogContents {
    std::vector<LoggedTraining> trainings; // the readable prefix, in file order
    std::size_t good_bytes = 0;            // its length in bytes
    LogTail tail = LogTail::Clean;
    std::size_t bad_line = 0; // 1-based number of the first line not read (Torn, Damaged)
    std::string problem;      // what is wrong with it
};

// A missing file reads as an empty, clean log.
[[nodiscard]] LogContents read_evaluation_log(const std::filesystem::path& file);

} // namespace actforge::evolution
