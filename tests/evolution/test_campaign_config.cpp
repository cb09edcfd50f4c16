// The co-design, cost and multi-fidelity settings of a campaign: refused
// when out of range, kept through JSON, defaulted in older configs, and
// part of what a resumed campaign must match.
#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/campaign_config.hpp"

#include <doctest/doctest.h>
#include <functional>
#include <limits>

using namespace actforge;
using namespace actforge::evolution;

namespace {

CampaignConfig codesign_config() {
    CampaignConfig c;
    c.task = fitness::task_preset("spirals");
    c.per_layer = true;
    c.codesign = true;
    c.architecture = ArchitectureSpace{1, 4, {8, 16, 32}, 1e-3f, 1e-1f};
    c.cost = CostKind::MultiplyAdds;
    c.cost_weight = 0.125;
    c.rungs = 3;
    c.eta = 4;
    return c;
}

// The message of the Error that validating `c` after `change` throws.
std::string refusal(const std::function<void(CampaignConfig&)>& change) {
    CampaignConfig c = codesign_config();
    change(c);
    try {
        c.validate();
    } catch (const Error& e) {
        return e.what();
    }
    return "<accepted>";
}

bool mentions(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("validate refuses out-of-range co-design, cost and rung settings") {
    REQUIRE_NOTHROW(codesign_config().validate());
    CHECK(mentions(refusal([](CampaignConfig& c) { c.rungs = 0; }), "--rungs"));
    CHECK(mentions(refusal([](CampaignConfig& c) { c.rungs = 7; }), "--rungs"));
    CHECK(mentions(refusal([](CampaignConfig& c) { c.eta = 1; }), "--eta"));
    CHECK(mentions(refusal([](CampaignConfig& c) { c.eta = 11; }), "--eta"));
    CHECK(mentions(refusal([](CampaignConfig& c) { c.cost_weight = -0.1; }), "--cost-weight"));
    CHECK(mentions(refusal([](CampaignConfig& c) { c.cost_weight = std::numeric_limits<double>::quiet_NaN(); }),
                   "--cost-weight"));
    CHECK(mentions(refusal([](CampaignConfig& c) { c.architecture.widths = {32, 8}; }), "--widths"));
    CHECK(mentions(refusal([](CampaignConfig& c) { c.architecture.max_layers = 0; }), "--depth"));
    // The architecture space only matters in co-design campaigns.
    CHECK(refusal([](CampaignConfig& c) {
              c.codesign = false;
              c.architecture.widths = {32, 8};
          }) == "<accepted>");
    CHECK(cost_kind_from_string(to_string(CostKind::Parameters)) == CostKind::Parameters);
    CHECK(cost_kind_from_string(to_string(CostKind::MultiplyAdds)) == CostKind::MultiplyAdds);
    CHECK_THROWS_AS((void)cost_kind_from_string("seconds"), Error);
}

TEST_CASE("rung budgets grow by eta up to the full budget") {
    CampaignConfig c = codesign_config(); // 3 rungs, eta 4
    CHECK(c.rung_budget(0) == doctest::Approx(1.0 / 16));
    CHECK(c.rung_budget(1) == doctest::Approx(1.0 / 4));
    CHECK(c.rung_budget(2) == 1.0); // the last rung is exactly full, so it enters the hall of fame
    c.rungs = 1;
    CHECK(c.rung_budget(0) == 1.0);
}

TEST_CASE("the new settings round-trip through JSON and default in older configs") {
    const CampaignConfig c = codesign_config();
    const CampaignConfig back = campaign_config_from_json(nlohmann::json::parse(to_json(c).dump()));
    CHECK(back.per_layer);
    CHECK(back.codesign);
    CHECK(back.architecture.min_layers == 1);
    CHECK(back.architecture.max_layers == 4);
    CHECK(back.architecture.widths == c.architecture.widths);
    CHECK(back.architecture.min_learning_rate == c.architecture.min_learning_rate);
    CHECK(back.architecture.max_learning_rate == c.architecture.max_learning_rate);
    CHECK(back.cost == CostKind::MultiplyAdds);
    CHECK(back.cost_weight == c.cost_weight);
    CHECK(back.rungs == 3);
    CHECK(back.eta == 4);
    CHECK(resume_mismatch(c, back).empty());

    nlohmann::json old = to_json(c);
    for (const char* field : {"per_layer", "codesign", "architecture", "cost", "cost_weight", "rungs", "eta"}) {
        old.erase(field);
    }
    const CampaignConfig o = campaign_config_from_json(old);
    const CampaignConfig defaults;
    CHECK_FALSE(o.per_layer);
    CHECK_FALSE(o.codesign);
    CHECK(o.architecture.widths == defaults.architecture.widths);
    CHECK(o.cost == CostKind::Parameters);
    CHECK(o.cost_weight == 0.0);
    CHECK(o.rungs == 1);
    CHECK(o.eta == defaults.eta);
}

TEST_CASE("a resumed campaign must keep the co-design settings, not the stopping rules") {
    const CampaignConfig saved = codesign_config();
    auto mismatch = [&](const std::function<void(CampaignConfig&)>& change) {
        CampaignConfig c = saved;
        change(c);
        return resume_mismatch(saved, c);
    };
    CHECK(mentions(mismatch([](CampaignConfig& c) { c.per_layer = false; }), "per_layer"));
    CHECK(mentions(mismatch([](CampaignConfig& c) { c.codesign = false; }), "codesign"));
    CHECK(mentions(mismatch([](CampaignConfig& c) { c.architecture.widths.push_back(64); }), "architecture"));
    CHECK(mentions(mismatch([](CampaignConfig& c) { c.cost = CostKind::Parameters; }), "cost"));
    CHECK(mentions(mismatch([](CampaignConfig& c) { c.cost_weight = 0.5; }), "cost_weight"));
    CHECK(mentions(mismatch([](CampaignConfig& c) { c.rungs = 2; }), "rungs"));
    CHECK(mentions(mismatch([](CampaignConfig& c) { c.eta = 3; }), "eta"));
    CHECK(mismatch([](CampaignConfig& c) {
              c.generations = 99;
              c.time_budget_seconds = 60;
              c.max_evaluations = 500;
          }).empty());
}

TEST_CASE("the search strategy is a setting: named, checked, kept through JSON, ga in older configs") {
    for (StrategyKind kind :
         {StrategyKind::GeneticAlgorithm, StrategyKind::RegularizedEvolution, StrategyKind::RandomSearch}) {
        CHECK(strategy_kind_from_string(to_string(kind)) == kind);
        CampaignConfig c = codesign_config();
        c.strategy = kind;
        CHECK(campaign_config_from_json(nlohmann::json::parse(to_json(c).dump())).strategy == kind);
    }
    CHECK(CampaignConfig{}.strategy == StrategyKind::GeneticAlgorithm);
    CHECK_THROWS_WITH_AS((void)strategy_kind_from_string("annealing"),
                         doctest::Contains("'annealing' (choose ga, regularized, random, rl)"), Error);

    nlohmann::json old = to_json(codesign_config());
    old.erase("strategy");
    CHECK(campaign_config_from_json(old).strategy == StrategyKind::GeneticAlgorithm);

    // Islands belong to the genetic algorithm.
    CHECK(mentions(refusal([](CampaignConfig& c) {
                       c.strategy = StrategyKind::RegularizedEvolution;
                       c.population = 8;
                       c.islands = 2;
                       c.elites = 0;
                   }),
                   "--islands applies to --strategy ga"));
}

TEST_CASE("a campaign resumes only with its own search strategy") {
    CampaignConfig saved = codesign_config();
    saved.strategy = StrategyKind::RegularizedEvolution;
    CampaignConfig requested = saved;
    requested.strategy = StrategyKind::RandomSearch;
    requested.eta = 2; // another difference too: the strategy is named first
    CHECK(resume_mismatch(saved, requested) ==
          "its search strategy is regularized, not random (--strategy regularized resumes it)");
    requested.strategy = saved.strategy;
    CHECK(mentions(resume_mismatch(saved, requested), "eta"));
}

// Found by fuzz_config: an integer too long for 64 bits (kept as a double by
// the JSON parser) or a number beyond a field's type was cast regardless,
// which is undefined behaviour; such a config is corrupt.
TEST_CASE("numbers that do not fit their settings make a config corrupt") {
    const nlohmann::json good = to_json(codesign_config());
    const std::vector<std::pair<nlohmann::json::json_pointer, const char*>> bad{
        {"/task/batch"_json_pointer, "3184467440737095516152"},
        {"/population"_json_pointer, "1e30"},
        {"/generations"_json_pointer, "-1"},
        {"/task/lr"_json_pointer, "1e300"},
        {"/architecture/widths/0"_json_pointer, "2.5"},
        {"/seed"_json_pointer, "18446744073709551616"},
    };
    for (const auto& entry : bad) { // not a structured binding: CAPTURE's lambda needs C++20 or clang 16
        const auto& [where, number] = entry;
        CAPTURE(entry.first.to_string());
        nlohmann::json j = good;
        j[where] = nlohmann::json::parse(number);
        CHECK_THROWS_WITH_AS((void)campaign_config_from_json(j), doctest::Contains("does not fit"), Error);
    }
    CHECK_NOTHROW((void)campaign_config_from_json(good));
}

TEST_CASE("a resume takes the folder's value for every setting the command leaves unset, and no other") {
    const CampaignConfig defaults;
    CampaignConfig saved = defaults;
    saved.rl.entropy_weight = 0.01; // an older default
    saved.population = 24;          // a flag not repeated
    saved.crossover_rate = 0.7;     // set by the command to another value
    saved.task.hidden = {12};       // set by the command to the default's value
    saved.generations = 50;
    CampaignConfig requested = defaults;
    requested.crossover_rate = 0.4;
    requested.generations = 8;
    // What the command line sets: crossover_rate and task.hidden.
    const auto unset = [](const std::string& path) { return path != "crossover_rate" && path != "task.hidden"; };
    std::vector<std::string> adopted;
    const CampaignConfig merged = resume_settings(saved, requested, unset, adopted);
    CHECK(merged.rl.entropy_weight == 0.01);
    CHECK(merged.population == 24);
    CHECK(merged.crossover_rate == 0.4); // set by the command: kept, so the resume is refused
    CHECK(merged.task.hidden == defaults.task.hidden);
    CHECK(merged.generations == 8); // a stopping rule: always the command's
    CHECK(mentions(resume_mismatch(saved, merged), "crossover_rate"));
    REQUIRE(adopted.size() == 2);
    CHECK(std::count(adopted.begin(), adopted.end(), "population = 24") == 1);
    CHECK(std::count(adopted.begin(), adopted.end(), "rl.entropy_weight = 0.01") == 1);
    adopted.clear();
    requested.crossover_rate = saved.crossover_rate;
    requested.task.hidden = saved.task.hidden;
    CHECK(resume_mismatch(saved, resume_settings(saved, requested, unset, adopted)).empty());
}
