// Multi-task fitness: the mean over tasks of (accuracy - ReLU's), ReLU
// trained once per budget and reused, every task's accuracy kept, and a
// real two-task campaign that is as deterministic as a one-task one.
#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/evolution/backends/multi_task_backend.hpp"
#include "engine_helpers.hpp"

#include <doctest/doctest.h>
#include <mutex>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

namespace {

// Accuracy from (task, formula, seed) alone; "fail" fails on task 1.
class FormulaTaskBackend final : public EvaluationBackend {
public:
    std::size_t evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores, const JobDone& on_done,
                         const StopCheck& should_stop) override {
        std::size_t done = 0;
        for (std::size_t i = jobs.size(); i-- > 0;) { // out of order, as threads may finish
            if (should_stop && should_stop()) break;
            const EvaluationJob& j = jobs[i];
            if (j.formulas == "max(x, 0)" || j.formulas == "relu(x)") ++relu_trainings;
            scores[i].status = j.formulas == "fail" && j.task == 1 ? fitness::ScoreStatus::Diverged
                                                                    : fitness::ScoreStatus::Ok;
            scores[i].accuracy = accuracy(j);
            scores[i].loss = 1.0 + static_cast<double>(j.task);
            scores[i].seconds = 1.0;
            ++done;
            if (on_done) on_done(i, scores[i]);
        }
        return done;
    }
    static double accuracy(const EvaluationJob& j) {
        const double task_level = j.task == 0 ? 0.5 : 0.8;
        const double function = j.formulas == "good" ? 0.04 : 0.0;
        return task_level + function + 0.001 * static_cast<double>(j.seed % 7) + 0.1 * (1.0 - j.budget);
    }
    std::size_t relu_trainings = 0;
};

double relu_reference(std::size_t task, double budget) {
    double sum = 0;
    for (std::size_t s = 0; s < MultiTaskBackend::kReferenceSeeds; ++s) {
        EvaluationJob j{"relu", std::nullopt, mix64(3 ^ mix64(0x72656c7500000000ULL + s)), budget};
        j.task = task;
        sum += FormulaTaskBackend::accuracy(j);
    }
    return sum / MultiTaskBackend::kReferenceSeeds;
}

} // namespace

TEST_CASE("multi-task fitness is the mean gain over ReLU, ReLU trained once per budget") {
    FormulaTaskBackend inner;
    MultiTaskBackend backend(inner, {"a", "b"}, 3);
    std::vector<EvaluationJob> jobs{{"good", std::nullopt, 11, 1.0}, {"plain", std::nullopt, 12, 1.0}};
    std::vector<fitness::Score> scores(jobs.size());
    std::mutex mutex;
    std::vector<std::size_t> reported;
    REQUIRE(backend.evaluate(jobs, scores, [&](std::size_t slot, const fitness::Score&) {
        std::lock_guard lock(mutex);
        reported.push_back(slot);
    }) == 2);
    CHECK(reported.size() == 2);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        REQUIRE(scores[i].ok());
        REQUIRE(scores[i].task_accuracies.size() == 2);
        double expected = 0;
        for (std::size_t t = 0; t < 2; ++t) {
            EvaluationJob on_task = jobs[i];
            on_task.task = t;
            CHECK(scores[i].task_accuracies[t] == doctest::Approx(FormulaTaskBackend::accuracy(on_task)));
            expected += (FormulaTaskBackend::accuracy(on_task) - relu_reference(t, 1.0)) / 2;
        }
        CHECK(scores[i].accuracy == doctest::Approx(expected));
        CHECK(scores[i].loss == doctest::Approx(1.5));
        CHECK(scores[i].seconds == doctest::Approx(2.0));
    }
    CHECK(scores[0].accuracy > scores[1].accuracy + 0.03);
    CHECK(backend.trainings_per_job() == 2);
    const std::size_t references = inner.relu_trainings;
    CHECK(references == 2 * MultiTaskBackend::kReferenceSeeds);
    REQUIRE(backend.evaluate(jobs, scores) == 2);
    CHECK(inner.relu_trainings == references); // reused
    std::vector<EvaluationJob> low{{"good", std::nullopt, 11, 1.0 / 3}};
    std::vector<fitness::Score> low_score(1);
    REQUIRE(backend.evaluate(low, low_score) == 1);
    CHECK(inner.relu_trainings == 2 * references); // a new budget has its own reference
    CHECK(low_score[0].accuracy == doctest::Approx(scores[0].accuracy));
}

