// bench_darts: what a differentiable search finds, and what it costs.
//
//  1. Planted recovery: on teacher:P tasks (the data labelled by a random
//     network with activation P), one search per seed (--top 1). It prints in
//     how many seeds the argmax candidate is P (in value, up to a positive
//     output scale and a shift, as bench_strategies counts a find; the
//     learned parameters included), the argmaxes, and the mean over
//     seeds of (argmax's validation accuracy - P's), both trained from
//     scratch with the same seeds: what a user who takes the argmax loses.
//  2. Cost, on --task (default Fashion-MNIST): the wall time of one search
//     plus its candidates' retraining and verification (as `actforge darts`
//     runs them), against the wall time a genetic algorithm campaign (the
//     defaults of `actforge discover`) needs before its verified best
//     reaches the search's, at the same threads and verification seeds.
//
// Usage: bench_darts [--parts planted,cost] [--seeds S] [--task NAME] [--threads T]
//                    [--mixture standardized|raw] [--input-spread held|free]
//                    [--cell unary|core-unit] [--functions 'F1;F2;...']
//                    [--epochs E] [--warm-epochs W] [--arch-lr R] [PLANTED ...]
// The search flags are actforge darts's; unset, its defaults.
#include "bench_flags.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/core/text.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/evolution/darts/darts_campaign.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/value_match.hpp"
#include "actforge/fitness/evaluator.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <optional>

using namespace actforge;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kPlanted{"tanh(x)",     "sin(x)", "swish(x)",    "relu(x)",
                                        "softplus(x)", "erf(x)", "gaussian(x)", "abs(x)"};
constexpr std::size_t kVerifySeeds = 3;

struct Options {
    std::size_t seeds = 5;
    std::string task = "fashion-mnist";
    std::size_t threads = 2;
    evolution::DartsSettings search; // seed and top set per search
    bool planted_part = true;
    bool cost_part = true;
    std::vector<std::string> planted;
};

Options parse_options(int argc, char** argv) {
    Options o;
    bench::BenchFlags("usage: bench_darts [--parts planted,cost] [--seeds S] [--task NAME] [--threads T]\n"
                      "                   [--mixture standardized|raw] [--input-spread held|free]\n"
                      "                   [--cell unary|core-unit]\n"
                      "                   [--functions 'F1;F2;...'] [--epochs E]\n"
                      "                   [--warm-epochs W] [--arch-lr R] [PLANTED...]")
        .on("--seeds", [&](const std::string& v) { o.seeds = bench::count_value(v); })
        .on("--task", [&](const std::string& v) { o.task = v; })
        .on("--threads", [&](const std::string& v) { o.threads = bench::count_value(v); })
        .on("--mixture",
            [&](const std::string& v) {
                if (v != "raw" && v != "standardized") bench::fail_value("--mixture", v, "standardized or raw");
                o.search.standardize = v != "raw";
            })
        .on("--input-spread",
            [&](const std::string& v) {
                if (v != "held" && v != "free") bench::fail_value("--input-spread", v, "held or free");
                o.search.hold_input_spread = v == "held";
            })
        .on("--functions", [&](const std::string& v) { o.search.functions = split_fields(v, ';'); })
        .on("--cell",
            [&](const std::string& v) {
                if (v != "unary" && v != "core-unit") bench::fail_value("--cell", v, "unary or core-unit");
                o.search.cell = evolution::parse_cell(v);
            })
        .on("--epochs", [&](const std::string& v) { o.search.epochs = bench::count_value(v); })
        .on("--warm-epochs", [&](const std::string& v) { o.search.warm_epochs = bench::count_value(v); })
        .on("--arch-lr", [&](const std::string& v) { o.search.arch_lr = bench::number_value(v); })
        .on("--parts",
            [&](const std::string& v) {
                if (v != "planted" && v != "cost" && v != "planted,cost" && v != "cost,planted") {
                    bench::fail_value("--parts", v, "planted, cost or both");
                }
                o.planted_part = v.find("planted") != std::string::npos;
                o.cost_part = v.find("cost") != std::string::npos;
            })
        .positional([&](const std::string& v) { o.planted.push_back(v); })
        .parse(argc, argv);
    if (o.planted.empty()) o.planted = kPlanted;
    return o;
}

