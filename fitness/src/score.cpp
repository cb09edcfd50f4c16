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

std::vector<expr::Tree> with_learned(std::vector<expr::Tree> functions, const Score& score) {
    const auto& learned = score.learned_parameters;
    if (functions.size() == 1 && learned.size() > 1 && !functions.front().parameters.empty())
        functions.assign(learned.size(), functions.front());
    for (std::size_t l = 0; l < functions.size() && l < learned.size(); ++l) {
        auto& parameters = functions[l].parameters;
        for (std::size_t k = 0; k < parameters.size() && k < learned[l].size(); ++k) parameters[k].value = learned[l][k];
    }
    return functions;
}

} // namespace actforge::fitness
