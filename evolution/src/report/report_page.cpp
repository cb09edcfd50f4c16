// The report page: a title, what is missing, a table of contents, then
// every section the folder has data for.
#include "actforge/evolution/plots/plots.hpp"
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"

#include <fmt/format.h>

namespace actforge::evolution {
namespace {

struct Part {
    const char* id; // the section's id, for the table of contents
    const char* title;
    std::string html; // empty: not shown
};

std::string problems_html(const std::vector<std::string>& problems) {
    if (problems.empty()) return "";
    std::string items;
    for (const auto& p : problems) items += fmt::format("<li>{}</li>\n", xml_escape(p));
    return fmt::format("<div class=\"note\" id=\"missing\"><strong>Missing or incomplete:</strong>\n<ul>\n{}</ul>"
                       "</div>\n",
                       items);
}

} // namespace

std::string campaign_report_html(const CampaignSnapshot& s, const ReportOptions& options) {
    using namespace report;
    const std::vector<Part> parts{{"campaign", "Campaign", header_section(s, options)},
                                  {"progress", "Progress", progress_section(s)},
                                  {"hall-of-fame-section", "Hall of fame", hall_of_fame_section(s)},
                                  {"top-functions", "Top functions", top_functions_section(s, options.top)},
                                  {"pareto", "Pareto front", pareto_section(s)},
                                  {"replay", "Replay and transfer", replay_section(s)},
                                  {"strategy", "How the search learned", strategy_section(s)},
                                  {"failures-section", "Failures", failures_section(s)},
                                  {"reproduce", "How to reproduce", reproduce_section(s, options)}};
    const std::string name =
        s.dir.filename().empty() ? s.dir.parent_path().filename().string() : s.dir.filename().string();
    std::string body = fmt::format("<h1>actforge campaign {}</h1>\n", xml_escape(name));
    body += problems_html(s.problems);
    body += "<nav>";
    for (const Part& p : parts) {
        if (!p.html.empty()) body += fmt::format("<a href=\"#{}\">{}</a> ", p.id, p.title);
    }
    body += "</nav>\n";
    for (const Part& p : parts) body += p.html;
    return page_html(fmt::format("actforge campaign {}", name), body);
}

} // namespace actforge::evolution