evolution::DartsSettings settings_for(std::uint64_t seed, std::size_t top, const Options& o) {
    evolution::DartsSettings s = o.search;
    s.seed = seed;
    s.top = top;
    return s;
}

// The argmax candidate: the function of largest final weight in the (one)
// mixture, or the core unit of each slot's, with its learned parameters.
std::string argmax_formula(const evolution::DartsResult& r) {
    return evolution::darts_candidates(r, 1).front().formulas;
}

// Planted functions recovered in at least 4 of 5 seeds (the bar),
// as a list.
struct Recovered {
    std::vector<std::string> strict;  // the argmax is P up to an output scale and shift
    std::vector<std::string> network; // ... or up to the symmetries of the layers around it
};

void planted_recovery(const Options& o) {
    fmt::print("planted recovery: --top 1, seeds 1-{}, {} mixture, input spread {}, cell {}\n", o.seeds,
               o.search.standardize ? "standardized" : "raw", o.search.hold_input_spread ? "held" : "free",
               evolution::cell_name(o.search.cell));
    fmt::print("hits: the argmax is P up to a positive output scale and a shift; net: up to the symmetries of a\n"
               "dense network (an input scale and shift too, either sign; expr/value_match.hpp)\n");
    fmt::print("{:<14} {:>5}  {:>5}  {:>22}  {}\n", "planted", "hits", "net", "argmax - planted (pts)", "argmaxes");
    const expr::MatchOptions network{.match = expr::ValueMatch::Network};
    const std::size_t bar = (4 * o.seeds + 4) / 5; // 4 of 5, rounded up
    Recovered recovered;
    std::vector<double> losses;
    for (const std::string& planted : o.planted) {
        const fitness::Evaluator evaluator(fitness::Task::load(fitness::task_preset("teacher:" + planted)));
        const expr::Tree planted_tree = expr::parse(planted);
        std::size_t hits = 0;
        std::size_t network_hits = 0;
        std::vector<double> differences;
        std::string argmaxes;
        for (std::size_t seed = 1; seed <= o.seeds; ++seed) {
            const evolution::DartsResult r = evolution::run_darts(evaluator.task(), settings_for(seed, 1, o));
            const std::string best = argmax_formula(r);
            // As bench_strategies counts a find: equal in value up to a
            // positive output scale and a shift (expr/value_match.hpp).
            hits += expr::recovers(expr::parse(best), planted_tree) ? 1 : 0;
            network_hits += expr::recovers(expr::parse(best), planted_tree, network) ? 1 : 0;
            argmaxes += (argmaxes.empty() ? "" : " | ") + best;
            const fitness::Score found = evaluator.evaluate(best, seed);
            const fitness::Score truth = evaluator.evaluate(planted, seed);
            if (truth.ok()) differences.push_back(((found.ok() ? found.accuracy : 0.0) - truth.accuracy) * 100.0);
        }
        if (hits >= bar) recovered.strict.push_back(planted);
        if (network_hits >= bar) recovered.network.push_back(planted);
        const std::string counts = fmt::format("{:>2}/{:<2}  {:>2}/{:<2}", hits, o.seeds, network_hits, o.seeds);
        if (differences.empty()) {
            fmt::print("{:<14} {}  {:>22}  {}\n", planted, counts, "planted fails to train", argmaxes);
            continue;
        }
        const double mean = summarize(differences).mean;
        losses.push_back(mean);
        fmt::print("{:<14} {}  {:>+22.2f}  {}\n", planted, counts, mean, argmaxes);
    }
    fmt::print("mean over the planted functions: argmax - planted {:+.2f} points\n", summarize(losses).mean);
    fmt::print("recovered in at least {} of {} seeds: {} strictly ({}), {} up to the symmetries ({})\n\n", bar, o.seeds,
               recovered.strict.size(), fmt::join(recovered.strict, ", "), recovered.network.size(),
               fmt::join(recovered.network, ", "));
}

