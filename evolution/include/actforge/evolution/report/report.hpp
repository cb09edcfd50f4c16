#pragma once
// `actforge report`: one self-contained HTML page about a campaign, built
// from a CampaignSnapshot (plain data; nothing here reads files). Each
// section appears where the folder has its data; where something expected
// is missing, the page says what and why.
#include "actforge/evolution/report/campaign_snapshot.hpp"

#include <string>

namespace actforge::evolution {

struct ReportOptions {
    std::size_t top = 5;    // candidates in the function plot and the export commands
    std::string generated;  // when the report was made (shown as is)
    std::string folder_arg; // how commands name the folder; empty: the snapshot's dir
};

[[nodiscard]] std::string campaign_report_html(const CampaignSnapshot& s, const ReportOptions& options);

// The sections, each an HTML <section> or "" where the folder has no data
// for it. The header and the hall of fame are always there.
namespace report {

[[nodiscard]] std::string header_section(const CampaignSnapshot& s, const ReportOptions& options);
[[nodiscard]] std::string progress_section(const CampaignSnapshot& s);
[[nodiscard]] std::string hall_of_fame_section(const CampaignSnapshot& s);
[[nodiscard]] std::string failures_section(const CampaignSnapshot& s);
[[nodiscard]] std::string top_functions_section(const CampaignSnapshot& s, std::size_t top);
[[nodiscard]] std::string pareto_section(const CampaignSnapshot& s);
[[nodiscard]] std::string replay_section(const CampaignSnapshot& s);
[[nodiscard]] std::string strategy_section(const CampaignSnapshot& s);
[[nodiscard]] std::string reproduce_section(const CampaignSnapshot& s, const ReportOptions& options);

} // namespace report
} // namespace actforge::evolution
