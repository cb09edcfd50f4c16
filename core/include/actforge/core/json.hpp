#pragma once
// JSON numbers read from files.
//
// Non-finite values: JSON has no NaN or Inf, so a non-finite value is
// written as null and read back as the caller's fallback.
//
// Narrow types: nlohmann converts a JSON number to the type asked for with
// a plain cast, which is undefined behaviour when the value does not fit (a
// count of 1e30, or an integer too long for 64 bits, which JSON readers keep
// as a double; a double beyond float's range read as float). json_number
// refuses such a value with a nlohmann::json::type_error, as nlohmann
// refuses a string where a number belongs, so each reader reports both the
// same way: as a corrupt file.
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

namespace actforge {

namespace detail {
[[noreturn]] inline void throw_number_out_of_range(const nlohmann::json& j, const char* type) {
    throw nlohmann::json::type_error::create(302, "number " + j.dump() + " does not fit " + type, &j);
}
} // namespace detail

// An integer type takes whole numbers in its range, float takes numbers
// within float's range (or beyond it, infinite ones); double takes any.
template <typename T> [[nodiscard]] T json_number(const nlohmann::json& j) {
    static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
    if (!j.is_number()) return j.get<T>(); // nlohmann's own type_error
    if constexpr (std::is_integral_v<T>) {
        using limits = std::numeric_limits<T>;
        if (j.is_number_unsigned()) {
            if (j.get<std::uint64_t>() <= static_cast<std::uint64_t>(limits::max())) return j.get<T>();
        } else if (j.is_number_integer()) {
            const auto v = j.get<std::int64_t>();
            if (v >= 0 ? static_cast<std::uint64_t>(v) <= static_cast<std::uint64_t>(limits::max())
                       : limits::is_signed && v >= static_cast<std::int64_t>(limits::min())) {
                return j.get<T>();
            }
        } else {
            // limits::max() + 1 is a power of two, exact as a double.
            const double v = j.get<double>();
            const double end = static_cast<double>(limits::max() / 2 + 1) * 2.0;
            if (v == std::trunc(v) && v >= static_cast<double>(limits::min()) && v < end) return static_cast<T>(v);
        }
        detail::throw_number_out_of_range(j, limits::is_signed ? "a signed integer" : "an unsigned integer");
    } else if constexpr (std::is_same_v<T, float>) {
        const double v = j.get<double>();
        if (std::isfinite(v) && std::abs(v) > static_cast<double>(std::numeric_limits<float>::max())) {
            detail::throw_number_out_of_range(j, "a float");
        }
        return static_cast<float>(v);
    } else {
        return j.get<T>();
    }
}

// An array of numbers, each read by json_number.
template <typename T> [[nodiscard]] std::vector<T> json_numbers(const nlohmann::json& j) {
    std::vector<T> out;
    for (const auto& e : j.get_ref<const nlohmann::json::array_t&>()) out.push_back(json_number<T>(e));
    return out;
}

// j[key] read by json_number, or `fallback` when j has no such key.
template <typename T> [[nodiscard]] T json_number_or(const nlohmann::json& j, const char* key, T fallback) {
    return j.is_object() && !j.contains(key) ? fallback : json_number<T>(j.at(key));
}

[[nodiscard]] inline nlohmann::json finite_or_null(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

[[nodiscard]] inline double number_or(const nlohmann::json& j, double fallback) {
    return j.is_null() ? fallback : j.get<double>();
}

} // namespace actforge
