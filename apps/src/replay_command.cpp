// actforge replay DIR: retrain the hall of fame's best and the baselines
// with several seeds on the full training split and score the test split.
#include "actforge/core/atomic_file.hpp"
#include "actforge/core/csv.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/progress.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/evolution/campaign_folder.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/fitness/baselines.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "task_options.hpp"

#include <cmath>
#include <fmt/format.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <optional>
#include <unistd.h>

namespace actforge::cli {
namespace {

struct Entry {
    std::string label; // "#1" or "relu"
    expr::Tree tree;
    std::vector<fitness::Score> runs;
    std::vector<double> accuracies; // successful runs only
};

} // namespace

int replay_command(const Args& args) {
    po::options_description options("replay options");
    options.add_options()("help,h", "show this help")("dir", po::value<std::string>(), "campaign folder")(
        "top", po::value<std::size_t>()->default_value(3), "hall-of-fame candidates to replay")(
        "seeds", po::value<std::size_t>()->default_value(5),
        "trainings per candidate (seeds 1..N)")("baselines", po::value<std::string>()->default_value("relu,swish,gelu"),
                                                "baselines to compare (relu is always included)")(
        "threads", po::value<std::size_t>()->default_value(1),
        "trainings at once")("seed", po::value<std::uint64_t>()->default_value(1), "first seed");
    add_task_options(options);
    po::positional_options_description positional;
    positional.add("dir", 1);
    const auto vm = parse_options(args, options, positional);
    if (vm.count("help")) {
        print_help("actforge replay DIR [--top K] [--seeds N] [--epochs E] [--task ...] [--baselines relu,swish,gelu]",
                   "Retrains the campaign's top K candidates and the baselines with N seeds each on the full\n"
                   "training split (of the campaign's task, or of --task for a transfer test), scores the held-out\n"
                   "test split, and prints mean ± std test accuracy with Welch's t-test against ReLU.\n"
                   "Writes DIR/replay.json and DIR/replay.csv.",
                   options);
        return 0;
    }
    if (!vm.count("dir")) throw Error("missing the campaign folder, e.g. actforge replay runs/demo");
    const evolution::CampaignFolder folder = evolution::CampaignFolder::read(vm["dir"].as<std::string>());
    fitness::TaskSpec spec = folder.config().task;
    if (!vm["task"].defaulted() || vm.count("hidden") || vm.count("epochs") || vm.count("lr") || vm.count("batch") ||
        vm.count("optimizer")) {
        // Transfer or a bigger budget: the given flags over the campaign's task
        // (or over the named task's preset when --task is given).
        const fitness::TaskSpec given = task_spec_from(vm);
        if (!vm["task"].defaulted()) spec = given;
        if (vm.count("hidden")) spec.hidden = given.hidden;
        if (vm.count("epochs")) spec.training.epochs = given.training.epochs;
        if (vm.count("lr")) spec.training.lr = given.training.lr;
        if (vm.count("batch")) spec.training.batch_size = given.training.batch_size;
        if (vm.count("optimizer")) spec.training.optimizer = given.training.optimizer;
    }
    const std::size_t seeds = vm["seeds"].as<std::size_t>();
    const std::size_t top = vm["top"].as<std::size_t>();
    const std::size_t threads = vm["threads"].as<std::size_t>();
    if (seeds == 0 || threads == 0) throw Error("--seeds and --threads must be at least 1");

    std::vector<Entry> entries;
    const auto& hof = folder.checkpoint()->hall_of_fame.entries();
    for (std::size_t i = 0; i < hof.size() && i < top; ++i)
        entries.push_back({fmt::format("#{}", i + 1), hof[i].tree, {}, {}});
    std::vector<std::string> baselines{"relu"};
    for (const auto& name : split_list(vm["baselines"].as<std::string>(), ',')) {
        if (!fitness::baseline_formula(name)) {
            throw Error(fmt::format("--baselines: unknown '{}' (choose from {})", name,
                                    fmt::join(fitness::baseline_names(), ", ")));
        }
        if (name != "relu") baselines.push_back(name);
    }
    for (const auto& b : baselines) entries.push_back({b, expr::parse(*fitness::baseline_formula(b)), {}, {}});

    const auto task = fitness::Task::load(spec);
    const fitness::Evaluator evaluator(task);
    fitness::EvaluationOptions eval_options;
    eval_options.split = fitness::ScoredSplit::Test;
    eval_options.full_training_split = true;
    for (auto& e : entries) e.runs.resize(seeds);
    const std::uint64_t first_seed = vm["seed"].as<std::uint64_t>();
    fmt::print(stderr, "replay: {} candidates x {} seeds on {}\n", entries.size(), seeds, task->describe());
    std::optional<Progress> progress;
    if (::isatty(::fileno(stderr)) != 0) progress.emplace("replay", entries.size() * seeds);
    std::mutex mutex;
    std::size_t done = 0;
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
        tbb::parallel_for(std::size_t{0}, entries.size() * seeds, [&](std::size_t j) {
            Entry& e = entries[j / seeds];
            e.runs[j % seeds] = evaluator.evaluate(e.tree, first_seed + j % seeds, eval_options);
            std::lock_guard lock(mutex);
            if (progress) progress->update(++done);
        });
    });
    if (progress) progress->finish();

    const Entry* relu = nullptr;
    for (auto& e : entries) {
        for (const auto& r : e.runs) {
            if (r.ok()) e.accuracies.push_back(r.accuracy);
        }
        if (e.label == "relu") relu = &e;
    }
    nlohmann::json out = nlohmann::json::array();
    std::string csv = "label,formula,runs_ok,runs,mean_test_accuracy,std_test_accuracy,t_vs_relu,p_vs_relu\n";
    fmt::print("\ntest accuracy over {} seeds, trained on {} examples ({} epochs); Welch's t-test against ReLU\n",
               seeds, task->full_train().size(), spec.training.epochs);
    fmt::print("{:<6} {:>16} {:>8} {:>10}  {}\n", "", "mean ± std", "t", "p", "formula");
    for (const auto& e : entries) {
        const Summary s = summarize(e.accuracies);
        std::optional<WelchResult> w;
        if (&e != relu && relu != nullptr) w = welch_t_test(e.accuracies, relu->accuracies);
        const std::string formula = expr::to_infix(e.tree);
        fmt::print("{:<6} {:>7.2f}% ± {:>5.2f} {:>8} {:>10}  {}{}\n", e.label, 100 * s.mean, 100 * s.stddev,
                   w ? fmt::format("{:.2f}", w->t) : "", w ? fmt::format("{:.3g}", w->p_two_sided) : "", formula,
                   e.accuracies.size() < seeds
                       ? fmt::format("  ({} of {} runs failed)", seeds - e.accuracies.size(), seeds)
                       : "");
        nlohmann::json j{
            {"label", e.label},
            {"formula", formula},
            {"runs", seeds},
            {"runs_ok", e.accuracies.size()},
            {"test_accuracies", e.accuracies},
            {"mean_test_accuracy", std::isfinite(s.mean) ? nlohmann::json(s.mean) : nlohmann::json(nullptr)},
            {"std_test_accuracy", std::isfinite(s.stddev) ? nlohmann::json(s.stddev) : nlohmann::json(nullptr)}};
        if (w) {
            j["t_vs_relu"] = std::isfinite(w->t) ? nlohmann::json(w->t) : nlohmann::json(nullptr);
            j["p_vs_relu"] = std::isfinite(w->p_two_sided) ? nlohmann::json(w->p_two_sided) : nlohmann::json(nullptr);
        }
        out.push_back(j);
        csv += fmt::format("{},{},{},{},{:.6f},{:.6f},{},{}\n", e.label, csv_quote(formula), e.accuracies.size(), seeds,
                           s.mean, s.stddev, w ? fmt::format("{:.4f}", w->t) : "",
                           w ? fmt::format("{:.4g}", w->p_two_sided) : "");
    }
    nlohmann::json doc{
        {"task", task->describe()}, {"seeds", seeds}, {"epochs", spec.training.epochs}, {"results", out}};
    write_file_atomically(folder.dir() / "replay.json", doc.dump(2) + "\n");
    write_file_atomically(folder.dir() / "replay.csv", csv);
    fmt::print("wrote {}/replay.json and replay.csv\n", folder.dir().string());
    return 0;
}

} // namespace actforge::cli
