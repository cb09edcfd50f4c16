// bench_campaign: candidates trained per second by a discovery campaign on
// the default task (Fashion-MNIST, 784-64-64-10, one epoch over 10,000
// images) at 1 and at 2 threads, measured in one run. Goal: >= 1.8x at 2
// threads. Both runs must give the same hall of fame.
#include "actforge/core/timer.hpp"
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/fitness/fashion_mnist.hpp"

#include <filesystem>
#include <fmt/format.h>

using namespace actforge;
namespace fs = std::filesystem;

namespace {

struct Measure {
    double seconds;
    std::size_t evaluations;
    std::vector<std::string> hall;
};

Measure run(std::size_t threads) {
    evolution::CampaignConfig c;
    c.population = 48;
    c.islands = 2;
    c.generations = 3;
    c.seed = 7;
    const fs::path dir = fs::temp_directory_path() / fmt::format("actforge_bench_campaign_{}", threads);
    fs::remove_all(dir);
    evolution::CampaignFolder folder = evolution::CampaignFolder::open(dir, c);
    evolution::EngineOptions o;
    o.threads = threads;
    // The task is loaded inside run_campaign; time only the generations.
    Timer t;
    const evolution::CampaignResult r = evolution::run_campaign(folder, o);
    Measure m{r.state.elapsed_seconds, r.state.evaluations, {}};
    (void)t;
    for (const auto& e : r.state.hall_of_fame.entries()) m.hall.push_back(evolution::formulas(e.genome));
    fs::remove_all(dir);
    return m;
}

} // namespace

int main() {
    if (!fitness::fashion_mnist_available("train")) {
        fmt::print("bench_campaign skipped: Fashion-MNIST is missing (apt-get install dataset-fashion-mnist)\n");
        return 0;
    }
    fmt::print("bench_campaign: population 48, 2 islands, 3 generations on fashion-mnist (10,000 train / 5,000 val)\n");
    const Measure one = run(1);
    const Measure two = run(2);
    const double r1 = static_cast<double>(one.evaluations) / one.seconds;
    const double r2 = static_cast<double>(two.evaluations) / two.seconds;
    fmt::print("1 thread : {} candidates in {:.2f} s = {:.2f} candidates/s\n", one.evaluations, one.seconds, r1);
    fmt::print("2 threads: {} candidates in {:.2f} s = {:.2f} candidates/s\n", two.evaluations, two.seconds, r2);
    fmt::print("speed-up {:.2f}x (goal >= 1.8x: {}); hall of fame identical: {}\n", r2 / r1,
               r2 / r1 >= 1.8 ? "met" : "NOT met", one.hall == two.hall ? "yes" : "NO");
    return 0;
}
