#include "actforge/nn/trainer.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/minibatch.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>
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

} // namespace

TrainResult train(Network& network, const Matrix& features, std::span<const std::int32_t> labels,
                  std::span<const std::uint32_t> rows, const TrainConfig& config) {
    if (rows.empty()) throw Error("training needs at least one row");
    if (config.batch_size == 0) throw Error("training needs a positive batch size");
    check_dataset(features, labels, rows, network.output_size());

    const Timer timer;
    TrainResult result;
    result.final_train_loss = std::numeric_limits<float>::quiet_NaN();
    auto stop = [&](TrainStatus status, std::string message) {
        result.status = status;
        result.message = std::move(message);
        result.seconds = timer.seconds();
        return result;
    };

    // Everything the loop touches is allocated here.
    const std::size_t batch = std::min(config.batch_size, rows.size());
    const std::size_t batches_per_epoch = rows.size() / batch;
    const std::size_t total_steps = batches_per_epoch * config.epochs;
    std::vector<std::uint32_t> order(rows.begin(), rows.end());
    Matrix xb(static_cast<Eigen::Index>(batch), features.cols());
    std::vector<std::int32_t> yb(batch);
    Matrix grad_logits;
    std::vector<ParamRef> params = network.parameters();
    std::variant<Sgd, Adam> optimizer = make_optimizer(config);
    Rng rng(config.seed);

    network.set_training(true);
    network.clear_non_finite();
    for (std::size_t epoch = 0; epoch < config.epochs; ++epoch) {
        shuffle(order, rng);
        double epoch_loss = 0.0;
        for (std::size_t b = 0; b < batches_per_epoch; ++b) {
            // No batch starts once the budget is used up; a run that ends in
            // time is never reported as a timeout.
            if (config.max_seconds > 0.0 && timer.seconds() > config.max_seconds) {
                return stop(TrainStatus::Timeout, fmt::format("time budget of {:g} s used up at epoch {}, step {}",
                                                              config.max_seconds, epoch + 1, result.steps + 1));
            }
            const std::span<const std::uint32_t> batch_rows(order.data() + b * batch, batch);
            gather(features, labels, batch_rows, xb, yb);
            const Matrix& logits = network.forward(xb);
            const float loss = SoftmaxCrossEntropy::loss_and_grad(logits, yb, grad_logits);
            if (network.saw_non_finite() || !std::isfinite(loss)) {
                result.final_train_loss = loss;
                const char* what =
                    std::isfinite(loss) ? "non-finite activation value or derivative" : "non-finite loss";
                return stop(TrainStatus::NonFinite,
                            fmt::format("{} at epoch {}, step {}", what, epoch + 1, result.steps + 1));
            }
            if (config.divergence_loss > 0.0f && loss > config.divergence_loss) {
                result.final_train_loss = loss;
                return stop(TrainStatus::Diverged, fmt::format("loss {:g} above {:g} at epoch {}, step {}", loss,
                                                               config.divergence_loss, epoch + 1, result.steps + 1));
            }
            network.backward(grad_logits);
            if (config.clip_norm > 0.0f && !std::isfinite(clip_grad_norm(params, config.clip_norm))) {
                result.final_train_loss = loss;
                return stop(TrainStatus::NonFinite,
                            fmt::format("non-finite gradient at epoch {}, step {}", epoch + 1, result.steps + 1));
            }
            const float lr = scheduled_lr(config.schedule, config.lr, result.steps, total_steps);
            std::visit([&](auto& opt) { opt.step(params, lr); }, optimizer);
            ++result.steps;
            if (config.on_step) config.on_step(result.steps, total_steps);
            epoch_loss += static_cast<double>(loss);
            result.final_train_loss = static_cast<float>(epoch_loss / static_cast<double>(b + 1));
        }
        ++result.epochs_done;
    }
    // A last step can still push a weight to inf or NaN without any forward
    // seeing it.
    if (!parameters_finite(params)) return stop(TrainStatus::NonFinite, "non-finite parameter after the last step");
    return stop(TrainStatus::Ok, {});
}

} // namespace actforge::nn
