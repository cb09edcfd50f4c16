// actforge replay DIR: retrain the hall of fame's best and the baselines
// with several seeds on the full training split and score the test split.
#include "actforge/core/atomic_file.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/progress.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/evolution/campaign/campaign_folder.hpp"
#include "actforge/evolution/campaign/verification.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "processes.hpp"
#include "task_options.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <unistd.h>

namespace actforge::cli {
namespace {

void print_replay_table(const std::vector<evolution::VerificationRow>& rows, std::size_t seeds,
                        std::size_t training_examples, std::size_t epochs) {
    auto p_text = [](const std::optional<WelchResult>& w) { return w ? fmt::format("{:.3g}", w->p_two_sided) : ""; };
    fmt::print("test accuracy over {} seeds, trained on {} examples ({} epochs); Welch's t-test against the best\n"
               "baseline on the same network (best, p best), against ReLU on the task's network (p) and against\n"
               "ReLU on the candidate's own architecture (p same arch)\n",
               seeds, training_examples, epochs);
    fmt::print("{:<9} {:<22} {:>16} {:>9} {:>8} {:>9} {:>12}  {}\n", "", "architecture", "mean ± std", "best", "p best",
               "p", "p same arch", "functions");
    for (const auto& r : rows) {
        const std::size_t ok = r.entry->accuracies.size();
        fmt::print("{:<9} {:<22} {:>7.2f}% ± {:>5.2f} {:>9} {:>8} {:>9} {:>12}  {}{}\n", r.entry->label,
                   fitness::describe(r.architecture), 100 * r.summary.mean, 100 * r.summary.stddev, r.best_baseline,
                   p_text(r.vs_best), p_text(r.vs_relu), p_text(r.vs_same_architecture), r.formula,
                   ok < seeds ? fmt::format("  ({} of {} runs failed)", seeds - ok, seeds) : "");
    }
}

// The tasks to replay on besides the campaign's own: a multi-task
// campaign's other tasks as it trained them, then those --transfer names.
std::vector<fitness::TaskSpec> transfer_tasks(const evolution::CampaignConfig& config,
                                              const std::vector<std::string>& names) {
    std::vector<fitness::TaskSpec> out = config.more_tasks;
    for (const auto& name : names) {
        const auto& known = config.task_names;
        if (std::find(known.begin(), known.end(), name) == known.end()) out.push_back(task_preset_or_csv(name));
    }
    return out;
}

} // namespace

namespace {

struct ReplayRequest {
    std::string dir;
    fitness::TaskSpec spec;
    std::size_t top = 3;
    std::size_t seeds = 5;
    std::size_t threads = 1;
    std::uint64_t first_seed = 1;
    std::vector<std::string> baselines;
    bool network_flags = false;        // --hidden or --lr given
    std::vector<std::string> transfer; // other tasks to replay on, with their presets' epochs
    std::optional<std::size_t> epochs; // --epochs, which applies to them too
};

po::options_description replay_options() {
    po::options_description options("replay options");
    options.add_options()("help,h", "show this help")("dir", po::value<std::string>(), "campaign folder")(
        "top", po::value<std::size_t>()->default_value(3), "hall-of-fame candidates to replay")(
        "seeds", po::value<std::size_t>()->default_value(5), "trainings per candidate (seeds 1..N)")(
        "baselines", po::value<std::string>()->default_value("relu,swish,gelu,selu,tanh"),
        "baselines to compare (relu is always included)")("threads", po::value<std::size_t>()->default_value(1),
                                                          "trainings at once (under mpirun: by each worker rank)")(
        "seed", po::value<std::uint64_t>()->default_value(1),
        "first seed")("transfer", po::value<std::string>(),
                      "also replay the top candidates' functions and the baselines on these tasks' own networks, e.g. "
                      "fashion-mnist-cnn,csv:digits.csv (a table per task; their own epochs unless --epochs is given)");
    add_task_options(options);
    return options;
}

void print_replay_help(const po::options_description& options) {
    print_help(
        "actforge replay DIR [--top K] [--seeds N] [--epochs E] [--task ...] [--baselines LIST] [--transfer TASKS]",
        "Retrains the campaign's top K candidates and the baselines with N seeds each on the full\n"
        "training split (of the campaign's task, or of --task for a transfer test), scores the held-out\n"
        "test split, and prints mean ± std test accuracy with Welch's t-test against ReLU.\n"
        "A co-designed candidate is trained on its own architecture, and ReLU and Swish are also\n"
        "trained on that architecture (relu@#1, swish@#1) for a comparison of the functions alone.\n"
        "With --transfer, the same functions are also trained on other tasks (a table per task), the\n"
        "check that a find generalises. Writes DIR/replay.json and DIR/replay.csv.\n"
        "Under mpirun -np N, ranks 1..N-1 do the training (--threads each), with the same results.",
        options);
}

// The request of a parsed command line; `campaign_task` is the campaign's.
ReplayRequest replay_request(const po::variables_map& vm, const fitness::TaskSpec& campaign_task) {
    ReplayRequest r;
    r.dir = vm["dir"].as<std::string>();
    r.spec = campaign_task;
    // Transfer or a bigger budget: the given task flags over the campaign's task.
    apply_task_overrides(r.spec, vm);
    r.top = vm["top"].as<std::size_t>();
    r.seeds = vm["seeds"].as<std::size_t>();
    r.threads = vm["threads"].as<std::size_t>();
    if (r.seeds == 0 || r.threads == 0) throw Error("--seeds and --threads must be at least 1");
    r.first_seed = vm["seed"].as<std::uint64_t>();
    r.baselines = split_list(vm["baselines"].as<std::string>(), ',');
    r.network_flags = vm.count("hidden") > 0 || vm.count("lr") > 0;
    if (vm.count("transfer")) r.transfer = split_task_list(vm["transfer"].as<std::string>());
    if (vm.count("epochs")) r.epochs = vm["epochs"].as<std::size_t>();
    return r;
}

// Trains the plan's entries, with a progress bar on a terminal.
void train_entries(std::vector<evolution::VerificationEntry>& entries, const ReplayRequest& r,
                   const std::shared_ptr<const fitness::Task>& task) {
    const std::unique_ptr<evolution::EvaluationBackend> backend = processes().make_backend({task}, r.threads);
    fmt::print(stderr, "replay: {} candidates x {} seeds on {}\n", entries.size(), r.seeds, task->describe());
    std::optional<Progress> progress;
    if (::isatty(::fileno(stderr)) != 0) progress.emplace("replay", entries.size() * r.seeds);
    std::mutex mutex;
    std::size_t done = 0;
    evolution::run_verification(entries, *backend, r.seeds, r.first_seed, [&] {
        std::lock_guard lock(mutex);
        if (progress) progress->update(++done);
    });
    if (progress) progress->finish();
}

// Trains the entries on `spec`'s task and prints its table; returns the
// task's part of replay.json, with its CSV rows under "csv".
nlohmann::json replay_task(std::vector<evolution::VerificationEntry>& entries, const ReplayRequest& r,
                           const fitness::TaskSpec& spec) {
    const auto task = fitness::Task::load(spec);
    train_entries(entries, r, task);
    const std::vector<evolution::VerificationRow> rows = evolution::verification_rows(entries, spec);
    fmt::print("\n{}\n", task->describe());
    print_replay_table(rows, r.seeds, task->full_train().size(), spec.training.epochs);
    return {{"task", task->describe()},
            {"seeds", r.seeds},
            {"epochs", spec.training.epochs},
            {"results", evolution::verification_json(rows, r.seeds)},
            {"csv", evolution::verification_csv(rows, r.seeds, task->describe())}};
}

} // namespace

int replay_command(const Args& args) {
    const po::options_description options = replay_options();
    po::positional_options_description positional;
    positional.add("dir", 1);
    const auto vm = parse_options(args, options, positional);
    if (processes().worker()) return processes().serve(vm["threads"].as<std::size_t>());
    if (vm.count("help")) {
        print_replay_help(options);
        return 0;
    }
    if (!vm.count("dir")) throw Error("missing the campaign folder, e.g. actforge replay runs/demo");
    const evolution::CampaignFolder folder = evolution::CampaignFolder::read(vm["dir"].as<std::string>());
    const ReplayRequest r = replay_request(vm, folder.config().task);
    std::vector<evolution::VerificationEntry> entries =
        evolution::plan_verification(folder.checkpoint()->hall_of_fame.entries(), r.top, r.baselines, r.spec);
    const bool own_architectures = std::any_of(entries.begin(), entries.end(), [](const auto& e) {
        return e.label.starts_with('#') && e.genome.architecture.has_value();
    });
    if (own_architectures && r.network_flags) {
        fmt::print(stderr, "note: --hidden and --lr apply to the task's network (the baselines); co-designed "
                           "candidates keep their own widths and learning rate\n");
    }
    nlohmann::json doc = replay_task(entries, r, r.spec);
    std::string csv = evolution::verification_csv_header() + doc.at("csv").get<std::string>();
    doc.erase("csv");
    doc["transfer"] = nlohmann::json::array();
    const auto& hall = folder.checkpoint()->hall_of_fame.entries();
    for (fitness::TaskSpec spec : transfer_tasks(folder.config(), r.transfer)) {
        if (r.epochs) spec.training.epochs = *r.epochs;
        std::vector<evolution::VerificationEntry> moved =
            evolution::plan_verification(evolution::functions_only(hall, r.top), r.top, r.baselines, spec);
        nlohmann::json t = replay_task(moved, r, spec);
        csv += t.at("csv").get<std::string>();
        t.erase("csv");
        doc["transfer"].push_back(std::move(t));
    }
    write_file_atomically(folder.dir() / "replay.json", doc.dump(2) + "\n");
    write_file_atomically(folder.dir() / "replay.csv", csv);
    fmt::print("wrote {}/replay.json and replay.csv\n", folder.dir().string());
    return 0;
}

} // namespace actforge::cli
