// Co-design: accuracy against cost, the Pareto front drawn and listed.
#include "actforge/evolution/genome/candidate_text.hpp"
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"
#include "report_text.hpp"

#include <fmt/format.h>

namespace actforge::evolution::report {
namespace {

std::vector<CostPoint> cost_points(const std::vector<Individual>& candidates) {
    std::vector<CostPoint> out;
    for (const Individual& e : candidates) {
        out.push_back({e.cost, e.score.accuracy,
                       fmt::format("{} | {} | {}", report_text::percent(e.score.accuracy), architecture_text(e),
                                   trained_formulas(e))});
    }
    return out;
}

} // namespace

std::string pareto_section(const CampaignSnapshot& s) {
    if (!s.checkpoint || !(s.config.codesign || s.config.cost_weight > 0)) return "";
    const HallOfFame& hall = s.checkpoint->hall_of_fame;
    const auto& front = hall.pareto_front();
    if (front.empty()) {
        return section_html("pareto", "Pareto front: accuracy against cost",
                            note_html("The Pareto front is empty: no candidate has a successful full-budget score."));
    }
    const std::string cost =
        s.config.cost == CostKind::Parameters ? "cost (network parameters)" : "cost (multiply-adds per example)";
    std::string body = inline_svg(pareto_plot_svg(cost_points(hall.entries()), cost_points(front),
                                                  "validation accuracy against cost (search scores)", cost));
    HtmlTable table{"pareto-front",
                    {{"accuracy", "search accuracy", true, ""},
                     {"cost", "cost", true, ""},
                     {"architecture", "architecture", false, ""},
                     {"formula", "functions (learned values)", false, ""}},
                    {}};
    for (const Individual& e : front) {
        table.rows.push_back({number_cell(e.score.accuracy, report_text::percent(e.score.accuracy)),
                              number_cell(e.cost, fmt::format("{:.4g}", e.cost)), text_cell(architecture_text(e)),
                              code_cell(trained_formulas(e))});
    }
    body += "<p>The candidates no other beats on both accuracy and cost, cheapest first.</p>\n";
    body += table_html(table);
    return section_html("pareto", "Pareto front: accuracy against cost", body);
}

} // namespace actforge::evolution::report
