// actforge discover: run (or resume) a discovery campaign into a folder.
#include "actforge/core/error.hpp"
#include "actforge/core/progress.hpp"
#include "actforge/evolution/campaign/engine.hpp"
#include "campaign_tables.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "discover_options.hpp"
#include "processes.hpp"
#include "resume_settings.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <mutex>
#include <optional>

namespace actforge::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_interrupt(int) {
    g_stop.store(true);
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C stops at once
}

// The campaign's progress bar: completed generations plus the fraction of
// this one (rungs count as equal shares of a generation); under a time
// budget the bar, and its ETA, follow whichever ends first.
void show_progress(std::optional<Progress>& progress, const evolution::ProgressInfo& p, double time_budget) {
    if (!progress) progress.emplace("discover", p.generations * 1000, stderr, 10.0, false);
    const double rung_done = static_cast<double>(p.done) / static_cast<double>(std::max<std::size_t>(p.total, 1));
    double fraction =
        (static_cast<double>(p.generation) + (static_cast<double>(p.rung) + rung_done) / static_cast<double>(p.rungs)) /
        static_cast<double>(p.generations);
    if (time_budget > 0) fraction = std::max(fraction, p.elapsed_seconds / time_budget);
    const auto done = static_cast<std::size_t>(1000.0 * static_cast<double>(p.generations) * std::min(fraction, 1.0));
    progress->update(done,
                     fmt::format("gen {}/{}{}  evals {}  {:.1f} evals/s  best {}", p.generation + 1, p.generations,
                                 p.rungs > 1 ? fmt::format(" rung {}/{}", p.rung + 1, p.rungs) : "", p.evaluations,
                                 static_cast<double>(p.evaluations) / std::max(p.elapsed_seconds, 1e-9),
                                 std::isfinite(p.best) ? fmt::format("{:.4f}", p.best) : "-"));
}

// What the campaign ended with: its counts, the hall of fame (verified when
// it was), the per-task columns, the Pareto front, and the files.
void print_summary(const evolution::CampaignConfig& config, const evolution::CampaignFolder& folder,
                   const evolution::CampaignResult& result) {
    fmt::print("campaign {} ({}): {} generations, {} candidates, {} trainings, {:.1f} s{}\n", folder.dir().string(),
               evolution::to_string(result.reason), result.state.generation, result.state.candidates,
               result.state.evaluations, result.state.elapsed_seconds,
               result.resumed ? fmt::format(" (resumed; {} logged scores reused)", result.reused_scores) : "");
    if (config.verify_seeds > 0) {
        fmt::print("\nverified hall of fame ({} seeds on the validation split; ranked by verified mean):\n",
                   config.verify_seeds);
        print_verified(result.state, 10, config.codesign);
    } else {
        print_candidates(result.state.hall_of_fame.entries(), 10, config.codesign, "rank");
    }
    if (config.multi_task()) {
        fmt::print("\nper task (validation accuracy; the scores above are mean gains over ReLU across {}):\n",
                   fmt::join(config.task_names, ", "));
        print_task_columns(result.state.hall_of_fame.entries(), 10, config.task_names);
    }
    if (config.codesign || config.cost_weight > 0) {
        fmt::print("\nPareto front (validation accuracy against {}):\n", evolution::to_string(config.cost));
        print_candidates(result.state.hall_of_fame.pareto_front(), 10, true, "#");
    }
    fmt::print("files: {}/{{hall_of_fame.json,hall_of_fame.csv,pareto_front.csv,evaluations.jsonl,sessions.jsonl,"
               "fitness.svg,functions.svg{}}}\n",
               folder.dir().string(),
               config.strategy == evolution::StrategyKind::RlController ? ",rl_updates.csv" : "");
}

} // namespace

int discover_command(const Args& args) {
    const po::options_description options = discover_options();
    const auto vm = parse_options(args, options, {}); // no positional arguments
    if (processes().worker()) return processes().serve(vm["threads"].as<std::size_t>());
    if (vm.count("help")) {
        print_discover_help(options);
        return 0;
    }
    if (!vm.count("out")) throw Error("missing --out DIR, the campaign folder");
    CampaignRequest request = campaign_request_from(vm);
    const std::vector<std::string> adopted = adopt_folder_settings(vm, request);
    const evolution::CampaignConfig& config = request.config;
    evolution::CampaignFolder folder = evolution::CampaignFolder::open(vm["out"].as<std::string>(), config);
    record_session(folder.dir(), "discover", args);
    if (request.note) fmt::print(stderr, "note: {}\n", *request.note);
    if (!adopted.empty()) {
        fmt::print(stderr, "note: resuming with the folder's settings where the command gives none: {}\n",
                   fmt::join(adopted, ", "));
    }
    const std::size_t threads = vm["threads"].as<std::size_t>();
    fmt::print(stderr, "campaign {}: {} {} on {}\n", folder.dir().string(),
               folder.checkpoint() ? "resuming at generation" : "starting, generations",
               folder.checkpoint() ? folder.checkpoint()->generation : config.generations,
               processes().describe(threads));

    std::optional<Progress> progress;
    std::mutex progress_mutex;
    evolution::EngineOptions engine;
    engine.threads = threads;
    engine.make_backend = processes().backend_factory();
    engine.stop = &g_stop;
    engine.on_progress = [&](const evolution::ProgressInfo& p) {
        std::lock_guard lock(progress_mutex);
        show_progress(progress, p, config.time_budget_seconds);
    };
    g_stop.store(false);
    std::signal(SIGINT, on_interrupt);
    const evolution::CampaignResult result = evolution::run_campaign(folder, engine);
    std::signal(SIGINT, SIG_DFL);
    if (progress) progress->finish();

    print_summary(config, folder, result);
    print_report_pointer(folder.dir());
    return result.reason == evolution::StopReason::Interrupted ? 130 : 0;
}

} // namespace actforge::cli
