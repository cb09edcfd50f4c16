#include "actforge/evolution/campaign/engine.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/evolution/backends/multi_task_backend.hpp"
#include "actforge/evolution/backends/thread_backend.hpp"
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "actforge/evolution/campaign/generation_stats.hpp"
#include "actforge/evolution/campaign/hall_verification.hpp"
#include "actforge/evolution/campaign/pricing.hpp"
#include "actforge/evolution/campaign/score_cache.hpp"
#include "actforge/evolution/campaign/successive_halving.hpp"
#include "actforge/evolution/strategies/strategy.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <mutex>
#include <optional>

namespace actforge::evolution {

std::string_view to_string(StopReason r) noexcept {
    switch (r) {
    case StopReason::Generations: return "generations done";
    case StopReason::TimeBudget: return "time budget used";
    case StopReason::EvaluationBudget: return "evaluation budget used";
    case StopReason::Interrupted: return "interrupted";
    case StopReason::Converged: return "converged: 10 generations proposed no new candidate";
    }
    return "";
}

namespace {

class Campaign {
public:
    Campaign(CampaignFolder& folder, const EngineOptions& options)
        : folder_(folder), config_(folder.config()), options_(options), tasks_(load_tasks(config_)),
          trainer_(make_trainer(tasks_, options)),
          multi_task_(config_.multi_task()
                          ? std::make_unique<MultiTaskBackend>(*trainer_, config_.task_names, config_.seed)
                          : nullptr),
          backend_(multi_task_ ? static_cast<EvaluationBackend&>(*multi_task_) : *trainer_),
          pricer_(config_, *tasks_.front()), log_(folder.log_path()), strategy_(make_strategy(config_)) {}

    CampaignResult run() {
        CampaignResult result;
        result.reused_scores = log_.logged().size();
        result.resumed = restore();
        cache_ = ScoreCache(log_, state_.generation);
        SuccessiveHalving halving(config_, backend_, log_, cache_);
        HallVerifier verifier(config_, backend_, log_, cache_);
        while (true) {
            if (const std::optional<StopReason> stop = stop_reason()) {
                result.reason = *stop;
                break;
            }
            std::vector<Individual> generation = strategy_->ask(state_.generation);
            for (Individual& ind : generation) pricer_.price(ind);
            const HalvingResult scored = halving.evaluate(
                generation, state_.generation, [this] { return stop_requested() || out_of_time(); },
                [this](const TrainingDone& t) { report(t); });
            if (!scored.complete) {
                result.reason = stop_requested() ? StopReason::Interrupted : StopReason::TimeBudget;
                break;
            }
            // Verification finishes even past the time budget (it is bounded:
            // verify_top candidates and their networks' baselines, verify_seeds
            // trainings each); only a stop request drops the generation.
            if (!advance(std::move(generation), scored, verifier)) {
                result.reason = StopReason::Interrupted;
                break;
            }
        }
        result.state = state_;
        result.population = committed_population_;
        return result;
    }

private:
    static std::vector<std::shared_ptr<const fitness::Task>> load_tasks(const CampaignConfig& config) {
        std::vector<std::shared_ptr<const fitness::Task>> out;
        for (const auto& spec : config.tasks()) out.push_back(fitness::Task::load(spec));
        return out;
    }

    static std::unique_ptr<EvaluationBackend>
    make_trainer(const std::vector<std::shared_ptr<const fitness::Task>>& tasks, const EngineOptions& options) {
        if (options.make_backend) return options.make_backend(tasks, options.threads);
        return std::make_unique<ThreadBackend>(tasks, options.threads);
    }

    // Loads the checkpoint, if any, into the state and the strategy.
    bool restore() {
        if (!folder_.checkpoint()) {
            state_.strategy = std::string(strategy_->name());
            state_.hall_of_fame = HallOfFame(config_.hall_of_fame_size);
            state_.proposals = 0;
            return false;
        }
        state_ = *folder_.checkpoint();
        if (state_.strategy != strategy_->name()) {
            throw Error(fmt::format("the checkpoint holds the state of strategy '{}', not '{}'", state_.strategy,
                                    strategy_->name()));
        }
        strategy_->restore(state_.strategy_state);
        committed_population_ = strategy_->population();
        reprice_unpriced(state_.hall_of_fame, pricer_);
        session_start_elapsed_ = state_.elapsed_seconds;
        note_best(committed_population_);
        return true;
    }

    void raise_best(double accuracy) { best_ = std::isnan(best_) ? accuracy : std::max(best_, accuracy); }

