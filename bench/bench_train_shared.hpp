#pragma once
// What the parts of bench_train share: the benchmark's data sizes, one
// timed run, and the PyTorch peer (bench/torch_mlp.py) run as a child
// process with Debian's /usr/bin/python3.
#include "actforge/fitness/dataset.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace actforge::bench::train {

// 1 epoch over the first kTrain Fashion-MNIST training images, validation
// on the last kVal, minibatches of kBatch; the MLP is 784-64-64-10.
constexpr std::size_t kTrain = 10000;
constexpr std::size_t kVal = 5000;
constexpr std::size_t kBatch = 64;
constexpr int kRounds = 5;
inline const std::vector<std::size_t> kHidden{64, 64};

// One timed training and validation.
struct Run {
    double seconds = 0.0;
    double accuracy = 0.0;
};

struct CommandOutput {
    bool ok = false; // started, exited 0, and printed a JSON object last
    std::string text;
};

// Runs a shell command and collects what it prints on stdout.
[[nodiscard]] CommandOutput run_command(const std::string& cmd);
// The JSON object a child program prints as its last line.
[[nodiscard]] nlohmann::json last_json_object(const std::string& text);
// torch_mlp.py with `activation`; `network`: its extra flags (none: the MLP).
// Prints why and returns nothing when the run fails.
[[nodiscard]] std::optional<Run> run_torch(const std::string& activation, std::uint64_t seed,
                                           const std::string& network = "");
[[nodiscard]] double median(std::vector<double> v);

// The recurrent children against their PyTorch step loops; prints a line
// per cell and returns whether every cell is >= 10x faster.
[[nodiscard]] bool compare_rnn(const fitness::Dataset& data, const std::vector<std::uint32_t>& train_rows,
                               const std::vector<std::uint32_t>& val_rows);

} // namespace actforge::bench::train
