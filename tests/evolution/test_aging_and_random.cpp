// What regularized evolution and random search do beyond the contract:
// both start from the genetic algorithm's first generation; aging
// evolution mutates tournament winners and drops its oldest members;
// random search asks for fresh genomes and keeps the best seen.
#include "actforge/evolution/strategies/genetic_algorithm.hpp"
#include "actforge/evolution/strategies/random_search.hpp"
#include "actforge/evolution/strategies/regularized_evolution.hpp"
#include "strategy_contract.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <set>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::test;

namespace {

CampaignConfig small_config(StrategyKind kind) {
    CampaignConfig c;
    c.task = fitness::task_preset("spirals");
    c.strategy = kind;
    c.population = 16;
    c.seed = 11;
    c.seed_formulas = {"relu(x)", "a*tanh(x) where a=1"};
    return c;
}

std::vector<Individual> scored_ask(Strategy& s, std::size_t generation) {
    std::vector<Individual> asked = s.ask(generation);
    fake_scores(asked);
    return asked;
}

} // namespace

TEST_CASE("regularized evolution and random search start from the genetic algorithm's first generation") {
    const CampaignConfig ga_config = small_config(StrategyKind::GeneticAlgorithm);
    const std::vector<std::uint64_t> first = keys_of(GeneticAlgorithm(ga_config).ask(0));
    for (StrategyKind kind : {StrategyKind::RegularizedEvolution, StrategyKind::RandomSearch}) {
        CAPTURE(to_string(kind));
        const CampaignConfig c = small_config(kind);
        CHECK(keys_of(make_strategy(c)->ask(0)) == first);
    }
}

TEST_CASE("regularized evolution mutates tournament winners and drops its oldest members") {
    const CampaignConfig c = small_config(StrategyKind::RegularizedEvolution);
    RegularizedEvolution s(c);
    s.tell(0, scored_ask(s, 0));
    const std::size_t batch = RegularizedEvolution::batch_size(c);
    REQUIRE(batch == 4);
    for (std::size_t g = 1; g < 4; ++g) {
        const std::vector<Individual> before = s.population();
        std::vector<Individual> children = scored_ask(s, g);
        REQUIRE(children.size() == batch);
        std::set<std::uint64_t> member_keys;
        for (const auto& m : before) member_keys.insert(m.key);
        for (const Individual& child : children) {
            CHECK(child.generation == g);
            CHECK(child.parents.size() <= 1); // mutation only; none when it fell back to a random genome
            CHECK(member_keys.count(child.key) == 0);
        }
        // Aging: the oldest leave, whatever their scores; the children are the youngest.
        std::vector<std::uint64_t> expected = keys_of(before);
        expected.erase(expected.begin(), expected.begin() + static_cast<long>(batch));
        for (const auto& child : children) expected.push_back(child.key);
        s.tell(g, children);
        CHECK(keys_of(s.population()) == expected);
    }
}

TEST_CASE("random search asks for fresh random genomes and keeps the best seen") {
    const CampaignConfig c = small_config(StrategyKind::RandomSearch);
    RandomSearch s(c);
    std::vector<Individual> seen;
    for (std::size_t g = 0; g < 4; ++g) {
        std::vector<Individual> asked = scored_ask(s, g);
        REQUIRE(asked.size() == c.population);
        if (g > 0) {
            std::set<std::uint64_t> best;
            for (const auto& b : s.population()) best.insert(b.key);
            for (const Individual& ind : asked) {
                CHECK(ind.parents.empty());
                CHECK(ind.generation == g);
                CHECK(best.count(ind.key) == 0);
            }
        }
        seen.insert(seen.end(), asked.begin(), asked.end());
        s.tell(g, asked);
    }
    std::sort(seen.begin(), seen.end(), ranks_before);
    std::vector<std::uint64_t> expected;
    for (const auto& ind : seen) {
        if (expected.size() < c.population && std::find(expected.begin(), expected.end(), ind.key) == expected.end())
            expected.push_back(ind.key);
    }
    CHECK(keys_of(s.population()) == expected);
}
