#pragma once
// JSON numbers that may not be finite: JSON has no NaN or Inf, so a
// non-finite value is written as null and read back as the caller's fallback.
#include <cmath>
#include <nlohmann/json.hpp>

namespace actforge {

[[nodiscard]] inline nlohmann::json finite_or_null(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

[[nodiscard]] inline double number_or(const nlohmann::json& j, double fallback) {
    return j.is_null() ? fallback : j.get<double>();
}

} // namespace actforge
