// actforge export EXPR --format F: hand a formula to other tools.
#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/campaign_folder.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "network_export.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace actforge::cli {

int export_command(const Args& args) {
    po::options_description options("export options");
    options.add_options()("help,h", "show this help")("expr", po::value<std::string>(),
                                                      "the formula (quote it; put it after -- if it starts with '-')")(
        "format,f", po::value<std::string>()->default_value("infix"), "infix | latex | sympy | pytorch | cpp | json")(
        "rank", po::value<std::size_t>()->default_value(1), "campaign folder: the hall-of-fame rank to export")(
        "initial", "campaign folder: keep the parameters' initial values instead of the learned ones")(
        "out,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
    po::positional_options_description positional;
    positional.add("expr", 1);
    const auto vm = parse_options(args, options, positional);
    if (vm.count("help")) {
        print_help("actforge export EXPR --format infix|latex|sympy|pytorch|cpp|json [--out FILE]\n"
                   "       actforge export DIR [--rank R] [--initial] --format ... [--out FILE]",
                   "Prints EXPR in another tool's language:\n"
                   "  infix    actforge's own syntax (parses back to the same formula)\n"
                   "  latex    LaTeX math\n"
                   "  sympy    an expression for sympy.sympify in the symbol x (parameters at their values)\n"
                   "  pytorch  a Python module with class Activation(torch.nn.Module); parameters are\n"
                   "           torch.nn.Parameter attributes p_<name>\n"
                   "  cpp      a header with inline float activation(float x, <parameters>)\n"
                   "  json     the expression tree\n"
                   "With a campaign folder DIR, exports the hall-of-fame entry of rank R (1 = best): every hidden\n"
                   "layer's function with its parameters at their learned values (--initial keeps the initial\n"
                   "ones). PyTorch also gets build_network(...), the network the candidate was scored in (its\n"
                   "co-designed widths, if any), and LEARNING_RATE; infix gives 'F1; F2' for eval --activations.",
                   options);
        return 0;
    }
    if (!vm.count("expr")) throw Error("missing the formula to export, e.g. actforge export 'swish(x)' --format latex");
    const expr::Format format = expr::parse_format(vm["format"].as<std::string>());
    const std::string source = vm["expr"].as<std::string>();
    std::string text;
    if (std::filesystem::is_directory(source)) {
        const auto folder = evolution::CampaignFolder::read(source);
        const auto& entries = folder.checkpoint()->hall_of_fame.entries();
        const std::size_t rank = vm["rank"].as<std::size_t>();
        if (rank == 0 || rank > entries.size()) {
            throw Error(
                fmt::format("--rank {}: the hall of fame of '{}' has ranks 1 to {}", rank, source, entries.size()));
        }
        const CandidateExport candidate = candidate_export(entries[rank - 1], folder.config(), vm.count("initial") > 0);
        text = print_candidate(candidate, format);
        fmt::print(stderr, "rank {}: {} function(s), hidden {}, learning rate {:.3g}\n", rank, candidate.layers.size(),
                   candidate.hidden.empty() ? "none" : fmt::format("{}", fmt::join(candidate.hidden, ",")),
                   candidate.learning_rate);
    } else {
        if (vm.count("initial") || !vm["rank"].defaulted())
            throw Error("--rank and --initial apply to a campaign folder");
        text = expr::print(expr::parse(source), format);
    }
    if (text.empty() || text.back() != '\n') text += '\n';
    write_output(vm["out"].as<std::string>(), text);
    return 0;
}

} // namespace actforge::cli
