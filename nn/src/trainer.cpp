#include "actforge/nn/trainer.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/minibatch.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <optional>
#include <variant>

namespace actforge::nn {

std::string_view to_string(TrainStatus status) noexcept {
    switch (status) {
    case TrainStatus::Ok: return "ok";
    case TrainStatus::NonFinite: return "non-finite";
    case TrainStatus::Diverged: return "diverged";
    case TrainStatus::Timeout: return "timeout";
    }
    return "unknown";
}

namespace {

bool parameters_finite(const std::vector<ParamRef>& params) {
    for (const ParamRef& p : params) {
        if (!Eigen::Map<const Array>(p.value, static_cast<Eigen::Index>(p.size)).isFinite().all()) return false;
    }
    return true;
}

// Only the optimizer the config names is constructed.
std::variant<Sgd, Adam> make_optimizer(const TrainConfig& config) {
    if (config.optimizer == OptimizerKind::Sgd) return Sgd(config.sgd);
    return Adam(config.adam, config.optimizer == OptimizerKind::AdamW);
}

// One call of train(): everything the loop touches, allocated before the
// first step, and the result so far.
class TrainingRun {
public:
    TrainingRun(Network& network, const Matrix& features, std::span<const std::int32_t> labels,
                std::span<const std::uint32_t> rows, const TrainConfig& config)
        : network_(network), features_(features), labels_(labels), config_(config),
          batch_(std::min(config.batch_size, rows.size())), batches_per_epoch_(rows.size() / batch_),
          total_steps_(batches_per_epoch_ * config.epochs), order_(rows.begin(), rows.end()),
          xb_(static_cast<Eigen::Index>(batch_), features.cols()), yb_(batch_), params_(network.parameters()),
          optimizer_(make_optimizer(config)), rng_(config.seed) {
        result_.final_train_loss = std::numeric_limits<float>::quiet_NaN();
    }

    TrainResult train() {
        network_.set_training(true);
        network_.clear_non_finite();
        for (std::size_t epoch = 0; epoch < config_.epochs; ++epoch) {
            shuffle(order_, rng_);
            double epoch_loss = 0.0;
            for (std::size_t b = 0; b < batches_per_epoch_; ++b) {
                const std::optional<float> loss = step(epoch, b);
                if (!loss) return finish();
                epoch_loss += static_cast<double>(*loss);
                result_.final_train_loss = static_cast<float>(epoch_loss / static_cast<double>(b + 1));
            }
            ++result_.epochs_done;
        }
        // A last step can still push a weight to inf or NaN without any
        // forward seeing it.
        if (!parameters_finite(params_)) {
            result_.status = TrainStatus::NonFinite;
            result_.message = "non-finite parameter after the last step";
        }
        return finish();
    }

private:
    // Forward, loss, backward and an optimizer step on batch b of the
    // epoch's order. Returns the batch loss, or nothing when training stops
    // here (result_ then says why).
    std::optional<float> step(std::size_t epoch, std::size_t b) {
        // No batch starts once the budget is used up; a run that ends in
        // time is never reported as a timeout.
        if (config_.max_seconds > 0.0 && timer_.seconds() > config_.max_seconds) {
            return stop(TrainStatus::Timeout, fmt::format("time budget of {:g} s used up", config_.max_seconds), epoch);
        }
        if (config_.before_step) config_.before_step(result_.steps, total_steps_);
        gather(features_, labels_, std::span<const std::uint32_t>(order_.data() + b * batch_, batch_), xb_, yb_);
        const Matrix& logits = network_.forward(xb_);
        const float loss = SoftmaxCrossEntropy::loss_and_grad(logits, yb_, grad_logits_);
        if (network_.saw_non_finite() || !std::isfinite(loss)) {
            const char* what = std::isfinite(loss) ? "non-finite activation value or derivative" : "non-finite loss";
            return stop(TrainStatus::NonFinite, what, epoch, loss);
        }
        if (config_.divergence_loss > 0.0f && loss > config_.divergence_loss) {
            return stop(TrainStatus::Diverged, fmt::format("loss {:g} above {:g}", loss, config_.divergence_loss),
                        epoch, loss);
        }
        network_.backward(grad_logits_);
        // A recurrent cell computes its activation's derivatives in
        // backward(), so a non-finite f' shows only now: stop before the step.
        if (network_.saw_non_finite()) {
            return stop(TrainStatus::NonFinite, "non-finite activation derivative", epoch, loss);
        }
        if (config_.clip_norm > 0.0f && !std::isfinite(clip_grad_norm(params_, config_.clip_norm))) {
            return stop(TrainStatus::NonFinite, "non-finite gradient", epoch, loss);
        }
        const float lr = scheduled_lr(config_.schedule, config_.lr, result_.steps, total_steps_);
        std::visit([&](auto& optimizer) { optimizer.step(params_, lr); }, optimizer_);
        ++result_.steps;
        if (config_.on_step) config_.on_step(result_.steps, total_steps_);
        return loss;
    }

    // Records why training stops at the coming step of `epoch`; the
    // offending batch loss, when there is one, becomes the final loss.
    // Returns nothing, for step() to return.
    std::nullopt_t stop(TrainStatus status, std::string_view what, std::size_t epoch,
                        std::optional<float> loss = std::nullopt) {
        if (loss) result_.final_train_loss = *loss;
        result_.status = status;
        result_.message = fmt::format("{} at epoch {}, step {}", what, epoch + 1, result_.steps + 1);
        return std::nullopt;
    }

    TrainResult finish() {
        result_.seconds = timer_.seconds();
        return std::move(result_);
    }

    const Timer timer_; // first member: the time counts the allocations below
    Network& network_;
    const Matrix& features_;
    std::span<const std::int32_t> labels_;
    const TrainConfig& config_;
    std::size_t batch_;
    std::size_t batches_per_epoch_;
    std::size_t total_steps_;
    std::vector<std::uint32_t> order_;
    Matrix xb_;
    std::vector<std::int32_t> yb_;
    Matrix grad_logits_;
    std::vector<ParamRef> params_;
    std::variant<Sgd, Adam> optimizer_;
    Rng rng_;
    TrainResult result_;
};

} // namespace

TrainResult train(Network& network, const Matrix& features, std::span<const std::int32_t> labels,
                  std::span<const std::uint32_t> rows, const TrainConfig& config) {
    if (rows.empty()) throw Error("training needs at least one row");
    if (config.batch_size == 0) throw Error("training needs a positive batch size");
    check_dataset(features, labels, rows, network.output_size());
    return TrainingRun(network, features, labels, rows, config).train();
}

} // namespace actforge::nn
