// The hall of fame as a sortable table, each row with a small f and f'
// plot; and the failures, for a folder where nothing succeeded.
#include "actforge/evolution/genome/candidate_text.hpp"
#include "actforge/evolution/plots/function_curves.hpp"
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"
#include "report_text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace actforge::evolution::report {
namespace {

using namespace report_text;

std::vector<TableColumn> hall_columns(bool with_cost, bool codesign, CostKind cost) {
    std::vector<TableColumn> columns{
        {"rank", "rank", true, "verified candidates first, by verified mean; then the others by search score"},
        {"formula", "functions (learned values)", false, "what export --format infix prints"},
        {"plot", "f and f\u2032", false, "f solid, f\u2032 dashed, on [-5, 5]"},
        {"size", "size", true, "nodes in the expression trees"},
        {"params", "params", true, "learnable parameters"},
        {"verified", "verified mean \u00b1 std", true, "validation accuracy over the verification seeds"},
        {"n", "n", true, "verification trainings"},
        {"baseline", "best baseline", false, "the best baseline on the candidate's own network, same seeds"},
        {"difference", "\u0394 (points)", true, "verified mean minus the best baseline's"},
        {"p", "p", true, "Welch's two-sided p-value of that difference"},
        {"search", "search score", true, "validation accuracy the search saw (mean of n trainings)"}};
    if (with_cost) {
        columns.push_back({"cost", cost == CostKind::Parameters ? "cost (params)" : "cost (madds)", true,
                           "the network's weights and biases, or its multiply-adds per example"});
    }
    if (codesign) columns.push_back({"architecture", "architecture", false, "dense widths and learning rate"});
    columns.push_back({"generation", "generation", true, "when it was created"});
    return columns;
}

std::vector<TableCell> hall_row(const Individual& e, std::size_t rank, bool with_cost, bool codesign) {
    std::size_t size = 0, params = 0;
    for (const expr::Tree& t : e.genome.activations) {
        size += t.size();
        params += t.parameters.size();
    }
    const std::optional<Verification>& v = e.verification;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<TableCell> row{
        number_cell(static_cast<double>(rank), std::to_string(rank)),
        code_cell(trained_formulas(e)),
        {inline_svg(function_thumbnail_svg(layer_curves(e))), ""},
        number_cell(static_cast<double>(size), std::to_string(size)),
        number_cell(static_cast<double>(params), std::to_string(params)),
        v ? number_cell(v->mean, fmt::format("{} \u00b1 {:.2f}", percent(v->mean), 100 * v->stddev))
          : TableCell{"not verified", ""},
        v ? number_cell(static_cast<double>(v->accuracies.size()), std::to_string(v->accuracies.size()))
          : number_cell(nan, ""),
        v ? text_cell(v->baseline) : TableCell{"", ""},
        number_cell(v ? v->difference : nan, v ? points(v->difference) : ""),
        number_cell(v ? v->p : nan, v ? p_value(v->p) : ""),
        number_cell(e.score.accuracy, fmt::format("{} (n={})", percent(e.score.accuracy), e.score.n))};
    if (with_cost) row.push_back(number_cell(e.cost, fmt::format("{:.4g}", e.cost)));
    if (codesign) row.push_back(text_cell(architecture_text(e)));
    row.push_back(number_cell(static_cast<double>(e.generation), std::to_string(e.generation)));
    return row;
}

// Why nothing is in the hall of fame.
std::string empty_hall_note(const CampaignSnapshot& s) {
    const auto& t = s.log.trainings;
    const auto failed = std::count_if(t.begin(), t.end(), [](const LoggedTraining& l) { return !l.score.ok(); });
    if (!s.checkpoint) return "The hall of fame is missing: no generation has completed yet.";
    if (t.empty()) return "The hall of fame is empty: no training is logged.";
    if (static_cast<std::size_t>(failed) == t.size())
        return fmt::format("The hall of fame is empty: all {} logged trainings failed (see Failures).", t.size());
    return "The hall of fame is empty: no candidate has a successful score at the full budget yet.";
}

} // namespace

std::string hall_of_fame_section(const CampaignSnapshot& s) {
    if (!s.checkpoint || s.checkpoint->hall_of_fame.entries().empty())
        return section_html("hall-of-fame-section", "Hall of fame", note_html(empty_hall_note(s)));
    const auto& entries = s.checkpoint->hall_of_fame.entries();
    const bool with_cost = std::any_of(entries.begin(), entries.end(), [](const Individual& e) { return e.cost > 0; });
    HtmlTable table{"hall-of-fame", hall_columns(with_cost, s.config.codesign, s.config.cost), {}};
    for (std::size_t i = 0; i < entries.size(); ++i)
        table.rows.push_back(hall_row(entries[i], i + 1, with_cost, s.config.codesign));
    std::string body;
    if (s.config.multi_task())
        body += note_html("Accuracies are mean gains over ReLU across the tasks (points of accuracy).");
    const bool verified =
        std::any_of(entries.begin(), entries.end(), [](const Individual& e) { return e.verification.has_value(); });
    if (!verified && s.config.verify_seeds > 0)
        body += note_html("No candidate is verified yet: the verification runs after each completed generation.");
    body += "<p>Click a column's header to sort by it.</p>\n" + table_html(table);
    return section_html("hall-of-fame-section", "Hall of fame", body);
}

std::string failures_section(const CampaignSnapshot& s) {
    struct Failures {
        std::size_t count = 0;
        const LoggedTraining* example = nullptr;
    };
    std::map<std::string, Failures> by_status;
    for (const LoggedTraining& t : s.log.trainings) {
        if (t.score.ok()) continue;
        Failures& f = by_status[std::string(fitness::to_string(t.score.status))];
        if (f.count++ == 0) f.example = &t;
    }
    if (by_status.empty()) return "";
    HtmlTable table{"failures",
                    {{"status", "status", false, ""},
                     {"trainings", "trainings", true, ""},
                     {"formula", "first failed formula", false, ""},
                     {"reason", "its reason", false, ""}},
                    {}};
    for (const auto& [status, f] : by_status) {
        table.rows.push_back({text_cell(status), number_cell(static_cast<double>(f.count), std::to_string(f.count)),
                              code_cell(f.example->formula), text_cell(f.example->score.message)});
    }
    return section_html("failures-section", "Failures", table_html(table));
}

std::string top_functions_section(const CampaignSnapshot& s, std::size_t top) {
    if (!s.checkpoint || s.checkpoint->hall_of_fame.entries().empty() || top == 0) return "";
    std::vector<Curve> curves = top_candidate_curves(s.checkpoint->hall_of_fame.entries(), top);
    const std::size_t shown = curves.size();
    curves.push_back(reference_curve("ReLU", "relu(x)"));
    curves.push_back(reference_curve("Swish", "swish(x)"));
    curves.push_back(reference_curve("GELU", "gelu(x)"));
    return section_html("top-functions", fmt::format("Top {}: f and f\u2032 against ReLU, Swish and GELU", shown),
                        inline_svg(functions_plot_svg(curves, "first hidden layer's function, learned parameters")));
}

} // namespace actforge::evolution::report
