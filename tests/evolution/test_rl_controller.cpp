// The RL controller strategy: its search space maps every sequence to a
// valid genome, it is deterministic and resumes exactly, it survives failed
// candidates, and it learns a planted reward.
#include "actforge/core/error.hpp"
#include "actforge/evolution/strategies/rl_controller.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "engine_helpers.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <limits>
#include <set>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

namespace {

// Scores each candidate with reward(tokens of its sequence).
template <class Reward>
std::vector<Individual> score(const RlController& rl, std::size_t g, std::vector<Individual> asked, Reward reward) {
    const auto seqs = rl.sequences(g);
    REQUIRE(seqs.size() == asked.size());
    for (std::size_t i = 0; i < asked.size(); ++i) {
        asked[i].evaluated = true;
        const double r = reward(seqs[i], i);
        asked[i].score.status = std::isfinite(r) ? fitness::ScoreStatus::Ok : fitness::ScoreStatus::NonFinite;
        asked[i].score.accuracy = r;
    }
    return asked;
}

std::vector<std::string> formulas_of(const std::vector<Individual>& inds) {
    std::vector<std::string> out;
    for (const auto& ind : inds) out.push_back(formulas(ind.genome));
    return out;
}

// A reward that depends on the first unary token, so updates have something to follow.
double toy(const std::vector<std::size_t>& tokens, std::size_t) {
    return 0.5 + 0.01 * static_cast<double>(tokens[2] % 5);
}

} // namespace

TEST_CASE("every sampled sequence is a valid genome within the limits that the parser reads back") {
    for (std::size_t units : {1u, 2u}) {
        CAPTURE(units);
        CampaignConfig c = tiny_config(1);
        const GenomeVariation variation(c);
        RlController rl(c, RlSettings{.core_units = units, .batch_size = 24});
        for (std::size_t g = 0; g < 4; ++g) {
            const auto asked = rl.ask(g);
            CHECK(asked.size() == 24);
            for (const Individual& ind : asked) {
                CAPTURE(formulas(ind.genome));
                CHECK(variation.valid(ind.genome));
                CHECK(ind.key == genome_key(ind.genome));
                const expr::Tree& t = ind.genome.activations.front();
                CHECK(expr::parse(expr::to_infix(t)) == t);
            }
            rl.tell(g, score(rl, g, asked, toy));
        }
    }
}

TEST_CASE("every one-unit sequence of the default space spells a formula that parses") {
    const CoreUnitSpace space(PrimitiveSet::default_set(), 1, true);
    CHECK(space.token_label(2, 0) == "x");
    CHECK(space.token_label(4, 0) == "x1 + x2");
    std::size_t parsed = 0;
    for (std::size_t a = 0; a < space.unary().size(); ++a) {
        for (std::size_t b = 0; b < space.unary().size(); ++b) {
            for (std::size_t op = 0; op < space.binary().size(); ++op) {
                const std::string f = space.formula({0, 0, a, b, op});
                CAPTURE(f);
                CHECK_NOTHROW((void)expr::parse(f));
                ++parsed;
            }
        }
    }
    CHECK(parsed == space.unary().size() * space.unary().size() * space.binary().size());
    // b*x and sin(x) into exp(-b*(x1-x2)^2): each parameterised function gets its own name.
    CHECK(space.formula({0, 0, 4, 7, 6}) == "exp(-b*square((a*x) - (sin(x)))) where a=1, b=1");
    CHECK(space.unary().size() == 22); // 20 of the paper's 25 (no cube, sqrt, log, sinh, cosh), swish and gelu
    CHECK(space.binary().size() == 9); // the paper's 10 without division
    CHECK_THROWS_AS(CoreUnitSpace(PrimitiveSet::parse("tanh"), 1, true), Error);
    CHECK_THROWS_AS(CoreUnitSpace(PrimitiveSet::default_set(), 3, true), Error);
}

TEST_CASE("the RL controller asks the same with the same seed, and differently with another") {
    const CampaignConfig c = tiny_config(1);
    RlController a(c);
    RlController b(c);
    CHECK(formulas_of(a.ask(0)) == formulas_of(b.ask(0)));
    a.tell(0, score(a, 0, a.ask(0), toy));
    b.tell(0, score(b, 0, b.ask(0), toy));
    CHECK(a.policy().parameters() == b.policy().parameters());
    CHECK(formulas_of(a.ask(1)) == formulas_of(b.ask(1)));
    CampaignConfig other = c;
    other.seed = 43;
    RlController d(other);
    CHECK(formulas_of(d.ask(0)) != formulas_of(RlController(c).ask(0)));
}