    // The best full-budget score shown by the progress line (outside the trainings).
    void note_best(const std::vector<Individual>& population) {
        for (const auto& ind : population) {
            if (ind.score.ok() && ind.full_budget()) raise_best(ind.score.accuracy);
        }
    }

    [[nodiscard]] std::optional<StopReason> stop_reason() const {
        if (state_.generation >= config_.generations) return StopReason::Generations;
        if (config_.max_evaluations > 0 && state_.evaluations >= config_.max_evaluations)
            return StopReason::EvaluationBudget;
        if (out_of_time()) return StopReason::TimeBudget;
        if (idle_generations() >= kIdleGenerations) return StopReason::Converged;
        if (stop_requested()) return StopReason::Interrupted;
        return std::nullopt;
    }

    // Trailing generations of the history that trained nothing (derived
    // from the checkpoint's history, so a resume sees the same count).
    [[nodiscard]] std::size_t idle_generations() const {
        std::size_t idle = 0;
        for (std::size_t g = state_.history.size(); g-- > 0;) {
            const std::size_t before = g == 0 ? 0 : state_.history[g - 1].evaluations;
            if (state_.history[g].evaluations != before) break;
            ++idle;
        }
        return idle;
    }

    [[nodiscard]] double elapsed() const { return session_start_elapsed_ + session_.seconds(); }
    [[nodiscard]] bool out_of_time() const {
        return config_.time_budget_seconds > 0 && elapsed() >= config_.time_budget_seconds;
    }
    [[nodiscard]] bool stop_requested() const { return options_.stop != nullptr && options_.stop->load(); }

    // Called from worker threads as each training finishes.
    void report(const TrainingDone& t) {
        if (!options_.on_progress) return;
        ProgressInfo p;
        p.generation = state_.generation;
        p.generations = config_.generations;
        p.rung = t.rung;
        p.rungs = config_.rungs;
        p.done = t.done;
        p.total = t.total;
        p.evaluations = state_.evaluations + t.trained * backend_.trainings_per_job();
        {
            std::lock_guard lock(best_mutex_);
            // One training is a candidate's score only without --eval-seeds;
            // else the means come in after the generation (advance()).
            if (t.score->ok() && t.rung + 1 == config_.rungs && config_.eval_seeds == 1)
                raise_best(t.score->accuracy);
            p.best = best_;
        }
        p.elapsed_seconds = elapsed();
        options_.on_progress(p);
    }

    // Tells the strategy, updates and verifies the hall of fame, and saves
    // the checkpoint; false (nothing saved) when stopped while verifying.
    bool advance(std::vector<Individual> scored, const HalvingResult& counts, HallVerifier& verifier) {
        const std::size_t proposed = scored.size();
        strategy_->tell(state_.generation, std::move(scored));
        CampaignState next = state_;
        next.evaluations += counts.evaluations;
        next.candidates += counts.candidates;
        if (next.proposals) *next.proposals += proposed;
        const std::vector<Individual> population = strategy_->population();
        next.hall_of_fame.offer(population);
        if (!verifier.verify(next, next.generation, [this] { return stop_requested(); })) return false;
        next.generation += 1;
        next.strategy_state = strategy_->save();
        next.elapsed_seconds = elapsed();
        next.history.push_back(generation_stats(population, next.generation, next.evaluations, next.elapsed_seconds));
        state_ = std::move(next);
        committed_population_ = population;
        note_best(population);
        folder_.save(state_, strategy_->files());
        return true;
    }

    CampaignFolder& folder_;
    const CampaignConfig& config_;
    const EngineOptions& options_;
    std::vector<std::shared_ptr<const fitness::Task>> tasks_; // config_.tasks(), loaded
    std::unique_ptr<EvaluationBackend> trainer_;   // trains one job on one task
    std::unique_ptr<MultiTaskBackend> multi_task_; // with more than one task: over trainer_
    EvaluationBackend& backend_;                   // where the campaign's trainings run
    Pricer pricer_;
    EvaluationLog log_;
    std::unique_ptr<Strategy> strategy_;
    ScoreCache cache_;
    CampaignState state_;
    std::vector<Individual> committed_population_; // the strategy's members as of state_
    Timer session_;
    double session_start_elapsed_ = 0.0;
    std::mutex best_mutex_;
    // NaN until a score is known (a multi-task score, a gain over ReLU, may be negative).
    double best_ = std::numeric_limits<double>::quiet_NaN();
};

} // namespace

CampaignResult run_campaign(CampaignFolder& folder, const EngineOptions& options) {
    if (options.threads == 0) throw Error("--threads must be at least 1");
    Campaign campaign(folder, options);
    return campaign.run();
}

} // namespace actforge::evolution
