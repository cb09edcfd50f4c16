// actforge darts: a differentiable search. One supernet with a softmax
// mixture of functions in every activation layer learns the mixture by
// gradient; its argmax and runners-up become candidates of an ordinary
// campaign folder, retrained from scratch and verified like any campaign's.
#include "actforge/core/atomic_file.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/progress.hpp"
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/evolution/darts/darts_campaign.hpp"
#include "campaign_tables.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "processes.hpp"
#include "task_options.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

namespace actforge::cli {
namespace {

po::options_description darts_options() {
    po::options_description options("darts options");
    options.add_options()("help,h", "show this help")("out", po::value<std::string>(), "campaign folder to write")(
        "primitives", po::value<std::string>()->default_value(""),
        "primitives whose core-unit functions enter the mixture (comma-separated; default: the default set)")(
        "functions", po::value<std::string>(),
        "the mixture's functions of x, separated by ';' (instead of those of --primitives)")(
        "cell", po::value<std::string>()->default_value("unary"),
        "what is mixed: unary (one function of x) or core-unit (b(u1(x), u2(x)), a mixture in each slot)")(
        "per-layer", po::bool_switch(), "one mixture per activation layer instead of one for all")(
        "raw-mixture", po::bool_switch(),
        "mix the functions' clamped values as they are, not standardized to mean 0 and variance 1 over the "
        "initial pre-activations")(
        "hold-input-spread", po::bool_switch(),
        "hold every unit's input to the mixture at the spread of the initial pre-activations (feed-forward "
        "networks), so the weights' scale cannot choose between f(x) and f(x/2)")(
        "warm-epochs", po::value<std::size_t>(), "epochs of weights alone before alpha steps (default: a quarter)")(
        "temperature", po::value<std::string>()->default_value("1:0.1"), "softmax temperature START:END, annealed")(
        "arch-lr", po::value<double>()->default_value(0.01), "Adam step size for the mixture logits alpha")(
        "arch-fraction", po::value<double>()->default_value(0.25), "share of the training rows used for alpha")(
        "top", po::value<std::size_t>()->default_value(3), "candidates per mixture: the argmax and runners-up")(
        "shrink-every", po::value<std::size_t>()->default_value(0),
        "progressive shrinking: every E search epochs each mixture drops its weakest function, down to --top "
        "(0 = off)")(
        "seed", po::value<std::uint64_t>()->default_value(1), "seed of the supernet and the campaign")(
        "verify-seeds", po::value<std::size_t>()->default_value(5), "seeds per verified candidate (0 = none)")(
        "threads", po::value<std::size_t>()->default_value(1), "threads for retraining the candidates");
    add_task_options(options);
    return options;
}

evolution::DartsSettings settings_from(const po::variables_map& vm) {
    evolution::DartsSettings s;
    s.cell = evolution::parse_cell(vm["cell"].as<std::string>());
    s.primitives = vm["primitives"].as<std::string>();
    if (vm.count("functions")) {
        for (const std::string& f : split_fields(vm["functions"].as<std::string>(), ';')) s.functions.push_back(f);
        if (s.functions.empty()) throw Error("--functions: no function given");
    }
    s.per_layer = vm["per-layer"].as<bool>();
    s.standardize = !vm["raw-mixture"].as<bool>();
    s.hold_input_spread = vm["hold-input-spread"].as<bool>();
    if (vm.count("warm-epochs")) s.warm_epochs = vm["warm-epochs"].as<std::size_t>();
    const std::vector<std::string> t = split_fields(vm["temperature"].as<std::string>(), ':');
    if (t.size() != 2) throw Error("--temperature takes START:END, e.g. 1:0.1");
    s.temperature_start = parse_number_list(t[0], "--temperature START").at(0);
    s.temperature_end = parse_number_list(t[1], "--temperature END").at(0);
    s.arch_lr = vm["arch-lr"].as<double>();
    s.arch_fraction = vm["arch-fraction"].as<double>();
    s.top = vm["top"].as<std::size_t>();
    s.shrink_every = vm["shrink-every"].as<std::size_t>();
    s.seed = vm["seed"].as<std::uint64_t>();
    s.validate();
    return s;
}

evolution::DartsResult train_supernet(const fitness::Task& task, const evolution::DartsSettings& settings) {
    std::optional<Progress> progress;
    evolution::DartsResult result = evolution::run_darts(task, settings, [&](std::size_t done, std::size_t total) {
        if (!progress) progress.emplace("supernet", total);
        progress->update(done);
    });
    if (progress) progress->finish();
    for (const std::string& r : result.refused) fmt::print(stderr, "note: left out of the mixture: {}\n", r);
    if (result.training.status != nn::TrainStatus::Ok) {
        throw Error(fmt::format("the supernet's training failed ({}); try a smaller --arch-lr or fewer --primitives",
                                result.training.message));
    }
    return result;
}

evolution::CampaignResult retrain(evolution::CampaignFolder& folder, std::size_t threads) {
    std::optional<Progress> progress;
    std::mutex mutex;
    evolution::EngineOptions engine;
    engine.threads = threads;
    engine.make_backend = processes().backend_factory(); // under mpirun: the worker ranks
    engine.on_progress = [&](const evolution::ProgressInfo& p) {
        std::lock_guard lock(mutex);
        if (!progress) progress.emplace("candidates", p.total);
        progress->update(p.done);
    };
    evolution::CampaignResult result = evolution::run_campaign(folder, engine);
    if (progress) progress->finish();
    return result;
}

// [mixture] the options progressive shrinking dropped, in order.
nlohmann::json dropped_names(const evolution::DartsResult& r) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& mixture : r.dropped) {
        nlohmann::json names = nlohmann::json::array();
        for (std::size_t k : mixture) names.push_back(evolution::option_label(r, k, true));
        out.push_back(std::move(names));
    }
    return out;
}

