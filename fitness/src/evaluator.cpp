#include "actforge/fitness/evaluator.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/core/text.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/fitness/baselines.hpp"
#include "actforge/fitness/prescreen.hpp"
#include "actforge/fitness/task_network.hpp"
#include "actforge/nn/network.hpp"

#include <cmath>
#include <fmt/format.h>
#include <optional>
#include <variant>

namespace actforge::fitness {
namespace {

ScoreStatus from_train_status(nn::TrainStatus s) {
    switch (s) {
    case nn::TrainStatus::Ok: return ScoreStatus::Ok;
    case nn::TrainStatus::NonFinite: return ScoreStatus::NonFinite;
    case nn::TrainStatus::Diverged: return ScoreStatus::Diverged;
    case nn::TrainStatus::Timeout: return ScoreStatus::Timeout;
    }
    return ScoreStatus::Invalid;
}

// The first `budget` of the rows, at least `floor` of them (all when fewer).
std::span<const std::uint32_t> budgeted(std::span<const std::uint32_t> rows, double budget, std::size_t floor) {
    if (budget >= 1.0) return rows;
    const auto wanted = static_cast<std::size_t>(std::ceil(budget * static_cast<double>(rows.size())));
    return rows.first(std::min(rows.size(), std::max(wanted, floor)));
}

std::vector<std::vector<float>> learned_parameters(const nn::Network& net) {
    std::vector<std::vector<float>> out;
    for (const nn::ActivationLayer* layer : net.activation_layers()) out.push_back(layer->parameter_means());
    return out;
}

Score failed(ScoreStatus status, std::string message) {
    Score score;
    score.status = status;
    score.message = std::move(message);
    return score;
}

// One step of an evaluation: its value, or the failed Score that ends it.
template <class T> using Step = std::variant<T, Score>;
using Specs = std::vector<nn::ActivationSpec>;

// What can be refused before any work: the number of functions for the
// network's activation layers and the training budget.
std::optional<Score> refusal(const TaskSpec& spec, const Architecture& architecture, std::size_t functions,
                           const EvaluationOptions& options) {
    const std::size_t layers = spec.conv_channels.size() + architecture.hidden.size();
    if (functions != 1 && functions != layers) {
        return failed(ScoreStatus::Invalid, fmt::format("{} activations given for {} hidden layers (give 1 or {})",
                                                        functions, layers, layers));
    }
    if (!(options.budget > 0.0 && options.budget <= 1.0)) {
        return failed(ScoreStatus::Invalid, fmt::format("training budget {} is outside (0, 1]", options.budget));
    }
    return std::nullopt;
}

// The activation specs, each function pre-screened first unless the options
// skip it; the first function that fails decides the Score.
Step<Specs> prescreen_all(std::span<const expr::Tree> activations, const EvaluationOptions& options) {
    Specs specs;
    for (const expr::Tree& tree : activations) {
        if (!options.skip_prescreen) {
            PrescreenResult pre = prescreen(tree);
            if (!pre.ok()) return failed(pre.status, std::move(pre.message));
        }
        specs.push_back(nn::make_activation(tree));
    }
    return specs;
}

nn::TrainConfig train_config(const TaskSpec& spec, const Architecture& architecture, std::uint64_t seed,
                             const EvaluationOptions& options) {
    nn::TrainConfig config = training_config(spec, architecture, seed);
    if (options.epochs > 0) config.epochs = options.epochs;
    config.on_step = options.on_step;
    return config;
}

// A trained network and its Score so far: the training loss and the learned
// parameters, which a failed training reports too.
struct Trained {
    nn::Network network;
    Score score;
};

// Weights from Rng(seed).child(0), minibatch order from Rng(seed).child(1).
Step<Trained> train_network(const Task& task, std::span<const nn::ActivationSpec> specs,
                            const Architecture& architecture, std::uint64_t seed, const EvaluationOptions& options) {
    const Rng rng(seed);
    Rng init_rng = rng.child(0);
    Trained out{build_network(task, architecture.hidden, specs, init_rng), {}};
    const nn::TrainConfig config = train_config(task.spec(), architecture, rng.child(1)(), options);
    const DatasetView& rows = options.full_training_split ? task.full_train() : task.train();
    const Dataset& data = rows.dataset();
    const nn::TrainResult result = nn::train(out.network, data.features, data.labels,
                                             budgeted(rows.rows(), options.budget, config.batch_size), config);
    out.score.train_loss = result.final_train_loss;
    out.score.learned_parameters = learned_parameters(out.network);
    if (result.status != nn::TrainStatus::Ok) {
        out.score.status = from_train_status(result.status);
        out.score.message = result.message;
        return std::move(out.score);
    }
    return out;
}

// Accuracy and loss of the trained network on the split the options name.
Score score_network(const Task& task, Trained trained, const EvaluationOptions& options) {
    const DatasetView& split = options.split == ScoredSplit::Test ? task.test() : task.validation();
    const Dataset& data = split.dataset();
    // Scored in batches of the training batch size: the network's buffers
    // already have that many rows, so scoring allocates nothing and touches
    // no fresh memory. At 256 rows a CNN's buffers grew by tens of MB of
    // first-touch page faults (fashion-mnist-cnn: 1.93 s -> 1.80 s per eval).
    const std::size_t batch = task.spec().training.batch_size;
    const nn::EvalResult eval = nn::evaluate(trained.network, data.features, data.labels,
                                             budgeted(split.rows(), options.budget, kMinScoredRows), batch);
    Score score = std::move(trained.score);
    if (!eval.finite) {
        score.status = ScoreStatus::NonFinite;
        score.message = "the network's outputs are not finite on the scored split";
        return score;
    }
    score.status = ScoreStatus::Ok;
    score.accuracy = eval.accuracy;
    score.loss = eval.loss;
    return score;
}

// Pre-screen, train, score; an exception from any of them makes the
// candidate Invalid.
Score run(const Task& task, std::span<const expr::Tree> activations, const Architecture& architecture,
          std::uint64_t seed, const EvaluationOptions& options) {
    try {
        Step<Specs> specs = prescreen_all(activations, options);
        if (Score* failure = std::get_if<Score>(&specs)) return std::move(*failure);
        Step<Trained> trained = train_network(task, std::get<Specs>(specs), architecture, seed, options);
        if (Score* failure = std::get_if<Score>(&trained)) return std::move(*failure);
        return score_network(task, std::get<Trained>(std::move(trained)), options);
    } catch (const std::exception& e) {
        return failed(ScoreStatus::Invalid, e.what());
    }
}

} // namespace

std::vector<expr::Tree> parse_activations(std::string_view formulas) {
    const std::vector<std::string> fields = split_fields(formulas, ';');
    std::vector<expr::Tree> trees;
    for (const std::string& field : fields) {
        try {
            trees.push_back(expr::parse(resolve_formula(field)));
        } catch (const ParseError& e) {
            if (fields.size() == 1) throw;
            throw Error(fmt::format("activation {}: {}", trees.size() + 1, e.what()));
        }
    }
    return trees;
}

Evaluator::Evaluator(std::shared_ptr<const Task> task) : task_(std::move(task)) {
    if (!task_) throw Error("Evaluator needs a task");
}

Score Evaluator::evaluate(const expr::Tree& activation, std::uint64_t seed, const EvaluationOptions& options) const {
    return evaluate(std::span<const expr::Tree>(&activation, 1), seed, options);
}

Score Evaluator::evaluate(std::string_view formulas, std::uint64_t seed, const EvaluationOptions& options) const {
    std::vector<expr::Tree> trees;
    try {
        trees = parse_activations(formulas);
    } catch (const std::exception& e) {
        return failed(ScoreStatus::Invalid, e.what());
    }
    return evaluate(trees, seed, options);
}

// A refused candidate takes no time; every other Score is timed here.
Score Evaluator::evaluate(std::span<const expr::Tree> activations, std::uint64_t seed,
                          const EvaluationOptions& options) const {
    const Architecture architecture = options.architecture.value_or(default_architecture(task_->spec()));
    if (std::optional<Score> refused = refusal(task_->spec(), architecture, activations.size(), options)) {
        return std::move(*refused);
    }
    const Timer timer;
    Score score = run(*task_, activations, architecture, seed, options);
    score.seconds = timer.seconds();
    return score;
}

} // namespace actforge::fitness
