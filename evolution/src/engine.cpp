#include "actforge/evolution/engine.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/core/timer.hpp"
#include "actforge/evolution/evaluation_log.hpp"
#include "actforge/evolution/reproduction.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/fitness/evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
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

std::vector<std::size_t> island_sizes(const CampaignConfig& c) {
    std::vector<std::size_t> sizes(c.islands, c.population / c.islands);
    for (std::size_t k = 0; k < c.population % c.islands; ++k) ++sizes[k];
    return sizes;
}

GenerationStats stats_of(const CampaignState& s, double seconds) {
    std::vector<double> ok;
    for (const auto& island : s.islands) {
        for (const auto& ind : island) {
            if (ind.score.ok()) ok.push_back(ind.score.accuracy);
        }
    }
    GenerationStats g{};
    g.generation = s.generation;
    g.evaluations = s.evaluations;
    g.seconds = seconds;
    g.best = std::nan("");
    g.median = std::nan("");
    if (!ok.empty()) {
        std::sort(ok.begin(), ok.end());
        g.best = ok.back();
        g.median = ok[ok.size() / 2];
    }
    return g;
}

// Ring migration: the best `migrants` of island k replace the worst of
// island k+1, from a snapshot so the order of islands does not matter.
void migrate(std::vector<std::vector<Individual>>& islands, std::size_t migrants) {
    const std::size_t n = islands.size();
    std::vector<std::vector<Individual>> best(n);
    for (std::size_t k = 0; k < n; ++k) {
        std::vector<Individual> sorted = islands[k];
        std::sort(sorted.begin(), sorted.end(), ranks_before);
        sorted.resize(std::min(migrants, sorted.size()));
        best[k] = std::move(sorted);
    }
    for (std::size_t k = 0; k < n; ++k) {
        auto& target = islands[(k + 1) % n];
        std::sort(target.begin(), target.end(), ranks_before);
        for (std::size_t m = 0; m < best[k].size() && m < target.size(); ++m) {
            const Individual& migrant = best[k][m];
            const bool present =
                std::any_of(target.begin(), target.end(), [&](const Individual& t) { return t.key == migrant.key; });
            if (!present) target[target.size() - 1 - m] = migrant;
        }
    }
}

class Campaign {
public:
    Campaign(CampaignFolder& folder, const EngineOptions& options)
        : folder_(folder), config_(folder.config()), options_(options), reproduction_(config_),
          evaluator_(fitness::Task::load(config_.task)), log_(folder.log_path()),
          arena_(static_cast<int>(options.threads)) {
        for (const auto& [key, logged] : log_.logged()) cache_.emplace(key, logged.score);
    }

    CampaignResult run() {
        CampaignResult result;
        result.reused_scores = log_.logged().size();
        if (folder_.checkpoint()) {
            state_ = *folder_.checkpoint();
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
            for (const auto& ind : island) best_ = std::max(best_, ind.fitness());
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

    Individual make(expr::Tree tree, std::vector<std::string> parents) const {
        Individual ind;
        ind.key = candidate_key(tree);
        ind.tree = std::move(tree);
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
                    islands[k].push_back(make(expr::parse(config_.seed_formulas[global]), {}));
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
                auto [tree, lineage] = reproduction_.child(rng, parents, next);
                next.push_back(make(std::move(tree), std::move(lineage)));
            }
        }
        return islands;
    }

    static std::uint64_t training_seed(std::uint64_t campaign_seed, std::uint64_t key) {
        return mix64(campaign_seed ^ mix64(key));
    }

    // Scores every unevaluated individual: from the cache when its key was
    // seen, else by training (in parallel). Returns false when stopped early.
    bool evaluate(std::vector<std::vector<Individual>>& islands) {
        struct Job {
            std::size_t island;
            std::size_t slot;
        };
        std::vector<Job> jobs;
        std::unordered_set<std::uint64_t> new_keys; // first needed in this generation
        for (std::size_t k = 0; k < islands.size(); ++k) {
            for (std::size_t i = 0; i < islands[k].size(); ++i) {
                const Individual& ind = islands[k][i];
                if (ind.evaluated || seen_.contains(ind.key) || new_keys.contains(ind.key)) continue;
                new_keys.insert(ind.key);
                if (!cache_.contains(ind.key)) jobs.push_back({k, i}); // else logged before a restart
            }
        }
        std::vector<fitness::Score> scores(jobs.size());
        std::vector<char> finished(jobs.size(), 0);
        std::atomic<std::size_t> done{0};
        std::mutex progress_mutex;
        arena_.execute([&] {
            tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t j) {
                if (stop_requested() || out_of_time()) return;
                Individual& ind = islands[jobs[j].island][jobs[j].slot];
                scores[j] = evaluator_.evaluate(ind.tree, training_seed(config_.seed, ind.key));
                Individual logged = ind;
                logged.score = scores[j];
                logged.evaluated = true;
                log_.append(logged, jobs[j].island);
                finished[j] = 1;
                const std::size_t d = ++done;
                if (options_.on_progress) {
                    ProgressInfo p;
                    p.generation = state_.generation;
                    p.generations = config_.generations;
                    p.done = d;
                    p.total = jobs.size();
                    p.evaluations = state_.evaluations + d;
                    {
                        std::lock_guard lock(progress_mutex);
                        best_ = std::max(best_, scores[j].ok() ? scores[j].accuracy : -1.0);
                        p.best = best_;
                    }
                    p.elapsed_seconds = elapsed();
                    options_.on_progress(p);
                }
            });
        });
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            if (finished[j]) cache_.emplace(islands[jobs[j].island][jobs[j].slot].key, scores[j]);
        }
        if (done.load() != jobs.size()) return false;
        state_.evaluations += new_keys.size();
        seen_.insert(new_keys.begin(), new_keys.end());
        for (auto& island : islands) {
            for (auto& ind : island) {
                if (ind.evaluated) continue;
                ind.score = cache_.at(ind.key);
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
        for (const auto& island : state_.islands) {
            state_.hall_of_fame.offer(island);
            for (const auto& ind : island) best_ = std::max(best_, ind.fitness());
        }
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
    std::unordered_map<std::uint64_t, fitness::Score> cache_; // every score known, by key
    std::unordered_set<std::uint64_t> seen_;                  // keys needed by completed generations
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
