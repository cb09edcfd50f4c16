#pragma once
// The outcome of scoring one candidate.
#include "actforge/expr/tree.hpp"

#include <cstdint>
#include <limits>
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

    [[nodiscard]] bool ok() const noexcept { return status == ScoreStatus::Ok; }
};

// The trained functions: `functions` (one shared by every hidden layer, or
// one per layer) with their parameters at the values `score` learned. A
// shared form with parameters learns its own values in every layer, so it
// comes back as one function per layer; without learned values the
// functions come back as they are.
[[nodiscard]] std::vector<expr::Tree> with_learned(std::vector<expr::Tree> functions, const Score& score);

} // namespace actforge::fitness
