#pragma once
// What eval prints about one candidate trained with consecutive seeds: a
// table in text, or exactly one JSON object.
#include "actforge/expr/tree.hpp"
#include "actforge/fitness/score.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace actforge::cli {

struct EvalReport {
    std::string task;                   // the task's description
    std::vector<expr::Tree> functions;  // one for every hidden layer, or one per layer
    std::uint64_t first_seed = 1;       // scores[i] was trained with first_seed + i
    std::vector<fitness::Score> scores; // at least one
    double wall_seconds = 0.0;          // all trainings, as the user waited for them
};

// Per seed: status, validation accuracy and loss, training loss, time and
// the learned parameter values; with several seeds, the mean and standard
// deviation of the successful runs' accuracy.
void print_eval_text(const EvalReport& report);

// The first seed's fields at the top level; with several seeds, "runs"
// (one object per seed) and the successful runs' mean accuracy
// ("val_accuracy"), its standard deviation and their count ("ok_runs").
void print_eval_json(const EvalReport& report);

} // namespace actforge::cli
