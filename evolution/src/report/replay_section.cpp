// Replay and transfer: test accuracy of the top candidates and the
// baselines over several seeds, one table per task.
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"
#include "report_text.hpp"

#include <fmt/format.h>

namespace actforge::evolution::report {
namespace {

using namespace report_text;

HtmlTable replay_table(const ReplayTable& t, std::size_t index) {
    HtmlTable table{fmt::format("replay-{}", index),
                    {{"label", "entry", false, "#k: the hall of fame's rank k; relu@#1: ReLU on #1's architecture"},
                     {"mean", "test mean \u00b1 std", true, ""},
                     {"runs", "runs ok", true, ""},
                     {"best", "best baseline", false, "the best baseline on the same network"},
                     {"p-best", "p vs best", true, "Welch's two-sided p against the best baseline"},
                     {"p-relu", "p vs ReLU", true, "Welch's two-sided p against ReLU on the task's network"},
                     {"architecture", "architecture", false, ""},
                     {"formula", "functions", false, ""}},
                    {}};
    for (const ReplayRow& r : t.rows) {
        table.rows.push_back(
            {text_cell(r.label), number_cell(r.mean, fmt::format("{} \u00b1 {:.2f}", percent(r.mean), 100 * r.stddev)),
             number_cell(static_cast<double>(r.runs_ok), fmt::format("{} of {}", r.runs_ok, r.runs)),
             text_cell(r.best_baseline), number_cell(r.p_vs_best, p_value(r.p_vs_best)),
             number_cell(r.p_vs_relu, p_value(r.p_vs_relu)), text_cell(r.architecture), code_cell(r.formula)});
    }
    return table;
}

} // namespace

std::string replay_section(const CampaignSnapshot& s) {
    if (s.replay.empty()) return "";
    std::string body;
    for (std::size_t i = 0; i < s.replay.size(); ++i) {
        const ReplayTable& t = s.replay[i];
        body +=
            fmt::format("<h3>{}{}</h3>\n<p>Test accuracy over {} seeds, {} epoch{} on the full training "
                        "split.</p>\n",
                        i == 0 ? "" : "transfer: ", xml_escape(t.task), t.seeds, t.epochs, t.epochs == 1 ? "" : "s");
        body += table_html(replay_table(t, i));
    }
    return section_html("replay", "Replay and transfer", body);
}

} // namespace actforge::evolution::report
