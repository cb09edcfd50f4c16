// bench_train: one training epoch of the same MLP in actforge and in PyTorch,
// run alternately in one process, plus the GEMM floor and peak memory.
//
// Network 784-64-64-10, Adam lr 1e-3, batch 64, 1 epoch over the first
// 10,000 Fashion-MNIST training images, validation on the last 5,000, one
// thread each. PyTorch is Debian's python3-torch run by /usr/bin/python3
// (bench/torch_mlp.py); without it the comparison is skipped with a message.
// Goals: actforge >= 10x faster; validation accuracy within 1.5 points of
// PyTorch for relu and swish; peak memory of a 2-thread evaluation on the
// full Fashion-MNIST <= 400 MB; the CNN child (conv16-pool-conv32-pool-64)
// >= 3x PyTorch.
//
// Validation: actforge scores in minibatches of 64, as its evaluator does
// (the training buffers, nothing allocated); PyTorch in chunks of 1,000.
//
// Recurrent children: Elman, GRU and LSTM cells of 64 with tanh reading the
// image as 28 rows of 28 pixels, against the same cells written as a step
// loop in PyTorch (torch.nn.RNN takes no custom activation). Goal: >= 10x.
// `--parts cold,memory,mlp,cnn,rnn` picks what to run (default: all).
//
// Cold start: the first training in a fresh process against the later
// ones, measured in child processes of this program (it runs itself with
// --first-training), with glibc's default allocator settings and with
// retain_freed_memory() as the actforge program calls it.
#include "actforge/core/error.hpp"
#include "actforge/core/memory.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/core/text.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "actforge/fitness/fashion_mnist.hpp"
#include "actforge/fitness/task.hpp"
#include "actforge/nn/cnn.hpp"
#include "actforge/nn/network.hpp"
#include "actforge/nn/rnn.hpp"
#include "actforge/nn/trainer.hpp"
#include "bench_flags.hpp"
#include "bench_train_shared.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <numeric>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <optional>
#include <string_view>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace actforge;

namespace {

using namespace actforge::bench::train;


Run run_actforge(const fitness::Dataset& data, const std::vector<std::uint32_t>& train_rows,
                 const std::vector<std::uint32_t>& val_rows, const std::string& formula, std::uint64_t seed,
                 bool cnn = false) {
    const std::vector<nn::ActivationSpec> specs{nn::make_activation(expr::parse(formula))};
    Rng rng(seed);
    Timer timer;
    nn::CnnSpec cnn_spec;
    cnn_spec.conv_channels = {16, 32};
    cnn_spec.dense_hidden = {64};
    nn::Network net = cnn ? nn::make_cnn(nn::ImageShape{1, 28, 28}, cnn_spec, 10, specs, nn::ParamSharing::PerLayer,
                                         nn::Init::He, rng)
                          : nn::make_mlp(784, kHidden, 10, specs, nn::ParamSharing::PerLayer, nn::Init::He, rng);
    nn::TrainConfig config;
    config.batch_size = kBatch;
    config.lr = 1e-3f;
    config.seed = seed;
    const nn::TrainResult r = nn::train(net, data.features, data.labels, train_rows, config);
    if (r.status != nn::TrainStatus::Ok) throw Error("actforge training failed: " + r.message);
    const nn::EvalResult e = nn::evaluate(net, data.features, data.labels, val_rows, kBatch);
    return {timer.seconds(), e.accuracy};
}

bool torch_available() { return std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0; }

// The epoch's matrix products alone, at Eigen speed, with the same shapes:
// forward X*W for three layers, weight gradients for three, input
// gradients for the two upper layers.
double gemm_floor_seconds() {
    using M = nn::Matrix;
    const std::array<std::size_t, 4> w{784, 64, 64, 10};
    std::vector<M> weights, acts, grads, wgrads;
    acts.push_back(M::Random(kBatch, 784));
    for (std::size_t l = 0; l < 3; ++l) {
        weights.push_back(M::Random(w[l], w[l + 1]));
        wgrads.push_back(M::Zero(w[l], w[l + 1]));
        acts.push_back(M::Zero(kBatch, w[l + 1]));
        grads.push_back(M::Random(kBatch, w[l + 1]));
    }
    std::vector<M> dins{M::Zero(kBatch, 784), M::Zero(kBatch, 64), M::Zero(kBatch, 64)};
    double best = 1e30;
    for (int rep = 0; rep < 5; ++rep) {
        Timer t;
        for (std::size_t b = 0; b < kTrain / kBatch; ++b) {
            for (std::size_t l = 0; l < 3; ++l) acts[l + 1].noalias() = acts[l] * weights[l];
            for (std::size_t l = 3; l-- > 0;) {
                wgrads[l].noalias() = acts[l].transpose() * grads[l];
                if (l > 0) dins[l].noalias() = grads[l] * weights[l].transpose();
            }
        }
        best = std::min(best, t.seconds());
    }
    return best + static_cast<double>(wgrads[0](0, 0) + dins[1](0, 0)) * 0.0;
}

long page_faults() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt + u.ru_majflt;
}

