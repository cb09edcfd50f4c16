// How to reproduce: the commands that export the top candidates, replay
// them, run the campaign again and remake this report.
#include "actforge/core/text.hpp"
#include "actforge/evolution/plots/plots.hpp"
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"

#include <fmt/format.h>

namespace actforge::evolution::report {

std::string reproduce_section(const CampaignSnapshot& s, const ReportOptions& options) {
    const std::string dir = shell_quote(options.folder_arg.empty() ? s.dir.string() : options.folder_arg);
    std::string commands;
    const std::size_t entries = s.checkpoint ? s.checkpoint->hall_of_fame.entries().size() : 0;
    const std::size_t top = std::min(options.top, entries);
    if (top > 0) {
        commands += "# each of the top candidates as a PyTorch module (with the network it was scored in) and a "
                    "C++ header\n";
    }
    for (std::size_t r = 1; r <= top; ++r) {
        commands += fmt::format("actforge export {0} --rank {1} --format pytorch --out rank{1}.py\n"
                                "actforge export {0} --rank {1} --format cpp --out rank{1}.hpp\n",
                                dir, r);
    }
    if (top > 0) {
        commands += fmt::format("# test accuracy against the baselines with more seeds (writes replay.json)\n"
                                "actforge replay {} --top {} --seeds 10\n",
                                dir, top);
    }
    if (!s.sessions.empty()) {
        commands += fmt::format("# the campaign's first command (run again, it resumes the folder)\n{}\n",
                                s.sessions.front().command);
    }
    commands += fmt::format("# this report\nactforge report {}\n", dir);
    std::string body;
    if (top == 0) body += note_html("No export commands: the hall of fame is empty.");
    body += fmt::format("<pre><code>{}</code></pre>\n", xml_escape(commands));
    return section_html("reproduce", "How to reproduce", body);
}

} // namespace actforge::evolution::report
