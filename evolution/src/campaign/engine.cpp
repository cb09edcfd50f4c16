#include "actforge/evolution/campaign/engine.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "actforge/evolution/strategies/reproduction.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/fitness/evaluator.hpp"
#include "strategies/population.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <mutex>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <unordered_map>
#include <unordered_set>

namespace actforge::evolution {

std::string_view to_string(StopReason r) noexcept {
    switch (r) {
    case StopReason::Generations: return "generations done";
    case StopReason::TimeBudget: return "time budget used";
    case StopReason::EvaluationBudget: return "evaluation budget used";
    case StopReason::Interrupted: return "interrupted";
    }
    return "";
}

namespace {

using detail::island_sizes;
using detail::migrate;
using detail::stats_of;

class Campaign {
public:
    Campaign(CampaignFolder& folder, const EngineOptions& options)
        : folder_(folder), config_(folder.config()), options_(options), reproduction_(config_),
          evaluator_(fitness::Task::load(config_.task)), log_(folder.log_path()),
          arena_(static_cast<int>(options.threads)),
          reference_cost_(cost_of(fitness::default_architecture(config_.task).hidden)) {
        for (const auto& [key, logged] : log_.logged()) cache_.emplace(key, logged.score);
    }

    CampaignResult run() {
        CampaignResult result;
        result.reused_scores = log_.logged().size();
        if (folder_.checkpoint()) {
            state_ = *folder_.checkpoint();
            reprice_old_records();
            result.resumed = true;
        } else {
            state_.hall_of_fame = HallOfFame(config_.hall_of_fame_size);
        }
        session_start_elapsed_ = state_.elapsed_seconds;
        // Keys that completed generations needed; scores logged after the
        // checkpoint are reused but counted again when their generation
        // completes, so counts match an uninterrupted run.
        for (const auto& [key, logged] : log_.logged()) {
            if (logged.generation < state_.generation) seen_.insert(key);
        }
        for (const auto& island : state_.islands) {
            for (const auto& ind : island) {
                if (ind.score.ok() && ind.budget == 1.0) best_ = std::max(best_, ind.score.accuracy);
            }
        }
        while (true) {
            if (state_.generation >= config_.generations) {
                result.reason = StopReason::Generations;
                break;
            }
            if (config_.max_evaluations > 0 && state_.evaluations >= config_.max_evaluations) {
                result.reason = StopReason::EvaluationBudget;
                break;
            }
            if (out_of_time()) {
                result.reason = StopReason::TimeBudget;
                break;
            }
            if (stop_requested()) {
                result.reason = StopReason::Interrupted;
                break;
            }
            std::vector<std::vector<Individual>> next = state_.generation == 0 ? initial_population() : offspring();
            if (!evaluate(next)) {
                result.reason = stop_requested() ? StopReason::Interrupted : StopReason::TimeBudget;
                break;
            }
            advance(std::move(next));
        }
        result.state = state_;
        return result;
    }

private:
    [[nodiscard]] double elapsed() const { return session_start_elapsed_ + session_.seconds(); }
    [[nodiscard]] bool out_of_time() const {
        return config_.time_budget_seconds > 0 && elapsed() >= config_.time_budget_seconds;
    }
    [[nodiscard]] bool stop_requested() const { return options_.stop != nullptr && options_.stop->load(); }

    double cost_of(const std::vector<std::size_t>& hidden) const {
        const fitness::NetworkCost c = fitness::network_cost(evaluator_.task(), hidden);
        return static_cast<double>(config_.cost == CostKind::Parameters ? c.parameters : c.multiply_adds);
    }

    void price(Individual& ind) const {
        ind.cost = cost_of(ind.genome.architecture ? ind.genome.architecture->hidden : config_.task.hidden);
        ind.penalty = config_.cost_weight * ind.cost / reference_cost_;
    }

    // Checkpoints written before cost terms hold no costs (0). Costs depend
    // only on the genome and the task, so they are computed again, and the
    // hall of fame rebuilt so its Pareto front compares real costs.
    void reprice_old_records() {
        bool old = false;
        for (auto& island : state_.islands) {
            for (auto& ind : island) {
                if (ind.cost != 0) continue;
                price(ind);
                old = true;
            }
        }
        for (const auto& e : state_.hall_of_fame.entries()) old = old || e.cost == 0;
        if (!old) return;
        std::vector<Individual> entries = state_.hall_of_fame.entries();
        for (auto& e : entries) price(e);
        state_.hall_of_fame = HallOfFame(config_.hall_of_fame_size);
        state_.hall_of_fame.offer(entries);
    }

    Individual make(Genome genome, std::vector<std::string> parents) const {
        Individual ind;
        ind.key = genome_key(genome);
        ind.genome = std::move(genome);
        price(ind);
        ind.generation = state_.generation;
        ind.parents = std::move(parents);
        return ind;
    }

