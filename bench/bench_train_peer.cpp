// The PyTorch peer and the small helpers of bench_train (bench_train_shared.hpp).
#include "bench_train_shared.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fmt/format.h>

namespace actforge::bench::train {

CommandOutput run_command(const std::string& cmd) {
    std::FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) return {};
    CommandOutput out;
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out.text += buf.data();
    out.ok = ::pclose(pipe) == 0 && out.text.find('{') != std::string::npos;
    return out;
}

nlohmann::json last_json_object(const std::string& text) { return nlohmann::json::parse(text.substr(text.rfind('{'))); }

std::optional<Run> run_torch(const std::string& activation, std::uint64_t seed, const std::string& network) {
    const std::string cmd =
        fmt::format("/usr/bin/python3 {}/bench/torch_mlp.py --activation {} --train {} --val {} "
                    "--batch {} --seed {} --threads 1 {} 2>&1",
                    ACTFORGE_SOURCE_DIR, activation, kTrain, kVal, kBatch, seed, network);
    const CommandOutput run = run_command(cmd);
    if (!run.ok) {
        fmt::print("PyTorch run failed: {}\n", run.text);
        return std::nullopt;
    }
    const nlohmann::json j = last_json_object(run.text);
    return Run{j["seconds"].get<double>(), j["val_accuracy"].get<double>()};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace actforge::bench::train
