// The Strategy contract, checked for every strategy a campaign can name
// (every_strategy() in strategy_contract.hpp), on a shared function and on
// co-designed per-layer genomes.
#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/evolution/strategies/genetic_algorithm.hpp"
#include "strategy_contract.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::test;

namespace {

// A small search space with seed formulas inside it, so every candidate
// can be checked against it; and a co-designed per-layer campaign.
std::vector<CampaignConfig> contract_configs(StrategyKind kind) {
    CampaignConfig shared;
    shared.task = fitness::task_preset("spirals");
    shared.primitives = "tanh,sigmoid,exp,+,*,max";
    shared.limits = TreeLimits{12, 5, 2};
    shared.seed_formulas = {"tanh(x)", "a*sigmoid(x) where a=1"};
    CampaignConfig codesign = genome_cases()[2].config; // per layer, co-design MLP
    for (CampaignConfig* c : {&shared, &codesign}) {
        c->strategy = kind;
        c->population = 12;
        c->seed = 7;
    }
    return {shared, codesign};
}

// The algebra the simplifier writes an equal function in (a*x + a*x as
// 2*a*x, x*x as square(x)), which may lie outside the primitive set.
bool simplifier_form(expr::Op op) {
    using expr::Op;
    for (Op form : {Op::Neg, Op::Abs, Op::Square, Op::Cube, Op::Sqrt, Op::Reciprocal, Op::Add, Op::Sub, Op::Mul}) {
        if (op == form) return true;
    }
    return false;
}

// Empty when `ind` is a candidate the engine can score for campaign `c`.
std::string candidate_violation(const Individual& ind, const CampaignConfig& c) {
    if (ind.key != genome_key(ind.genome)) return "key differs from the genome's";
    if (std::string broken = genome_violation(ind.genome, c); !broken.empty()) return broken;
    const PrimitiveSet set = PrimitiveSet::parse_or_default(c.primitives);
    for (const expr::Tree& t : ind.genome.activations) {
        for (const expr::Node& n : t.nodes) {
            const bool in_set = std::find(set.unary.begin(), set.unary.end(), n.op) != set.unary.end() ||
                                std::find(set.binary.begin(), set.binary.end(), n.op) != set.binary.end();
            if (!expr::is_leaf(n.op) && !in_set && !simplifier_form(n.op)) {
                return "a primitive outside the set: " + expr::to_infix(t);
            }
        }
    }
    return {};
}

// Runs `check` on every strategy, each on every contract config.
void for_every_strategy_and_config(const std::function<void(const CampaignConfig&)>& check) {
    for (StrategyKind kind : every_strategy()) {
        for (const CampaignConfig& c : contract_configs(kind)) {
            CAPTURE(to_string(kind));
            CAPTURE(c.codesign);
            check(c);
        }
    }
}

// Generations `from` to `to` (exclusive): checks each candidate asked
// for, then scores them with `scorer` and tells.
void drive_checked(Strategy& s, const CampaignConfig& c, std::size_t from, std::size_t to, const Scorer& scorer) {
    for (std::size_t g = from; g < to; ++g) {
        std::vector<Individual> asked = s.ask(g);
        REQUIRE_FALSE(asked.empty());
        for (const Individual& ind : asked) {
            const std::string broken = candidate_violation(ind, c);
            REQUIRE_MESSAGE(broken.empty(), "generation " << g << ": " << broken);
            if (!ind.evaluated) CHECK(ind.generation == g);
        }
        scorer(asked);
        s.tell(g, std::move(asked));
        CHECK_FALSE(s.population().empty());
    }
}

} // namespace

TEST_CASE("every strategy is made by name and answers to it") {
    for (StrategyKind kind : every_strategy()) {
        CampaignConfig c = contract_configs(kind).front();
        CHECK(make_strategy(c)->name() == to_string(kind)); // the checkpoint records the name
    }
}

TEST_CASE("every strategy asks for valid genomes within the campaign's limits and primitives") {
    for_every_strategy_and_config([](const CampaignConfig& c) {
        StrategyUnderTest s = make_under_test(c);
        drive_checked(*s.strategy, c, 0, 6, fake_scores);
    });
}

TEST_CASE("every strategy asks the same for the same seed, and otherwise for another seed") {
    for_every_strategy_and_config([](const CampaignConfig& c) {
        StrategyUnderTest a = make_under_test(c);
        StrategyUnderTest b = make_under_test(c);
        const auto asked = drive(*a.strategy, 0, 4);
        CHECK(drive(*b.strategy, 0, 4) == asked);
        CampaignConfig other_seed = c;
        other_seed.seed += 1;
        StrategyUnderTest d = make_under_test(other_seed);
        CHECK(drive(*d.strategy, 0, 4) != asked);
    });
}

TEST_CASE("every strategy asks again exactly after save and restore") {
    for_every_strategy_and_config([](const CampaignConfig& c) {
        StrategyUnderTest whole = make_under_test(c);
        (void)drive(*whole.strategy, 0, 2);
        StrategyUnderTest resumed = make_under_test(c);
        resumed.strategy->restore(nlohmann::json::parse(whole.strategy->save().dump()));
        CHECK(keys_of(resumed.strategy->population()) == keys_of(whole.strategy->population()));
        CHECK(drive(*resumed.strategy, 2, 5) == drive(*whole.strategy, 2, 5));
    });
}

TEST_CASE("failed scores do not break any strategy") {
    for_every_strategy_and_config([](const CampaignConfig& c) {
        StrategyUnderTest s = make_under_test(c);
        drive_checked(*s.strategy, c, 0, 3, failed_scores);
        drive_checked(*s.strategy, c, 3, 5, fake_scores);
    });
}

TEST_CASE("every strategy refuses the state of another strategy or of nothing") {
    for (StrategyKind saver : every_strategy()) {
        StrategyUnderTest s = make_under_test(contract_configs(saver).front());
        (void)drive(*s.strategy, 0, 1);
        const nlohmann::json state = s.strategy->save();
        for (StrategyKind kind : every_strategy()) {
            CAPTURE(to_string(saver));
            CAPTURE(to_string(kind));
            StrategyUnderTest r = make_under_test(contract_configs(kind).front());
            if (kind == saver) {
                CHECK_NOTHROW(r.strategy->restore(state));
            } else {
                CHECK_THROWS_AS(r.strategy->restore(state), Error);
            }
            CHECK_THROWS_AS(r.strategy->restore(nlohmann::json::object()), Error);
        }
    }
}

TEST_CASE("the genetic algorithm made from a config naming ga is the genetic algorithm") {
    CampaignConfig c = contract_configs(StrategyKind::GeneticAlgorithm).front();
    c.islands = 2;
    c.migration_interval = 2;
    StrategyUnderTest made = make_under_test(c);
    GeneticAlgorithm direct(c);
    CHECK(made.strategy->name() == "ga");
    CHECK(drive(*made.strategy, 0, 5) == drive(direct, 0, 5));
}