nlohmann::json summary_json(const evolution::DartsResult& r, const evolution::DartsSettings& s,
                            const std::vector<evolution::DartsCandidate>& candidates,
                            const evolution::Individual* argmax, double distance) {
    nlohmann::json cands = nlohmann::json::array();
    for (const auto& c : candidates) cands.push_back({{"formulas", c.formulas}, {"origin", c.origin}});
    nlohmann::json components = nlohmann::json::array();
    for (const auto& c : r.components) components.push_back(c.formula);
    nlohmann::json binaries = nlohmann::json::array();
    for (const nn::CoreBinary b : r.binaries) binaries.push_back(nn::core_binary_template(b));
    nlohmann::json j{{"settings", to_json(s)},
                     {"functions", components},
                     {"binary_functions", binaries},
                     {"slot_sizes", r.slot_sizes},
                     {"left_out", r.refused},
                     {"dropped_by_shrinking", dropped_names(r)},
                     {"final_weights", r.weights},
                     {"candidates", cands},
                     {"supernet_validation_accuracy", r.supernet_accuracy},
                     {"supernet_seconds", r.training.seconds},
                     {"max_abs_mixture_minus_argmax", distance}};
    if (argmax != nullptr && argmax->score.ok()) j["argmax_retrained_accuracy"] = argmax->score.accuracy;
    if (argmax != nullptr && argmax->verification) j["argmax_verified_mean"] = argmax->verification->mean;
    return j;
}

void print_gap(const evolution::DartsResult& r, const evolution::Individual* argmax, double distance) {
    fmt::print("\ndiscretisation gap:\n  supernet validation accuracy   {:.4f}\n", r.supernet_accuracy);
    if (argmax != nullptr && argmax->score.ok()) {
        fmt::print("  argmax retrained from scratch  {:.4f} ({:+.4f})\n", argmax->score.accuracy,
                   argmax->score.accuracy - r.supernet_accuracy);
    } else {
        fmt::print("  argmax retrained from scratch  - (failed or not in the hall of fame)\n");
    }
    fmt::print("  max |mixture - argmax| on [-5, 5]  {:.4g}\n", distance);
}

} // namespace

