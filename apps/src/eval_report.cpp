#include "eval_report.hpp"

#include "actforge/core/json.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/expr/printer.hpp"

#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace actforge::cli {
namespace {

std::string formula_text(const std::vector<expr::Tree>& functions) {
    std::string formula;
    for (const auto& t : functions) formula += (formula.empty() ? "" : "; ") + expr::to_infix(t);
    return formula;
}

// The functions at the values a run learned, one for each layer it reports
// (none for a run that learned nothing).
std::vector<expr::Tree> learned_layers(const std::vector<expr::Tree>& functions, const fitness::Score& s) {
    const std::vector<expr::Tree> learned = fitness::with_learned(functions, s);
    std::vector<expr::Tree> layers;
    for (std::size_t l = 0; l < s.learned_parameters.size(); ++l) {
        layers.push_back(learned[learned.size() == 1 ? 0 : l]);
    }
    return layers;
}

// Accuracy over the successful runs. With none, the mean is 0, the accuracy
// a failed run reports.
Summary successful_accuracy(const std::vector<fitness::Score>& scores) {
    std::vector<double> accuracies;
    for (const auto& s : scores) {
        if (s.ok()) accuracies.push_back(s.accuracy);
    }
    Summary summary = summarize(accuracies);
    if (summary.n == 0) summary.mean = 0.0;
    return summary;
}

nlohmann::json score_json(const std::vector<expr::Tree>& functions, const fitness::Score& s, std::uint64_t seed) {
    nlohmann::json learned = nlohmann::json::array();
    for (const expr::Tree& t : learned_layers(functions, s)) {
        nlohmann::json layer = nlohmann::json::object();
        for (const auto& p : t.parameters) layer[p.name] = p.value;
        learned.push_back(layer);
    }
    return {{"seed", seed},
            {"status", fitness::to_string(s.status)},
            {"val_accuracy", s.accuracy},
            {"val_loss", finite_or_null(s.loss)},
            {"train_loss", finite_or_null(s.train_loss)},
            {"seconds", s.seconds},
            {"message", s.message},
            {"learned_parameters", learned}};
}

void print_score_text(const std::vector<expr::Tree>& functions, const fitness::Score& s, const std::string& prefix) {
    if (s.ok()) {
        fmt::print("{}status ok   val accuracy {:.4f}   val loss {:.4f}   train loss {:.4f}   {:.3f} s\n", prefix,
                   s.accuracy, s.loss, s.train_loss, s.seconds);
    } else {
        fmt::print("{}status {}: {}   {:.3f} s\n", prefix, fitness::to_string(s.status), s.message, s.seconds);
    }
    const std::vector<expr::Tree> layers = learned_layers(functions, s);
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (layers[l].parameters.empty()) continue;
        std::string list;
        for (const auto& p : layers[l].parameters) {
            list += fmt::format("{}{} = {:.5g}", list.empty() ? "" : ", ", p.name, p.value);
        }
        fmt::print("            layer {} learned {}\n", l + 1, list);
    }
}

} // namespace

void print_eval_text(const EvalReport& report) {
    const std::size_t seeds = report.scores.size();
    fmt::print("task        {}\n", report.task);
    fmt::print("formula     {}\n", formula_text(report.functions));
    for (std::size_t i = 0; i < seeds; ++i) {
        const std::string prefix = seeds > 1 ? fmt::format("seed {:<6}", report.first_seed + i) : "";
        print_score_text(report.functions, report.scores[i], prefix);
    }
    if (seeds > 1) {
        const Summary s = successful_accuracy(report.scores);
        fmt::print("mean        val accuracy {:.4f} ± {:.4f} over {} of {} seeds ({:.2f} s wall)\n", s.mean, s.stddev,
                   s.n, seeds, report.wall_seconds);
    }
}

void print_eval_json(const EvalReport& report) {
    const std::size_t seeds = report.scores.size();
    nlohmann::json j = score_json(report.functions, report.scores[0], report.first_seed);
    j["formula"] = formula_text(report.functions);
    j["task"] = report.task;
    if (seeds > 1) {
        const Summary s = successful_accuracy(report.scores);
        j["runs"] = nlohmann::json::array();
        for (std::size_t i = 0; i < seeds; ++i) {
            j["runs"].push_back(score_json(report.functions, report.scores[i], report.first_seed + i));
        }
        j["val_accuracy"] = s.mean;
        j["val_accuracy_std"] = s.stddev;
        j["ok_runs"] = s.n;
    }
    std::cout << j.dump() << "\n";
}

} // namespace actforge::cli
