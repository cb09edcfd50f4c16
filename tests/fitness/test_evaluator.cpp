// The evaluator end to end on the small synthetic task, the pre-screen, and
// robustness: random candidates never crash it.
#include "../expr/random_tree.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/core/thread_sanitizer.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/fitness/baselines.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "actforge/fitness/prescreen.hpp"
#include "fitness_test_util.hpp"

#include <doctest/doctest.h>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <set>

using namespace actforge;
using namespace actforge::fitness;
using actforge::fitness::test::spirals;

namespace {

// fn(0) ... fn(n - 1) on TBB's threads, with the edges ThreadSanitizer cannot
// see marked as ThreadBackend::evaluate marks them (thread_sanitizer.hpp).
template <typename Fn> void parallel_for_each(std::size_t n, const Fn& fn) {
    tsan_hand_over();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&fn](const tbb::blocked_range<std::size_t>& range) {
        const TsanTaskScope task;
        for (std::size_t i = range.begin(); i != range.end(); ++i) fn(i);
    });
    tsan_joined();
}

} // namespace

TEST_CASE("pre-screen fails bad candidates with a reason and passes good ones") {
    CHECK(prescreen(expr::parse("swish(x)")).ok());
    CHECK(prescreen(expr::parse("a*sigmoid(x) + b where a=1, b=0")).ok());
    CHECK(prescreen(expr::parse("relu(x)")).ok());
    const auto log = prescreen(expr::parse("log(x)"));
    CHECK(log.status == ScoreStatus::NonFinite);
    CHECK(log.message.find("x = -10") != std::string::npos);
    CHECK(prescreen(expr::parse("exp(exp(x))")).status == ScoreStatus::NonFinite);
    CHECK(prescreen(expr::parse("exp(2*x)")).status == ScoreStatus::Diverged);
    CHECK(prescreen(expr::parse("sigmoid(2)")).status == ScoreStatus::Degenerate);
    CHECK(prescreen(expr::parse("x - x + 3")).status == ScoreStatus::Degenerate);
    CHECK(prescreen(expr::parse("1/x")).status == ScoreStatus::NonFinite);
}

TEST_CASE("training with a good activation learns the spirals; a bad one fails with a status") {
    const Evaluator ev(spirals());
    const Score good = ev.evaluate("swish", 1);
    REQUIRE(good.ok());
    CHECK(good.accuracy > 0.9);
    CHECK(good.seconds > 0.0);
    CHECK(std::isfinite(good.loss));
    const Score linear = ev.evaluate("x", 1); // a linear network cannot separate spirals
    REQUIRE(linear.ok());
    CHECK(linear.accuracy < good.accuracy - 0.2);
    const Score bad = ev.evaluate("log(x)", 1);
    CHECK(bad.status == ScoreStatus::NonFinite);
    CHECK_FALSE(bad.message.empty());
    const Score invalid = ev.evaluate("tanh(", 1);
    CHECK(invalid.status == ScoreStatus::Invalid);
    CHECK(invalid.message.find("column") != std::string::npos);
    CHECK(ev.evaluate("relu;tanh;swish", 1).status == ScoreStatus::Invalid); // 3 functions for 2 layers
    CHECK(ev.evaluate("relu;tanh", 1).ok());
}

TEST_CASE("a score depends only on (task, formula, seed), not on threads") {
    const Evaluator ev(spirals());
    const Score a = ev.evaluate("a*tanh(x) + b*x where a=1, b=0.1", 7);
    const Score b = ev.evaluate("a*tanh(x) + b*x where a=1, b=0.1", 7);
    CHECK(a.accuracy == b.accuracy);
    CHECK(a.loss == b.loss);
    CHECK(a.learned_parameters == b.learned_parameters);
    CHECK(a.learned_parameters.size() == 2);                          // one set per hidden layer
    CHECK(a.learned_parameters[0] != std::vector<float>{1.0f, 0.1f}); // they were trained
    const Score c = ev.evaluate("a*tanh(x) + b*x where a=1, b=0.1", 8);
    CHECK(c.loss != a.loss);
    std::vector<Score> parallel(8);
    parallel_for_each(parallel.size(),
                      [&](std::size_t i) { parallel[i] = ev.evaluate("a*tanh(x) + b*x where a=1, b=0.1", 7); });
    for (const auto& p : parallel) CHECK(p.loss == a.loss);
}

TEST_CASE("10,000 random candidates: a status for each, no crash") {
    TaskSpec spec = task_preset("circles");
    spec.train_size = 64;
    spec.val_size = 64;
    spec.hidden = {4};
    spec.training.epochs = 1;
    spec.training.batch_size = 32;
    const Evaluator ev(Task::load(spec));
    Rng rng(123);
    std::vector<expr::Tree> trees;
    for (int i = 0; i < 10000; ++i) trees.push_back(actforge::test::random_tree(rng, 5));
    std::vector<Score> scores(trees.size());
    parallel_for_each(trees.size(), [&](std::size_t i) { scores[i] = ev.evaluate(trees[i], i); });
    std::set<ScoreStatus> seen;
    std::size_t ok = 0;
    for (const auto& s : scores) {
        seen.insert(s.status);
        ok += s.ok();
        CHECK((s.ok() || !s.message.empty()));
        if (s.ok()) CHECK((s.accuracy >= 0.0 && s.accuracy <= 1.0));
    }
    CHECK(ok > 1000);
    CHECK(seen.contains(ScoreStatus::NonFinite));
    CHECK(seen.contains(ScoreStatus::Degenerate));
}

TEST_CASE("tasks: presets, CSV, and clear errors") {
    CHECK_THROWS_WITH_AS((void)task_preset("imagenet"), doctest::Contains("fashion-mnist"), Error);
    TaskSpec spec = task_preset("spirals");
    spec.train_size = 100000;
    CHECK_THROWS_WITH_AS((void)Task::load(spec), doctest::Contains("only"), Error);
    CHECK(baseline_formula("mish") == std::string("mish(x)"));
    CHECK_FALSE(baseline_formula("x*x"));
    CHECK(resolve_formula("gelu") == "gelu(x)");
    CHECK(resolve_formula("x*x") == "x*x");
}
