#include "actforge/fitness/score.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/stats.hpp"

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

Score combine_trainings(std::span<const Score> runs) {
    if (runs.empty()) throw Error("combine_trainings: no training");
    for (const Score& r : runs) {
        if (!r.ok()) return r;
    }
    Score out = runs.front();
    std::vector<double> accuracies;
    double loss = 0, train_loss = 0, seconds = 0;
    for (const Score& r : runs) {
        accuracies.push_back(r.accuracy);
        loss += r.loss;
        train_loss += r.train_loss;
        seconds += r.seconds;
    }
    const Summary s = summarize(accuracies);
    const auto n = static_cast<double>(runs.size());
    out.n = runs.size();
    out.accuracy = s.mean;
    out.accuracy_std = s.stddev;
    out.loss = loss / n;
    out.train_loss = train_loss / n;
    out.seconds = seconds;
    for (std::size_t t = 0; t < out.task_accuracies.size(); ++t) {
        double sum = 0;
        for (const Score& r : runs) sum += t < r.task_accuracies.size() ? r.task_accuracies[t] : 0.0;
        out.task_accuracies[t] = sum / n;
    }
    return out;
}

} // namespace actforge::fitness
