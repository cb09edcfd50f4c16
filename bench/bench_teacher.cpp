// bench_teacher: is a planted-answer task sensitive to the activation? For
// each teacher formula it trains the student (the teacher's shape) with the
// planted function and with a panel of common activations, several seeds
// each, and prints each function's mean validation accuracy, its std, the
// difference to the planted one and the seconds per training.
//
// Usage: bench_teacher [--seeds N] [--epochs E] [--data-seed S] [FORMULA ...]
#include "bench_flags.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "actforge/fitness/task.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <string>
#include <vector>

using namespace actforge;

namespace {

const std::vector<std::string> kDefaultTeachers{"x*sigmoid(x)", "sin(x) + x", "tanh(x)", "max(x, 0)"};
const std::vector<std::string> kPanel{"relu(x)", "tanh(x)",     "swish(x)",   "gelu(x)",
                                      "elu(x)",  "softplus(x)", "sigmoid(x)", "sin(x)"};

struct Options {
    std::size_t seeds = 5;
    std::size_t epochs = 0; // 0 = the preset's
    std::uint64_t data_seed = 0;
    std::vector<std::string> teachers;
};

Options parse_options(int argc, char** argv) {
    Options o;
    bench::BenchFlags("usage: bench_teacher [--seeds S] [--epochs E] [--data-seed D] [FORMULA...]")
        .on("--seeds", [&](const std::string& v) { o.seeds = bench::count_value(v); })
        .on("--epochs", [&](const std::string& v) { o.epochs = bench::count_value(v); })
        .on("--data-seed", [&](const std::string& v) { o.data_seed = bench::count_value(v); })
        .positional([&](const std::string& v) { o.teachers.push_back(v); })
        .parse(argc, argv);
    if (o.teachers.empty()) o.teachers = kDefaultTeachers;
    return o;
}

// One function on one task: the accuracy per seed (a failed training
// counts 0) and the seconds per training.
struct Measured {
    Summary accuracy;
    double seconds = 0.0;
};

Measured measure(const fitness::Evaluator& evaluator, const std::string& formula, const Options& o) {
    std::vector<double> acc;
    const Timer timer;
    for (std::size_t s = 1; s <= o.seeds; ++s) {
        const fitness::Score score = evaluator.evaluate(formula, s);
        acc.push_back(score.ok() ? score.accuracy : 0.0);
    }
    return {summarize(acc), timer.seconds() / static_cast<double>(o.seeds)};
}

void print_row(const std::string& formula, const Measured& m, double planted) {
    fmt::print("  {:<24} {:7.4f} +- {:6.4f}  {:+8.4f}  {:6.3f} s\n", formula, m.accuracy.mean, m.accuracy.stddev,
               m.accuracy.mean - planted, m.seconds);
}

} // namespace

int main(int argc, char** argv) {
    const Options o = parse_options(argc, argv);
    for (const std::string& teacher : o.teachers) {
        fitness::TaskSpec spec = fitness::task_preset("teacher:" + teacher);
        spec.data_seed = o.data_seed;
        if (o.epochs > 0) spec.training.epochs = o.epochs;
        const fitness::Evaluator evaluator(fitness::Task::load(spec));
        fmt::print("{}\n  {:<24} {:>7}    {:>6}  {:>8}  {:>8}\n", evaluator.task().describe(), "function", "mean",
                   "std", "vs plant", "time");
        const Measured planted = measure(evaluator, teacher, o);
        print_row(teacher, planted, planted.accuracy.mean);
        for (const std::string& f : kPanel) {
            if (f != teacher) print_row(f, measure(evaluator, f, o), planted.accuracy.mean);
        }
    }
    return 0;
}
