#pragma once
// The outcome of scoring one candidate.
#include "actforge/expr/tree.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actforge::fitness {

enum class ScoreStatus {
    Ok,
    NonFinite,  // NaN or infinity in the function, its derivative, the loss or the gradients
    Diverged,   // exploding values or loss
    Degenerate, // constant function, or a derivative that is zero everywhere
    Timeout,    // the per-candidate time limit passed
    Invalid,    // not a valid candidate (a formula that does not parse, a bad shape)
};

[[nodiscard]] std::string_view to_string(ScoreStatus s) noexcept;
// Inverse of to_string; throws actforge::Error on an unknown name.
[[nodiscard]] ScoreStatus score_status_from_string(std::string_view s);

struct Score {
    ScoreStatus status = ScoreStatus::Invalid;
    double accuracy = 0.0; // on the scored split (validation in a search, test in replay)
    double loss = std::numeric_limits<double>::infinity();
    double train_loss = std::numeric_limits<double>::quiet_NaN(); // mean over the last epoch
    double seconds = 0.0;                                         // training and scoring, not loading
    std::string message;                                          // why a candidate failed; empty when ok
    // Learned parameter values after training, per hidden layer (means over
    // the units when parameters are per neuron).
    std::vector<std::vector<float>> learned_parameters;
    // Trainings this score averages (the same candidate with different
    // seeds): accuracy, loss and train_loss are their means, accuracy_std
    // the sample standard deviation of their accuracies (0 for one).
    std::size_t n = 1;
    double accuracy_std = 0.0;
    // Multi-task fitness: the accuracy on each task, in the campaign's task
    // order (means over the trainings, like accuracy); empty for one task.
    std::vector<double> task_accuracies;

    [[nodiscard]] bool ok() const noexcept { return status == ScoreStatus::Ok; }
};

// One score from trainings of one candidate with different seeds (at least
// one): ok when every training is, else the first failure (a function that
// fails on some seeds is not one to use); means of accuracy, loss and
// train_loss (and of each task's accuracy), the accuracies' standard
// deviation, the summed seconds, and
// the learned values of the first training (a real run, reproducible from
// its seed).
[[nodiscard]] Score combine_trainings(std::span<const Score> runs);

// The trained functions: `functions` (one shared by every hidden layer, or
// one per layer) with their parameters at the values `score` learned. A
// shared form with parameters learns its own values in every layer, so it
// comes back as one function per layer; without learned values the
// functions come back as they are.
[[nodiscard]] std::vector<expr::Tree> with_learned(std::vector<expr::Tree> functions, const Score& score);

} // namespace actforge::fitness