TEST_CASE("the RL controller asks exactly the same after save and restore") {
    const CampaignConfig c = tiny_config(1);
    RlController rl(c, RlSettings{.core_units = 2, .batch_size = 10});
    for (std::size_t g = 0; g < 3; ++g) rl.tell(g, score(rl, g, rl.ask(g), toy));
    const nlohmann::json saved = rl.save();
    RlController restored(c, RlSettings{.core_units = 2, .batch_size = 10});
    restored.restore(nlohmann::json::parse(saved.dump()));
    CHECK(restored.policy().parameters() == rl.policy().parameters());
    CHECK(restored.save() == saved);
    CHECK(formulas_of(restored.ask(3)) == formulas_of(rl.ask(3)));
    rl.tell(3, score(rl, 3, rl.ask(3), toy));
    restored.tell(3, score(restored, 3, restored.ask(3), toy));
    CHECK(formulas_of(restored.ask(4)) == formulas_of(rl.ask(4)));
    CHECK(restored.history().size() == 4);
    CHECK(*restored.last_update() == *rl.last_update());
    CHECK(restored.population().size() == c.population);

    RlController other(c, RlSettings{.core_units = 1, .batch_size = 10});
    CHECK_THROWS_AS(other.restore(saved), Error);
    CHECK_THROWS_AS(restored.restore(nlohmann::json{{"settings", saved["settings"]}}), Error);
}

TEST_CASE("the RL controller asks no formula it was told before while new ones are easy to draw") {
    // A policy that pays one token strongly settles on it fast; it must still
    // spend its batches on formulas it has not tried, in a space of thousands.
    const CampaignConfig c = tiny_config(1);
    RlController rl(c, RlSettings{.core_units = 2, .learning_rate = 0.05, .batch_size = 16});
    std::set<std::uint64_t> told;
    for (std::size_t g = 0; g < 8; ++g) {
        const auto asked = rl.ask(g);
        for (const Individual& ind : asked) {
            CAPTURE(formulas(ind.genome));
            CHECK_FALSE(told.contains(ind.key));
        }
        for (const Individual& ind : asked) told.insert(ind.key);
        rl.tell(g, score(rl, g, asked, [](const auto& t, std::size_t) { return t[CoreUnitSpace::Binary] == 1 ? 1.0 : 0.0; }));
    }
    CHECK(told.size() == 8 * 16);
    RlController restored(c, RlSettings{.core_units = 2, .learning_rate = 0.05, .batch_size = 16});
    restored.restore(nlohmann::json::parse(rl.save().dump()));
    CHECK(restored.save()["told"].size() == told.size());
    CHECK(formulas_of(restored.ask(8)) == formulas_of(rl.ask(8)));
}

TEST_CASE("failed and NaN scores get the floor reward and leave the policy finite") {
    const CampaignConfig c = tiny_config(1);
    RlController rl(c, RlSettings{.batch_size = 8});
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // Half the batch failed; then a batch where everything failed.
    rl.tell(0, score(rl, 0, rl.ask(0), [&](const auto&, std::size_t i) { return i % 2 == 0 ? nan : 0.6; }));
    CHECK(rl.last_update()->failed == 4);
    CHECK(rl.last_update()->mean_reward == doctest::Approx(0.6));
    rl.tell(1, score(rl, 1, rl.ask(1), [&](const auto&, std::size_t) { return nan; }));
    CHECK(rl.last_update()->failed == 8);
    CHECK(std::isfinite(rl.last_update()->baseline));
    CHECK(rl.policy().parameters().allFinite());
    CHECK(rl.ask(2).size() == 8);
    CHECK(rl.population().front().score.ok());
    CHECK_THROWS_AS(rl.tell(2, {}), Error);
}

TEST_CASE("the RL controller learns a planted reward: one token at one slot pays 1, every other 0") {
    const CampaignConfig c = tiny_config(1);
    struct Case {
        std::size_t units, slot, target, ppo_epochs;
    };
    // x1*x2 at the only unit's binary slot; tanh at the second unit's first
    // unary slot; x1*x2 again with PPO.
    for (const Case& k :
         {Case{1, CoreUnitSpace::Binary, 1, 0}, Case{2, CoreUnitSpace::kTokensPerUnit + CoreUnitSpace::Unary1, 9, 0},
          Case{1, CoreUnitSpace::Binary, 1, 4}}) {
        RlController rl(c, RlSettings{.core_units = k.units, .batch_size = 16, .ppo_epochs = k.ppo_epochs});
        const std::string label = rl.space().token_label(k.slot, k.target);
        const std::size_t max_updates = 60;
        std::size_t needed = 0;
        for (std::size_t g = 0; g < max_updates && needed == 0; ++g) {
            rl.tell(g, score(rl, g, rl.ask(g),
                             [&](const auto& t, std::size_t) { return t[k.slot] == k.target ? 1.0 : 0.0; }));
            const RlUpdateLog& log = *rl.last_update();
            if (log.most_likely[k.slot] == label && log.probability[k.slot] >= 0.9) needed = g + 1;
        }
        MESSAGE(k.units, " unit(s), ", CoreUnitSpace::slot_name(k.slot), " = ", label, ", PPO epochs ", k.ppo_epochs,
                ": p >= 0.9 after ", needed, " updates of 16");
        CHECK(needed > 0);
        CHECK(rl.history().front().entropy[k.slot] > rl.history().back().entropy[k.slot]);
    }
}