// Best verified mean accuracy in a campaign's hall of fame (NaN: none
// verified): its first entry, as the hall of fame shows verified entries
// first, by verified mean.
double best_verified(const evolution::CampaignState& state) {
    const auto& entries = state.hall_of_fame.entries();
    return !entries.empty() && entries.front().verification ? entries.front().verification->mean
                                                            : std::numeric_limits<double>::quiet_NaN();
}

fs::path fresh_folder(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / name;
    fs::remove_all(dir);
    return dir;
}

struct DartsCost {
    double seconds = 0.0;
    double supernet_seconds = 0.0;
    double verified = 0.0; // best verified mean of its candidates
    std::string argmax;
};

DartsCost darts_cost(const fitness::Task& task, const Options& o) {
    const Timer timer;
    const evolution::DartsSettings settings = settings_for(1, 3, o);
    const evolution::DartsResult r = evolution::run_darts(task, settings);
    const evolution::CampaignConfig config = evolution::darts_campaign_config(
        task.spec(), settings, evolution::darts_candidates(r, settings.top), kVerifySeeds);
    evolution::CampaignFolder folder = evolution::CampaignFolder::open(fresh_folder("actforge_bench_darts"), config);
    evolution::EngineOptions engine;
    engine.threads = o.threads;
    const evolution::CampaignResult campaign = evolution::run_campaign(folder, engine);
    return {timer.seconds(), r.training.seconds, best_verified(campaign.state), argmax_formula(r)};
}

void cost(const Options& o) {
    const auto task = fitness::Task::load(fitness::task_preset(o.task));
    fmt::print("cost on {}, {} threads\n", task->describe(), o.threads);
    const DartsCost darts = darts_cost(*task, o);
    fmt::print("darts: supernet {:.1f} s, with its 3 candidates retrained and verified ({} seeds) {:.1f} s; "
               "argmax {}, best verified {:.2f}%\n",
               darts.supernet_seconds, kVerifySeeds, darts.seconds, darts.argmax, darts.verified * 100.0);

    // The GA in stages of 1, 3 and 10 generations, each resumed from the
    // last and ending with its verification: its verified best after each,
    // and the wall time so far. Verified trainings are logged, so a stage
    // retrains only the entries new to its top 5.
    evolution::CampaignConfig ga;
    ga.task = task->spec();
    ga.verify_seeds = kVerifySeeds;
    const fs::path dir = fresh_folder("actforge_bench_darts_ga");
    evolution::EngineOptions engine;
    engine.threads = o.threads;
    double seconds = 0.0;
    std::optional<double> reached;
    for (const std::size_t generations : {1, 3, 10}) {
        ga.generations = generations;
        evolution::CampaignFolder folder = evolution::CampaignFolder::open(dir, ga);
        const Timer timer;
        const evolution::CampaignResult campaign = evolution::run_campaign(folder, engine);
        seconds += timer.seconds();
        const double verified = best_verified(campaign.state);
        fmt::print("ga (population {}) after {:>2} generations: {:6.1f} s, best verified {:.2f}%\n", ga.population,
                   generations, seconds, verified * 100.0);
        if (!reached && verified >= darts.verified) reached = seconds;
    }
    if (reached) {
        fmt::print("ga reached darts's verified {:.2f}% after {:.1f} s: {:.1f}x darts's time\n", darts.verified * 100.0,
                   *reached, *reached / darts.seconds);
    } else {
        fmt::print("ga did not reach darts's verified {:.2f}% in 10 generations ({:.1f}x darts's time)\n",
                   darts.verified * 100.0, seconds / darts.seconds);
    }
}

} // namespace

int main(int argc, char** argv) {
    const Options o = parse_options(argc, argv);
    if (o.planted_part) planted_recovery(o);
    if (o.cost_part) cost(o);
    return 0;
}
