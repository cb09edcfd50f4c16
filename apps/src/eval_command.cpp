// actforge eval EXPR: score one candidate by training the task's network with it.
#include "actforge/core/error.hpp"
#include "actforge/core/progress.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "eval_report.hpp"
#include "task_options.hpp"

#include <atomic>
#include <cstdio>
#include <fmt/format.h>
#include <mutex>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <optional>
#include <unistd.h>

namespace actforge::cli {
namespace {

constexpr const char* kUsage =
    "actforge eval EXPR [--task NAME|csv:PATH] [--train N] [--val N] [--epochs E] [--hidden 64,64]\n"
    "                    [--batch B] [--optimizer adam|sgd] [--lr R] [--seed S] [--threads T] [--json]";
constexpr const char* kSummary =
    "Trains the task's network with EXPR as its hidden activation and reports the validation\n"
    "accuracy and loss. EXPR is a formula ('a*sigmoid(x) + b where a=1, b=0') or a baseline:\n"
    "relu, tanh, sigmoid, swish, gelu, elu, selu, softplus, mish. A candidate that fails\n"
    "(non_finite, diverged, degenerate, timeout) is reported with its reason; the exit code is 0.\n"
    "Time ('seconds') counts training and validation, not loading the data.";

// What an eval command line asks for.
struct EvalRequest {
    std::vector<expr::Tree> functions; // one for every hidden layer, or one per layer
    fitness::TaskSpec task;
    std::uint64_t first_seed = 1; // runs use first_seed, first_seed + 1, ...
    std::size_t seeds = 1;
    std::size_t threads = 1;
    bool json = false;
};

po::options_description eval_options() {
    po::options_description options("eval options");
    options.add_options()("help,h", "show this help")("expr", po::value<std::string>(),
                                                      "formula or baseline name; 'F1;F2' gives one per hidden layer")(
        "activations", po::value<std::string>(), "one formula per hidden layer, separated by ';' (instead of EXPR)")(
        "seed", po::value<std::uint64_t>()->default_value(1), "seed of the network's initial weights and batch order")(
        "seeds", po::value<std::size_t>()->default_value(1),
        "train with this many seeds (seed, seed+1, ...) and average")(
        "threads", po::value<std::size_t>()->default_value(1), "threads for several seeds (one seed uses one thread)")(
        "json", "print exactly one JSON object instead of text");
    add_task_options(options);
    return options;
}

// Checks what can be checked before loading the data.
EvalRequest eval_request_from(const po::variables_map& vm) {
    if (vm.count("activations") && vm.count("expr")) throw Error("give EXPR or --activations, not both");
    std::string text;
    if (vm.count("activations"))
        text = vm["activations"].as<std::string>();
    else if (vm.count("expr"))
        text = vm["expr"].as<std::string>();
    else
        throw Error("missing the formula to evaluate, e.g. actforge eval 'x*sigmoid(x)' --task spirals");
    EvalRequest r;
    r.functions = fitness::parse_activations(text);
    r.seeds = vm["seeds"].as<std::size_t>();
    r.threads = vm["threads"].as<std::size_t>();
    if (r.seeds == 0) throw Error("--seeds must be at least 1");
    if (r.threads == 0) throw Error("--threads must be at least 1");
    r.first_seed = vm["seed"].as<std::uint64_t>();
    r.task = task_spec_from(vm);
    const std::size_t layers = r.task.conv_channels.size() + r.task.hidden.size();
    if (r.functions.size() != 1 && r.functions.size() != layers) {
        throw Error(
            fmt::format("{} activations for {} hidden layers: give one, or one per layer", r.functions.size(), layers));
    }
    r.json = vm.count("json") != 0;
    return r;
}

// Trains with every seed, `threads` at a time; scores[i] used first_seed + i
// whatever the thread count. On a terminal a bar follows the seeds, or the
// optimizer steps of a single training once it runs longer than a second.
std::vector<fitness::Score> train_seeds(const fitness::Evaluator& evaluator, const EvalRequest& r) {
    std::vector<fitness::Score> scores(r.seeds);
    std::optional<Progress> progress;
    std::mutex progress_mutex;
    const bool interactive = !r.json && ::isatty(::fileno(stderr)) != 0;
    fitness::EvaluationOptions options;
    if (interactive && r.seeds == 1) {
        Timer since;
        options.on_step = [&, since](std::size_t done, std::size_t total) {
            if (!progress && since.seconds() < 1.0) return;
            if (!progress) progress.emplace("training", total);
            progress->update(done);
        };
    } else if (interactive) {
        progress.emplace("eval", r.seeds);
    }
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, r.threads);
        std::atomic<std::size_t> done{0};
        tbb::parallel_for(std::size_t{0}, r.seeds, [&](std::size_t i) {
            scores[i] = evaluator.evaluate(r.functions, r.first_seed + i, options);
            const std::size_t d = ++done;
            std::lock_guard lock(progress_mutex);
            if (progress && r.seeds > 1) progress->update(d);
        });
    }
    if (progress) progress->finish();
    return scores;
}

} // namespace

int eval_command(const Args& args) {
    const po::options_description options = eval_options();
    po::positional_options_description positional;
    positional.add("expr", 1);
    const auto vm = parse_options(args, options, positional);
    if (vm.count("help")) {
        print_help(kUsage, kSummary, options);
        return 0;
    }
    const EvalRequest request = eval_request_from(vm);
    const auto task = fitness::Task::load(request.task);
    const fitness::Evaluator evaluator(task);
    const Timer wall;
    EvalReport report{task->describe(), request.functions, request.first_seed, train_seeds(evaluator, request)};
    report.wall_seconds = wall.seconds();
    if (request.json)
        print_eval_json(report);
    else
        print_eval_text(report);
    return 0;
}

} // namespace actforge::cli
