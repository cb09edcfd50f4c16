#pragma once
// A cheap check before any training: a candidate that is not finite on a
// range of inputs, explodes there, is constant, or has a derivative that is
// zero everywhere fails with a reason, in microseconds instead of seconds.
#include "actforge/expr/tree.hpp"
#include "actforge/fitness/score.hpp"

namespace actforge::fitness {

struct PrescreenResult {
    ScoreStatus status = ScoreStatus::Ok;
    std::string message;
    [[nodiscard]] bool ok() const noexcept { return status == ScoreStatus::Ok; }
};

// Range and limits of the check: pre-activations of a freshly initialised
// network stay well inside [-10, 10].
inline constexpr double kPrescreenRange = 10.0;
inline constexpr std::size_t kPrescreenPoints = 2001;
inline constexpr double kPrescreenMaxMagnitude = 1e6;

[[nodiscard]] PrescreenResult prescreen(const expr::Tree& tree);

} // namespace actforge::fitness
