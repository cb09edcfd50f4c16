#pragma once
// Running small campaigns in tests: fresh folders, a run helper and a
// comparable summary of the hall of fame.
#include "actforge/evolution/engine.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace actforge::evolution::testing {

namespace fs = std::filesystem;

inline fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("actforge_test_" + name);
    fs::remove_all(dir);
    return dir;
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
