// Progress over generations: best and median fitness, trainings per second,
// and the trainings of each successive-halving rung.
#include "actforge/evolution/plots/plots.hpp"
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"

#include <fmt/format.h>
#include <map>

namespace actforge::evolution::report {
namespace {

// Search trainings per wall-clock second in each generation (verification included in the time).
Series training_rate(const std::vector<GenerationStats>& history) {
    Series s{"trainings per second", {}, {}};
    std::size_t evaluations = 0;
    double seconds = 0.0;
    for (const GenerationStats& g : history) {
        const double spent = g.seconds - seconds;
        s.x.push_back(static_cast<double>(g.generation));
        s.y.push_back(spent > 0 ? static_cast<double>(g.evaluations - evaluations) / spent
                                : std::numeric_limits<double>::quiet_NaN());
        evaluations = g.evaluations;
        seconds = g.seconds;
    }
    return s;
}

// Trainings per generation at each rung, from the log (generations
// numbered from 1, as in the history).
std::vector<Series> rung_trainings(const CampaignSnapshot& s) {
    std::map<std::size_t, std::map<std::size_t, std::size_t>> counts; // rung -> generation -> trainings
    std::size_t last = 0;
    for (const LoggedTraining& t : s.log.trainings) {
        if (t.key.rung == kVerificationRung) continue;
        ++counts[t.key.rung][t.generation + 1];
        last = std::max(last, t.generation + 1);
    }
    std::vector<Series> out;
    for (std::size_t r = 0; r < s.config.rungs; ++r) {
        Series series{fmt::format("rung {} (budget {:.3g})", r + 1, s.config.rung_budget(r)), {}, {}};
        for (std::size_t g = 1; g <= last; ++g) {
            series.x.push_back(static_cast<double>(g));
            const auto& rung = counts[r];
            const auto it = rung.find(g);
            series.y.push_back(it == rung.end() ? 0.0 : static_cast<double>(it->second));
        }
        out.push_back(std::move(series));
    }
    return out;
}

} // namespace

std::string progress_section(const CampaignSnapshot& s) {
    if (!s.checkpoint || s.checkpoint->history.empty()) return "";
    const auto& history = s.checkpoint->history;
    const std::string what = s.config.strategy == StrategyKind::RlController ? "update" : "generation";
    std::vector<std::string> plots{fitness_plot_svg(
        history, s.config.multi_task() ? "mean validation gain over ReLU" : "best and median validation accuracy")};
    const Series rate = training_rate(history);
    plots.push_back(lines_plot_svg({&rate, 1}, "search trainings per second of campaign time", what, "trainings / s"));
    if (s.config.rungs > 1) {
        const std::vector<Series> rungs = rung_trainings(s);
        plots.push_back(lines_plot_svg(rungs, "successive halving: trainings per rung", what, "trainings"));
    }
    const std::string body = plot_row_html(plots);
    return section_html("progress", fmt::format("Progress over {}s", what), body);
}

} // namespace actforge::evolution::report