// The child's side: the default search task's network (the "fashion-mnist"
// preset) trained kColdTrainings times in a fresh process; prints the first
// training's seconds and page faults and the median of the later ones.
constexpr int kColdTrainings = 6;
int first_training_child(std::string_view allocator) {
    if (allocator == "retained") retain_freed_memory();
    const auto task = fitness::Task::load(fitness::task_preset("fashion-mnist"));
    const fitness::Evaluator evaluator(task);
    const expr::Tree relu = expr::parse("relu(x)");
    std::vector<double> seconds;
    long first_faults = 0;
    for (int i = 0; i < kColdTrainings; ++i) {
        const long faults = page_faults();
        Timer t;
        (void)evaluator.evaluate(relu, static_cast<std::uint64_t>(i + 1));
        seconds.push_back(t.seconds());
        if (i == 0) first_faults = page_faults() - faults;
    }
    const std::vector<double> later(seconds.begin() + 1, seconds.end());
    fmt::print("{{\"first\": {}, \"steady\": {}, \"faults\": {}}}\n", seconds[0], median(later), first_faults);
    return 0;
}

struct ColdStart {
    double first = 0.0;
    double steady = 0.0;
    long faults = 0;
};

// Medians over kColdProcesses fresh processes.
constexpr int kColdProcesses = 3;
std::optional<ColdStart> measure_cold_start(std::string_view allocator) {
    std::vector<double> first, steady, faults;
    for (int p = 0; p < kColdProcesses; ++p) {
        const std::string cmd = fmt::format("/proc/{}/exe --first-training {}", ::getpid(), allocator);
        const CommandOutput run = run_command(cmd);
        if (!run.ok) return std::nullopt;
        const nlohmann::json j = last_json_object(run.text);
        first.push_back(j["first"].get<double>());
        steady.push_back(j["steady"].get<double>());
        faults.push_back(j["faults"].get<double>());
    }
    return ColdStart{median(first), median(steady), static_cast<long>(median(faults))};
}

void print_cold_start() {
    const auto plain = measure_cold_start("default");
    const auto retained = measure_cold_start("retained");
    if (!plain || !retained) {
        fmt::print("cold start: the child process failed\n");
        return;
    }
    fmt::print("cold start, 784-64-64-10 1 epoch, median of {} fresh processes:\n", kColdProcesses);
    for (const auto& [name, c] :
         {std::pair{"glibc default allocator", *plain}, std::pair{"freed memory retained (the program)", *retained}}) {
        fmt::print("  {:<36} first training {:.4f} s ({} page faults), later {:.4f} s: first/steady {:.2f}x\n", name,
                   c.first, c.faults, c.steady, c.first / c.steady);
    }
}

long peak_rss_mb() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

