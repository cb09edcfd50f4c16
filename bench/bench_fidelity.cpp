// bench_fidelity: how well a cheap search task (a proxy) ranks activation
// functions the way a real training does, and what it costs.
//
// A panel of fixed functions is trained with several seeds on each proxy
// (validation split) and on reference tasks (the full training split,
// 5 epochs, the test split). Per proxy it prints the seconds per
// training, the noise (mean within-function std of the accuracy), the
// signal (std of the function means), their ratio, and Spearman's rank
// correlation of the proxy's mean ranking with each reference's; rho1 is
// the same for a ranking from one training per function (the mean over the
// seeds), which is what a search with one seed per candidate sees.
// A failed training counts at chance accuracy.
//
// Usage: bench_fidelity [--seeds N] [--threads T] [--only NAME,...] [--csv FILE]
#include "bench_flags.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/core/text.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"
#include "actforge/fitness/task.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace actforge;

namespace {

const std::vector<std::string> kPanel{
    "relu(x)",    "leaky_relu(x)", "elu(x)",     "selu(x)",     "gelu(x)",     "swish(x)",    "mish(x)",
    "softplus(x)", "tanh(x)",      "sigmoid(x)", "softsign(x)", "x",           "atan(x)",     "hard_tanh(x)",
    "x*tanh(x)",  "sin(x)",        "erf(x)",     "abs(x)",      "cos(x)",      "gaussian(x)", "square(x)"};

struct Setting {
    std::string name;
    fitness::TaskSpec spec;
    bool reference = false; // full training split, test split
};

fitness::TaskSpec mlp(std::vector<std::size_t> hidden, std::size_t epochs, nn::Init init = nn::Init::He) {
    fitness::TaskSpec s = fitness::task_preset("fashion-mnist");
    s.hidden = std::move(hidden);
    s.training.epochs = epochs;
    s.init = init;
    return s;
}

const std::vector<std::size_t> kDeep(6, 48);

std::vector<Setting> settings() {
    fitness::TaskSpec cnn = fitness::task_preset("fashion-mnist-cnn");
    fitness::TaskSpec wide_val = mlp(kDeep, 2);
    wide_val.val_size = 0; // the whole validation split
    return {
        {"ref-default", mlp({64, 64}, 5), true},
        {"ref-deep", mlp(kDeep, 5), true},
        {"ref-deep-torch", mlp(kDeep, 5, nn::Init::Torch), true},
        {"default", mlp({64, 64}, 1)},
        {"default-3ep", mlp({64, 64}, 3)},
        {"default-torch", mlp({64, 64}, 1, nn::Init::Torch)},
        {"deep", mlp(kDeep, 1)},
        {"deep-2ep", mlp(kDeep, 2)},
        {"deep-3ep", mlp(kDeep, 3)},
        {"deep-2ep-val10k", wide_val},
        {"deep-lecun", mlp(kDeep, 1, nn::Init::LeCun)},
        {"deep-torch", mlp(kDeep, 1, nn::Init::Torch)},
        {"deep-torch-2ep", mlp(kDeep, 2, nn::Init::Torch)},
        {"cnn", cnn},
    };
}

struct Result {
    std::string name;
    double seconds = 0;                      // mean per training
    std::vector<std::vector<double>> acc;    // [function][seed]
    std::vector<double> means;               // per function
};

Result measure(const Setting& s, std::size_t seeds, std::size_t threads) {
    const auto task = fitness::Task::load(s.spec);
    evolution::ThreadBackend backend(task, threads);
    std::vector<evolution::EvaluationJob> jobs;
    for (const auto& f : kPanel) {
        for (std::size_t k = 0; k < seeds; ++k) {
            evolution::EvaluationJob job{f, std::nullopt, 1000 + k, 1.0};
            if (s.reference) {
                job.split = fitness::ScoredSplit::Test;
                job.full_training_split = true;
            }
            jobs.push_back(job);
        }
    }
    std::vector<fitness::Score> scores(jobs.size());
    backend.evaluate(jobs, scores);
    Result r;
    r.name = s.name;
    const double chance = 1.0 / static_cast<double>(task->num_classes());
    for (std::size_t f = 0; f < kPanel.size(); ++f) {
        std::vector<double>& row = r.acc.emplace_back();
        for (std::size_t k = 0; k < seeds; ++k) {
            const fitness::Score& sc = scores[f * seeds + k];
            row.push_back(sc.ok() ? sc.accuracy : chance);
            r.seconds += sc.seconds;
        }
        r.means.push_back(summarize(row).mean);
    }
    r.seconds /= static_cast<double>(jobs.size());
    return r;
}

// Mean over seeds k of the Spearman correlation between the ranking by
// seed k alone and `reference`.
double single_seed_rho(const Result& r, const std::vector<double>& reference) {
    const std::size_t seeds = r.acc.front().size();
    double sum = 0;
    for (std::size_t k = 0; k < seeds; ++k) {
        std::vector<double> one;
        for (const auto& row : r.acc) one.push_back(row[k]);
        sum += spearman(one, reference);
    }
    return sum / static_cast<double>(seeds);
}

void print_table(const std::vector<Result>& results) {
    std::vector<const Result*> refs;
    for (const auto& r : results) {
        if (r.name.starts_with("ref-")) refs.push_back(&r);
    }
    fmt::print("\n{:<17} {:>8} {:>7} {:>7} {:>6}", "proxy", "s/train", "noise", "signal", "S/N");
    for (const Result* ref : refs) fmt::print("  {:>15} {:>6}", "rho " + ref->name.substr(4), "rho1");
    fmt::print("\n");
    for (const auto& r : results) {
        double noise = 0;
        for (const auto& row : r.acc) noise += summarize(row).stddev;
        noise /= static_cast<double>(r.acc.size());
        const double signal = summarize(r.means).stddev;
        fmt::print("{:<17} {:>8.3f} {:>6.2f}% {:>6.2f}% {:>6.2f}", r.name, r.seconds, 100 * noise, 100 * signal,
                   signal / noise);
        for (const Result* ref : refs)
            fmt::print("  {:>15.3f} {:>6.3f}", spearman(r.means, ref->means), single_seed_rho(r, ref->means));
        fmt::print("\n");
    }
}

void write_csv(const std::string& path, const std::vector<Result>& results) {
    std::ofstream out(path);
    out << "function";
    for (const auto& r : results) out << "," << r.name;
    out << "\n";
    for (std::size_t f = 0; f < kPanel.size(); ++f) {
        out << '"' << kPanel[f] << '"';
        for (const auto& r : results) out << fmt::format(",{:.5f}", r.means[f]);
        out << "\n";
    }
}

} // namespace

