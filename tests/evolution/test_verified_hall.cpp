// Trusting a score: multi-seed fitness, the verified hall of fame against
// the baselines, and its determinism across threads and interruptions.
#include "actforge/core/rng.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/evolution/campaign/hall_verification.hpp"
#include "actforge/expr/parser.hpp"
#include "engine_helpers.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

namespace {

CampaignConfig verified_config(std::size_t generations) {
    CampaignConfig c = tiny_config(generations);
    c.verify_seeds = 3;
    c.verify_top = 2;
    c.baselines = {"relu", "tanh"};
    return c;
}

// A backend whose accuracy per formula is a known true value plus seeded
// noise of +-0.02: what a real one looks like, without training.
class NoisyTruthBackend final : public EvaluationBackend {
public:
    std::map<std::string, double> truth;
    std::size_t trainings = 0;
    std::size_t evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores, const JobDone& on_done,
                         const StopCheck&) override {
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            Rng rng(jobs[i].seed);
            scores[i].status = fitness::ScoreStatus::Ok;
            scores[i].accuracy = truth.at(jobs[i].formulas) + rng.uniform(-0.02, 0.02);
            ++trainings;
            if (on_done) on_done(i, scores[i]);
        }
        return jobs.size();
    }
};

// A hall-of-fame verifier over a fake backend, logging into a fresh folder.
struct FakeVerification {
    NoisyTruthBackend backend;
    EvaluationLog log;
    ScoreCache cache;
    HallVerifier verifier;
    FakeVerification(const CampaignConfig& c, const std::string& name, std::map<std::string, double> truth)
        : log(log_file(name)), verifier(c, backend, log, cache) {
        backend.truth = std::move(truth);
    }
    static fs::path log_file(const std::string& name) {
        const fs::path dir = fresh_dir(name);
        fs::create_directories(dir);
        return dir / "evaluations.jsonl";
    }
};

} // namespace

TEST_CASE("a multi-seed score is the mean of its logged trainings") {
    CampaignConfig c = tiny_config(2);
    c.eval_seeds = 3;
    const fs::path dir = fresh_dir("eval_seeds");
    const CampaignResult r = run(dir, c, 2);
    REQUIRE_FALSE(r.state.hall_of_fame.entries().empty());
    std::map<std::string, std::vector<double>> logged; // key -> accuracies by replica
    for (const auto& line : log_lines(dir)) {
        if (line.at("status") != "ok") continue;
        auto& runs = logged[line.at("key").get<std::string>()];
        runs.resize(3);
        runs[line.at("replica").get<std::size_t>()] = line.at("accuracy").get<double>();
    }
    for (const auto& e : r.state.hall_of_fame.entries()) {
        CHECK(e.score.n == 3);
        const auto& runs = logged.at(key_to_hex(e.key));
        const Summary s = summarize(runs);
        CHECK(e.score.accuracy == doctest::Approx(s.mean).epsilon(1e-12));
        CHECK(e.score.accuracy_std == doctest::Approx(s.stddev).epsilon(1e-12));
        // The replicas really had different seeds.
        CHECK(s.stddev > 0);
    }
    CHECK(r.state.evaluations == log_lines(dir).size());
}

TEST_CASE("a candidate truly better by a small margin ranks above one that scored high once by luck") {
    CampaignConfig c = verified_config(1);
    c.verify_seeds = 8;
    FakeVerification fake(c, "fake_verify",
                          {{"tanh(x)", 0.80}, {"sin(x)", 0.83}, {"relu(x)", 0.79}, {"atan(x)", 0.70}});
    NoisyTruthBackend& backend = fake.backend;
    HallVerifier& verifier = fake.verifier;
    CampaignState state;
    state.hall_of_fame = HallOfFame(8);
    // tanh's search score was lucky (0.90); sin's (0.84) was not.
    state.hall_of_fame.offer(
        std::vector<Individual>{scored("tanh(x)", 0.90), scored("sin(x)", 0.84), scored("atan(x)", 0.82)});
    REQUIRE(verifier.verify(state, 0, {}));
    const auto& shown = state.hall_of_fame.entries();
    REQUIRE(shown.size() == 3);
    CHECK(formulas(shown[0].genome) == "sin(x)");
    CHECK(formulas(shown[1].genome) == "tanh(x)");
    CHECK_FALSE(shown[2].verification); // outside verify_top: below every verified entry
    REQUIRE(shown[0].verification);
    CHECK(shown[0].verification->accuracies.size() == 8);
    CHECK(shown[0].verification->baseline == "tanh");
    CHECK(shown[0].verification->difference == doctest::Approx(0.03).epsilon(0.3));
    CHECK(shown[0].verification->p < 0.05);
    // The baselines under the same seeds, once: verifying again trains nothing.
    REQUIRE(state.baselines.size() == 2);
    CHECK(state.baselines[0].name == "relu");
    const std::size_t trainings = backend.trainings;
    REQUIRE(verifier.verify(state, 1, {}));
    CHECK(backend.trainings == trainings);
    CHECK(state.verifications == 8 * 3); // sin, tanh (also the tanh baseline), relu
}

