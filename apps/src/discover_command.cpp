// actforge discover: run (or resume) a discovery campaign into a folder.
#include "actforge/core/error.hpp"
#include "actforge/core/progress.hpp"
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/evolution/strategies/reproduction.hpp"
#include "actforge/fitness/baselines.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "candidate_text.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "task_options.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <fmt/format.h>
#include <mutex>
#include <optional>

namespace actforge::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_interrupt(int) {
    g_stop.store(true);
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C stops at once
}

// "90", "90s", "5m", "1.5h" -> seconds.
double parse_duration(const std::string& text) {
    if (text.empty()) throw Error("--time-budget: empty duration");
    double scale = 1.0;
    std::string number = text;
    switch (text.back()) {
    case 's': number.pop_back(); break;
    case 'm':
        scale = 60.0;
        number.pop_back();
        break;
    case 'h':
        scale = 3600.0;
        number.pop_back();
        break;
    default: break;
    }
    const std::vector<double> v = parse_number_list(number, "--time-budget");
    if (v.size() != 1 || !(v[0] > 0)) {
        throw Error(fmt::format("--time-budget: '{}' is not a duration like 90s, 5m or 1.5h", text));
    }
    return v[0] * scale;
}

} // namespace

void print_candidates(const std::vector<evolution::Individual>& entries, std::size_t top, bool with_cost,
                      const char* order);