int darts_command(const Args& args) {
    const po::options_description options = darts_options();
    const auto vm = parse_options(args, options, {});
    if (processes().worker()) return processes().serve(vm["threads"].as<std::size_t>());
    if (vm.count("help")) {
        print_help("actforge darts --out DIR [--task ...] [--primitives LIST] [--cell unary|core-unit]\n"
                   "                      [--per-layer] [--epochs E]\n"
                   "                      [--temperature 1:0.1] [--arch-lr R] [--top K] [--shrink-every E]\n"
                   "                      [--seed S] [--threads T]",
                   "Differentiable search (DARTS, first order): every activation layer becomes a softmax mixture\n"
                   "of the core-unit functions of x (less the linear ones), each standardized to mean 0 and\n"
                   "variance 1 over the initial pre-activations (x ~ N(0, 2) under He initialisation), learned\n"
                   "by gradient on a quarter of the training rows while the weights learn on the rest. The\n"
                   "strongest functions, as the mixture held them, are then retrained from scratch and verified\n"
                   "in an ordinary campaign folder (replay and export work on it), with alphas.csv, alphas.svg\n"
                   "and darts.json (the discretisation gap). --cell core-unit mixes b(u1(x), u2(x)) instead:\n"
                   "a mixture of the functions (and x) in each unary slot, one of binary functions in b.",
                   options);
        return 0;
    }
    if (!vm.count("out")) throw Error("missing --out DIR, the campaign folder");
    const evolution::DartsSettings settings = settings_from(vm);
    const fitness::TaskSpec spec = task_spec_from(vm);
    (void)settings.warm_epochs_of(settings.supernet_epochs(spec.training.epochs)); // refused before the data loads
    const auto task = fitness::Task::load(spec);
    fmt::print(stderr, "darts on {}\n", task->describe());
    const evolution::DartsResult result = train_supernet(*task, settings);
    const std::vector<evolution::DartsCandidate> candidates = evolution::darts_candidates(result, settings.top);
    const evolution::CampaignConfig config =
        evolution::darts_campaign_config(spec, settings, candidates, vm["verify-seeds"].as<std::size_t>());
    evolution::CampaignFolder folder = evolution::CampaignFolder::open(vm["out"].as<std::string>(), config);
    record_session(folder.dir(), "darts", args);
    const evolution::CampaignResult campaign = retrain(folder, vm["threads"].as<std::size_t>());
    const evolution::Individual* argmax = evolution::find_darts_candidate(campaign.state, candidates.front().formulas);
    const double distance = evolution::discretisation_distance(result, settings.clamp);
    write_file_atomically(folder.dir() / "alphas.csv", evolution::alphas_csv(result));
    write_file_atomically(folder.dir() / "alphas.svg", evolution::alphas_svg(result));
    write_file_atomically(folder.dir() / "darts.json",
                          summary_json(result, settings, candidates, argmax, distance).dump(2) + "\n");
    fmt::print("supernet: {} functions{}, {} epochs, {:.1f} s; {} candidates retrained\n", result.components.size(),
               result.binaries.empty() ? "" : fmt::format(" and {} binary functions", result.binaries.size()),
               result.training.epochs_done, result.training.seconds, candidates.size());
    print_gap(result, argmax, distance);
    if (config.verify_seeds > 0) {
        fmt::print("\nverified hall of fame ({} seeds on the validation split):\n", config.verify_seeds);
        print_verified(campaign.state, 10, false);
    } else {
        print_candidates(campaign.state.hall_of_fame.entries(), 10, false, "rank");
    }
    fmt::print("files: {}/{{darts.json,alphas.csv,alphas.svg,hall_of_fame.csv,evaluations.jsonl}}\n",
               folder.dir().string());
    print_report_pointer(folder.dir());
    return 0;
}

} // namespace actforge::cli
