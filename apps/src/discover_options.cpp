#include "discover_options.hpp"

#include "actforge/core/error.hpp"
#include "actforge/evolution/strategies/reproduction.hpp"
#include "actforge/fitness/baselines.hpp"
#include "task_options.hpp"

#include <fmt/format.h>

namespace actforge::cli {
namespace {

// Elites per island when --elites is not given, where they fit.
constexpr std::size_t kDefaultElites = 2;

void add_search_options(po::options_description& options) {
    options.add_options()("help,h", "show this help")(
        "out", po::value<std::string>(), "campaign folder (created, or resumed if it holds this campaign)")(
        "strategy", po::value<std::string>()->default_value("ga"), "search strategy: ga | regularized | random | rl")(
        "population", po::value<std::size_t>()->default_value(32), "individuals, over all islands")(
        "generations", po::value<std::size_t>()->default_value(10), "generations to run (in all, across resumes)")(
        "islands", po::value<std::size_t>()->default_value(1), "islands, exchanging their best every 5 generations")(
        "elites", po::value<std::size_t>()->default_value(kDefaultElites),
        "best of each island copied unchanged to its next generation, at most half an island (the default "
        "becomes 1 on islands of fewer than 4)")("threads", po::value<std::size_t>()->default_value(1),
                                                 "candidates trained at once (under mpirun: by each worker rank)")(
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
}

po::options_description codesign_options() {
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
        "eta", po::value<std::size_t>()->default_value(3), "successive halving: keep the best 1/eta at each rung")(
        "eval-seeds", po::value<std::size_t>()->default_value(1),
        "trainings (seeds) averaged into a full-budget score")(
        "verify-seeds", po::value<std::size_t>()->default_value(5),
        "verified hall of fame: retrain the best candidates and the baselines with this many seeds (0 = off)")(
        "verify-top", po::value<std::size_t>()->default_value(5),
        "verified hall of fame: candidates verified, the best by search score")(
        "baselines", po::value<std::string>()->default_value("relu,swish,gelu,selu,tanh"),
        "verified hall of fame: functions each candidate is compared with, on its own network");
    return codesign;
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

// --depth MIN-MAX, --widths and --lr-range MIN:MAX; they apply to co-design only.
evolution::ArchitectureSpace architecture_space_from(const po::variables_map& vm) {
    evolution::ArchitectureSpace space;
    const std::vector<std::string> depth = split_list(vm["depth"].as<std::string>(), '-');
    const std::vector<std::size_t> bounds =
        parse_size_list(fmt::format("{}", fmt::join(depth, ",")), "--depth", "layer count", 16);
    if (bounds.size() != 2) throw Error("--depth: give MIN-MAX, e.g. 1-3");
    space.min_layers = bounds[0];
    space.max_layers = bounds[1];
    space.widths = parse_size_list(vm["widths"].as<std::string>(), "--widths", "layer width", 65536);
    const std::vector<std::string> lr = split_list(vm["lr-range"].as<std::string>(), ':');
    const std::vector<double> range = parse_number_list(fmt::format("{}", fmt::join(lr, ",")), "--lr-range");
    if (range.size() != 2) throw Error("--lr-range: give MIN:MAX, e.g. 1e-4:1e-2");
    space.min_learning_rate = static_cast<float>(range[0]);
    space.max_learning_rate = static_cast<float>(range[1]);
    return space;
}

// Elites fill at most half of an island, so that most of each generation
// still comes from selection and variation. A given --elites that does not
// fit is an error; the default drops to 1 on islands of fewer than 4 (1
// fits every valid population, which has at least 2 per island), and the
// note says so. A command line without --elites gives the elites it always did.
// Elites belong to the genetic algorithm: the other strategies have none
// (aging evolution keeps no member for ever; random search keeps its best
// apart from the candidates it asks for).
std::optional<std::string> choose_elites(evolution::CampaignConfig& config, const po::variables_map& vm) {
    if (config.strategy != evolution::StrategyKind::GeneticAlgorithm) {
        if (!vm["elites"].defaulted()) throw Error("--elites applies to --strategy ga");
        config.elites = 0;
        return std::nullopt;
    }
    config.elites = vm["elites"].as<std::size_t>();
    if (config.elites * config.islands * 2 <= config.population) return std::nullopt;
    if (!vm["elites"].defaulted()) {
        throw Error(fmt::format("--elites {} is too many: elites fill at most half of an island, here at most {} "
                                "per island ({} individuals on {} island(s))",
                                config.elites, config.population / (2 * config.islands), config.population,
                                config.islands));
    }
    config.elites = 1;
    return fmt::format("{} individuals on {} island(s) keep 1 elite per island, not {} (elites fill at most half of "
                       "an island; --elites sets them)",
                       config.population, config.islands, kDefaultElites);
}

} // namespace

// The RL controller's settings (RlSettings); each applies to --strategy rl only.
po::options_description rl_options() {
    const evolution::RlSettings d;
    po::options_description rl("RL controller options (--strategy rl)");
    rl.add_options()("core-units", po::value<std::size_t>()->default_value(d.core_units),
                     "core units b(u1(x1), u2(x2)) per formula: 1 or 2 (the second may read the first)")(
        "rl-lr", po::value<double>()->default_value(d.learning_rate), "the policy's Adam learning rate")(
        "rl-entropy", po::value<double>()->default_value(d.entropy_weight), "entropy bonus weight")(
        "ppo-epochs", po::value<std::size_t>()->default_value(d.ppo_epochs),
        "0: REINFORCE, one step per batch; K: PPO with K steps per batch (clip 0.2)");
    return rl;
}

// --strategy rl's settings from the flags; the flags are refused with any other strategy.
evolution::RlSettings rl_settings_from(const evolution::CampaignConfig& config, const po::variables_map& vm) {
    for (const char* flag : {"core-units", "rl-lr", "rl-entropy", "ppo-epochs"}) {
        if (config.strategy != evolution::StrategyKind::RlController && !vm[flag].defaulted())
            throw Error(fmt::format("--{} applies to --strategy rl", flag));
    }
    evolution::RlSettings rl;
    rl.core_units = vm["core-units"].as<std::size_t>();
    rl.learning_rate = vm["rl-lr"].as<double>();
    rl.entropy_weight = vm["rl-entropy"].as<double>();
    rl.ppo_epochs = vm["ppo-epochs"].as<std::size_t>();
    return rl;
}

po::options_description discover_options() {
    po::options_description options("discover options");
    add_search_options(options);
    options.add(rl_options());
    options.add(codesign_options());
    add_task_options(options);
    return options;
}

void print_discover_help(const po::options_description& options) {
    print_help("actforge discover --out DIR [--task ...] [--strategy S] [--population N] [--generations G]\n"
               "                  [--islands I] [--threads T] [--primitives LIST] [--max-nodes K] [--seed S]\n"
               "                  [--time-budget D] [--seed-formulas 'F1;F2']",
               "Searches for activation functions over formulas, each scored by training the task's network\n"
               "with it (validation accuracy). --strategy chooses how new formulas are proposed:\n"
               "  ga           genetic algorithm: tournaments, crossover, mutation, elites, --islands (default)\n"
               "  regularized  aging evolution: population/4 mutants of tournament winners a generation, oldest out\n"
               "  random       random search: --population new random formulas a generation, the best kept\n"
               "  rl           RL controller (as in the Swish search): an LSTM policy samples --population\n"
               "               core-unit formulas b(u1(x), u2(x)) a generation, trained by REINFORCE or PPO\n"
               "The first three start from the same first generation (--seed-formulas, then random).\n"
               "DIR receives config.json, checkpoint.json (each generation), evaluations.jsonl (every training),\n"
               "hall_of_fame.json/.csv, fitness.svg and functions.svg. Running the same command again resumes a\n"
               "stopped campaign (with the same --strategy); Ctrl-C stops after saving. Raise --generations to\n"
               "extend a finished one.\n"
               "With --codesign each candidate also carries its dense widths and learning rate, and\n"
               "pareto_front.csv lists the candidates no other beats on both accuracy and cost. With --rungs R,\n"
               "new candidates first train on 1/eta^(R-1) of the budget and only the best go on to the full one.\n"
               "With --task A,B (multi-task fitness) every candidate trains on each task, and its fitness is the\n"
               "mean over the tasks of (validation accuracy - ReLU's): a function that helps everywhere wins.\n"
               "hall_of_fame.csv then has a column per task, and replay also tests on the other tasks.\n"
               "Across machines: mpirun -np N --bind-to none actforge discover ... runs the campaign on rank 0\n"
               "and trains on ranks 1..N-1 (--threads each), with the result of a one-machine run; every node\n"
               "needs the data. If a rank dies the job ends: run the same command again to resume.",
               options);
}

CampaignRequest campaign_request_from(const po::variables_map& vm) {
    CampaignRequest request;
    evolution::CampaignConfig& config = request.config;
    const std::vector<NamedTask> tasks = task_specs_from(vm);
    config.task = tasks.front().spec;
    if (tasks.size() > 1) {
        for (const NamedTask& t : tasks) {
            if (&t != &tasks.front()) config.more_tasks.push_back(t.spec);
            config.task_names.push_back(t.name);
        }
    }
    config.strategy = evolution::strategy_kind_from_string(vm["strategy"].as<std::string>());
    if (config.strategy == evolution::StrategyKind::Darts) {
        throw Error("--strategy darts: the differentiable search is its own command, `actforge darts`");
    }
    config.rl = rl_settings_from(config, vm);
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
    if (config.codesign) config.architecture = architecture_space_from(vm);
    config.cost = evolution::cost_kind_from_string(vm["cost"].as<std::string>());
    config.cost_weight = vm["cost-weight"].as<double>();
    config.rungs = vm["rungs"].as<std::size_t>();
    config.eta = vm["eta"].as<std::size_t>();
    config.eval_seeds = vm["eval-seeds"].as<std::size_t>();
    config.verify_seeds = vm["verify-seeds"].as<std::size_t>();
    config.verify_top = vm["verify-top"].as<std::size_t>();
    config.baselines = split_list(vm["baselines"].as<std::string>(), ',');
    request.note = choose_elites(config, vm);
    config.validate();
    evolution::validate_search_space(config);
    return request;
}

} // namespace actforge::cli
