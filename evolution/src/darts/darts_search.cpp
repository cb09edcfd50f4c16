#include "actforge/evolution/darts/darts_search.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/evolution/strategies/adam_ascent.hpp"
#include "actforge/fitness/task_network.hpp"
#include "actforge/nn/core_unit_mixture.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/minibatch.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>

namespace actforge::evolution {
namespace {

// Children of Rng(seed), one per use (see darts_search.hpp).
constexpr std::uint64_t kWeightInit = 0;
constexpr std::uint64_t kWeightOrder = 1;
constexpr std::uint64_t kRowSplit = 2;
constexpr std::uint64_t kAlphaOrder = 3;

// The alpha side of the search: it runs before every weight step.
class AlphaSearch {
public:
    // Weight steps: those of the warm start, and all of them.
    struct Steps {
        std::size_t warm;
        std::size_t total;
    };

    AlphaSearch(nn::Network& net, std::vector<nn::MixtureLayer*> layers, const fitness::Dataset& data,
                std::vector<std::uint32_t> rows, const DartsSettings& settings, std::size_t batch,
                std::size_t steps_per_epoch, Steps steps, DartsResult& result)
        : net_(net), layers_(std::move(layers)), data_(data), rows_(std::move(rows)), settings_(settings),
          batch_(std::min(batch, rows_.size())), steps_per_epoch_(steps_per_epoch), total_steps_(steps.total),
          warm_steps_(steps.warm), rng_(Rng(settings.seed).child(kAlphaOrder)), result_(result) {
        const std::size_t mixtures = settings.per_layer ? layers_.size() : 1;
        slots_ = slot_ranges(layers_.front()->slot_sizes());
        const auto k = static_cast<Eigen::Index>(layers_.front()->weight_count());
        alpha_.assign(mixtures, Eigen::VectorXd::Zero(k));
        active_.assign(mixtures, std::vector<bool>(static_cast<std::size_t>(k), true));
        result_.dropped.assign(mixtures, {});
        adam_.assign(mixtures, AdamAscent(k, settings.arch_beta1));
        xa_.resize(static_cast<Eigen::Index>(batch_), data.features.cols());
        ya_.resize(batch_);
        cursor_ = rows_.size(); // shuffle before the first batch
        apply_weights(temperature(0));
    }

    void before_step(std::size_t step) {
        if (step > 0 && step % steps_per_epoch_ == 0) {
            record(step / steps_per_epoch_, step);
            shrink(step);
        }
        if (step < warm_steps_) return;
        const double t = temperature(step);
        apply_weights(t);
        next_batch();
        const nn::Matrix& logits = net_.forward(xa_);
        const float loss = nn::SoftmaxCrossEntropy::loss_and_grad(logits, ya_, grad_logits_);
        // A non-finite value stays flagged for the trainer, which stops on it.
        if (!std::isfinite(loss) || net_.saw_non_finite()) return;
        net_.backward(grad_logits_);
        for (std::size_t m = 0; m < alpha_.size(); ++m) {
            Eigen::VectorXd grad = gradient(m, t) + settings_.arch_weight_decay * alpha_[m];
            if (!grad.allFinite()) continue;
            // A dropped option's alpha stays where it was dropped: no decay,
            // and no step from the momentum Adam kept for it (Adam works
            // per coordinate, so the others' steps are unchanged).
            const Eigen::VectorXd before = alpha_[m];
            adam_[m].ascend(alpha_[m], -grad, settings_.arch_lr);
            for (std::size_t k = 0; k < active_[m].size(); ++k) {
                if (!active_[m][k]) alpha_[m][static_cast<Eigen::Index>(k)] = before[static_cast<Eigen::Index>(k)];
            }
        }
        apply_weights(t);
    }

    // The mixtures after `epoch` epochs, at the temperature of step `step`.
    void record(std::size_t epoch, std::size_t step) {
        const double t = temperature(step);
        for (std::size_t m = 0; m < alpha_.size(); ++m) {
            const std::vector<double> a(alpha_[m].begin(), alpha_[m].end());
            result_.history.push_back({epoch, m, t, a, weights_of(m, t)});
        }
    }

