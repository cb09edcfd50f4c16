// actforge: discovers activation functions for neural networks.
#include "actforge/core/error.hpp"
#include "commands.hpp"

#include <cstdio>
#include <exception>
#include <fmt/format.h>
#include <map>

namespace {

struct Command {
    int (*run)(const actforge::cli::Args&);
    const char* summary;
};

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table{
        {"inspect", {actforge::cli::inspect_command, "parse a formula; show its simplified form, f(x) and f'(x)"}},
        {"export", {actforge::cli::export_command, "print a formula as infix, LaTeX, SymPy, PyTorch, C++ or JSON"}},
        {"eval", {actforge::cli::eval_command, "score a formula by training a network with it"}},
        {"discover", {actforge::cli::discover_command, "search for activation functions (a resumable campaign)"}},
        {"darts", {actforge::cli::darts_command, "differentiable search: learn a mixture of functions, retrain its best"}},
        {"replay",
         {actforge::cli::replay_command, "retrain a campaign's best with more seeds; test accuracy vs baselines"}},
        {"report", {actforge::cli::report_command, "write one self-contained HTML page about a campaign"}},
    };
    return table;
}

void print_usage(std::FILE* out) {
    fmt::print(out, "usage: actforge <command> [options]\n\n"
                    "actforge discovers activation functions for neural networks: candidate formulas are\n"
                    "compiled, scored by really training a network with them, and evolved.\n\ncommands:\n");
    for (const auto& [name, cmd] : commands()) fmt::print(out, "  {:<10} {}\n", name, cmd.summary);
    fmt::print(out, "\nRun 'actforge <command> --help' for a command's options.\n"
                    "Formulas: x, numbers, + - * / ^, calls like tanh(x) or max(x, 0), and learnable\n"
                    "parameters declared with initial values: 'a*sigmoid(x) + b where a=1, b=0'.\n");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        print_usage(stderr);
        return 2;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage(stdout);
        return 0;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) {
        fmt::print(stderr, "actforge: error: unknown command '{}' (commands: ", name);
        bool first = true;
        for (const auto& [n, c] : commands()) {
            fmt::print(stderr, "{}{}", first ? "" : ", ", n);
            first = false;
        }
        fmt::print(stderr, "; see actforge --help)\n");
        return 2;
    }
    try {
        return it->second.run(actforge::cli::Args(argv + 2, argv + argc));
    } catch (const std::exception& e) {
        fmt::print(stderr, "actforge {}: error: {}\n", name, e.what());
        return 1;
    }
}
