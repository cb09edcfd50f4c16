// When a campaign stops on its own: a search that proposes nothing new for
// kIdleGenerations generations, and a folder whose campaign never trained
// is free for the corrected command.
#include "actforge/core/error.hpp"
#include "engine_helpers.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

TEST_CASE("a campaign whose search proposes nothing new for 10 generations stops as converged") {
    // The RL controller over core units of tanh and + alone, without
    // parameters: a handful of formulas in all, soon all known.
    CampaignConfig c = tiny_config(200);
    c.strategy = StrategyKind::RlController;
    c.islands = 1;
    c.elites = 0;
    c.population = 8;
    c.primitives = "tanh,+";
    c.limits.max_params = 0;
    c.seed_formulas.clear();
    const fs::path dir = fresh_dir("converged");
    const CampaignResult r = run(dir, c, 2);
    CHECK(r.reason == StopReason::Converged);
    REQUIRE(r.state.history.size() > kIdleGenerations);
    CHECK(r.state.generation < 200);
    const auto& h = r.state.history;
    for (std::size_t g = h.size() - kIdleGenerations; g < h.size(); ++g)
        CHECK(h[g].evaluations == h[h.size() - kIdleGenerations - 1].evaluations);
    // Resuming with more generations stops at once, for the same reason.
    c.generations = 300;
    const CampaignResult again = run(dir, c, 1);
    CHECK(again.reason == StopReason::Converged);
    CHECK(again.state.generation == r.state.generation);
}

TEST_CASE("a folder whose campaign never trained may take another config; one that trained may not") {
    const fs::path dir = fresh_dir("takeover");
    (void)CampaignFolder::open(dir, tiny_config(1)); // config.json written, nothing trained
    CampaignConfig other = tiny_config(1);
    other.population = 16;
    CHECK_NOTHROW((void)CampaignFolder::open(dir, other));
    (void)run(dir, other, 1);
    CHECK_THROWS_WITH_AS((void)CampaignFolder::open(dir, tiny_config(1)), doctest::Contains("population"), Error);
}
