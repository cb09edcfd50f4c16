#pragma once
// evaluations.jsonl: one JSON line per evaluation, appended and flushed as
// each one finishes, so a campaign killed at any moment keeps every score
// it logged. On reopening, a torn last line (the kill hit mid-write) is cut
// off and the logged scores are loaded, to be reused instead of recomputed.
#include "actforge/evolution/campaign/evaluation_log_reader.hpp"
#include "actforge/evolution/genome/individual.hpp"

#include <cstdio>
#include <filesystem>
#include <mutex>
#include <unordered_map>

namespace actforge::evolution {

class EvaluationLog {
public:
    explicit EvaluationLog(const std::filesystem::path& file);
    ~EvaluationLog();
    EvaluationLog(const EvaluationLog&) = delete;
    EvaluationLog& operator=(const EvaluationLog&) = delete;

    // Thread-safe. Writes {"generation", "slot", "rung", "replica", "budget",
    // "formula", "canonical", "architecture", "key", "status", "accuracy",
    // "loss", "train_loss", "seconds", ...}; the budget is ind.budget and
    // the generation ind.generation, which the caller sets to the
    // generation that trained it; the slot is its place in that generation
    // (among the verification's (candidate or baseline, seed) pairs for
    // verification trainings).
    void append(const Individual& ind, std::size_t slot, std::size_t rung, std::size_t replica = 0);

    struct Logged {
        fitness::Score score;
        std::size_t generation = 0;
    };
    // Scores found in the file when it was opened, by candidate key and
    // multi-fidelity rung (the first line of a pair wins).
    [[nodiscard]] const std::unordered_map<RungKey, Logged, RungKeyHash>& logged() const noexcept { return logged_; }
    [[nodiscard]] std::size_t lines() const noexcept { return lines_; }

private:
    std::FILE* file_ = nullptr;
    std::mutex mutex_;
    std::unordered_map<RungKey, Logged, RungKeyHash> logged_;
    std::size_t lines_ = 0;
};

} // namespace actforge::evolution