    // The final weights, once per mixture, into the result and the layers.
    void finish(std::size_t epochs_done) {
        record(epochs_done, total_steps_);
        const double t = temperature(total_steps_);
        result_.weights.clear();
        for (std::size_t m = 0; m < alpha_.size(); ++m) result_.weights.push_back(weights_of(m, t));
        for (std::size_t l = 0; l < layers_.size(); ++l) layers_[l]->set_weights(result_.weights[mixture_of(l)]);
    }

private:
    [[nodiscard]] double temperature(std::size_t step) const {
        if (step <= warm_steps_ || total_steps_ <= warm_steps_) return settings_.temperature_start;
        const double progress =
            static_cast<double>(step - warm_steps_) / static_cast<double>(total_steps_ - warm_steps_);
        return settings_.temperature_start *
               std::pow(settings_.temperature_end / settings_.temperature_start, std::min(progress, 1.0));
    }

    // The mixture (alpha vector) of activation layer l: one shared, or one each.
    [[nodiscard]] std::size_t mixture_of(std::size_t l) const { return alpha_.size() == 1 ? 0 : l; }

    // softmax(alpha / t) over the options still in each slot of mixture m; 0 for the dropped.
    [[nodiscard]] std::vector<double> weights_of(std::size_t m, double t) const {
        std::vector<double> out(active_[m].size(), 0.0);
        for (const SlotRange& slot : slots_) {
            std::vector<double> kept;
            for (std::size_t k = slot.from; k < slot.end(); ++k) {
                if (active_[m][k]) kept.push_back(alpha_[m][static_cast<Eigen::Index>(k)]);
            }
            const std::vector<double> w = nn::mixture_weights(kept, t);
            for (std::size_t k = slot.from, j = 0; k < slot.end(); ++k) {
                if (active_[m][k]) out[k] = w[j++];
            }
        }
        return out;
    }

    // After every shrink_every search epochs, each slot of each mixture with
    // more than `top` options left drops the one of least weight (alpha; the
    // first on a tie).
    void shrink(std::size_t step) {
        const std::size_t every = settings_.shrink_every;
        if (every == 0 || step <= warm_steps_ || (step - warm_steps_) % (every * steps_per_epoch_) != 0) return;
        for (std::size_t m = 0; m < alpha_.size(); ++m) {
            std::vector<bool>& active = active_[m];
            for (const SlotRange& slot : slots_) {
                const auto begin = active.begin() + static_cast<std::ptrdiff_t>(slot.from);
                const auto left =
                    static_cast<std::size_t>(std::count(begin, begin + static_cast<std::ptrdiff_t>(slot.size), true));
                std::optional<std::size_t> weakest;
                for (std::size_t k = slot.from; k < slot.end() && left > settings_.top; ++k) {
                    const auto i = static_cast<Eigen::Index>(k);
                    if (active[k] && (!weakest || alpha_[m][i] < alpha_[m][static_cast<Eigen::Index>(*weakest)]))
                        weakest = k;
                }
                if (weakest) {
                    active[*weakest] = false;
                    result_.dropped[m].push_back(*weakest);
                }
            }
        }
    }

    void apply_weights(double t) {
        applied_.clear();
        for (std::size_t m = 0; m < alpha_.size(); ++m) {
            std::vector<double>& w = applied_.emplace_back(weights_of(m, t));
            // As the layers hold them (float), so that the gradient uses what the forward pass used.
            for (double& v : w) v = static_cast<float>(v);
        }
        for (std::size_t l = 0; l < layers_.size(); ++l) layers_[l]->set_weights(applied_[mixture_of(l)]);
    }