TEST_CASE("a verification resumed with part of it logged logs each training in an uninterrupted one's slot") {
    const CampaignConfig c = verified_config(1);
    const std::map<std::string, double> truth{{"tanh(x)", 0.80}, {"sin(x)", 0.83}, {"relu(x)", 0.79}};
    auto state = [] {
        CampaignState s;
        s.hall_of_fame = HallOfFame(8);
        s.hall_of_fame.offer(std::vector<Individual>{scored("tanh(x)", 0.90), scored("sin(x)", 0.84)});
        return s;
    };
    // (key, replica) -> slot, over a folder's verification lines.
    auto slots = [](const fs::path& dir) {
        std::map<std::pair<std::string, std::size_t>, std::size_t> out;
        for (const auto& line : log_lines(dir)) {
            out[{line.at("key").get<std::string>(), line.at("replica").get<std::size_t>()}] = line.at("slot");
        }
        return out;
    };
    CampaignState whole_state = state();
    {
        FakeVerification whole(c, "slots_whole", truth);
        REQUIRE(whole.verifier.verify(whole_state, 0, {}));
    }
    const fs::path whole_dir = fs::temp_directory_path() / "actforge_test_slots_whole";
    const auto expected = slots(whole_dir);
    REQUIRE(expected.size() == 3 * 3); // sin, tanh (also the tanh baseline) and relu, 3 seeds each

    // The same verification cut short: every other line of it was logged before a kill.
    const fs::path cut_dir = fresh_dir("slots_cut");
    fs::create_directories(cut_dir);
    {
        std::ifstream in(whole_dir / "evaluations.jsonl");
        std::ofstream out(cut_dir / "evaluations.jsonl");
        std::size_t n = 0;
        for (std::string line; std::getline(in, line); ++n) {
            if (n % 2 == 0) out << line << '\n';
        }
    }
    NoisyTruthBackend backend;
    backend.truth = truth;
    EvaluationLog log(cut_dir / "evaluations.jsonl");
    ScoreCache cache(log, 0);
    HallVerifier resumed(c, backend, log, cache);
    CampaignState resumed_state = state();
    REQUIRE(resumed.verify(resumed_state, 0, {}));
    CHECK(backend.trainings == 4); // only the lines that were not logged
    CHECK(slots(cut_dir) == expected);
}

TEST_CASE("the verified hall of fame is the same at 1 and 2 threads, and after a stop while verifying") {
    const CampaignResult one = run(fresh_dir("verified_1"), verified_config(3), 1);
    const CampaignResult two = run(fresh_dir("verified_2"), verified_config(3), 2);
    auto verified = [](const CampaignResult& r) {
        std::vector<std::pair<std::string, double>> out;
        for (const auto& e : r.state.hall_of_fame.entries()) {
            if (e.verification) out.emplace_back(formulas(e.genome), e.verification->mean);
        }
        return out;
    };
    REQUIRE_FALSE(verified(one).empty());
    CHECK(verified(one) == verified(two));
    CHECK(one.state.verifications == two.state.verifications);

    // Stopped in the first generation after its candidates trained: the
    // stop lands in its verification (the first always has some), which is
    // dropped, and a resume ends as the others.
    const fs::path dir = fresh_dir("verified_cut");
    std::atomic<bool> stop{false};
    const CampaignResult first = run(dir, verified_config(3), 2, &stop, [&](const ProgressInfo& p) {
        if (p.generation == 0 && p.done == p.total) stop.store(true);
    });
    CHECK(first.reason == StopReason::Interrupted);
    CHECK(first.state.generation == 0);
    const CampaignResult second = run(dir, verified_config(3), 2);
    CHECK(verified(second) == verified(one));
    CHECK(second.state.verifications == one.state.verifications);
    CHECK(second.state.evaluations == one.state.evaluations);

    // Each baseline was trained once per seed over the whole campaign.
    std::map<std::string, std::size_t> baseline_lines;
    for (const auto& line : log_lines(fresh_dir("unused").parent_path() / "actforge_test_verified_1")) {
        if (line.at("rung") == kVerificationRung) ++baseline_lines[line.at("formula").get<std::string>()];
    }
    CHECK(baseline_lines.at("relu(x)") == 3);
    CHECK(baseline_lines.at("tanh(x)") == 3);
}

TEST_CASE("a campaign from before verification resumes without it") {
    nlohmann::json old = to_json(verified_config(2));
    for (const char* field : {"verify_seeds", "verify_top", "baselines", "eval_seeds"}) old.erase(field);
    old["task"].erase("init");
    const CampaignConfig c = campaign_config_from_json(old);
    CHECK(c.verify_seeds == 0);
    CHECK(c.eval_seeds == 1);
    CHECK(c.task.init == nn::Init::He);
}

TEST_CASE("new candidates keep entering a hall of fame full of verified ones") {
    CampaignConfig c = verified_config(1);
    c.verify_top = 1;
    FakeVerification fake(c, "fake_full",
                          {{"tanh(x)", 0.80}, {"sin(x)", 0.83}, {"atan(x)", 0.85}, {"relu(x)", 0.79}, {"x", 0.70}});
    HallVerifier& verifier = fake.verifier;
    CampaignState state;
    state.hall_of_fame = HallOfFame(2);
    state.hall_of_fame.offer(std::vector<Individual>{scored("tanh(x)", 0.90)});
    REQUIRE(verifier.verify(state, 0, {}));
    state.hall_of_fame.offer(std::vector<Individual>{scored("sin(x)", 0.95)});
    REQUIRE(verifier.verify(state, 1, {}));
    // Capacity 2 holds two verified entries; a third candidate still enters and is verified.
    state.hall_of_fame.offer(std::vector<Individual>{scored("atan(x)", 0.97), scored("x", 0.60)});
    REQUIRE(verifier.verify(state, 2, {}));
    const auto& shown = state.hall_of_fame.entries();
    REQUIRE(shown.size() >= 2);
    CHECK(formulas(shown[0].genome) == "atan(x)");
    CHECK(formulas(shown[1].genome) == "sin(x)");
    std::size_t verified = 0;
    for (const auto& e : shown) verified += e.verification ? 1 : 0;
    CHECK(verified == 2);
}