    std::vector<std::vector<Individual>> initial_population() const {
        const auto sizes = island_sizes(config_);
        std::vector<std::vector<Individual>> islands(config_.islands);
        const Rng base = Rng(config_.seed).child(0);
        for (std::size_t k = 0; k < config_.islands; ++k) {
            for (std::size_t i = 0; i < sizes[k]; ++i) {
                const std::size_t global = i * config_.islands + k; // seed formulas go round the islands
                if (global < config_.seed_formulas.size()) {
                    islands[k].push_back(make(reproduction_.seeded(expr::parse(config_.seed_formulas[global])), {}));
                    continue;
                }
                Rng rng = base.child(k).child(i);
                islands[k].push_back(make(reproduction_.unique_random(rng, islands[k]), {}));
            }
        }
        return islands;
    }

    std::vector<std::vector<Individual>> offspring() const {
        const Rng base = Rng(config_.seed).child(state_.generation);
        std::vector<std::vector<Individual>> islands(config_.islands);
        for (std::size_t k = 0; k < config_.islands; ++k) {
            std::vector<Individual> parents = state_.islands[k];
            std::sort(parents.begin(), parents.end(), ranks_before);
            std::vector<Individual>& next = islands[k];
            for (std::size_t i = 0; i < parents.size(); ++i) {
                if (i < config_.elites) {
                    next.push_back(parents[i]);
                    continue;
                }
                Rng rng = base.child(k).child(i);
                auto [genome, lineage] = reproduction_.child(rng, parents, next);
                next.push_back(make(std::move(genome), std::move(lineage)));
            }
        }
        return islands;
    }

    static std::uint64_t training_seed(std::uint64_t campaign_seed, std::uint64_t key) {
        return mix64(campaign_seed ^ mix64(key));
    }

    struct Slot {
        std::size_t island;
        std::size_t slot;
    };