TEST_CASE("multi-task fitness: a failure on one task fails the candidate; bad setups are refused") {
    FormulaTaskBackend inner;
    MultiTaskBackend backend(inner, {"a", "b"}, 3);
    std::vector<EvaluationJob> jobs{{"fail", std::nullopt, 1, 1.0}};
    std::vector<fitness::Score> scores(1);
    REQUIRE(backend.evaluate(jobs, scores) == 1);
    CHECK(scores[0].status == fitness::ScoreStatus::Diverged);
    CHECK(scores[0].message.starts_with("on b: "));
    CHECK_THROWS_AS(MultiTaskBackend(inner, {"a"}, 3), Error);
    jobs[0].task = 1;
    CHECK_THROWS_AS(backend.evaluate(jobs, scores), Error);
}

TEST_CASE("a two-task campaign keeps every task's accuracy, is deterministic, and its config round-trips") {
    CampaignConfig c = tiny_config(2);
    c.more_tasks.push_back(fitness::task_preset("circles"));
    c.more_tasks.back().train_size = 300;
    c.more_tasks.back().val_size = 200;
    c.more_tasks.back().hidden = {8};
    c.more_tasks.back().training.epochs = 3;
    c.task_names = {"spirals", "circles"};
    c.verify_seeds = 2;
    c.verify_top = 2;
    c.baselines = {"relu", "tanh"};
    c.validate();
    const CampaignConfig back = campaign_config_from_json(to_json(c));
    CHECK(back.more_tasks.size() == 1);
    CHECK(back.task_names == c.task_names);
    CHECK(resume_mismatch(c, back).empty());
    CampaignConfig one_task = c;
    one_task.more_tasks.clear();
    one_task.task_names.clear();
    CHECK_FALSE(resume_mismatch(c, one_task).empty());

    const CampaignResult a = run(fresh_dir("multi_task_a"), c, 1);
    const CampaignResult b = run(fresh_dir("multi_task_b"), c, 2);
    CHECK(summary(a.state.hall_of_fame) == summary(b.state.hall_of_fame));
    CHECK(a.state.evaluations % 2 == 0); // a candidate costs one training per task
    const auto& entries = a.state.hall_of_fame.entries();
    REQUIRE_FALSE(entries.empty());
    for (const auto& e : entries) CHECK(e.score.task_accuracies.size() == 2);
    REQUIRE(entries.front().verification.has_value());
    CHECK(entries.front().verification->task_means.size() == 2);
    // ReLU's own verified gain over the ReLU reference is small.
    for (const auto& baseline : a.state.baselines) {
        if (baseline.name == "relu") CHECK(std::abs(baseline.mean) < 0.2);
    }
    const std::string csv = a.state.hall_of_fame.to_csv(c.task_names);
    CHECK(csv.find("accuracy spirals,accuracy circles,verified spirals,verified circles") != std::string::npos);
}

TEST_CASE("multi-task configs refuse co-design and per-layer functions over different depths") {
    CampaignConfig c = tiny_config(1);
    c.more_tasks.push_back(fitness::task_preset("circles"));
    c.task_names = {"spirals"};
    CHECK_THROWS_AS(c.validate(), Error); // a name per task
    c.task_names = {"spirals", "circles"};
    c.validate();
    c.more_tasks.back().hidden = {8, 8, 8};
    c.per_layer = true;
    CHECK_THROWS_AS(c.validate(), Error);
    c.per_layer = false;
    c.codesign = true;
    CHECK_THROWS_AS(c.validate(), Error);
}
