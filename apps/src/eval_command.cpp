// actforge eval EXPR: score one candidate by training the task's network with it.
#include "actforge/core/error.hpp"
#include "actforge/core/progress.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "task_options.hpp"

#include <atomic>
#include <cmath>
#include <fmt/format.h>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <optional>
#include <unistd.h>

namespace actforge::cli {
namespace {

nlohmann::json finite_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json learned_json(const std::vector<expr::Tree>& trees, const fitness::Score& s) {
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t l = 0; l < s.learned_parameters.size(); ++l) {
        const expr::Tree& t = trees[trees.size() == 1 ? 0 : l];
        nlohmann::json layer = nlohmann::json::object();
        for (std::size_t k = 0; k < s.learned_parameters[l].size() && k < t.parameters.size(); ++k) {
            layer[t.parameters[k].name] = s.learned_parameters[l][k];
        }
        layers.push_back(layer);
    }
    return layers;
}

nlohmann::json score_json(const std::vector<expr::Tree>& trees, const fitness::Score& s, std::uint64_t seed) {
    return {{"seed", seed},
            {"status", fitness::to_string(s.status)},
            {"val_accuracy", s.accuracy},
            {"val_loss", finite_or_null(s.loss)},
            {"train_loss", finite_or_null(s.train_loss)},
            {"seconds", s.seconds},
            {"message", s.message},
            {"learned_parameters", learned_json(trees, s)}};
}

} // namespace

int eval_command(const Args& args) {
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
    po::positional_options_description positional;
    positional.add("expr", 1);
    const auto vm = parse_options(args, options, positional);
    if (vm.count("help")) {
        print_help("actforge eval EXPR [--task NAME|csv:PATH] [--train N] [--val N] [--epochs E] [--hidden 64,64]\n"
                   "                    [--batch B] [--optimizer adam|sgd] [--lr R] [--seed S] [--threads T] [--json]",
                   "Trains the task's network with EXPR as its hidden activation and reports the validation\n"
                   "accuracy and loss. EXPR is a formula ('a*sigmoid(x) + b where a=1, b=0') or a baseline:\n"
                   "relu, tanh, sigmoid, swish, gelu, elu, selu, softplus, mish. A candidate that fails\n"
                   "(non_finite, diverged, degenerate, timeout) is reported with its reason; the exit code is 0.\n"
                   "Time ('seconds') counts training and validation, not loading the data.",
                   options);
        return 0;
    }
    std::string text;
    if (vm.count("activations") && vm.count("expr")) throw Error("give EXPR or --activations, not both");
    if (vm.count("activations"))
        text = vm["activations"].as<std::string>();
    else if (vm.count("expr"))
        text = vm["expr"].as<std::string>();
    else
        throw Error("missing the formula to evaluate, e.g. actforge eval 'x*sigmoid(x)' --task spirals");
    const std::vector<expr::Tree> trees = fitness::parse_activations(text);
    const std::size_t seeds = vm["seeds"].as<std::size_t>();
    const std::size_t threads = vm["threads"].as<std::size_t>();
    if (seeds == 0) throw Error("--seeds must be at least 1");
    if (threads == 0) throw Error("--threads must be at least 1");
    const std::uint64_t first_seed = vm["seed"].as<std::uint64_t>();

    const fitness::TaskSpec spec = task_spec_from(vm);
    const std::size_t layers = spec.conv_channels.size() + spec.hidden.size();
    if (trees.size() != 1 && trees.size() != layers) {
        throw Error(
            fmt::format("{} activations for {} hidden layers: give one, or one per layer", trees.size(), layers));
    }
    const auto task = fitness::Task::load(spec);
    const fitness::Evaluator evaluator(task);
    const bool json = vm.count("json") != 0;

    std::vector<fitness::Score> scores(seeds);
    std::optional<Progress> progress;
    const bool interactive = !json && ::isatty(::fileno(stderr)) != 0;
    std::mutex progress_mutex;
    fitness::EvaluationOptions options_single;
    if (interactive && seeds == 1) {
        // One training: a bar over its optimizer steps, shown once it runs
        // longer than a second.
        Timer since;
        options_single.on_step = [&, since](std::size_t done, std::size_t total) {
            if (!progress && since.seconds() < 1.0) return;
            if (!progress) progress.emplace("training", total);
            progress->update(done);
        };
    } else if (interactive) {
        progress.emplace("eval", seeds);
    }
    Timer wall;
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        std::atomic<std::size_t> done{0};
        tbb::parallel_for(std::size_t{0}, seeds, [&](std::size_t i) {
            scores[i] = evaluator.evaluate(trees, first_seed + i, options_single);
            const std::size_t d = ++done;
            std::lock_guard lock(progress_mutex);
            if (progress && seeds > 1) progress->update(d);
        });
    }
    if (progress) progress->finish();

    double mean = 0.0, sq = 0.0;
    std::size_t ok = 0;
    for (const auto& s : scores) {
        if (!s.ok()) continue;
        mean += s.accuracy;
        sq += s.accuracy * s.accuracy;
        ++ok;
    }
    if (ok > 0) mean /= static_cast<double>(ok);
    const double stddev =
        ok > 1 ? std::sqrt(std::max(0.0, (sq - static_cast<double>(ok) * mean * mean) / static_cast<double>(ok - 1)))
               : 0.0;
    std::string formula;
    for (const auto& t : trees) formula += (formula.empty() ? "" : "; ") + expr::to_infix(t);

    if (json) {
        nlohmann::json j = score_json(trees, scores[0], first_seed);
        j["formula"] = formula;
        j["task"] = task->describe();
        if (seeds > 1) {
            j["runs"] = nlohmann::json::array();
            for (std::size_t i = 0; i < seeds; ++i) j["runs"].push_back(score_json(trees, scores[i], first_seed + i));
            j["val_accuracy"] = mean;
            j["val_accuracy_std"] = stddev;
            j["ok_runs"] = ok;
        }
        std::cout << j.dump() << "\n";
        return 0;
    }
    fmt::print("task        {}\n", task->describe());
    fmt::print("formula     {}\n", formula);
    for (std::size_t i = 0; i < seeds; ++i) {
        const auto& s = scores[i];
        const std::string prefix = seeds > 1 ? fmt::format("seed {:<6}", first_seed + i) : "";
        if (s.ok()) {
            fmt::print("{}status ok   val accuracy {:.4f}   val loss {:.4f}   train loss {:.4f}   {:.3f} s\n", prefix,
                       s.accuracy, s.loss, s.train_loss, s.seconds);
        } else {
            fmt::print("{}status {}: {}   {:.3f} s\n", prefix, fitness::to_string(s.status), s.message, s.seconds);
        }
        for (std::size_t l = 0; l < s.learned_parameters.size(); ++l) {
            const expr::Tree& t = trees[trees.size() == 1 ? 0 : l];
            if (t.parameters.empty()) continue;
            std::string list;
            for (std::size_t k = 0; k < s.learned_parameters[l].size() && k < t.parameters.size(); ++k) {
                list += fmt::format("{}{} = {:.5g}", list.empty() ? "" : ", ", t.parameters[k].name,
                                    s.learned_parameters[l][k]);
            }
            fmt::print("            layer {} learned {}\n", l + 1, list);
        }
    }
    if (seeds > 1) {
        fmt::print("mean        val accuracy {:.4f} ± {:.4f} over {} of {} seeds ({:.2f} s wall)\n", mean, stddev, ok,
                   seeds, wall.seconds());
    }
    return 0;
}

} // namespace actforge::cli
