// Planted-answer tasks: the data are a pure function of (formula, seed),
// survive a task JSON round trip, and reward the planted activation.
#include "actforge/core/error.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "actforge/fitness/task_json.hpp"
#include "actforge/fitness/teacher.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::fitness;

namespace {

std::shared_ptr<const Task> teacher_task(const std::string& formula, std::uint64_t data_seed = 0) {
    TaskSpec spec = task_preset("teacher:" + formula);
    spec.data_seed = data_seed;
    return Task::load(spec);
}

bool same_data(const Dataset& a, const Dataset& b) { return a.features == b.features && a.labels == b.labels; }

// Mean validation accuracy over training seeds 1..n (a failure counts 0).
double mean_accuracy(const Evaluator& evaluator, const std::string& formula, std::uint64_t n) {
    std::vector<double> acc;
    for (std::uint64_t s = 1; s <= n; ++s) {
        const Score score = evaluator.evaluate(formula, s);
        acc.push_back(score.ok() ? score.accuracy : 0.0);
    }
    return summarize(acc).mean;
}

} // namespace

TEST_CASE("a teacher task's data depend only on the formula and the seed") {
    const expr::Tree swish = expr::parse("x*sigmoid(x)");
    TeacherShape small;
    small.examples = 500;
    const Dataset a = teacher_dataset(swish, small, 3);
    CHECK(same_data(a, teacher_dataset(swish, small, 3)));
    CHECK_FALSE(same_data(a, teacher_dataset(swish, small, 4)));
    // Same inputs, other labels: the formula decides them.
    const Dataset relu = teacher_dataset(expr::parse("max(x, 0)"), small, 3);
    CHECK(relu.features == a.features);
    CHECK(relu.labels != a.labels);
    // Every class is well represented.
    REQUIRE(a.num_classes == small.classes);
    std::vector<std::size_t> counts(a.num_classes);
    for (std::int32_t label : a.labels) ++counts[static_cast<std::size_t>(label)];
    for (std::size_t c : counts) CHECK(c > small.examples / (4 * small.classes));
}

TEST_CASE("a teacher task survives its JSON round trip") {
    TaskSpec spec = task_preset("teacher:max(x, 0) + 0.1*sin(x)");
    spec.data_seed = 7;
    CHECK(spec.hidden == TeacherShape{}.hidden);
    const TaskSpec back = task_spec_from_json(task_spec_to_json(spec));
    CHECK(back.dataset == spec.dataset);
    CHECK(task_spec_to_json(back) == task_spec_to_json(spec));
    CHECK(same_data(Task::load(back)->train().dataset(), Task::load(spec)->train().dataset()));
}

TEST_CASE("a bad teacher formula is refused with the parser's column, counted in the task's text") {
    try {
        (void)task_preset("teacher:x*+1");
        FAIL("no ParseError");
    } catch (const ParseError& e) {
        CHECK(e.column() == 11);
        CHECK(std::string(e.what()).starts_with("column 11: "));
    }
    CHECK_THROWS_WITH_AS((void)Task::load(task_preset("teacher:0*x+1")), doctest::Contains("constant"), Error);
    CHECK_THROWS_WITH_AS((void)Task::load(task_preset("teacher:exp(exp(exp(x)))")), doctest::Contains("not finite"),
                         Error);
}

TEST_CASE("the planted activation scores clearly above ReLU and tanh on its teacher task") {
    const Evaluator evaluator(teacher_task("x*sigmoid(x)"));
    const double planted = mean_accuracy(evaluator, "x*sigmoid(x)", 3);
    CHECK(planted > mean_accuracy(evaluator, "relu", 3) + 0.015);
    CHECK(planted > mean_accuracy(evaluator, "tanh", 3) + 0.03);
}