    // dL/dalpha of mixture m, slot by slot: a shared mixture sums its layers' gradients.
    [[nodiscard]] Eigen::VectorXd gradient(std::size_t m, double t) const {
        Eigen::VectorXd grad = Eigen::VectorXd::Zero(alpha_[m].size());
        const std::span<const double> w = applied_[m];
        for (std::size_t l = 0; l < layers_.size(); ++l) {
            if (alpha_.size() > 1 && l != m) continue;
            const std::span<const double> g = layers_[l]->weight_gradients();
            for (const SlotRange& slot : slots_) {
                const std::vector<double> d =
                    nn::mixture_alpha_gradient(w.subspan(slot.from, slot.size), g.subspan(slot.from, slot.size), t);
                for (std::size_t k = 0; k < slot.size; ++k) grad[static_cast<Eigen::Index>(slot.from + k)] += d[k];
            }
        }
        return grad;
    }

    void next_batch() {
        if (cursor_ + batch_ > rows_.size()) {
            nn::shuffle(rows_, rng_);
            cursor_ = 0;
        }
        nn::gather(data_.features, data_.labels, std::span<const std::uint32_t>(rows_.data() + cursor_, batch_), xa_,
                   ya_);
        cursor_ += batch_;
    }

    nn::Network& net_;
    std::vector<nn::MixtureLayer*> layers_;
    std::vector<SlotRange> slots_; // the options of each slot, as the layers lay out their weights
    const fitness::Dataset& data_;
    std::vector<std::uint32_t> rows_;
    const DartsSettings& settings_;
    std::size_t batch_;
    std::size_t steps_per_epoch_;
    std::size_t total_steps_;
    std::size_t warm_steps_;
    Rng rng_;
    DartsResult& result_;
    std::vector<Eigen::VectorXd> alpha_;
    std::vector<std::vector<bool>> active_;    // [mixture][option]: not dropped by shrinking
    std::vector<std::vector<double>> applied_; // [mixture]: the weights the layers hold
    std::vector<AdamAscent> adam_;
    nn::Matrix xa_;
    std::vector<std::int32_t> ya_;
    nn::Matrix grad_logits_;
    std::size_t cursor_ = 0;
};

std::vector<nn::ActivationSpec> component_specs(const std::vector<MixtureComponent>& components) {
    std::vector<nn::ActivationSpec> specs;
    for (const MixtureComponent& c : components) specs.push_back(nn::make_activation(c.tree));
    return specs;
}

} // namespace

std::vector<SlotRange> slot_ranges(std::span<const std::size_t> slot_sizes) {
    std::vector<SlotRange> out;
    std::size_t from = 0;
    for (const std::size_t size : slot_sizes) {
        out.push_back({from, size});
        from += size;
    }
    return out;
}

DartsRows darts_rows(const fitness::Task& task, const DartsSettings& settings) {
    const std::span<const std::uint32_t> all = task.train().rows();
    std::vector<std::uint32_t> rows(all.begin(), all.end());
    Rng rng = Rng(settings.seed).child(kRowSplit);
    nn::shuffle(rows, rng);
    const auto n_alpha = static_cast<std::size_t>(std::llround(settings.arch_fraction * static_cast<double>(rows.size())));
    if (n_alpha == 0 || n_alpha >= rows.size()) {
        throw Error(fmt::format("{} training rows cannot be split {:g}/{:g} for weights and alpha", rows.size(),
                                1.0 - settings.arch_fraction, settings.arch_fraction));
    }
    DartsRows out;
    out.alpha.assign(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n_alpha));
    out.weights.assign(rows.begin() + static_cast<std::ptrdiff_t>(n_alpha), rows.end());
    return out;
}

