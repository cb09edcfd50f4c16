// The engine's parts on their own: the thread backend places scores by
// slot, the genetic algorithm's state survives save/restore, and a
// checkpoint in the layout before strategies resumes as the current one.
#include "actforge/core/error.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"
#include "actforge/evolution/strategies/genetic_algorithm.hpp"
#include "engine_helpers.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

namespace {

std::vector<EvaluationJob> jobs_of(const std::vector<std::string>& formulas, std::uint64_t seed) {
    std::vector<EvaluationJob> jobs;
    for (const auto& f : formulas) jobs.push_back({f, std::nullopt, seed, 1.0});
    return jobs;
}

} // namespace

TEST_CASE("the thread backend puts each score in its job's slot, whatever the thread count") {
    const CampaignConfig c = tiny_config(1);
    const auto task = fitness::Task::load(c.task);
    const std::vector<std::string> formulas{
        "relu(x)", "tanh(x)", "x", "exp(exp(exp(exp(x))))", "swish(x)", "a*tanh(x) where a=1"};
    const auto jobs = jobs_of(formulas, 7);
    std::vector<fitness::Score> one(jobs.size());
    std::vector<fitness::Score> two(jobs.size());
    std::mutex mutex;
    std::set<std::size_t> reported;
    ThreadBackend serial(task, 1);
    CHECK(serial.evaluate(jobs, one) == jobs.size());
    ThreadBackend parallel(task, 2);
    CHECK(parallel.evaluate(jobs, two, [&](std::size_t slot, const fitness::Score& s) {
        std::lock_guard lock(mutex);
        CHECK(s.accuracy == two[slot].accuracy);
        reported.insert(slot);
    }) == jobs.size());
    CHECK(reported.size() == jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        CAPTURE(formulas[i]);
        CHECK(one[i].status == two[i].status);
        CHECK(one[i].accuracy == two[i].accuracy);
        // The same job trained alone gives the same score: slots are never mixed up.
        const fitness::Score alone = run_job(serial.evaluator(), jobs[i]);
        CHECK(alone.accuracy == one[i].accuracy);
    }
    CHECK(one[0].ok());
    CHECK_FALSE(one[3].ok());

    // A stop request before the first job: nothing runs, slots keep their values.
    std::vector<fitness::Score> none(jobs.size());
    CHECK(parallel.evaluate(jobs, none, {}, [] { return true; }) == 0);
    CHECK(none[0].status == fitness::ScoreStatus::Invalid);
    CHECK_THROWS_AS(ThreadBackend(task, 0), Error);
}

TEST_CASE("the genetic algorithm asks again exactly after save and restore") {
    const CampaignConfig c = tiny_config(3);
    GeneticAlgorithm ga(c);
    std::vector<Individual> first = ga.ask(0);
    REQUIRE(first.size() == c.population);
    for (std::size_t i = 0; i < first.size(); ++i) {
        first[i].evaluated = true;
        first[i].score.status = fitness::ScoreStatus::Ok;
        first[i].score.accuracy = 0.5 + 0.01 * static_cast<double>(i % 7);
    }
    ga.tell(0, first);
    const nlohmann::json saved = ga.save();
    GeneticAlgorithm restored(c);
    restored.restore(nlohmann::json::parse(saved.dump()));
    const auto a = ga.ask(1);
    const auto b = restored.ask(1);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].key == b[i].key);
    // Elites come back scored; new children do not.
    CHECK(a.front().evaluated);
    CHECK(std::any_of(a.begin(), a.end(), [](const Individual& ind) { return !ind.evaluated; }));

    nlohmann::json wrong = saved;
    wrong["islands"].push_back(nlohmann::json::array());
    CHECK_THROWS_WITH_AS(restored.restore(wrong), doctest::Contains("island count"), Error);
    CHECK_THROWS_AS(restored.restore(nlohmann::json{{"members", 1}}), Error);
}

TEST_CASE("a checkpoint in the layout before strategies resumes as the uninterrupted campaign") {
    const CampaignResult whole = run(fresh_dir("layout_whole"), tiny_config(4), 2);
    const fs::path dir = fresh_dir("layout_old");
    (void)run(dir, tiny_config(2), 2);
    // The earlier layout: the islands at the top level, no strategy, no
    // count of candidates, the hall of fame as a plain list.
    nlohmann::json j = nlohmann::json::parse(std::ifstream(dir / "checkpoint.json"));
    j["format"] = "actforge-checkpoint-1";
    j["islands"] = j["strategy_state"]["islands"];
    j["hall_of_fame"] = j["hall_of_fame"]["entries"];
    for (const char* field : {"strategy", "strategy_state", "candidates"}) j.erase(field);
    std::ofstream(dir / "checkpoint.json", std::ios::trunc) << j.dump();

    const CampaignResult resumed = run(dir, tiny_config(4), 1);
    CHECK(resumed.resumed);
    CHECK(summary(resumed.state.hall_of_fame) == summary(whole.state.hall_of_fame));
    CHECK(resumed.state.evaluations == whole.state.evaluations);
    const nlohmann::json now = nlohmann::json::parse(std::ifstream(dir / "checkpoint.json"));
    CHECK(now.at("format") == "actforge-checkpoint-2");
    CHECK(now.at("strategy") == "ga");
    CHECK_FALSE(now.contains("islands"));
}
