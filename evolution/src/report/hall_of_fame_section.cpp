// The hall of fame as a sortable table, each row with a small f and f'
// plot; and the failures, for a folder where nothing succeeded.
#include "actforge/evolution/genome/candidate_text.hpp"
#include "actforge/evolution/plots/function_curves.hpp"
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"
#include "report_text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <map>

namespace actforge::evolution::report {
namespace {

using namespace report_text;

// Which optional columns the table has.
struct HallShape {
    bool verified = false; // some entry is verified
    bool with_cost = false;
    bool codesign = false;
    CostKind cost = CostKind::Parameters;
};

// A column and how an entry (with its rank) fills it.
struct HallColumn {
    TableColumn head;
    std::function<TableCell(const Individual&, std::size_t)> cell;
};

TableCell count_cell(std::size_t n) { return number_cell(static_cast<double>(n), std::to_string(n)); }

std::size_t tree_total(const Individual& e, std::size_t (*of)(const expr::Tree&)) {
    std::size_t total = 0;
    for (const expr::Tree& t : e.genome.activations) total += of(t);
    return total;
}

std::vector<HallColumn> verification_columns() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {{{"verified", "verified mean \u00b1 std", true, "validation accuracy over the verification seeds"},
             [](const Individual& e, std::size_t) {
                 const auto& v = e.verification;
                 return v ? number_cell(v->mean, fmt::format("{} \u00b1 {:.2f}", percent(v->mean), 100 * v->stddev))
                          : TableCell{"not verified", ""};
             }},
            {{"n", "n", true, "verification trainings"},
             [nan](const Individual& e, std::size_t) {
                 return e.verification ? count_cell(e.verification->accuracies.size()) : number_cell(nan, "");
             }},
            {{"baseline", "best baseline", false, "the best baseline on the candidate's own network, same seeds"},
             [](const Individual& e, std::size_t) {
                 return e.verification ? text_cell(e.verification->baseline) : TableCell{};
             }},
            {{"difference", "\u0394 (points)", true, "verified mean minus the best baseline's"},
             [nan](const Individual& e, std::size_t) {
                 return e.verification ? number_cell(e.verification->difference, points(e.verification->difference))
                                       : number_cell(nan, "");
             }},
            {{"p", "p", true, "Welch's two-sided p-value of that difference"}, [nan](const Individual& e, std::size_t) {
                 return e.verification ? number_cell(e.verification->p, p_value(e.verification->p))
                                       : number_cell(nan, "");
             }}};
}

std::vector<HallColumn> hall_columns(const HallShape& shape) {
    std::vector<HallColumn> columns{
        {{"rank", "rank", true, "verified candidates first, by verified mean; then the others by search score"},
         [](const Individual&, std::size_t rank) { return count_cell(rank); }},
        {{"formula", "functions (learned values)", false, "what export --format infix prints"},
         [](const Individual& e, std::size_t) { return code_cell(trained_formulas(e)); }},
        {{"plot", "f and f\u2032", false, "f solid, f\u2032 dashed, on [-5, 5]"},
         [](const Individual& e, std::size_t) {
             return TableCell{inline_svg(function_thumbnail_svg(layer_curves(e))), ""};
         }},
        {{"size", "size", true, "nodes in the expression trees"},
         [](const Individual& e, std::size_t) {
             return count_cell(tree_total(e, [](const expr::Tree& t) { return t.size(); }));
         }},
        {{"params", "params", true, "learnable parameters"}, [](const Individual& e, std::size_t) {
             return count_cell(tree_total(e, [](const expr::Tree& t) { return t.parameters.size(); }));
         }}};
    if (shape.verified) {
        for (HallColumn& c : verification_columns()) columns.push_back(std::move(c));
    }
    columns.push_back({{"search", "search score", true, "validation accuracy the search saw (mean of n trainings)"},
                       [](const Individual& e, std::size_t) {
                           return number_cell(e.score.accuracy,
                                              fmt::format("{} (n={})", percent(e.score.accuracy), e.score.n));
                       }});
    if (shape.with_cost) {
        columns.push_back(
            {{"cost", shape.cost == CostKind::Parameters ? "cost (params)" : "cost (madds)", true,
              "the network's weights and biases, or its multiply-adds per example"},
             [](const Individual& e, std::size_t) { return number_cell(e.cost, fmt::format("{:.4g}", e.cost)); }});
    }
    if (shape.codesign) {
        columns.push_back({{"architecture", "architecture", false, "dense widths and learning rate"},
                           [](const Individual& e, std::size_t) { return text_cell(architecture_text(e)); }});
    }
    columns.push_back({{"generation", "generation", true, "when it was created"},
                       [](const Individual& e, std::size_t) { return count_cell(e.generation); }});
    return columns;
}

// The baselines the verified candidates are compared with.
std::string baselines_html(const std::vector<BaselineResult>& baselines) {
    if (baselines.empty()) return "";
    HtmlTable table{"baselines",
                    {{"name", "baseline", false, ""},
                     {"mean", "mean \u00b1 std", true, "validation accuracy over the verification seeds"},
                     {"n", "n", true, ""},
                     {"network", "network", false, ""}},
                    {}};
    for (const BaselineResult& b : baselines) {
        table.rows.push_back({text_cell(b.name),
                              number_cell(b.mean, fmt::format("{} \u00b1 {:.2f}", percent(b.mean), 100 * b.stddev)),
                              count_cell(b.accuracies.size()),
                              text_cell(b.architecture ? fitness::describe(*b.architecture) : "task's network")});
    }
    return fmt::format("<h3>Baselines under the same seeds</h3>\n{}", table_html(table));
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
    HallShape shape;
    shape.verified =
        std::any_of(entries.begin(), entries.end(), [](const Individual& e) { return e.verification.has_value(); });
    shape.with_cost = std::any_of(entries.begin(), entries.end(), [](const Individual& e) { return e.cost > 0; });
    shape.codesign = s.config.codesign;
    shape.cost = s.config.cost;
    const std::vector<HallColumn> columns = hall_columns(shape);
    HtmlTable table{"hall-of-fame", {}, {}};
    for (const HallColumn& c : columns) table.columns.push_back(c.head);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::vector<TableCell> row;
        for (const HallColumn& c : columns) row.push_back(c.cell(entries[i], i + 1));
        table.rows.push_back(std::move(row));
    }
    std::string body;
    if (s.config.multi_task())
        body += note_html("Accuracies are mean gains over ReLU across the tasks (points of accuracy).");
    if (!shape.verified && s.config.verify_seeds > 0)
        body += note_html("No candidate is verified yet: the verification runs after each completed generation.");
    body += "<p>Click a column's header to sort by it.</p>\n";
    body += table_html(table);
    body += baselines_html(s.checkpoint->baselines);
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
        table.rows.push_back({text_cell(status), count_cell(f.count), code_cell(f.example->formula),
                              text_cell(f.example->score.message)});
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
