// The RL controller's learning: rewards from scored candidates, a
// REINFORCE step (or PPO epochs) with a moving-average baseline and an
// entropy bonus, and the log of what it did.
#include "actforge/core/error.hpp"
#include "actforge/evolution/strategies/rl_controller.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <numeric>

namespace actforge::evolution {
namespace {

// fitness() of the scored candidates, failures (and anything not finite)
// at the batch's worst finite reward, or all at `fallback` when none is finite.
std::vector<double> rewards_of(const std::vector<Individual>& scored, double fallback, std::size_t& failed) {
    std::vector<double> r;
    double worst = std::numeric_limits<double>::infinity();
    for (const Individual& ind : scored) {
        const double f = ind.evaluated ? ind.fitness() : std::numeric_limits<double>::quiet_NaN();
        r.push_back(f);
        if (std::isfinite(f)) worst = std::min(worst, f);
    }
    failed = static_cast<std::size_t>(std::count_if(r.begin(), r.end(), [](double v) { return !std::isfinite(v); }));
    const double floor = std::isfinite(worst) ? worst : fallback;
    for (double& v : r) {
        if (!std::isfinite(v)) v = floor;
    }
    return r;
}

double mean_of(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double stddev_of(const std::vector<double>& v, double mean) {
    double ss = 0.0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return std::sqrt(ss / static_cast<double>(v.size()));
}

} // namespace

void RlController::tell(std::size_t generation, std::vector<Individual> scored) {
    const std::vector<std::vector<std::size_t>> tokens = sequences(generation);
    if (scored.size() != tokens.size()) {
        throw Error(
            fmt::format("the RL controller asked for {} candidates but was told {}", tokens.size(), scored.size()));
    }
    std::size_t failed = 0;
    const std::vector<double> rewards = rewards_of(scored, baseline_.value_or(0.0), failed);
    // A batch that failed whole carries no signal, and its made-up rewards
    // must not set or move the baseline: logged, no step.
    RlUpdateLog log;
    if (failed < scored.size()) {
        log = update(tokens, rewards);
    } else {
        log.candidates = tokens.size();
        log.baseline = baseline_.value_or(std::numeric_limits<double>::quiet_NaN());
        log.mean_reward = std::numeric_limits<double>::quiet_NaN();
    }
    log.generation = generation;
    log.failed = failed;
    history_.push_back(std::move(log));
    remember(std::move(scored));
}

RlUpdateLog RlController::update(const std::vector<std::vector<std::size_t>>& tokens,
                                 const std::vector<double>& rewards) {
    RlUpdateLog log;
    log.candidates = tokens.size();
    if (tokens.empty()) return log;
    const double mean = mean_of(rewards);
    const double baseline = baseline_.value_or(mean);
    const double spread = stddev_of(rewards, mean);
    const double scale = settings_.normalize_advantages && spread > 1e-12 ? 1.0 / spread : 1.0;
    std::vector<double> advantages;
    for (double r : rewards) advantages.push_back((r - baseline) * scale);
    log.entropy = policy_steps(tokens, advantages);
    baseline_ = baseline_ ? settings_.baseline_decay * *baseline_ + (1.0 - settings_.baseline_decay) * mean : mean;
    log.mean_reward = mean;
    log.baseline = *baseline_;
    const std::vector<std::size_t> top = policy_.greedy();
    const SequenceStats greedy = policy_.evaluate(top);
    for (std::size_t t = 0; t < top.size(); ++t) {
        log.most_likely.push_back(space_.token_label(t, top[t]));
        log.probability.push_back(greedy.step_probabilities[t][static_cast<Eigen::Index>(top[t])]);
    }
    return log;
}

std::vector<double> RlController::policy_steps(const std::vector<std::vector<std::size_t>>& tokens,
                                               const std::vector<double>& advantages) {
    // REINFORCE: one ascent step on mean_i[A_i log p(s_i) + entropy_weight * sum_t H_t(s_i)].
    // PPO: ppo_epochs steps on mean_i[min(rho_i A_i, clip(rho_i, 1 -+ clip) A_i)] plus the same
    // entropy term, rho_i = p(s_i) / p_old(s_i); the first epoch (rho = 1) is the REINFORCE step.
    const double n = static_cast<double>(tokens.size());
    const double clip = settings_.ppo_clip;
    std::vector<double> old_log_prob;
    for (const auto& t : tokens) old_log_prob.push_back(policy_.evaluate(t).log_prob);
    std::vector<double> entropy(policy_.steps(), 0.0);
    for (std::size_t epoch = 0; epoch < std::max<std::size_t>(settings_.ppo_epochs, 1); ++epoch) {
        Eigen::VectorXd grad = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(policy_.parameter_count()));
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const double a = advantages[i];
            const double ratio = epoch == 0 ? 1.0 : std::exp(policy_.evaluate(tokens[i]).log_prob - old_log_prob[i]);
            // The clipped side has no gradient: the step stops pushing a sequence past 1 -+ clip.
            const bool clipped = (a > 0 && ratio > 1.0 + clip) || (a < 0 && ratio < 1.0 - clip);
            const double weight = clipped ? 0.0 : ratio * a / n;
            const SequenceStats s = policy_.accumulate_gradient(tokens[i], weight, settings_.entropy_weight / n, grad);
            if (epoch > 0) continue;
            for (std::size_t t = 0; t < s.step_entropy.size(); ++t) entropy[t] += s.step_entropy[t] / n;
        }
        if (!grad.allFinite()) break;
        Eigen::VectorXd theta = policy_.parameters();
        adam_.ascend(theta, grad, settings_.learning_rate);
        policy_.set_parameters(std::move(theta));
    }
    return entropy;
}

const RlUpdateLog* RlController::last_update() const noexcept { return history_.empty() ? nullptr : &history_.back(); }

} // namespace actforge::evolution
