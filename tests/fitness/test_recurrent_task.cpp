// Recurrent tasks: the adding problem's data, a recurrent network that
// learns it, determinism over threads, the task description and its errors.
#include "actforge/core/error.hpp"
#include "actforge/core/thread_sanitizer.hpp"
#include "actforge/fitness/architecture.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "actforge/fitness/sequences.hpp"
#include "actforge/fitness/task_json.hpp"

#include <doctest/doctest.h>
#include <oneapi/tbb/parallel_for.h>

using namespace actforge;
using namespace actforge::fitness;

TEST_CASE("the adding problem: two marked steps, one per half, labelled by their sum") {
    const Dataset d = adding_problem(400, 8, 3);
    REQUIRE(d.size() == 400);
    REQUIRE(d.num_features() == 16);
    CHECK_NOTHROW(d.validate());
    for (Eigen::Index i = 0; i < 400; ++i) {
        std::vector<Eigen::Index> marked;
        for (Eigen::Index t = 0; t < 8; ++t) {
            const float u = d.features(i, 2 * t);
            CHECK((u >= 0.0f && u <= 1.0f));
            if (d.features(i, 2 * t + 1) == 1.0f) marked.push_back(t);
        }
        REQUIRE(marked.size() == 2);
        CHECK(marked[0] < 4);
        CHECK(marked[1] >= 4);
        const float sum = d.features(i, 2 * marked[0]) + d.features(i, 2 * marked[1]);
        CHECK(d.labels[static_cast<std::size_t>(i)] == (sum > 1.0f ? 1 : 0));
        CHECK(d.labels[static_cast<std::size_t>(i)] == i % 2);
    }
    // Example i depends on (seed, i) only.
    const Dataset shorter = adding_problem(100, 8, 3);
    CHECK(shorter.features == d.features.topRows(100));
    CHECK(adding_problem(100, 8, 4).features != shorter.features);
    CHECK_THROWS_AS((void)adding_problem(10, 1, 3), Error);
}

TEST_CASE("a GRU learns the adding problem to at least 95%, and the score does not depend on threads") {
    const Evaluator ev(Task::load(task_preset("adding")));
    CHECK(ev.task().sequence_steps() == 10);
    CHECK(ev.task().train().size() == 4800);
    const Score s = ev.evaluate("tanh(x)", 1);
    REQUIRE(s.status == ScoreStatus::Ok);
    CHECK(s.accuracy >= 0.95);
    const char* formula = "a*tanh(x) + b*x where a=1, b=0.05";
    const Score one = ev.evaluate(formula, 2);
    CHECK(one.learned_parameters.size() == 1); // the cell's φ
    std::vector<Score> parallel(4);
    tsan_hand_over();
    tbb::parallel_for(std::size_t{0}, parallel.size(), [&](std::size_t i) {
        const TsanTaskScope task;
        parallel[i] = ev.evaluate(formula, 2);
    });
    tsan_joined();
    for (const Score& p : parallel) {
        CHECK(p.loss == one.loss);
        CHECK(p.learned_parameters == one.learned_parameters);
    }
}

TEST_CASE("every cell trains on a sequence task; a dense head adds activation layers") {
    for (const char* cell : {"elman", "gru", "lstm"}) {
        CAPTURE(cell);
        TaskSpec spec = task_preset("adding");
        spec.cell = nn::cell_from_string(cell);
        spec.hidden = {12, 8};
        spec.training.epochs = 8;
        spec.train_size = 1000;
        spec.val_size = 300;
        const Evaluator ev(Task::load(spec));
        const Score s = ev.evaluate("relu(x);tanh(x)", 1);
        CHECK(s.status == ScoreStatus::Ok);
        CAPTURE(s.accuracy);
        CHECK(s.accuracy > 0.6);
        CHECK(ev.evaluate("relu(x);tanh(x);x", 1).status == ScoreStatus::Invalid); // 3 functions, 2 layers
        // The cell's cost counts every gate at every step.
        const std::size_t gates = nn::gate_count(*spec.cell) * 12;
        const NetworkCost cost = network_cost(ev.task(), spec.hidden);
        CHECK(cost.parameters == (2 + 12 + 1) * gates + 12 * 8 + 8 + 8 * 2 + 2);
        CHECK(cost.multiply_adds == 10 * (2 + 12) * gates + 12 * 8 + 8 * 2);
    }
}

TEST_CASE("a recurrent task's description round-trips, and earlier descriptions have no cell") {
    TaskSpec spec = task_preset("fashion-mnist-rnn");
    spec.cell = nn::CellKind::Lstm;
    spec.steps = 14;
    const nlohmann::json j = task_spec_to_json(spec);
    const TaskSpec back = task_spec_from_json(j);
    REQUIRE(back.cell.has_value());
    CHECK(*back.cell == nn::CellKind::Lstm);
    CHECK(back.steps == 14);
    CHECK(back.training.clip_norm == spec.training.clip_norm);
    CHECK(task_spec_to_json(back) == j);
    // A plain task writes none of the new keys, so its JSON (and fingerprint) is what it was.
    const nlohmann::json plain = task_spec_to_json(task_preset("fashion-mnist"));
    CHECK_FALSE(plain.contains("cell"));
    CHECK_FALSE(plain.contains("clip_norm"));
    CHECK_FALSE(task_spec_from_json(plain).cell.has_value());
}

TEST_CASE("steps that repeat the dataset's own are the default: one task, one config") {
    TaskSpec spec = task_preset("fashion-mnist-rnn");
    spec.steps = 28; // an image's rows, what the dataset declares itself
    drop_declared_steps(spec);
    CHECK(spec.steps == 0);
    CHECK(task_spec_to_json(spec) == task_spec_to_json(task_preset("fashion-mnist-rnn")));
    // A folder written with the explicit 28 reads back as the default.
    nlohmann::json old = task_spec_to_json(spec);
    old["steps"] = 28;
    CHECK(task_spec_from_json(old).steps == 0);
    spec.steps = 14; // other steps stay
    drop_declared_steps(spec);
    CHECK(spec.steps == 14);
    TaskSpec adding = task_preset("adding");
    adding.steps = declared_steps(task_preset("adding"));
    drop_declared_steps(adding);
    CHECK(adding.steps == 0);
}

TEST_CASE("recurrent task errors say what to fix") {
    TaskSpec spec = task_preset("adding");
    spec.steps = 3; // 20 features
    CHECK_THROWS_WITH_AS((void)Task::load(spec), doctest::Contains("--steps"), Error);
    spec = task_preset("adding");
    spec.conv_channels = {4};
    CHECK_THROWS_WITH_AS((void)Task::load(spec), doctest::Contains("--conv"), Error);
    spec = task_preset("spirals");
    spec.cell = nn::CellKind::Gru;
    CHECK_THROWS_WITH_AS((void)Task::load(spec), doctest::Contains("--steps"), Error); // no steps of its own
    spec.steps = 2;
    CHECK_NOTHROW((void)Task::load(spec));
}