namespace {

// The mixture layer the network builders put in place of every activation;
// `layers` collects them, in the network's order.
// input_sd > 0: every layer holds its input at that spread.
nn::ActivationSpec mixture_spec(const DartsResult& result, const DartsSettings& settings, float input_sd,
                                std::vector<nn::MixtureLayer*>& layers) {
    auto parts = std::make_shared<std::vector<nn::ActivationSpec>>(component_specs(result.components));
    auto scales = std::make_shared<std::vector<nn::ComponentScale>>();
    for (const MixtureComponent& c : result.components) {
        scales->push_back({static_cast<float>(c.offset), static_cast<float>(c.scale)});
    }
    nn::ActivationSpec mixed;
    mixed.make_layer = [parts, scales, &layers, binaries = result.binaries, cell = settings.cell,
                        clamp = settings.clamp,
                        input_sd](std::size_t width, std::size_t unit_size, nn::ParamSharing sharing) {
        std::unique_ptr<nn::MixtureLayer> layer;
        if (cell == DartsCell::CoreUnit) {
            layer = std::make_unique<nn::CoreUnitMixtureLayer>(*parts, binaries, sharing, width, unit_size, clamp);
        } else {
            layer = std::make_unique<nn::MixedActivationLayer>(*parts, sharing, width, unit_size, clamp);
        }
        layer->set_standardization(*scales);
        layer->set_input_scale(input_sd);
        layers.push_back(layer.get());
        return layer;
    };
    return mixed;
}

} // namespace

DartsResult run_darts(const fitness::Task& task, const DartsSettings& settings,
                      const std::function<void(std::size_t, std::size_t)>& on_step) {
    settings.validate();
    DartsResult result;
    result.cell = settings.cell;
    result.components = mixture_components(settings, result.refused, task.spec().init);
    if (result.components.empty())
        throw Error("no function is left in the mixture: each was refused by the pre-screen or is affine in x");
    if (settings.cell == DartsCell::CoreUnit) {
        result.binaries = core_unit_binaries(settings, result.refused);
        if (result.binaries.empty()) throw Error("no binary function of the relaxed core unit is in the primitive set");
    }
    std::vector<nn::MixtureLayer*> layers;
    // A recurrent cell runs its mixture once per step, so one running
    // spread would not describe its inputs; it reads them as they are.
    const bool hold = settings.hold_input_spread && !task.spec().cell;
    const auto input_sd = hold ? static_cast<float>(pre_activation_sd(task.spec().init)) : 0.0f;
    const nn::ActivationSpec mixed = mixture_spec(result, settings, input_sd, layers);
    const fitness::Architecture architecture = fitness::default_architecture(task.spec());
    Rng init = Rng(settings.seed).child(kWeightInit);
    nn::Network net = fitness::build_network(task, architecture.hidden, std::span(&mixed, 1), init);
    result.layers = layers.size();
    if (layers.empty()) throw Error("the task's network has no activation layer to search");
    result.slot_sizes = layers.front()->slot_sizes();

    const DartsRows rows = darts_rows(task, settings);
    nn::TrainConfig config =
        fitness::training_config(task.spec(), architecture, Rng(settings.seed).child(kWeightOrder)());
    config.epochs = settings.supernet_epochs(config.epochs);
    const std::size_t warm_epochs = settings.warm_epochs_of(config.epochs);
    const std::size_t batch = std::min(config.batch_size, rows.weights.size());
    const std::size_t steps_per_epoch = rows.weights.size() / batch;
    const fitness::Dataset& data = task.train().dataset();
    AlphaSearch alpha(net, layers, data, rows.alpha, settings, batch, steps_per_epoch,
                      {warm_epochs * steps_per_epoch, steps_per_epoch * config.epochs}, result);
    alpha.record(0, 0);
    config.before_step = [&](std::size_t step, std::size_t) { alpha.before_step(step); };
    config.on_step = on_step;
    result.training = nn::train(net, data.features, data.labels, rows.weights, config);
    alpha.finish(result.training.epochs_done);
    for (const nn::MixtureLayer* layer : layers) {
        auto& per_option = result.learned.emplace_back();
        for (std::size_t slot = 0; slot < result.slot_sizes.size(); ++slot) {
            for (std::size_t k = 0; k < result.slot_sizes[slot]; ++k)
                per_option.push_back(layer->option_parameters(slot, k));
        }
    }
    if (result.training.status == nn::TrainStatus::Ok) {
        const fitness::DatasetView& val = task.validation();
        result.supernet_accuracy = nn::evaluate(net, val.dataset().features, val.dataset().labels, val.rows(),
                                                config.batch_size) // as the evaluator scores: no buffer grows
                                       .accuracy;
    }
    return result;
}

} // namespace actforge::evolution
