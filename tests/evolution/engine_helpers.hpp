#pragma once
// Running small campaigns in tests: fresh folders, a run helper and a
// comparable summary of the hall of fame.
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/expr/parser.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace actforge::evolution::testing {

namespace fs = std::filesystem;

// Two islands of six on a small spirals task: a campaign in well under a second.
inline CampaignConfig tiny_config(std::size_t generations) {
    CampaignConfig c;
    c.task = fitness::task_preset("spirals");
    c.task.train_size = 300;
    c.task.val_size = 200;
    c.task.hidden = {8};
    c.task.training.epochs = 3;
    c.population = 12;
    c.islands = 2;
    c.migration_interval = 2;
    c.generations = generations;
    c.seed = 42;
    c.seed_formulas = {"relu(x)", "a*tanh(x) where a=1"};
    c.hall_of_fame_size = 8;
    return c;
}

// A candidate with a successful score, as the engine would have it.
inline Individual scored(const char* formula, double accuracy) {
    Individual ind;
    ind.genome = single_function(expr::parse(formula));
    ind.key = genome_key(ind.genome);
    ind.evaluated = true;
    ind.score.status = fitness::ScoreStatus::Ok;
    ind.score.accuracy = accuracy;
    ind.score.loss = 0.5;
    return ind;
}

inline fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("actforge_test_" + name);
    fs::remove_all(dir);
    return dir;
}

// Every line of a campaign folder's evaluations.jsonl, parsed.
inline std::vector<nlohmann::json> log_lines(const fs::path& dir) {
    std::vector<nlohmann::json> out;
    std::ifstream in(dir / "evaluations.jsonl");
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

inline std::vector<std::pair<std::string, double>> summary(const HallOfFame& h) {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& e : h.entries()) {
        out.emplace_back(formulas(e.genome) +
                             (e.genome.architecture ? " | " + fitness::describe(*e.genome.architecture) : ""),
                         e.score.accuracy);
    }
    return out;
}

inline CampaignResult run(const fs::path& dir, const CampaignConfig& c, std::size_t threads,
                          const std::atomic<bool>* stop = nullptr,
                          std::function<void(const ProgressInfo&)> progress = {}) {
    CampaignFolder folder = CampaignFolder::open(dir, c);
    EngineOptions o;
    o.threads = threads;
    o.stop = stop;
    o.on_progress = std::move(progress);
    return run_campaign(folder, o);
}

} // namespace actforge::evolution::testing
