// Co-design campaigns end to end: per-layer functions, architecture genes,
// a cost term and successive halving keep the engine's guarantees (the same
// hall of fame at any thread count, and after a stop and resume), and
// successive halving really trains most candidates on a fraction of the
// budget.
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/evolution/operators/genome_variation.hpp"
#include "engine_helpers.hpp"

#include <algorithm>
#include <array>
#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

namespace {

CampaignConfig codesign_config(std::size_t generations) {
    CampaignConfig c = tiny_config(generations);
    c.population = 16;
    c.seed = 7;
    c.per_layer = true;
    c.codesign = true;
    c.architecture.min_layers = 1;
    c.architecture.max_layers = 3;
    c.architecture.widths = {4, 8, 16};
    c.architecture.min_learning_rate = 3e-3f;
    c.architecture.max_learning_rate = 3e-2f;
    c.cost_weight = 0.02;
    c.rungs = 3;
    c.eta = 2;
    return c;
}

} // namespace

TEST_CASE("a co-design campaign gives each candidate its layers' functions and architecture") {
    const fs::path dir = fresh_dir("codesign");
    const CampaignConfig config = codesign_config(3);
    const CampaignResult r = run(dir, config, 2);
    REQUIRE_FALSE(r.state.hall_of_fame.entries().empty());
    const GenomeVariation variation(config);
    for (const auto& ind : r.population) {
        CHECK(variation.valid(ind.genome));
        CHECK(ind.key == genome_key(ind.genome));
    }
    const auto& entries = r.state.hall_of_fame.entries();
    for (const auto& e : entries) {
        CHECK(e.budget == 1.0);
        REQUIRE(e.genome.architecture);
        CHECK(e.genome.activations.size() == e.genome.architecture->hidden.size());
        // Learned values come back per layer, one list per layer.
        CHECK(e.score.learned_parameters.size() == e.genome.activations.size());
        // The cost term: parameters of a 2-input, 2-class MLP of these widths.
        double params = 0;
        std::size_t in = 2;
        for (std::size_t h : e.genome.architecture->hidden) {
            params += static_cast<double>(in * h + h);
            in = h;
        }
        params += static_cast<double>(in * 2 + 2);
        CHECK(e.cost == params);
        CHECK(e.penalty == doctest::Approx(0.02 * params / (2 * 8 + 8 + 8 * 2 + 2)));
        CHECK(e.fitness() == doctest::Approx(e.score.accuracy - e.penalty));
    }
    // The search explored depths and widths: the log holds several of each.
    std::set<std::size_t> depths;
    std::set<std::size_t> widths;
    for (const auto& l : log_lines(dir)) {
        const auto hidden = l.at("architecture").at("hidden").get<std::vector<std::size_t>>();
        depths.insert(hidden.size());
        widths.insert(hidden.begin(), hidden.end());
        const std::string formula = l.at("formula").get<std::string>();
        CHECK(static_cast<std::size_t>(std::count(formula.begin(), formula.end(), ';')) + 1 == hidden.size());
    }
    CHECK(depths.size() >= 2);
    CHECK(widths.size() >= 2);
    // The front: increasing cost and accuracy, every entry beaten by none.
    const auto& front = r.state.hall_of_fame.pareto_front();
    REQUIRE_FALSE(front.empty());
    for (std::size_t i = 1; i < front.size(); ++i) {
        CHECK(front[i - 1].cost < front[i].cost);
        CHECK(front[i - 1].score.accuracy < front[i].score.accuracy);
    }
}

TEST_CASE("successive halving trains every new candidate cheaply and promotes the best 1/eta") {
    const fs::path dir = fresh_dir("halving");
    CampaignConfig config = codesign_config(2);
    const CampaignResult r = run(dir, config, 2);
    const auto lines = log_lines(dir);
    std::array<std::size_t, 3> per_rung{};
    for (const auto& l : lines) {
        const auto rung = l.at("rung").get<std::size_t>();
        REQUIRE(rung < 3);
        ++per_rung[rung];
        CHECK(l.at("budget").get<double>() == doctest::Approx(config.rung_budget(rung)));
    }
    CHECK(config.rung_budget(0) == doctest::Approx(0.25));
    CHECK(config.rung_budget(2) == 1.0);
    // Generation by generation the ladder halves: rung r+1 gets at most
    // ceil(n_r / 2) of rung r's candidates.
    CHECK(per_rung[0] > 0);
    CHECK(per_rung[1] <= (per_rung[0] + 2 * 2) / 2); // rounding up, once per generation
    CHECK(per_rung[2] <= (per_rung[1] + 2 * 2) / 2);
    CHECK(per_rung[2] > 0);
    CHECK(r.state.evaluations == lines.size());
    CHECK(r.state.candidates == per_rung[0]);
    // Only full-budget scores reach the hall of fame.
    for (const auto& e : r.state.hall_of_fame.entries()) CHECK(e.budget == 1.0);
}

TEST_CASE("a co-design campaign with successive halving is the same at 1 and 2 threads") {
    const CampaignResult one = run(fresh_dir("cd_t1"), codesign_config(3), 1);
    const CampaignResult two = run(fresh_dir("cd_t2"), codesign_config(3), 2);
    CHECK(summary(one.state.hall_of_fame) == summary(two.state.hall_of_fame));
    CHECK(one.state.evaluations == two.state.evaluations);
    CHECK(one.state.candidates == two.state.candidates);
    REQUIRE(one.state.hall_of_fame.pareto_front().size() == two.state.hall_of_fame.pareto_front().size());
    for (std::size_t i = 0; i < one.state.hall_of_fame.pareto_front().size(); ++i) {
        CHECK(one.state.hall_of_fame.pareto_front()[i].key == two.state.hall_of_fame.pareto_front()[i].key);
    }
}

TEST_CASE("a co-design campaign interrupted inside a rung resumes as the uninterrupted one") {
    const CampaignResult whole = run(fresh_dir("cd_whole"), codesign_config(4), 2);
    const fs::path cut = fresh_dir("cd_cut");
    std::atomic<bool> stop{false};
    // Stop in generation 2 once the middle rung has started: the low rung's
    // scores are logged, the generation is not complete.
    const CampaignResult first = run(cut, codesign_config(4), 2, &stop, [&](const ProgressInfo& p) {
        if (p.generation == 2 && p.rung == 1 && p.done >= 1) stop.store(true);
    });
    CHECK(first.reason == StopReason::Interrupted);
    CHECK(first.state.generation == 2);
    const CampaignResult second = run(cut, codesign_config(4), 2);
    CHECK(second.reused_scores > 0);
    CHECK(summary(second.state.hall_of_fame) == summary(whole.state.hall_of_fame));
    CHECK(second.state.evaluations == whole.state.evaluations);
    CHECK(second.state.candidates == whole.state.candidates);
}