int main(int argc, char** argv) {
    std::size_t seeds = 5;
    std::size_t threads = 2;
    std::vector<std::string> only;
    std::string csv;
    bench::BenchFlags("usage: bench_fidelity [--seeds S] [--threads T] [--only SETTING,...] [--csv FILE]")
        .on("--seeds", [&](const std::string& v) { seeds = bench::count_value(v); })
        .on("--threads", [&](const std::string& v) { threads = bench::count_value(v); })
        .on("--only", [&](const std::string& v) { only = split_list(v, ','); })
        .on("--csv", [&](const std::string& v) { csv = v; })
        .parse(argc, argv);
    fmt::print("bench_fidelity: {} functions x {} seeds per setting, {} threads\n", kPanel.size(), seeds, threads);
    std::vector<Result> results;
    Timer total;
    for (const Setting& s : settings()) {
        if (!only.empty() && std::find(only.begin(), only.end(), s.name) == only.end()) continue;
        Timer t;
        results.push_back(measure(s, seeds, threads));
        fmt::print(stderr, "  {:<17} {:6.1f} s\n", s.name, t.seconds());
    }
    print_table(results);
    fmt::print("\nfunction means (accuracy):\n{:<14}", "");
    for (const auto& r : results) fmt::print(" {:>8.8}", r.name);
    fmt::print("\n");
    for (std::size_t f = 0; f < kPanel.size(); ++f) {
        fmt::print("{:<14}", kPanel[f]);
        for (const auto& r : results) fmt::print(" {:>8.4f}", r.means[f]);
        fmt::print("\n");
    }
    if (!csv.empty()) write_csv(csv, results);
    fmt::print("\ntotal {:.0f} s\n", total.seconds());
    return 0;
}
