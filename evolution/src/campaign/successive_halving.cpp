#include "actforge/evolution/campaign/successive_halving.hpp"

#include "actforge/core/rng.hpp"
#include "actforge/evolution/campaign/logged_training.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace actforge::evolution {

SuccessiveHalving::SuccessiveHalving(const CampaignConfig& config, EvaluationBackend& backend, EvaluationLog& log,
                                     ScoreCache& cache)
    : config_(config), backend_(backend), log_(log), cache_(cache) {}

std::uint64_t SuccessiveHalving::training_seed(std::uint64_t campaign_seed, std::uint64_t key, std::size_t replica) {
    const std::uint64_t first = mix64(campaign_seed ^ mix64(key));
    return replica == 0 ? first : mix64(first ^ mix64(0x7265706c69636100ULL + replica));
}

std::size_t SuccessiveHalving::replicas(std::size_t rung) const {
    return rung + 1 == config_.rungs ? config_.eval_seeds : 1;
}

fitness::Score SuccessiveHalving::score_at(std::uint64_t key, std::size_t rung) const {
    std::vector<fitness::Score> runs;
    for (std::size_t r = 0; r < replicas(rung); ++r) runs.push_back(cache_.at({key, rung, r}));
    return fitness::combine_trainings(runs);
}

// The rung whose budget is `budget` (rung_budget is exact and increasing).
std::size_t SuccessiveHalving::rung_of(double budget) const {
    std::size_t r = 0;
    while (r + 1 < config_.rungs && config_.rung_budget(r) < budget) ++r;
    return r;
}

// The first slot of each candidate still to score, in slot order; those
// whose full-budget score a completed generation needed are done already.
SuccessiveHalving::Ladder SuccessiveHalving::new_candidates(const std::vector<Individual>& generation) const {
    const std::size_t full = config_.rungs - 1;
    Ladder ladder;
    std::unordered_set<std::uint64_t> keys;
    for (std::size_t i = 0; i < generation.size(); ++i) {
        const Individual& ind = generation[i];
        if (ind.complete() || !keys.insert(ind.key).second) continue;
        if (!cache_.needed({ind.key, full, replicas(full) - 1})) ladder.push_back(i);
    }
    return ladder;
}

// Trains the ladder's candidates at `rung` that have no score there yet,
// logging each. Returns false when stopped early.
bool SuccessiveHalving::train_rung(const std::vector<Individual>& generation, const Ladder& ladder, std::size_t rung) {
    std::vector<LoggedJob> jobs;
    for (std::size_t slot : ladder) {
        const Individual& ind = generation[slot];
        for (std::size_t r = 0; r < replicas(rung); ++r) {
            const RungKey key{ind.key, rung, r};
            if (cache_.known(key)) continue;
            LoggedJob j{{formulas(ind.genome), ind.genome.architecture, training_seed(config_.seed, ind.key, r),
                         config_.rung_budget(rung)},
                        key,
                        ind,
                        slot};
            j.record.budget = j.job.budget;
            // The generation that trained it (a survivor climbing again was
            // created earlier): resuming trusts only lines of completed generations.
            j.record.generation = index_;
            jobs.push_back(std::move(j));
        }
    }
    std::atomic<std::size_t> done{0};
    const std::size_t before = trained_;
    const std::size_t count =
        train_logged(backend_, log_, cache_, jobs, should_stop_, [&](std::size_t, const fitness::Score& score) {
            const std::size_t d = ++done;
            if (on_done_) on_done_(TrainingDone{rung, d, jobs.size(), before + d, &score});
        });
    trained_ += count;
    return count == jobs.size();
}

// Keeps the best 1/eta (rounded up) of the ladder by their scores at
// `rung`, less any that failed.
void SuccessiveHalving::promote(const std::vector<Individual>& generation, Ladder& ladder, std::size_t rung) const {
    auto score_of = [&](std::size_t slot) {
        const Individual& ind = generation[slot];
        const fitness::Score sc = score_at(ind.key, rung);
        return std::pair{sc.ok() ? sc.accuracy - ind.penalty : -std::numeric_limits<double>::infinity(), ind.key};
    };
    std::sort(ladder.begin(), ladder.end(), [&](std::size_t a, std::size_t b) {
        const auto sa = score_of(a);
        const auto sb = score_of(b);
        return sa.first != sb.first ? sa.first > sb.first : sa.second < sb.second;
    });
    std::size_t keep = (ladder.size() + config_.eta - 1) / config_.eta;
    while (keep > 0 && !std::isfinite(score_of(ladder[keep - 1]).first)) --keep;
    ladder.resize(keep);
}

// Every candidate not yet complete takes the score of the highest rung it
// reached; a survivor cut earlier this time keeps the higher rung it had
// reached before (that score was needed already).
void SuccessiveHalving::assign_scores(std::vector<Individual>& generation) const {
    const std::size_t full = config_.rungs - 1;
    for (auto& ind : generation) {
        if (ind.complete()) continue;
        const auto it = reached_.find(ind.key);
        std::size_t rung = it == reached_.end() ? full : it->second;
        if (ind.evaluated) rung = std::max(rung, rung_of(ind.budget));
        ind.score = score_at(ind.key, rung);
        ind.budget = config_.rung_budget(rung);
        ind.evaluated = true;
    }
}

HalvingResult SuccessiveHalving::evaluate(std::vector<Individual>& generation, std::size_t index,
                                          const StopCheck& should_stop,
                                          const std::function<void(const TrainingDone&)>& on_done) {
    index_ = index;
    should_stop_ = should_stop;
    on_done_ = on_done;
    trained_ = 0;
    reached_.clear();
    const std::size_t full = config_.rungs - 1;
    Ladder ladder = new_candidates(generation);
    std::vector<RungKey> needed; // scores this generation used
    for (std::size_t rung = 0; rung <= full && !ladder.empty(); ++rung) {
        if (!train_rung(generation, ladder, rung)) return {false, 0, 0};
        for (std::size_t slot : ladder) {
            reached_[generation[slot].key] = rung;
            for (std::size_t r = 0; r < replicas(rung); ++r) needed.push_back({generation[slot].key, rung, r});
        }
        if (rung < full) promote(generation, ladder, rung);
    }
    HalvingResult result;
    for (const RungKey& k : needed) {
        if (!cache_.mark_needed(k)) continue;
        result.evaluations += backend_.trainings_per_job();
        if (k.rung == 0 && k.replica == 0) ++result.candidates;
    }
    assign_scores(generation);
    return result;
}

} // namespace actforge::evolution
