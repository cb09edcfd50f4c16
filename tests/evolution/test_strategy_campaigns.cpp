// Every strategy through the campaign engine on a tiny task: a campaign
// stopped and resumed ends as the uninterrupted one, and a folder refuses
// to be resumed by another strategy.
#include "actforge/core/error.hpp"
#include "actforge/evolution/strategies/regularized_evolution.hpp"
#include "engine_helpers.hpp"
#include "strategy_contract.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

namespace {

CampaignConfig tiny_config_for(StrategyKind kind, std::size_t generations) {
    CampaignConfig c = tiny_config(generations);
    c.strategy = kind;
    if (kind != StrategyKind::GeneticAlgorithm) {
        c.islands = 1;
        c.elites = 0;
    }
    if (kind == StrategyKind::RlController) c.seed_formulas.clear(); // it samples core units only
    return c;
}

std::string folder_name(StrategyKind kind, const char* what) {
    return std::string("strategy_") + std::string(to_string(kind)) + "_" + what;
}

} // namespace

TEST_CASE("every strategy's campaign, stopped and resumed, ends as the uninterrupted one") {
    for (StrategyKind kind : test::every_strategy()) {
        CAPTURE(to_string(kind));
        const CampaignResult whole = run(fresh_dir(folder_name(kind, "whole")), tiny_config_for(kind, 4), 2);
        CHECK(whole.state.strategy == to_string(kind));
        REQUIRE_FALSE(whole.state.hall_of_fame.entries().empty());

        const fs::path dir = fresh_dir(folder_name(kind, "resumed"));
        (void)run(dir, tiny_config_for(kind, 2), 1);
        const CampaignResult resumed = run(dir, tiny_config_for(kind, 4), 2);
        CHECK(resumed.resumed);
        CHECK(summary(resumed.state.hall_of_fame) == summary(whole.state.hall_of_fame));
        CHECK(resumed.state.evaluations == whole.state.evaluations);
        CHECK(test::keys_of(resumed.population) == test::keys_of(whole.population));
    }
}

TEST_CASE("regularized evolution trains a batch of a quarter of the population per generation") {
    const CampaignConfig c = tiny_config_for(StrategyKind::RegularizedEvolution, 3);
    const CampaignResult r = run(fresh_dir("strategy_regularized_batch"), c, 2);
    REQUIRE(RegularizedEvolution::batch_size(c) == 3);
    // The first population, then two batches (fewer when a child equals a logged candidate).
    CHECK(r.state.candidates <= c.population + 2 * 3);
    CHECK(r.state.candidates > c.population);
    CHECK(r.population.size() == c.population);
}

TEST_CASE("a folder refuses to be resumed by another strategy, and is left as it was") {
    const fs::path dir = fresh_dir("strategy_refused");
    (void)run(dir, tiny_config_for(StrategyKind::RegularizedEvolution, 1), 1);
    const std::string checkpoint = [&] {
        std::ifstream in(dir / "checkpoint.json");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    for (StrategyKind other : {StrategyKind::GeneticAlgorithm, StrategyKind::RandomSearch}) {
        CHECK_THROWS_WITH_AS((void)CampaignFolder::open(dir, tiny_config_for(other, 2)),
                             doctest::Contains("its search strategy is regularized, not"), Error);
    }
    std::ifstream in(dir / "checkpoint.json");
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == checkpoint);
}