int discover_command(const Args& args) {
    po::options_description options("discover options");
    options.add_options()("help,h", "show this help")(
        "out", po::value<std::string>(), "campaign folder (created, or resumed if it holds this campaign)")(
        "population", po::value<std::size_t>()->default_value(32), "individuals, over all islands")(
        "generations", po::value<std::size_t>()->default_value(10), "generations to run (in all, across resumes)")(
        "islands", po::value<std::size_t>()->default_value(1), "islands, exchanging their best every 5 generations")(
        "threads", po::value<std::size_t>()->default_value(1), "candidates trained at once")(
        "primitives", po::value<std::string>()->default_value(""),
        "comma-separated search space, e.g. tanh,sigmoid,exp,+,*,max (default: a broad set)")(
        "max-nodes", po::value<std::size_t>()->default_value(16), "largest formula, in tree nodes")(
        "max-params", po::value<std::size_t>()->default_value(2), "learnable parameters per formula (0 = none)")(
        "seed", po::value<std::uint64_t>()->default_value(1),
        "campaign seed: equal seeds and settings give equal results")("time-budget", po::value<std::string>(),
                                                                      "stop after this long, e.g. 90s, 5m, 1h")(
        "max-evaluations", po::value<std::size_t>()->default_value(0),
        "stop after this many trainings (0 = no limit)")("seed-formulas", po::value<std::string>()->default_value(""),
                                                         "formulas for the first population, separated by ';'")(
        "hall-of-fame", po::value<std::size_t>()->default_value(20), "candidates kept in the hall of fame");
    po::options_description codesign("co-design and multi-fidelity options");
    codesign.add_options()("per-layer", "evolve one function per hidden layer (default: one shared by all)")(
        "codesign", "evolve the dense depth, widths and learning rate with the functions")(
        "depth", po::value<std::string>()->default_value("1-3"), "co-design: hidden layers MIN-MAX")(
        "widths", po::value<std::string>()->default_value("16,32,64,128,256"),
        "co-design: allowed layer widths")("lr-range", po::value<std::string>()->default_value("1e-4:1e-2"),
                                           "co-design: learning rates MIN:MAX (grid of 8 per decade)")(
        "cost", po::value<std::string>()->default_value("params"),
        "network cost for the Pareto front and --cost-weight: params | madds (multiply-adds per example)")(
        "cost-weight", po::value<double>()->default_value(0.0),
        "fitness = accuracy - W * cost / cost of the task's network")(
        "rungs", po::value<std::size_t>()->default_value(1),
        "successive halving: budget rungs (1 = off; 3 = 1/9, 1/3, full budget)")(
        "eta", po::value<std::size_t>()->default_value(3), "successive halving: keep the best 1/eta at each rung");
    options.add(codesign);
    add_task_options(options);
    po::positional_options_description positional;
    const auto vm = parse_options(args, options, positional);
    if (vm.count("help")) {
        print_help("actforge discover --out DIR [--task ...] [--population N] [--generations G] [--islands I]\n"
                   "                  [--threads T] [--primitives LIST] [--max-nodes K] [--seed S] [--time-budget D]\n"
                   "                  [--seed-formulas 'F1;F2']",
                   "Searches for activation functions: a genetic algorithm over formulas, each scored by training\n"
                   "the task's network with it (validation accuracy). DIR receives config.json, checkpoint.json\n"
                   "(each generation), evaluations.jsonl (every training), hall_of_fame.json/.csv, fitness.svg and\n"
                   "functions.svg. Running the same command again resumes a stopped campaign; Ctrl-C stops after\n"
                   "saving. Raise --generations to extend a finished one.\n"
                   "With --codesign each candidate also carries its dense widths and learning rate, and\n"
                   "pareto_front.csv lists the candidates no other beats on both accuracy and cost. With --rungs R,\n"
                   "new candidates first train on 1/eta^(R-1) of the budget and only the best go on to the full one.",
                   options);
        return 0;
    }
    if (!vm.count("out")) throw Error("missing --out DIR, the campaign folder");
    evolution::CampaignConfig config;
    config.task = task_spec_from(vm);
    config.population = vm["population"].as<std::size_t>();
    config.generations = vm["generations"].as<std::size_t>();
    config.islands = vm["islands"].as<std::size_t>();
    config.primitives = vm["primitives"].as<std::string>();
    config.limits.max_nodes = vm["max-nodes"].as<std::size_t>();
    config.limits.max_params = vm["max-params"].as<std::size_t>();
    config.seed = vm["seed"].as<std::uint64_t>();
    if (vm.count("time-budget")) config.time_budget_seconds = parse_duration(vm["time-budget"].as<std::string>());
    config.max_evaluations = vm["max-evaluations"].as<std::size_t>();
    for (const auto& f : split_list(vm["seed-formulas"].as<std::string>(), ';')) {
        config.seed_formulas.push_back(fitness::resolve_formula(f));
    }
    config.hall_of_fame_size = vm["hall-of-fame"].as<std::size_t>();
    config.per_layer = vm.count("per-layer") > 0;
    config.codesign = vm.count("codesign") > 0;
    for (const char* flag : {"depth", "widths", "lr-range"}) {
        if (!config.codesign && !vm[flag].defaulted())
            throw Error(fmt::format("--{} applies to co-design: add --codesign", flag));
    }
    if (config.codesign) {
        const std::vector<std::string> depth = split_list(vm["depth"].as<std::string>(), '-');
        const std::vector<std::size_t> bounds =
            parse_size_list(fmt::format("{}", fmt::join(depth, ",")), "--depth", "layer count", 16);
        if (bounds.size() != 2) throw Error("--depth: give MIN-MAX, e.g. 1-3");
        config.architecture.min_layers = bounds[0];
        config.architecture.max_layers = bounds[1];
        config.architecture.widths = parse_size_list(vm["widths"].as<std::string>(), "--widths", "layer width", 65536);
        const std::vector<std::string> lr = split_list(vm["lr-range"].as<std::string>(), ':');
        const std::vector<double> range = parse_number_list(fmt::format("{}", fmt::join(lr, ",")), "--lr-range");
        if (range.size() != 2) throw Error("--lr-range: give MIN:MAX, e.g. 1e-4:1e-2");
        config.architecture.min_learning_rate = static_cast<float>(range[0]);
        config.architecture.max_learning_rate = static_cast<float>(range[1]);
    }
    config.cost = evolution::cost_kind_from_string(vm["cost"].as<std::string>());
    config.cost_weight = vm["cost-weight"].as<double>();
    config.rungs = vm["rungs"].as<std::size_t>();
    config.eta = vm["eta"].as<std::size_t>();
    if (config.elites * config.islands * 2 > config.population) config.elites = 1;
    config.validate();
    evolution::validate_search_space(config); // primitives and seed formulas, before touching the folder

    evolution::CampaignFolder folder = evolution::CampaignFolder::open(vm["out"].as<std::string>(), config);
    const std::size_t threads = vm["threads"].as<std::size_t>();
    fmt::print(stderr, "campaign {}: {} {} on {} thread(s)\n", folder.dir().string(),
               folder.checkpoint() ? "resuming at generation" : "starting, generations",
               folder.checkpoint() ? folder.checkpoint()->generation : config.generations, threads);

    std::optional<Progress> progress;
    std::mutex progress_mutex;
    evolution::EngineOptions engine;
    engine.threads = threads;
    engine.stop = &g_stop;
    engine.on_progress = [&](const evolution::ProgressInfo& p) {
        std::lock_guard lock(progress_mutex);
        if (!progress) progress.emplace("discover", p.generations * 1000, stderr, 10.0, false);
        // Bar position: completed generations plus the fraction of this one.
        // Rungs count as equal shares of a generation.
        const double rung_done = static_cast<double>(p.done) / static_cast<double>(std::max<std::size_t>(p.total, 1));
        double fraction = (static_cast<double>(p.generation) +
                           (static_cast<double>(p.rung) + rung_done) / static_cast<double>(p.rungs)) /
                          static_cast<double>(p.generations);
        // Under a time budget the bar (and its ETA) follows whichever ends first.
        if (config.time_budget_seconds > 0)
            fraction = std::max(fraction, p.elapsed_seconds / config.time_budget_seconds);
        const auto done =
            static_cast<std::size_t>(1000.0 * static_cast<double>(p.generations) * std::min(fraction, 1.0));
        progress->update(done,
                         fmt::format("gen {}/{}{}  evals {}  {:.1f} evals/s  best {}", p.generation + 1, p.generations,
                                     p.rungs > 1 ? fmt::format(" rung {}/{}", p.rung + 1, p.rungs) : "", p.evaluations,
                                     static_cast<double>(p.evaluations) / std::max(p.elapsed_seconds, 1e-9),
                                     p.best >= 0 ? fmt::format("{:.4f}", p.best) : "-"));
    };
    g_stop.store(false);
    std::signal(SIGINT, on_interrupt);
    const evolution::CampaignResult result = evolution::run_campaign(folder, engine);
    std::signal(SIGINT, SIG_DFL);
    if (progress) progress->finish();

    fmt::print("campaign {} ({}): {} generations, {} candidates, {} trainings, {:.1f} s{}\n", folder.dir().string(),
               evolution::to_string(result.reason), result.state.generation, result.state.candidates,
               result.state.evaluations, result.state.elapsed_seconds,
               result.resumed ? fmt::format(" (resumed; {} logged scores reused)", result.reused_scores) : "");
    print_candidates(result.state.hall_of_fame.entries(), 10, config.codesign, "rank");
    if (config.codesign || config.cost_weight > 0) {
        fmt::print("\nPareto front (validation accuracy against {}):\n", evolution::to_string(config.cost));
        print_candidates(result.state.hall_of_fame.pareto_front(), 10, true, "#");
    }
    fmt::print("files: {}/{{hall_of_fame.json,hall_of_fame.csv,pareto_front.csv,evaluations.jsonl,fitness.svg,"
               "functions.svg}}\n",
               folder.dir().string());
    return result.reason == evolution::StopReason::Interrupted ? 130 : 0;
}

void print_candidates(const std::vector<evolution::Individual>& entries, std::size_t top, bool with_cost,
                      const char* order) {
    fmt::print("{:>4}  {:>8}  {:>8}  {}{}\n", order, "val acc", "val loss",
               with_cost ? fmt::format("{:>10}  {:<22}  ", "cost", "architecture") : "",
               "functions [learned parameters]");
    for (std::size_t i = 0; i < entries.size() && i < top; ++i) {
        const auto& e = entries[i];
        fmt::print("{:>4}  {:>8.4f}  {:>8.4f}  {}{}\n", i + 1, e.score.accuracy, e.score.loss,
                   with_cost ? fmt::format("{:>10}  {:<22}  ", e.cost, architecture_text(e)) : "", functions_text(e));
    }
    if (entries.empty()) fmt::print("      (no candidate has trained successfully yet)\n");
}

} // namespace actforge::cli
