#pragma once
// The discover command's flags and the campaign they ask for.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "cli_common.hpp"

#include <optional>
#include <string>

namespace actforge::cli {

// The search, co-design and multi-fidelity options, and the task flags.
[[nodiscard]] po::options_description discover_options();

// Usage, summary and the options, for --help.
void print_discover_help(const po::options_description& options);

struct CampaignRequest {
    // Checked (numbers, primitives and seed formulas) before any folder is
    // touched; equal command lines give equal configs, which resuming needs.
    evolution::CampaignConfig config;
    // Set when a default was changed to fit the other settings: what and why.
    std::optional<std::string> note;
};

// Throws actforge::Error naming the flag that is wrong.
[[nodiscard]] CampaignRequest campaign_request_from(const po::variables_map& vm);

} // namespace actforge::cli
