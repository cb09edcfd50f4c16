#include "actforge/fitness/score.hpp"

#include "actforge/core/error.hpp"

#include <array>
#include <fmt/format.h>

namespace actforge::fitness {
namespace {
constexpr std::array<std::string_view, 6> kNames{"ok", "non_finite", "diverged", "degenerate", "timeout", "invalid"};
} // namespace

std::string_view to_string(ScoreStatus s) noexcept { return kNames[static_cast<std::size_t>(s)]; }

ScoreStatus score_status_from_string(std::string_view s) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == s) return static_cast<ScoreStatus>(i);
    }
    throw Error(fmt::format("unknown score status '{}'", s));
}

} // namespace actforge::fitness
