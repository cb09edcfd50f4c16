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

#include <algorithm>
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
    std::string label; // "#1", "relu", or "relu@#1" (a baseline on #1's architecture)
    std::vector<expr::Tree> functions;
    std::optional<fitness::Architecture> architecture; // none = the task's
    std::string same_architecture_relu;                // label of the ReLU run on this architecture (candidates only)
    std::vector<fitness::Score> runs;
    std::vector<double> accuracies; // successful runs only
};

nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

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
                   "A co-designed candidate is trained on its own architecture, and ReLU and Swish are also\n"
                   "trained on that architecture (relu@#1, swish@#1) for a comparison of the functions alone.\n"
                   "Writes DIR/replay.json and DIR/replay.csv.",
                   options);
        return 0;
    }
    if (!vm.count("dir")) throw Error("missing the campaign folder, e.g. actforge replay runs/demo");
    const evolution::CampaignFolder folder = evolution::CampaignFolder::read(vm["dir"].as<std::string>());
    fitness::TaskSpec spec = folder.config().task;
    // Transfer or a bigger budget: the given task flags over the campaign's task.
    apply_task_overrides(spec, vm);
    const std::size_t seeds = vm["seeds"].as<std::size_t>();
    const std::size_t top = vm["top"].as<std::size_t>();
    const std::size_t threads = vm["threads"].as<std::size_t>();
    if (seeds == 0 || threads == 0) throw Error("--seeds and --threads must be at least 1");

    std::vector<std::string> baselines{"relu"};
    for (const auto& name : split_list(vm["baselines"].as<std::string>(), ',')) {
        if (!fitness::baseline_formula(name)) {
            throw Error(fmt::format("--baselines: unknown '{}' (choose from {})", name,
                                    fmt::join(fitness::baseline_names(), ", ")));
        }
        if (name != "relu") baselines.push_back(name);
    }
    auto baseline = [](const std::string& name) { return expr::parse(*fitness::baseline_formula(name)); };
    std::vector<Entry> entries;
    std::vector<Entry> same_architecture;
    const auto& hof = folder.checkpoint()->hall_of_fame.entries();
    const fitness::Architecture task_architecture = fitness::default_architecture(spec);
    bool own_architectures = false;
    for (std::size_t i = 0; i < hof.size() && i < top; ++i) {
        Entry e{fmt::format("#{}", i + 1), hof[i].genome.activations, hof[i].genome.architecture, {}, {}, {}};
        const fitness::Architecture arch = e.architecture.value_or(task_architecture);
        const std::size_t layers = spec.conv_channels.size() + arch.hidden.size();
        if (e.functions.size() != 1 && e.functions.size() != layers) {
            throw Error(fmt::format("{} has {} functions, one per hidden layer of its campaign's network, but the "
                                    "network to replay has {} hidden layers; drop --hidden/--conv/--task",
                                    e.label, e.functions.size(), layers));
        }
        own_architectures = own_architectures || e.architecture.has_value();
        if (!e.architecture) {
            // On the task's network: "p" is already the same-network comparison.
        } else if (arch == task_architecture) {
            e.same_architecture_relu = "relu";
        } else {
            // ReLU and Swish on this architecture, once per architecture.
            const auto earlier = std::find_if(same_architecture.begin(), same_architecture.end(),
                                              [&](const Entry& s) { return s.architecture == e.architecture; });
            if (earlier != same_architecture.end()) {
                e.same_architecture_relu = earlier->label;
            } else {
                e.same_architecture_relu = "relu@" + e.label;
                for (const char* name : {"relu", "swish"})
                    same_architecture.push_back(
                        {fmt::format("{}@{}", name, e.label), {baseline(name)}, e.architecture, {}, {}, {}});
            }
        }
        entries.push_back(std::move(e));
    }
    if (own_architectures && (vm.count("hidden") || vm.count("lr"))) {
        fmt::print(stderr, "note: --hidden and --lr apply to the task's network (the baselines); co-designed "
                           "candidates keep their own widths and learning rate\n");
    }
    for (auto& e : same_architecture) entries.push_back(std::move(e));
    for (const auto& b : baselines) entries.push_back({b, {baseline(b)}, std::nullopt, {}, {}, {}});

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
            fitness::EvaluationOptions options = eval_options;
            options.architecture = e.architecture;
            e.runs[j % seeds] = evaluator.evaluate(e.functions, first_seed + j % seeds, options);
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
    auto find = [&](const std::string& label) -> const Entry* {
        for (const auto& e : entries) {
            if (e.label == label) return &e;
        }
        return nullptr;
    };
    auto welch_vs = [&](const Entry& e, const Entry* reference) -> std::optional<WelchResult> {
        if (reference == nullptr || reference == &e) return std::nullopt;
        return welch_t_test(e.accuracies, reference->accuracies);
    };
    auto p_text = [](const std::optional<WelchResult>& w) { return w ? fmt::format("{:.3g}", w->p_two_sided) : ""; };
    nlohmann::json out = nlohmann::json::array();
    std::string csv = "label,architecture,formula,runs_ok,runs,mean_test_accuracy,std_test_accuracy,t_vs_relu,"
                      "p_vs_relu,t_vs_relu_same_architecture,p_vs_relu_same_architecture\n";
    fmt::print("\ntest accuracy over {} seeds, trained on {} examples ({} epochs); Welch's t-test against ReLU on\n"
               "the task's network (p) and against ReLU on the candidate's own architecture (p same arch)\n",
               seeds, task->full_train().size(), spec.training.epochs);
    fmt::print("{:<9} {:<22} {:>16} {:>9} {:>12}  {}\n", "", "architecture", "mean ± std", "p", "p same arch",
               "functions");
    for (const auto& e : entries) {
        const Summary s = summarize(e.accuracies);
        const std::optional<WelchResult> w = welch_vs(e, relu);
        const std::optional<WelchResult> w_same =
            e.same_architecture_relu.empty() ? std::nullopt : welch_vs(e, find(e.same_architecture_relu));
        const std::string formula = evolution::formulas(evolution::Genome{e.functions, std::nullopt});
        const fitness::Architecture arch = e.architecture.value_or(fitness::default_architecture(spec));
        const std::string arch_text = fitness::describe(arch);
        fmt::print("{:<9} {:<22} {:>7.2f}% ± {:>5.2f} {:>9} {:>12}  {}{}\n", e.label, arch_text, 100 * s.mean,
                   100 * s.stddev, p_text(w), p_text(w_same), formula,
                   e.accuracies.size() < seeds
                       ? fmt::format("  ({} of {} runs failed)", seeds - e.accuracies.size(), seeds)
                       : "");
        nlohmann::json j{{"label", e.label},
                         {"formula", formula},
                         {"architecture", fitness::to_json(arch)},
                         {"runs", seeds},
                         {"runs_ok", e.accuracies.size()},
                         {"test_accuracies", e.accuracies},
                         {"mean_test_accuracy", number_or_null(s.mean)},
                         {"std_test_accuracy", number_or_null(s.stddev)}};
        // Learned parameter values of each run, per layer.
        nlohmann::json learned = nlohmann::json::array();
        for (const auto& r : e.runs) learned.push_back(r.learned_parameters);
        j["learned_parameters"] = std::move(learned);
        if (w) {
            j["t_vs_relu"] = number_or_null(w->t);
            j["p_vs_relu"] = number_or_null(w->p_two_sided);
        }
        if (w_same) {
            j["t_vs_relu_same_architecture"] = number_or_null(w_same->t);
            j["p_vs_relu_same_architecture"] = number_or_null(w_same->p_two_sided);
        }
        out.push_back(j);
        auto t_text = [](const std::optional<WelchResult>& r) { return r ? fmt::format("{:.4f}", r->t) : ""; };
        auto p4 = [](const std::optional<WelchResult>& r) { return r ? fmt::format("{:.4g}", r->p_two_sided) : ""; };
        csv +=
            fmt::format("{},{},{},{},{},{:.6f},{:.6f},{},{},{},{}\n", e.label, csv_quote(arch_text), csv_quote(formula),
                        e.accuracies.size(), seeds, s.mean, s.stddev, t_text(w), p4(w), t_text(w_same), p4(w_same));
    }
    nlohmann::json doc{
        {"task", task->describe()}, {"seeds", seeds}, {"epochs", spec.training.epochs}, {"results", out}};
    write_file_atomically(folder.dir() / "replay.json", doc.dump(2) + "\n");
    write_file_atomically(folder.dir() / "replay.csv", csv);
    fmt::print("wrote {}/replay.json and replay.csv\n", folder.dir().string());
    return 0;
}

} // namespace actforge::cli