    // Trains the slots' candidates at `rung` (those without a cached score),
    // in parallel, logging each. Returns false when stopped early.
    bool train_rung(std::vector<std::vector<Individual>>& islands, const std::vector<Slot>& ladder, std::size_t rung) {
        std::vector<Slot> jobs;
        for (const Slot& s : ladder) {
            if (!cache_.contains({islands[s.island][s.slot].key, rung})) jobs.push_back(s);
        }
        const double budget = config_.rung_budget(rung);
        std::vector<fitness::Score> scores(jobs.size());
        std::vector<char> finished(jobs.size(), 0);
        std::atomic<std::size_t> done{0};
        std::mutex progress_mutex;
        arena_.execute([&] {
            tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t j) {
                if (stop_requested() || out_of_time()) return;
                const Individual& ind = islands[jobs[j].island][jobs[j].slot];
                fitness::EvaluationOptions options;
                options.architecture = ind.genome.architecture;
                options.budget = budget;
                scores[j] = evaluator_.evaluate(ind.genome.activations, training_seed(config_.seed, ind.key), options);
                Individual logged = ind;
                logged.score = scores[j];
                logged.evaluated = true;
                logged.budget = budget;
                // The generation that trained it (a survivor climbing again
                // was created earlier): resuming trusts only lines of
                // completed generations.
                logged.generation = state_.generation;
                log_.append(logged, jobs[j].island, rung);
                finished[j] = 1;
                const std::size_t d = ++done;
                if (options_.on_progress) {
                    ProgressInfo p;
                    p.generation = state_.generation;
                    p.generations = config_.generations;
                    p.rung = rung;
                    p.rungs = config_.rungs;
                    p.done = d;
                    p.total = jobs.size();
                    p.evaluations = state_.evaluations + trainings_before_rung_ + d;
                    {
                        std::lock_guard lock(progress_mutex);
                        if (scores[j].ok() && rung + 1 == config_.rungs) best_ = std::max(best_, scores[j].accuracy);
                        p.best = best_;
                    }
                    p.elapsed_seconds = elapsed();
                    options_.on_progress(p);
                }
            });
        });
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            if (finished[j]) cache_.emplace(RungKey{islands[jobs[j].island][jobs[j].slot].key, rung}, scores[j]);
        }
        trainings_before_rung_ += done.load();
        return done.load() == jobs.size();
    }

    // A score that needs no more work: measured at the full budget. Elites
    // and migrants scored at a lower budget climb the ladder again with the
    // new candidates (their lower-rung scores are reused, not retrained).
    static bool complete(const Individual& ind) { return ind.evaluated && ind.budget == 1.0; }

    // The rung whose budget is `budget` (rung_budget is exact and increasing).
    std::size_t rung_of(double budget) const {
        std::size_t r = 0;
        while (r + 1 < config_.rungs && config_.rung_budget(r) < budget) ++r;
        return r;
    }

    // Scores every unevaluated individual by successive halving: all new
    // candidates at the lowest budget, the best 1/eta of them at the next,
    // and so on to the full budget (one rung without multi-fidelity). A
    // candidate keeps the score of the last rung it reached. Decisions
    // depend only on scores that completed generations needed (seen_), so a
    // resumed campaign promotes exactly as an uninterrupted one; scores
    // logged before a restart only spare the training. Returns false when
    // stopped early.
    bool evaluate(std::vector<std::vector<Individual>>& islands) {
        const std::size_t full = config_.rungs - 1;
        trainings_before_rung_ = 0;
        std::vector<Slot> ladder; // first slot of each new candidate, in slot order
        std::unordered_set<std::uint64_t> keys;
        for (std::size_t k = 0; k < islands.size(); ++k) {
            for (std::size_t i = 0; i < islands[k].size(); ++i) {
                const Individual& ind = islands[k][i];
                if (complete(ind) || !keys.insert(ind.key).second) continue;
                if (!seen_.contains({ind.key, full})) ladder.push_back({k, i});
            }
        }
        std::unordered_map<std::uint64_t, std::size_t> reached; // candidate -> last rung this generation
        std::vector<RungKey> needed;                            // scores this generation used
        for (std::size_t rung = 0; rung <= full && !ladder.empty(); ++rung) {
            if (!train_rung(islands, ladder, rung)) return false;
            for (const Slot& s : ladder) {
                const std::uint64_t key = islands[s.island][s.slot].key;
                reached[key] = rung;
                needed.push_back({key, rung});
            }
            if (rung == full) break;
            // Promote the best 1/eta (rounded up) of those that trained.
            auto score_of = [&](const Slot& s) {
                const Individual& ind = islands[s.island][s.slot];
                const fitness::Score& sc = cache_.at({ind.key, rung});
                return std::pair{sc.ok() ? sc.accuracy - ind.penalty : -std::numeric_limits<double>::infinity(),
                                 ind.key};
            };
            std::sort(ladder.begin(), ladder.end(), [&](const Slot& a, const Slot& b) {
                const auto sa = score_of(a);
                const auto sb = score_of(b);
                return sa.first != sb.first ? sa.first > sb.first : sa.second < sb.second;
            });
            std::size_t keep = (ladder.size() + config_.eta - 1) / config_.eta;
            while (keep > 0 && !std::isfinite(score_of(ladder[keep - 1]).first)) --keep;
            ladder.resize(keep);
        }
        for (const RungKey& k : needed) {
            if (!seen_.contains(k)) {
                ++state_.evaluations;
                if (k.rung == 0) ++state_.candidates;
                seen_.insert(k);
            }
        }
        for (auto& island : islands) {
            for (auto& ind : island) {
                if (complete(ind)) continue;
                const auto it = reached.find(ind.key);
                std::size_t rung = it == reached.end() ? full : it->second;
                // A survivor cut earlier this time keeps the higher rung it
                // had reached (that score is in seen_ already).
                if (ind.evaluated) rung = std::max(rung, rung_of(ind.budget));
                ind.score = cache_.at({ind.key, rung});
                ind.budget = config_.rung_budget(rung);
                ind.evaluated = true;
            }
        }
        return true;
    }

    void advance(std::vector<std::vector<Individual>> next) {
        state_.islands = std::move(next);
        state_.generation += 1;
        if (config_.islands > 1 && config_.migration_interval > 0 &&
            state_.generation % config_.migration_interval == 0) {
            migrate(state_.islands, config_.migrants);
        }
        for (const auto& island : state_.islands) state_.hall_of_fame.offer(island);
        state_.elapsed_seconds = elapsed();
        state_.history.push_back(stats_of(state_, state_.elapsed_seconds));
        folder_.save(state_);
    }

    CampaignFolder& folder_;
    const CampaignConfig& config_;
    const EngineOptions& options_;
    Reproduction reproduction_;
    fitness::Evaluator evaluator_;
    EvaluationLog log_;
    tbb::task_arena arena_;
    double reference_cost_;                 // the task's own network: the unit of the cost term
    std::size_t trainings_before_rung_ = 0; // in the generation being evaluated, for progress
    std::unordered_map<RungKey, fitness::Score, RungKeyHash> cache_; // every score known
    std::unordered_set<RungKey, RungKeyHash> seen_;                  // scores needed by completed generations
    CampaignState state_;
    Timer session_;
    double session_start_elapsed_ = 0.0;
    double best_ = -1.0;
};

} // namespace

CampaignResult run_campaign(CampaignFolder& folder, const EngineOptions& options) {
    if (options.threads == 0) throw Error("--threads must be at least 1");
    Campaign campaign(folder, options);
    return campaign.run();
}

} // namespace actforge::evolution
