// actforge: discovers activation functions for neural networks.
#include "actforge/core/error.hpp"
#include "actforge/core/memory.hpp"
#include "commands.hpp"
#include "processes.hpp"

#include <cstdio>
#include <exception>
#include <fmt/format.h>
#include <map>
#include <memory>

namespace {

struct Command {
    int (*run)(const actforge::cli::Args&);
    const char* summary;
    // Under mpirun: true = every rank runs it (rank 0 the command, the others
    // serve its trainings); false = rank 0 alone, the other ranks wait.
    bool trains_on_ranks = false;
};

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table{
        {"inspect", {actforge::cli::inspect_command, "parse a formula; show its simplified form, f(x) and f'(x)"}},
        {"export", {actforge::cli::export_command, "print a formula as infix, LaTeX, SymPy, PyTorch, C++ or JSON"}},
        {"eval", {actforge::cli::eval_command, "score a formula by training a network with it"}},
        {"discover", {actforge::cli::discover_command, "search for activation functions (a resumable campaign)", true}},
        {"darts",
         {actforge::cli::darts_command, "differentiable search: learn a mixture of functions, retrain its best", true}},
        {"replay",
         {actforge::cli::replay_command, "retrain a campaign's best with more seeds; test accuracy vs baselines",
          true}},
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

// Runs the command named by argv[1]. A worker rank of an MPI job runs only
// the commands that train (they serve rank 0 once their options parse);
// for the others it waits until rank 0 is done, so only rank 0 prints.
int run_command(int argc, char** argv, actforge::cli::Processes& processes) {
    const auto it = argc < 2 ? commands().end() : commands().find(argv[1]);
    if (processes.worker() && (it == commands().end() || !it->second.trains_on_ranks)) return processes.serve(1);
    if (argc < 2) {
        print_usage(stderr);
        return 2;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage(stdout);
        return 0;
    }
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
        const std::string where = processes.worker() ? " (" + processes.where() + ")" : "";
        fmt::print(stderr, "actforge {}: error{}: {}\n", name, where, e.what());
        return 1;
    }
}

} // namespace

int main(int argc, char** argv) {
    actforge::retain_freed_memory(); // the first training as fast as the next (memory.hpp)
    std::unique_ptr<actforge::cli::Processes> processes;
    try {
        processes = std::make_unique<actforge::cli::Processes>(argc, argv);
    } catch (const std::exception& e) {
        fmt::print(stderr, "actforge: error: {}\n", e.what());
        return 1;
    }
    try {
        return run_command(argc, argv, *processes);
    } catch (const std::exception& e) { // a worker rank's serve loop
        fmt::print(stderr, "actforge: error ({}): {}\n", processes->where(), e.what());
        return 1;
    }
}
