#include "actforge/fitness/evaluator.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/core/text.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/fitness/baselines.hpp"
#include "actforge/fitness/prescreen.hpp"
#include "actforge/nn/cnn.hpp"
#include "actforge/nn/network.hpp"

#include <cmath>
#include <fmt/format.h>

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

nn::Network build_network(const Task& task, const std::vector<std::size_t>& hidden,
                          std::span<const nn::ActivationSpec> specs, Rng& rng) {
    const TaskSpec& spec = task.spec();
    if (spec.conv_channels.empty()) {
        return nn::make_mlp(task.input_size(), hidden, task.num_classes(), specs, spec.sharing, spec.init, rng);
    }
    const ImageShape& image = task.train().dataset().image;
    nn::CnnSpec cnn;
    cnn.conv_channels = spec.conv_channels;
    cnn.dense_hidden = hidden;
    return nn::make_cnn(nn::ImageShape{image.channels, image.height, image.width}, cnn, task.num_classes(), specs,
                        spec.sharing, spec.init, rng);
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
        Score s;
        s.status = ScoreStatus::Invalid;
        s.message = e.what();
        return s;
    }
    return evaluate(trees, seed, options);
}

Score Evaluator::evaluate(std::span<const expr::Tree> activations, std::uint64_t seed,
                          const EvaluationOptions& options) const {
    Score score;
    const TaskSpec& spec = task_->spec();
    const Architecture architecture = options.architecture.value_or(default_architecture(spec));
    const std::size_t layers = spec.conv_channels.size() + architecture.hidden.size();
    if (activations.size() != 1 && activations.size() != layers) {
        score.message =
            fmt::format("{} activations given for {} hidden layers (give 1 or {})", activations.size(), layers, layers);
        return score;
    }
    if (!(options.budget > 0.0 && options.budget <= 1.0)) {
        score.message = fmt::format("training budget {} is outside (0, 1]", options.budget);
        return score;
    }
    Timer timer;
    try {
        std::vector<nn::ActivationSpec> specs;
        for (const expr::Tree& tree : activations) {
            if (!options.skip_prescreen) {
                const PrescreenResult pre = prescreen(tree);
                if (!pre.ok()) {
                    score.status = pre.status;
                    score.message = pre.message;
                    score.seconds = timer.seconds();
                    return score;
                }
            }
            specs.push_back(nn::make_activation(tree));
        }
        const Rng rng(seed);
        Rng init_rng = rng.child(0);
        nn::Network net = build_network(*task_, architecture.hidden, specs, init_rng);
        nn::TrainConfig config = spec.training;
        config.seed = rng.child(1)();
        config.lr = architecture.learning_rate;
        if (options.epochs > 0) config.epochs = options.epochs;
        config.on_step = options.on_step;

        const DatasetView& train_rows = options.full_training_split ? task_->full_train() : task_->train();
        const Dataset& train_data = train_rows.dataset();
        const nn::TrainResult trained =
            nn::train(net, train_data.features, train_data.labels,
                      budgeted(train_rows.rows(), options.budget, config.batch_size), config);
        score.train_loss = trained.final_train_loss;
        score.learned_parameters = learned_parameters(net);
        if (trained.status != nn::TrainStatus::Ok) {
            score.status = from_train_status(trained.status);
            score.message = trained.message;
            score.seconds = timer.seconds();
            return score;
        }
        const DatasetView& scored = options.split == ScoredSplit::Test ? task_->test() : task_->validation();
        const Dataset& scored_data = scored.dataset();
        const nn::EvalResult eval = nn::evaluate(net, scored_data.features, scored_data.labels,
                                                 budgeted(scored.rows(), options.budget, kMinScoredRows),
                                                 std::max<std::size_t>(config.batch_size, 256));
        score.seconds = timer.seconds();
        if (!eval.finite) {
            score.status = ScoreStatus::NonFinite;
            score.message = "the network's outputs are not finite on the scored split";
            return score;
        }
        score.status = ScoreStatus::Ok;
        score.accuracy = eval.accuracy;
        score.loss = eval.loss;
    } catch (const std::exception& e) {
        score.status = ScoreStatus::Invalid;
        score.message = e.what();
        score.seconds = timer.seconds();
    }
    return score;
}

} // namespace actforge::fitness
