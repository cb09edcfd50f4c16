// Panels of the search methods that learn something over time: the RL
// controller's reward and entropy, a DARTS search's mixture weights.
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"
#include "actforge/evolution/strategies/core_unit_space.hpp"
#include "report_text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace actforge::evolution::report {
namespace {

std::string rl_panel(const std::vector<RlUpdateLog>& updates) {
    Series reward{"mean reward", {}, {}};
    Series baseline{"baseline (moving average)", {}, {}};
    std::vector<Series> entropy;
    for (const RlUpdateLog& u : updates) {
        const auto g = static_cast<double>(u.generation);
        reward.x.push_back(g);
        reward.y.push_back(u.mean_reward);
        baseline.x.push_back(g);
        baseline.y.push_back(u.baseline);
        for (std::size_t step = 0; step < u.entropy.size(); ++step) {
            if (step == entropy.size()) entropy.push_back({CoreUnitSpace::slot_name(step), {}, {}});
            entropy[step].x.push_back(g);
            entropy[step].y.push_back(u.entropy[step]);
        }
    }
    const std::vector<Series> rewards{reward, baseline};
    std::string body = "<h3>RL controller</h3>\n";
    body += plot_row_html(
        {lines_plot_svg(rewards, "policy updates: reward", "update (generation)", "reward"),
         lines_plot_svg(entropy, "entropy of each step's distribution", "update (generation)", "entropy (nats)")});
    const RlUpdateLog& last = updates.back();
    HtmlTable likely{"rl-most-likely",
                     {{"step", "step", false, ""},
                      {"token", "most likely token", false, ""},
                      {"probability", "probability", true, ""}},
                     {}};
    for (std::size_t step = 0; step < last.most_likely.size(); ++step) {
        const double p = step < last.probability.size() ? last.probability[step] : 0.0;
        likely.rows.push_back({text_cell(CoreUnitSpace::slot_name(step)), code_cell(last.most_likely[step]),
                               number_cell(p, fmt::format("{:.3f}", p))});
    }
    body += "<p>After the last update:</p>\n";
    body += table_html(likely);
    return body;
}

// One plot per layer: each (slot, primitive) weight over the epochs; then
// the discretisation gap.
std::string darts_panel(std::vector<MixtureWeight> weights, const std::optional<DartsGap>& gap) {
    std::stable_sort(weights.begin(), weights.end(), [](const auto& a, const auto& b) { return a.epoch < b.epoch; });
    std::map<std::size_t, std::map<std::pair<std::size_t, std::string>, Series>> layers;
    const bool one_slot = std::all_of(weights.begin(), weights.end(),
                                      [&](const MixtureWeight& w) { return w.slot == weights.front().slot; });
    for (const MixtureWeight& w : weights) {
        Series& s = layers[w.layer][{w.slot, w.primitive}];
        s.label = one_slot ? w.primitive : fmt::format("slot {}: {}", w.slot, w.primitive);
        s.x.push_back(static_cast<double>(w.epoch));
        s.y.push_back(w.weight);
    }
    std::vector<std::string> plots;
    for (const auto& [layer, by_primitive] : layers) {
        std::vector<Series> series;
        for (const auto& [key, s] : by_primitive) series.push_back(s);
        const std::string title =
            layer == 0 ? std::string("the mixture every layer shares") : fmt::format("layer {}'s mixture", layer);
        plots.push_back(lines_plot_svg(series, title, "epoch", "softmax weight"));
    }
    std::string body = "<h3>DARTS mixture weights</h3>\n";
    if (!plots.empty()) body += plot_row_html(plots);
    if (gap) {
        body += fmt::format(
            "<p>Discretisation gap: the mixture scored {} on validation; its argmax function, "
            "retrained alone, {}; the mixture differs from the argmax (on the mixture's scale: standardized) by up "
            "to {:.3g} on [-5, 5].</p>\n",
            report_text::percent(gap->supernet_accuracy), report_text::percent(gap->argmax_accuracy),
            gap->max_distance);
    }
    return body;
}

} // namespace

std::string strategy_section(const CampaignSnapshot& s) {
    std::string body;
    if (!s.rl_updates.empty()) body += rl_panel(s.rl_updates);
    if (!s.mixture.empty() || s.darts_gap) body += darts_panel(s.mixture, s.darts_gap);
    return body.empty() ? "" : section_html("strategy", "How the search learned", body);
}

} // namespace actforge::evolution::report
