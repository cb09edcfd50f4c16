#include "campaign_tables.hpp"

#include "actforge/evolution/genome/candidate_text.hpp"
#include "actforge/fitness/architecture.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace actforge::cli {

void print_candidates(const std::vector<evolution::Individual>& entries, std::size_t top, bool with_cost,
                      const char* order) {
    fmt::print("{:>4}  {:>8}  {:>8}  {}{}\n", order, "val acc", "val loss",
               with_cost ? fmt::format("{:>10}  {:<22}  ", "cost", "architecture") : "",
               "functions [learned parameters]");
    for (std::size_t i = 0; i < entries.size() && i < top; ++i) {
        const auto& e = entries[i];
        fmt::print("{:>4}  {:>8.4f}  {:>8.4f}  {}{}\n", i + 1, e.score.accuracy, e.score.loss,
                   with_cost ? fmt::format("{:>10}  {:<22}  ", e.cost, evolution::architecture_text(e)) : "",
                   evolution::functions_text(e));
    }
    if (entries.empty()) fmt::print("      (no candidate has trained successfully yet)\n");
}

void print_verified(const evolution::CampaignState& state, std::size_t top, bool with_cost) {
    const auto& entries = state.hall_of_fame.entries();
    fmt::print("{:>4}  {:>17}  {:>3}  {:>8}  {:>8}  {:>7}  {:>8}  {}{}\n", "rank", "verified mean±std", "n", "baseline",
               "diff", "p", "search", with_cost ? fmt::format("{:<22}  ", "architecture") : "",
               "functions [learned parameters]");
    for (std::size_t i = 0; i < entries.size() && i < top; ++i) {
        const auto& e = entries[i];
        if (!e.verification) break;
        const auto& v = *e.verification;
        fmt::print("{:>4}  {:>8.2f}% ± {:>5.2f}  {:>3}  {:>8}  {:>+7.2f}%  {:>7.3g}  {:>8.4f}  {}{}\n", i + 1,
                   100 * v.mean, 100 * v.stddev, v.accuracies.size(), v.baseline, 100 * v.difference, v.p,
                   e.score.accuracy, with_cost ? fmt::format("{:<22}  ", evolution::architecture_text(e)) : "",
                   evolution::functions_text(e));
    }
    fmt::print("baselines under the same seeds:\n");
    for (const auto& b : state.baselines) {
        fmt::print("      {:>8.2f}% ± {:>5.2f}  {:>3}  {:<8}  {}\n", 100 * b.mean, 100 * b.stddev, b.accuracies.size(),
                   b.name, b.architecture ? fitness::describe(*b.architecture) : "task's network");
    }
}

void print_task_columns(const std::vector<evolution::Individual>& entries, std::size_t top,
                        const std::vector<std::string>& task_names) {
    fmt::print("{:>4}  {:>9}", "rank", "from");
    for (const auto& name : task_names) fmt::print("  {:>{}}", name, std::max<std::size_t>(name.size(), 7));
    fmt::print("\n");
    for (std::size_t i = 0; i < entries.size() && i < top; ++i) {
        const auto& e = entries[i];
        const bool verified = e.verification && !e.verification->task_means.empty();
        const std::vector<double>& values = verified ? e.verification->task_means : e.score.task_accuracies;
        fmt::print("{:>4}  {:>9}", i + 1, verified ? "verified" : "search");
        for (std::size_t t = 0; t < task_names.size(); ++t) {
            const std::size_t width = std::max<std::size_t>(task_names[t].size(), 7);
            if (t < values.size())
                fmt::print("  {:>{}}", fmt::format("{:.2f}%", 100 * values[t]), width);
            else
                fmt::print("  {:>{}}", "", width);
        }
        fmt::print("\n");
    }
}

} // namespace actforge::cli
