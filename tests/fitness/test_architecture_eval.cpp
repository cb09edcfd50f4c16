// A candidate's own architecture and training budget: network costs by
// hand count, the evaluator trains the network it is given, refuses
// shapes and budgets that do not fit, and a partial budget is a
// deterministic, cheaper measurement.
#include "actforge/core/error.hpp"
#include "actforge/fitness/architecture.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "fitness_test_util.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <limits>

using namespace actforge;
using namespace actforge::fitness;
using actforge::fitness::test::spirals;

namespace {

EvaluationOptions on(Architecture a, double budget = 1.0) {
    EvaluationOptions o;
    o.architecture = std::move(a);
    o.budget = budget;
    return o;
}

constexpr const char* kTwoParameters = "a*tanh(x) + b*x where a=1, b=0.1";

} // namespace

TEST_CASE("network cost counts weights, biases and multiply-adds by hand") {
    const Task& task = *spirals();
    REQUIRE(task.input_size() == 2);
    REQUIRE(task.num_classes() == 2);
    // 2 -> 8 -> 2: (2*8 + 8) + (8*2 + 2) parameters, 2*8 + 8*2 multiply-adds.
    const NetworkCost one = network_cost(task, {8});
    CHECK(one.parameters == 42);
    CHECK(one.multiply_adds == 32);
    // 2 -> 16 -> 4 -> 2: (2*16 + 16) + (16*4 + 4) + (4*2 + 2), and 32 + 64 + 8.
    const NetworkCost two = network_cost(task, {16, 4});
    CHECK(two.parameters == 126);
    CHECK(two.multiply_adds == 104);
    // No hidden layer: the linear classifier alone.
    const NetworkCost none = network_cost(task, {});
    CHECK(none.parameters == 6);
    CHECK(none.multiply_adds == 4);
}

TEST_CASE("the task's architecture round-trips through a spec and through JSON") {
    const TaskSpec spec = task_preset("spirals");
    const Architecture task_arch = default_architecture(spec);
    CHECK(task_arch.hidden == spec.hidden);
    CHECK(task_arch.learning_rate == spec.training.lr);
    const Architecture a{{32, 8, 4}, 0.00177828f};
    const TaskSpec changed = with_architecture(spec, a);
    CHECK(default_architecture(changed) == a);
    // Only the widths and the learning rate move.
    CHECK(changed.dataset == spec.dataset);
    CHECK(changed.training.epochs == spec.training.epochs);
    CHECK(changed.training.batch_size == spec.training.batch_size);
    CHECK(changed.conv_channels == spec.conv_channels);
    CHECK(default_architecture(with_architecture(changed, task_arch)) == task_arch);

    CHECK(architecture_from_json(nlohmann::json::parse(to_json(a).dump())) == a);
    CHECK(describe(Architecture{{128, 32}, 0.00177828f}) == "128-32, lr 0.00178");
    CHECK(describe(Architecture{{}, 0.01f}) == "no hidden layer, lr 0.01");
    CHECK_THROWS_AS((void)architecture_from_json(nlohmann::json{{"hidden", "wide"}}), Error);
}

TEST_CASE("the evaluator trains the architecture it is given") {
    const Evaluator ev(spirals());
    const Architecture a{{16, 8}, 1e-2f};
    // 1 shared function or one per layer of *this* architecture.
    CHECK(ev.evaluate("relu", 1, on(a)).ok());
    CHECK(ev.evaluate("relu;tanh", 1, on(a)).ok());
    const Score three = ev.evaluate("relu;tanh;swish", 1, on(a));
    CHECK(three.status == ScoreStatus::Invalid);
    CHECK(test::contains(three.message, "3 activations"));
    CHECK(test::contains(three.message, "give 1 or 2"));
    CHECK(ev.evaluate("relu;tanh;swish", 1, on({{16, 8, 4}, 1e-2f})).ok());

    // Learned parameters: one set per hidden layer of the architecture.
    const Score two_layers = ev.evaluate(kTwoParameters, 3, on(a));
    REQUIRE(two_layers.ok());
    REQUIRE(two_layers.learned_parameters.size() == 2);
    for (const auto& layer : two_layers.learned_parameters) CHECK(layer.size() == 2);
    const Score three_layers = ev.evaluate(kTwoParameters, 3, on({{16, 8, 4}, 1e-2f}));
    REQUIRE(three_layers.ok());
    CHECK(three_layers.learned_parameters.size() == 3);

    // The option and a task built with the same widths and learning rate
    // train the same network: bit-identical scores.
    const Evaluator rebuilt(Task::load(with_architecture(task_preset("spirals"), a)));
    const Score direct = rebuilt.evaluate(kTwoParameters, 3);
    CHECK(direct.loss == two_layers.loss);
    CHECK(direct.accuracy == two_layers.accuracy);
    CHECK(direct.learned_parameters == two_layers.learned_parameters);
    // The learning rate is the architecture's.
    const Score slower = ev.evaluate(kTwoParameters, 3, on({{16, 8}, 1e-3f}));
    REQUIRE(slower.ok());
    CHECK(slower.loss != two_layers.loss);
}

TEST_CASE("a training budget outside (0, 1] is refused") {
    const Evaluator ev(spirals());
    for (double budget : {0.0, -0.5, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
        CAPTURE(budget);
        EvaluationOptions o;
        o.budget = budget;
        const Score s = ev.evaluate("relu", 1, o);
        CHECK(s.status == ScoreStatus::Invalid);
        CHECK(test::contains(s.message, "budget"));
    }
}

TEST_CASE("a partial budget gives a deterministic, cheaper score") {
    const Evaluator ev(spirals());
    const Architecture a{{16, 8}, 1e-2f};
    const Score half = ev.evaluate(kTwoParameters, 5, on(a, 0.5));
    REQUIRE(half.ok());
    CHECK((half.accuracy >= 0.0 && half.accuracy <= 1.0));
    CHECK(std::isfinite(half.loss));
    const Score again = ev.evaluate(kTwoParameters, 5, on(a, 0.5));
    CHECK(again.loss == half.loss);
    CHECK(again.accuracy == half.accuracy);
    CHECK(again.learned_parameters == half.learned_parameters);
    // Half the training rows: a different (not bit-identical) measurement ...
    const Score full = ev.evaluate(kTwoParameters, 5, on(a, 1.0));
    REQUIRE(full.ok());
    CHECK(half.loss != full.loss);
    CHECK(half.learned_parameters != full.learned_parameters);
    // ... from about half the optimizer steps (same epochs and batch size).
    auto steps = [&](double budget) {
        EvaluationOptions o = on(a, budget);
        std::size_t total = 0;
        o.on_step = [&](std::size_t, std::size_t t) { total = t; };
        REQUIRE(ev.evaluate(kTwoParameters, 5, o).ok());
        return static_cast<double>(total);
    };
    const double full_steps = steps(1.0);
    REQUIRE(full_steps > 0);
    CHECK(steps(0.5) / full_steps == doctest::Approx(0.5).epsilon(0.05));
    // Budget 1 is the plain evaluation.
    const Score plain = ev.evaluate(kTwoParameters, 5, on(a));
    CHECK(plain.loss == full.loss);
}