// Peak memory: two candidates evaluated at once on the whole training
// split (50,000 images) and validation split (10,000), one data copy. Run
// first, while nothing else is loaded (the peak is a high-water mark).
bool print_peak_memory() {
    const long rss_start = peak_rss_mb();
    fitness::TaskSpec spec;
    spec.train_size = 0;
    spec.val_size = 0;
    const auto task = fitness::Task::load(spec);
    const fitness::Evaluator evaluator(task);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    std::array<fitness::Score, 2> scores;
    tbb::parallel_for(0, 2, [&](int i) {
        scores[static_cast<std::size_t>(i)] = evaluator.evaluate(expr::parse(i == 0 ? "relu(x)" : "swish(x)"), 1);
    });
    const long peak = peak_rss_mb();
    fmt::print("peak memory, 2-thread evaluation on full Fashion-MNIST ({}): {} MB (process start {} MB); "
               "accuracies {:.2f}% {:.2f}%\n",
               task->describe(), peak, rss_start, 100 * scores[0].accuracy, 100 * scores[1].accuracy);
    return peak <= 400;
}

struct MlpGoals {
    bool speed = true;
    bool accuracy = true;
};

// The MLP with relu and swish, alternating with PyTorch round by round.
MlpGoals compare_mlp(const fitness::Dataset& data, const std::vector<std::uint32_t>& train_rows,
                     const std::vector<std::uint32_t>& val_rows, bool torch) {
    MlpGoals goals;
    for (const auto& [name, formula] :
         std::vector<std::pair<std::string, std::string>>{{"relu", "relu(x)"}, {"swish", "swish(x)"}}) {
        std::vector<double> ours_t, torch_t, ours_a, torch_a;
        for (int round = 0; round < kRounds; ++round) {
            const Run a = run_actforge(data, train_rows, val_rows, formula, static_cast<std::uint64_t>(round + 1));
            ours_t.push_back(a.seconds);
            ours_a.push_back(a.accuracy);
            if (torch) {
                if (auto t = run_torch(name, static_cast<std::uint64_t>(round + 1))) {
                    torch_t.push_back(t->seconds);
                    torch_a.push_back(t->accuracy);
                }
            }
        }
        const double ours_acc = std::accumulate(ours_a.begin(), ours_a.end(), 0.0) / static_cast<double>(ours_a.size());
        if (torch_t.empty()) {
            fmt::print("{:<6} actforge {:.4f} s  val acc {:.2f}%\n", name, median(ours_t), 100 * ours_acc);
            continue;
        }
        const double torch_acc =
            std::accumulate(torch_a.begin(), torch_a.end(), 0.0) / static_cast<double>(torch_a.size());
        const double ratio = median(torch_t) / median(ours_t);
        goals.speed = goals.speed && ratio >= 10.0;
        goals.accuracy = goals.accuracy && std::abs(ours_acc - torch_acc) <= 0.015;
        fmt::print("{:<6} actforge {:.4f} s  PyTorch {:.4f} s  speed-up {:.1f}x  val acc actforge {:.2f}%  "
                   "PyTorch {:.2f}%  (diff {:+.2f} points)\n",
                   name, median(ours_t), median(torch_t), ratio, 100 * ours_acc, 100 * torch_acc,
                   100 * (ours_acc - torch_acc));
    }
    return goals;
}

