// actforge inspect EXPR: what the engine makes of a formula.
#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/program.hpp"
#include "actforge/expr/simplify.hpp"
#include "cli_common.hpp"
#include "commands.hpp"

#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace actforge::cli {
namespace {

constexpr const char* kDefaultPoints = "-3,-2,-1,-0.5,0,0.5,1,2,3";

} // namespace

int inspect_command(const Args& args) {
    po::options_description options("inspect options");
    options.add_options()("help,h", "show this help")("expr", po::value<std::string>(),
                                                      "the formula (quote it; put it after -- if it starts with '-')")(
        "at", po::value<std::string>()->default_value(kDefaultPoints),
        "comma-separated points x to evaluate at")("json", "print exactly one JSON object instead of text");
    po::positional_options_description positional;
    positional.add("expr", 1);
    const auto vm = parse_options(args, options, positional);
    if (vm.count("help")) {
        print_help("actforge inspect EXPR [--at v1,v2,...] [--json]",
                   "Parses EXPR and shows its simplified form, size, learnable parameters, and f(x) and f'(x)\n"
                   "at the given points (computed by the compiled program in double precision).\n"
                   "Example: actforge inspect 'a*sigmoid(x) + b where a=1, b=0' --at -1,0,1",
                   options);
        return 0;
    }
    if (!vm.count("expr")) throw Error("missing the formula to inspect, e.g. actforge inspect 'x*sigmoid(x)'");

    const std::string input = vm["expr"].as<std::string>();
    const expr::Tree tree = expr::parse(input);
    const expr::Tree simple = expr::simplify(tree);
    const expr::Program program(tree);
    const std::vector<double> xs = parse_number_list(vm["at"].as<std::string>(), "--at");
    std::vector<double> f(xs.size()), df(xs.size());
    std::vector<double> params;
    for (const auto& p : tree.parameters) params.push_back(p.value);
    expr::Scratch<double> scratch;
    program.evaluate<double>(xs, params, expr::Derivatives<double>{f.data(), df.data(), nullptr, 0}, scratch);

    if (vm.count("json")) {
        nlohmann::json j;
        j["input"] = input;
        j["simplified"] = expr::to_infix(simple);
        j["nodes"] = tree.size();
        j["depth"] = tree.depth();
        j["parameters"] = nlohmann::json::object();
        for (const auto& p : tree.parameters) j["parameters"][p.name] = p.value;
        j["points"] = nlohmann::json::array();
        for (std::size_t i = 0; i < xs.size(); ++i) {
            j["points"].push_back({{"x", xs[i]}, {"f", finite_or_null(f[i])}, {"df", finite_or_null(df[i])}});
        }
        std::cout << j.dump() << "\n";
        return 0;
    }

    fmt::print("formula     {}\n", expr::to_infix(tree));
    fmt::print("simplified  {}\n", expr::to_infix(simple));
    fmt::print("size        {} nodes, depth {}\n", tree.size(), tree.depth());
    if (!tree.parameters.empty()) {
        std::string list;
        for (const auto& p : tree.parameters) {
            list += fmt::format("{}{} = {}", list.empty() ? "" : ", ", p.name, expr::format_number(p.value));
        }
        fmt::print("parameters  {} (learnable)\n", list);
    }
    fmt::print("program     {} instructions, {} registers\n", program.num_instructions(), program.num_registers());
    fmt::print("identity    hash {:016x}, fingerprint {:016x}\n\n", expr::canonical_hash(tree),
               expr::behavioural_fingerprint(tree));
    fmt::print("{:>12}  {:>14}  {:>14}\n", "x", "f(x)", "f'(x)");
    for (std::size_t i = 0; i < xs.size(); ++i) fmt::print("{:>12.6g}  {:>14.8g}  {:>14.8g}\n", xs[i], f[i], df[i]);
    return 0;
}

} // namespace actforge::cli
