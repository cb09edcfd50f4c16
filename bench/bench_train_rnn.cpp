// bench_train's recurrent children: Elman, GRU and LSTM cells of 64 with
// tanh reading each image as 28 rows of 28 pixels, against the same cells
// written as a step loop in PyTorch (torch_mlp.py --cell).
#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/nn/rnn.hpp"
#include "actforge/nn/trainer.hpp"
#include "bench_train_shared.hpp"

#include <fmt/format.h>

namespace actforge::bench::train {
namespace {

// The recurrent child: a cell of kRnnHidden reading the image as 28 rows,
// clipped at global norm 1 as the fashion-mnist-rnn task is.
constexpr std::size_t kRnnHidden = 64;
constexpr float kRnnClip = 1.0f;

Run run_actforge_rnn(const fitness::Dataset& data, const std::vector<std::uint32_t>& train_rows,
                     const std::vector<std::uint32_t>& val_rows, nn::CellKind cell, std::uint64_t seed) {
    const std::vector<nn::ActivationSpec> specs{nn::make_activation(expr::parse("tanh(x)"))};
    Rng rng(seed);
    Timer timer;
    const nn::RnnSpec rnn{.cell = cell, .steps = 28, .hidden = kRnnHidden, .dense_hidden = {}};
    nn::Network net = nn::make_rnn(784, rnn, 10, specs, nn::ParamSharing::PerLayer, nn::Init::He, rng);
    nn::TrainConfig config;
    config.batch_size = kBatch;
    config.lr = 1e-3f;
    config.clip_norm = kRnnClip;
    config.seed = seed;
    const nn::TrainResult r = nn::train(net, data.features, data.labels, train_rows, config);
    if (r.status != nn::TrainStatus::Ok) throw Error("actforge training failed: " + r.message);
    const nn::EvalResult e = nn::evaluate(net, data.features, data.labels, val_rows, kBatch);
    return {timer.seconds(), e.accuracy};
}

} // namespace

// The recurrent children with tanh, each cell against the same cell written
// as a step loop in PyTorch. Returns whether every cell is >= 10x faster.
bool compare_rnn(const fitness::Dataset& data, const std::vector<std::uint32_t>& train_rows,
                 const std::vector<std::uint32_t>& val_rows) {
    bool met = true;
    for (nn::CellKind cell : {nn::CellKind::Elman, nn::CellKind::Gru, nn::CellKind::Lstm}) {
        std::vector<double> ours_t, torch_t, ours_a, torch_a;
        for (int round = 0; round < 2; ++round) {
            const auto seed = static_cast<std::uint64_t>(round + 1);
            const Run a = run_actforge_rnn(data, train_rows, val_rows, cell, seed);
            ours_t.push_back(a.seconds);
            ours_a.push_back(a.accuracy);
            const std::string flags = fmt::format("--cell {} --hidden {} --clip {}", nn::to_string(cell), kRnnHidden,
                                                  kRnnClip);
            if (auto t = run_torch("tanh", seed, flags)) {
                torch_t.push_back(t->seconds);
                torch_a.push_back(t->accuracy);
            }
        }
        if (torch_t.size() != 2) return false;
        const double ratio = median(torch_t) / median(ours_t);
        met = met && ratio >= 10.0;
        fmt::print("RNN {:<5} tanh (28 steps of 28, state {}) actforge {:.3f} s  PyTorch {:.3f} s  speed-up {:.1f}x  "
                   "val acc actforge {:.2f}%  PyTorch {:.2f}%\n",
                   nn::to_string(cell), kRnnHidden, median(ours_t), median(torch_t), ratio,
                   50 * (ours_a[0] + ours_a[1]), 50 * (torch_a[0] + torch_a[1]));
    }
    return met;
}

} // namespace actforge::bench::train
