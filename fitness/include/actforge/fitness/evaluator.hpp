#pragma once
// Scores a candidate: pre-screen, then train the task's network with the
// candidate as its hidden activations, then measure accuracy and loss on
// the validation split (or, for replay, the test split).
//
// evaluate() is const and thread-safe: each call builds its own network and
// buffers and only reads the shared Task. The score depends only on (task,
// formulas, options, seed), never on threads: the options say which
// architecture, budget and split; the network's initial weights come from Rng(seed).child(0)
// and the minibatch order from a seed drawn from Rng(seed).child(1).
// It never throws for a bad candidate: NaN, overflow and exceptions become a
// failed Score with a reason.
#include "actforge/expr/tree.hpp"
#include "actforge/fitness/architecture.hpp"
#include "actforge/fitness/score.hpp"
#include "actforge/fitness/task.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace actforge::fitness {

enum class ScoredSplit { Validation, Test };

struct EvaluationOptions {
    ScoredSplit split = ScoredSplit::Validation;
    bool full_training_split = false; // train on the whole training split, not the search subset
    std::size_t epochs = 0;           // 0 = the task's
    bool skip_prescreen = false;
    // The candidate's own dense widths and learning rate; none = the task's.
    std::optional<Architecture> architecture;
    // Multi-fidelity: the fraction (0, 1] of the training and validation
    // rows used (a prefix of the task's random subsets, so lower budgets see
    // nested samples). Validation keeps at least kMinScoredRows rows so a
    // low-budget accuracy still ranks candidates.
    double budget = 1.0;
    // Progress of training: (steps done, total steps); see nn::TrainConfig.
    std::function<void(std::size_t, std::size_t)> on_step;
};

inline constexpr std::size_t kMinScoredRows = 1000;

class Evaluator {
public:
    explicit Evaluator(std::shared_ptr<const Task> task);

    // `activations` holds one function for every hidden layer, or one per
    // hidden layer (conv blocks first, then the dense layers of the
    // architecture in use).
    [[nodiscard]] Score evaluate(std::span<const expr::Tree> activations, std::uint64_t seed,
                                 const EvaluationOptions& options = {}) const;
    [[nodiscard]] Score evaluate(const expr::Tree& activation, std::uint64_t seed,
                                 const EvaluationOptions& options = {}) const;
    // Formulas separated by ';' (one per hidden layer, or one for all);
    // baseline names are accepted. A formula that does not parse is Invalid.
    [[nodiscard]] Score evaluate(std::string_view formulas, std::uint64_t seed,
                                 const EvaluationOptions& options = {}) const;

    [[nodiscard]] const Task& task() const noexcept { return *task_; }

private:
    std::shared_ptr<const Task> task_;
};

// "F1;F2" -> trees, resolving baseline names; throws ParseError/Error.
[[nodiscard]] std::vector<expr::Tree> parse_activations(std::string_view formulas);

} // namespace actforge::fitness