// The CNN child: conv 16 -> pool -> conv 32 -> pool -> dense 64, relu.
bool compare_cnn(const fitness::Dataset& data, const std::vector<std::uint32_t>& train_rows,
                 const std::vector<std::uint32_t>& val_rows) {
    bool met = false;
    std::vector<double> ours_t, torch_t, ours_a, torch_a;
    for (int round = 0; round < 2; ++round) {
        const Run a = run_actforge(data, train_rows, val_rows, "relu(x)", static_cast<std::uint64_t>(round + 1), true);
        ours_t.push_back(a.seconds);
        ours_a.push_back(a.accuracy);
        if (auto t = run_torch("relu", static_cast<std::uint64_t>(round + 1), "--conv 16,32 --hidden 64")) {
            torch_t.push_back(t->seconds);
            torch_a.push_back(t->accuracy);
        }
    }
    if (!torch_t.empty()) {
        const double ratio = median(torch_t) / median(ours_t);
        met = ratio >= 3.0;
        fmt::print("CNN relu (conv16-pool-conv32-pool-64) actforge {:.3f} s  PyTorch {:.3f} s  speed-up {:.2f}x  "
                   "val acc actforge {:.2f}%  PyTorch {:.2f}%\n",
                   median(ours_t), median(torch_t), ratio, 50 * (ours_a[0] + ours_a[1]),
                   100 * std::accumulate(torch_a.begin(), torch_a.end(), 0.0) / static_cast<double>(torch_a.size()));
    }
    return met;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string_view(argv[1]) == "--first-training") return first_training_child(argv[2]);
    std::string parts = "cold,memory,mlp,cnn,rnn";
    bench::BenchFlags("usage: bench_train [--parts cold,memory,mlp,cnn,rnn]")
        .on("--parts",
            [&](const std::string& v) {
                for (const std::string& part : split_fields(v, ',')) {
                    if (part != "cold" && part != "memory" && part != "mlp" && part != "cnn" && part != "rnn") {
                        fmt::print(stderr, "bench_train: unknown part '{}' (cold, memory, mlp, cnn, rnn)\n", part);
                        std::exit(2);
                    }
                }
                parts = v;
            })
        .parse(argc, argv);
    const std::vector<std::string> chosen = split_fields(parts, ',');
    auto run = [&](std::string_view part) { return std::find(chosen.begin(), chosen.end(), part) != chosen.end(); };
    if (!fitness::fashion_mnist_available("train")) {
        fmt::print("bench_train skipped: Fashion-MNIST is missing (apt-get install dataset-fashion-mnist)\n");
        return 0;
    }
    if (run("cold")) print_cold_start();
    const bool memory_met = run("memory") && print_peak_memory();
    const fitness::Dataset data = fitness::load_fashion_mnist("train");
    std::vector<std::uint32_t> train_rows(kTrain), val_rows(kVal);
    std::iota(train_rows.begin(), train_rows.end(), 0U);
    std::iota(val_rows.begin(), val_rows.end(), static_cast<std::uint32_t>(data.size() - kVal));

    const bool torch = torch_available();
    if (!torch)
        fmt::print(
            "PyTorch comparison skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch)\n");
    fmt::print("bench_train: 784-64-64-10, Adam 1e-3, batch {}, 1 epoch over {} Fashion-MNIST images, {} validation, "
               "1 thread; median of {} alternating rounds\n",
               kBatch, kTrain, kVal, kRounds);
    const MlpGoals mlp = run("mlp") ? compare_mlp(data, train_rows, val_rows, torch) : MlpGoals{};
    const bool cnn_met = torch && run("cnn") && compare_cnn(data, train_rows, val_rows);
    const bool rnn_met = torch && run("rnn") && compare_rnn(data, train_rows, val_rows);
    const double floor = gemm_floor_seconds();
    fmt::print("GEMM floor (the epoch's matrix products alone, Eigen): {:.4f} s\n", floor);
    // A goal's verdict: "not run" when its part was not asked for.
    auto verdict = [&](std::string_view part, bool needs_torch, bool met) {
        if (!run(part)) return "not run";
        if (needs_torch && !torch) return "not measured";
        return met ? "met" : "NOT met";
    };
    fmt::print("goals: speed-up >= 10x {}; accuracy within 1.5 points {}; peak memory <= 400 MB {}; "
               "CNN >= 3x PyTorch {}; RNN >= 10x PyTorch {}\n",
               verdict("mlp", true, mlp.speed), verdict("mlp", true, mlp.accuracy),
               verdict("memory", false, memory_met), verdict("cnn", true, cnn_met), verdict("rnn", true, rnn_met));

    return 0;
}
