// bench_halving: how many candidates a default campaign (the demo's: 96
// individuals on 2 islands, Fashion-MNIST 784-64-64-10, one epoch over
// 10,000 images, 2 threads) tries in a fixed time, without multi-fidelity
// and with successive halving (3 rungs, eta 3: 1/9, 1/3 and the full
// budget), measured in one run. Usage: bench_halving [SECONDS per campaign,
// default 90].
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/fitness/fashion_mnist.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

using namespace actforge;
namespace fs = std::filesystem;

namespace {

struct Measure {
    double seconds = 0;
    std::size_t candidates = 0; // distinct candidates trained at least once
    std::size_t trainings = 0;  // at any budget
    std::size_t full = 0;       // candidates trained at the full budget
    std::size_t generations = 0;
    double best = 0; // best validation accuracy at the full budget
};

Measure run(std::size_t rungs, double seconds) {
    evolution::CampaignConfig c;
    c.population = 96;
    c.islands = 2;
    c.generations = 1000;
    c.time_budget_seconds = seconds;
    c.seed = 11;
    c.seed_formulas = {"relu(x)", "swish(x)", "a*sigmoid(x) + b where a=1, b=0"};
    c.rungs = rungs;
    c.eta = 3;
    const fs::path dir = fs::temp_directory_path() / fmt::format("actforge_bench_halving_{}", rungs);
    fs::remove_all(dir);
    evolution::CampaignFolder folder = evolution::CampaignFolder::open(dir, c);
    evolution::EngineOptions o;
    o.threads = 2;
    const evolution::CampaignResult r = evolution::run_campaign(folder, o);
    Measure m;
    m.seconds = r.state.elapsed_seconds;
    m.candidates = r.state.candidates;
    m.trainings = r.state.evaluations;
    m.generations = r.state.generation;
    // Full-budget trainings: the last rung's lines of the log.
    m.full = rungs == 1 ? r.state.evaluations : 0;
    if (rungs > 1) {
        std::ifstream log(dir / "evaluations.jsonl");
        for (std::string line; std::getline(log, line);) {
            if (line.find(fmt::format("\"rung\":{}", rungs - 1)) != std::string::npos) ++m.full;
        }
    }
    if (!r.state.hall_of_fame.entries().empty()) m.best = r.state.hall_of_fame.entries().front().score.accuracy;
    fs::remove_all(dir);
    return m;
}

void report(const char* label, const Measure& m) {
    fmt::print("{:<28} {:>4} generations  {:>5} candidates  {:>5} trainings  {:>4} at full budget  "
               "{:>6.1f} candidates/min  best val acc {:.2f}%\n",
               label, m.generations, m.candidates, m.trainings, m.full,
               60.0 * static_cast<double>(m.candidates) / m.seconds, 100 * m.best);
}

} // namespace

int main(int argc, char** argv) {
    if (!fitness::fashion_mnist_available("train")) {
        fmt::print("bench_halving skipped: Fashion-MNIST is missing (apt-get install dataset-fashion-mnist)\n");
        return 0;
    }
    const double seconds = argc > 1 ? std::atof(argv[1]) : 90.0;
    if (!(seconds > 0)) {
        fmt::print(stderr, "usage: bench_halving [SECONDS per campaign]\n");
        return 2;
    }
    fmt::print("bench_halving: default campaign (population 96, 2 islands, fashion-mnist 10,000 train / 5,000 val, "
               "2 threads), {:.0f} s each\n",
               seconds);
    const Measure plain = run(1, seconds);
    const Measure halving = run(3, seconds);
    report("without multi-fidelity", plain);
    report("successive halving 3 x eta 3", halving);
    const double ratio = (static_cast<double>(halving.candidates) / halving.seconds) /
                         (static_cast<double>(plain.candidates) / plain.seconds);
    fmt::print("candidates per minute with successive halving / without: {:.2f}x\n", ratio);
    return 0;
}
