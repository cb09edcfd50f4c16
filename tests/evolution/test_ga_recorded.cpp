// The genetic algorithm keeps its choices: the keys of six generations of a
// two-island campaign under made-up scores, as one digest recorded when the
// other strategies were added (their shared code was checked then to ask
// the same keys as the GA of commit 9c48325). A change that alters the GA's
// choices (an extra random draw, another order) changes the digest; one
// that only moves code does not. No training is involved, so the digest
// depends neither on the CPU's arithmetic paths nor on threads.
#include "actforge/core/rng.hpp"
#include "strategy_contract.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::evolution;

TEST_CASE("the genetic algorithm asks what the recorded pre-strategy version asked") {
    CampaignConfig c;
    c.task = fitness::task_preset("spirals");
    c.population = 16;
    c.islands = 2;
    c.migration_interval = 2;
    c.seed = 11;
    c.seed_formulas = {"relu(x)", "a*tanh(x) where a=1"};
    test::StrategyUnderTest ga = test::make_under_test(c);
    std::uint64_t digest = 0;
    std::size_t asked = 0;
    for (const auto& generation : test::drive(*ga.strategy, 0, 6)) {
        for (std::uint64_t key : generation) {
            digest = mix64(digest ^ key);
            ++asked;
        }
    }
    CHECK(asked == 96);
    CHECK(digest == 0x242f23dab7131649ULL);
}
