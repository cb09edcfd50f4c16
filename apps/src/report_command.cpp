// actforge report DIR: one self-contained HTML page about a campaign.
#include "actforge/core/atomic_file.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/timestamp.hpp"
#include "actforge/evolution/report/report.hpp"
#include "cli_common.hpp"
#include "commands.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace actforge::cli {
namespace {

po::options_description report_options() {
    po::options_description options("report options");
    options.add_options()("help,h", "show this help")("dir", po::value<std::string>(), "campaign folder")(
        "out,o", po::value<std::string>(), "the HTML file to write (default DIR/report.html)")(
        "top", po::value<std::size_t>()->default_value(5), "candidates in the function plot and the export commands");
    return options;
}

void print_report_help(const po::options_description& options) {
    print_help("actforge report DIR [--out FILE] [--top K]",
               "Writes one self-contained HTML page about the campaign in DIR (inline SVG and CSS, no\n"
               "network; it opens offline and can be mailed): what was searched and how long it took, best\n"
               "and median fitness over generations, the hall of fame with a small f and f' plot per row\n"
               "(click a column to sort), the top K functions against ReLU, Swish and GELU, the Pareto front\n"
               "of accuracy against cost (co-design), the replay and transfer tables (after replay), the RL\n"
               "controller's reward and entropy or a DARTS search's mixture weights, the failures, and the\n"
               "commands that export the top K. Open it as report.html#sort=hall-of-fame:size:desc to see\n"
               "the hall of fame sorted by a column (its key: rank, size, params, verified, p, cost, ...).\n"
               "Works on a finished campaign and on one still running; it only reads DIR and writes the\n"
               "report (atomically), saying on the page what is missing.",
               options);
}

} // namespace

int report_command(const Args& args) {
    const po::options_description options = report_options();
    po::positional_options_description positional;
    positional.add("dir", 1);
    const auto vm = parse_options(args, options, positional);
    if (vm.count("help")) {
        print_report_help(options);
        return 0;
    }
    if (!vm.count("dir")) throw Error("missing the campaign folder, e.g. actforge report runs/demo");
    const std::string dir = vm["dir"].as<std::string>();
    const std::filesystem::path out = vm.count("out") ? std::filesystem::path(vm["out"].as<std::string>())
                                                      : std::filesystem::path(dir) / "report.html";
    const evolution::CampaignSnapshot snapshot = evolution::read_campaign_snapshot(dir);
    evolution::ReportOptions report;
    report.top = vm["top"].as<std::size_t>();
    report.generated = utc_timestamp(std::chrono::system_clock::now());
    report.folder_arg = dir;
    write_file_atomically(out, evolution::campaign_report_html(snapshot, report));
    for (const auto& problem : snapshot.problems) fmt::print(stderr, "note: {}\n", problem);
    fmt::print("wrote {}\n", out.string());
    return 0;
}

} // namespace actforge::cli
