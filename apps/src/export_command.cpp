// actforge export EXPR --format F: hand a formula to other tools.
#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "cli_common.hpp"
#include "commands.hpp"

namespace actforge::cli {

int export_command(const Args& args) {
    po::options_description options("export options");
    options.add_options()
        ("help,h", "show this help")
        ("expr", po::value<std::string>(), "the formula (quote it; put it after -- if it starts with '-')")
        ("format,f", po::value<std::string>()->default_value("infix"), "infix | latex | sympy | pytorch | cpp | json")
        ("out,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
    po::positional_options_description positional;
    positional.add("expr", 1);
    const auto vm = parse_options(args, options, positional);
    if (vm.count("help")) {
        print_help("actforge export EXPR --format infix|latex|sympy|pytorch|cpp|json [--out FILE]",
                   "Prints EXPR in another tool's language:\n"
                   "  infix    actforge's own syntax (parses back to the same formula)\n"
                   "  latex    LaTeX math\n"
                   "  sympy    an expression for sympy.sympify in the symbol x (parameters at their values)\n"
                   "  pytorch  a Python module with class Activation(torch.nn.Module); parameters are\n"
                   "           torch.nn.Parameter attributes p_<name>\n"
                   "  cpp      a header with inline float activation(float x, <parameters>)\n"
                   "  json     the expression tree",
                   options);
        return 0;
    }
    if (!vm.count("expr")) throw Error("missing the formula to export, e.g. actforge export 'swish(x)' --format latex");
    const expr::Format format = expr::parse_format(vm["format"].as<std::string>());
    const expr::Tree tree = expr::parse(vm["expr"].as<std::string>());
    std::string text = expr::print(tree, format);
    if (text.empty() || text.back() != '\n') text += '\n';
    write_output(vm["out"].as<std::string>(), text);
    return 0;
}

} // namespace actforge::cli
