// Campaigns end to end on a tiny task: determinism across thread counts,
// resume after an interruption, and folders that must be refused untouched.
#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/expr/printer.hpp"
#include "engine_helpers.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;
namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        files[e.path().string()] = ss.str();
    }
    return files;
}

} // namespace

TEST_CASE("a campaign writes its folder and finds candidates") {
    const fs::path dir = fresh_dir("basic");
    const CampaignResult r = run(dir, tiny_config(3), 2);
    CHECK(r.reason == StopReason::Generations);
    CHECK(r.state.generation == 3);
    CHECK(r.state.evaluations > 12);
    REQUIRE_FALSE(r.state.hall_of_fame.entries().empty());
    CHECK(r.state.hall_of_fame.entries().front().score.accuracy > 0.6);
    // Every generation proposes a population; what was not trained anew was answered with known scores.
    REQUIRE(r.state.proposals.has_value());
    CHECK(*r.state.proposals == 3 * tiny_config(3).population);
    CHECK(*r.state.proposals > r.state.candidates);
    for (const char* f : {"config.json", "checkpoint.json", "evaluations.jsonl", "hall_of_fame.json",
                          "hall_of_fame.csv", "fitness.svg", "functions.svg"}) {
        CHECK_MESSAGE(fs::exists(dir / f), f);
    }
    std::ifstream log(dir / "evaluations.jsonl");
    std::size_t lines = 0;
    for (std::string line; std::getline(log, line);) ++lines;
    CHECK(lines == r.state.evaluations);
}

TEST_CASE("the hall of fame is the same at 1 and 2 threads") {
    const CampaignResult one = run(fresh_dir("t1"), tiny_config(4), 1);
    const CampaignResult two = run(fresh_dir("t2"), tiny_config(4), 2);
    CHECK(summary(one.state.hall_of_fame) == summary(two.state.hall_of_fame));
    CHECK(one.state.evaluations == two.state.evaluations);
}

TEST_CASE("a campaign stopped and resumed ends as the uninterrupted one") {
    const CampaignResult whole = run(fresh_dir("whole"), tiny_config(5), 2);

    // Stopped after generation 2, then extended to 5.
    const fs::path dir = fresh_dir("resumed");
    (void)run(dir, tiny_config(2), 2);
    const CampaignResult resumed = run(dir, tiny_config(5), 2);
    CHECK(resumed.resumed);
    CHECK(summary(resumed.state.hall_of_fame) == summary(whole.state.hall_of_fame));
    CHECK(resumed.state.proposals == whole.state.proposals);

    // Interrupted in the middle of a generation (as by Ctrl-C), and a torn
    // last log line (as by SIGKILL mid-write), then resumed.
    const fs::path cut = fresh_dir("interrupted");
    std::atomic<bool> stop{false};
    const CampaignResult first = run(cut, tiny_config(5), 2, &stop, [&](const ProgressInfo& p) {
        if (p.generation == 3 && p.done >= 2) stop.store(true);
    });
    CHECK(first.reason == StopReason::Interrupted);
    CHECK(first.state.generation == 3);
    {
        std::ofstream torn(cut / "evaluations.jsonl", std::ios::app);
        torn << "{\"formula\": \"tanh(";
    }
    const CampaignResult second = run(cut, tiny_config(5), 2);
    CHECK(second.reused_scores > 0);
    CHECK(summary(second.state.hall_of_fame) == summary(whole.state.hall_of_fame));
    CHECK(second.state.evaluations == whole.state.evaluations);
    CHECK(second.state.proposals == whole.state.proposals);
}

TEST_CASE("folders holding something else are refused and left byte-identical") {
    const fs::path dir = fresh_dir("refuse");
    (void)run(dir, tiny_config(1), 1);
    const auto before = snapshot(dir);

    CampaignConfig other = tiny_config(1);
    other.population = 16;
    CHECK_THROWS_WITH_AS((void)CampaignFolder::open(dir, other), doctest::Contains("population"), Error);
    CHECK(snapshot(dir) == before);

    {
        std::ofstream bad(dir / "checkpoint.json", std::ios::trunc);
        bad << "{\"format\": \"actforge-checkpoint-1\", \"generation\": ";
    }
    const auto corrupt = snapshot(dir);
    CHECK_THROWS_WITH_AS((void)CampaignFolder::open(dir, tiny_config(2)), doctest::Contains("corrupt"), Error);
    CHECK(snapshot(dir) == corrupt);

    const fs::path foreign = fresh_dir("foreign");
    fs::create_directories(foreign);
    { std::ofstream(foreign / "notes.txt") << "mine"; }
    const auto mine = snapshot(foreign);
    CHECK_THROWS_WITH_AS((void)CampaignFolder::open(foreign, tiny_config(1)), doctest::Contains("no campaign"), Error);
    CHECK(snapshot(foreign) == mine);
}

TEST_CASE("a checkpoint written before cost terms resumes with real costs and a one-point front") {
    const fs::path dir = fresh_dir("old_checkpoint");
    (void)run(dir, tiny_config(2), 1);
    // Rewrite the checkpoint as the earlier format had it: no cost,
    // penalty or budget fields, and the hall of fame as a plain list.
    nlohmann::json j = nlohmann::json::parse(std::ifstream(dir / "checkpoint.json"));
    auto strip = [](nlohmann::json& ind) {
        for (const char* field : {"cost", "penalty", "budget"}) ind.erase(field);
    };
    for (auto& island : j["islands"]) {
        for (auto& ind : island) strip(ind);
    }
    nlohmann::json entries = j["hall_of_fame"]["entries"];
    for (auto& e : entries) strip(e);
    j["hall_of_fame"] = entries;
    j.erase("proposals");
    std::ofstream(dir / "checkpoint.json", std::ios::trunc) << j.dump();

    const CampaignResult r = run(dir, tiny_config(3), 1);
    REQUIRE(r.resumed);
    CHECK_FALSE(r.state.proposals.has_value()); // not counted then, so unknown for good
    // Every network of this campaign is the task's 2-8-2 MLP: 42 weights.
    for (const auto& e : r.state.hall_of_fame.entries()) CHECK(e.cost == 42.0);
    REQUIRE(r.state.hall_of_fame.pareto_front().size() == 1);
    CHECK(r.state.hall_of_fame.pareto_front().front().score.accuracy ==
          r.state.hall_of_fame.entries().front().score.accuracy);
}
