#include "actforge/evolution/campaign/hall_verification.hpp"

#include "actforge/core/rng.hpp"
#include "actforge/core/stats.hpp"
#include "actforge/evolution/campaign/logged_training.hpp"
#include "actforge/evolution/campaign/verification.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/fitness/baselines.hpp"

#include <algorithm>
#include <unordered_set>

namespace actforge::evolution {

HallVerifier::HallVerifier(const CampaignConfig& config, EvaluationBackend& backend, EvaluationLog& log,
                           ScoreCache& cache)
    : config_(config), backend_(backend), log_(log), cache_(cache) {}

std::uint64_t HallVerifier::seed(std::size_t i) const { return mix64(config_.seed ^ mix64(0x7665726966790000ULL + i)); }

std::optional<fitness::Architecture> HallVerifier::network_of(const Genome& g, const fitness::TaskSpec& task) {
    if (!g.architecture || *g.architecture == fitness::default_architecture(task)) return std::nullopt;
    return g.architecture;
}

// What to train: the best unverified entries by search rank, then every
// baseline missing on their networks (added to `baselines`, unscored).
std::vector<HallVerifier::Target> HallVerifier::targets(const CampaignState& state,
                                                        std::vector<BaselineResult>& baselines) const {
    std::vector<Target> out;
    const std::vector<Individual> ranked = state.hall_of_fame.by_search_rank();
    for (std::size_t i = 0; i < ranked.size() && i < config_.verify_top; ++i) {
        if (!ranked[i].verification) out.push_back({ranked[i].genome, ranked[i].key, true});
    }
    const std::size_t candidates = out.size();
    for (std::size_t i = 0; i < candidates; ++i) {
        const auto network = network_of(out[i].genome, config_.task);
        for (const auto& name : config_.baselines) {
            const bool known = std::any_of(baselines.begin(), baselines.end(), [&](const BaselineResult& b) {
                return b.name == name && b.architecture == network;
            });
            if (known) continue;
            baselines.push_back({name, network, {}, 0.0, 0.0});
            Genome g = baseline_genome(name, network);
            const std::uint64_t key = genome_key(g);
            out.push_back({std::move(g), key, false});
        }
    }
    return out;
}

// Trains every (target, seed) not known yet, logging each. Its slot in the
// log is its place among all (target, seed) pairs, known ones included, so
// a resumed verification logs the slots an uninterrupted one would.
bool HallVerifier::train(const std::vector<Target>& targets, std::size_t generation, const StopCheck& should_stop,
                         std::size_t& trained) {
    std::vector<LoggedJob> jobs;
    std::unordered_set<RungKey, RungKeyHash> queued; // a candidate that is also a baseline trains once
    std::size_t slot = 0;
    for (const Target& t : targets) {
        for (std::size_t i = 0; i < config_.verify_seeds; ++i, ++slot) {
            const RungKey k{t.key, kVerificationRung, i};
            if (cache_.mark_needed(k)) trained += backend_.trainings_per_job();
            if (cache_.known(k) || !queued.insert(k).second) continue;
            LoggedJob j{{formulas(t.genome), t.genome.architecture, seed(i), 1.0}, k, {}, slot};
            j.record.genome = t.genome;
            j.record.key = t.key;
            j.record.generation = generation;
            jobs.push_back(std::move(j));
        }
    }
    return train_logged(backend_, log_, cache_, jobs, should_stop) == jobs.size();
}

std::vector<double> HallVerifier::accuracies(std::uint64_t key) const {
    std::vector<double> out;
    for (std::size_t i = 0; i < config_.verify_seeds; ++i) {
        const fitness::Score& s = cache_.at({key, kVerificationRung, i});
        out.push_back(s.ok() ? s.accuracy : 0.0);
    }
    return out;
}

std::vector<double> HallVerifier::task_means(std::uint64_t key) const {
    std::vector<fitness::Score> trained;
    for (std::size_t i = 0; i < config_.verify_seeds; ++i) {
        const fitness::Score& s = cache_.at({key, kVerificationRung, i});
        if (s.ok()) trained.push_back(s);
    }
    return trained.empty() ? std::vector<double>{} : fitness::combine_trainings(trained).task_accuracies;
}

bool HallVerifier::verify(CampaignState& state, std::size_t generation, const StopCheck& should_stop) {
    if (config_.verify_seeds == 0) return true;
    std::vector<BaselineResult> baselines = state.baselines;
    const std::vector<Target> todo = targets(state, baselines);
    if (todo.empty()) return true;
    std::size_t trained = 0;
    if (!train(todo, generation, should_stop, trained)) return false;
    for (auto& b : baselines) {
        if (!b.accuracies.empty()) continue;
        b.accuracies = accuracies(genome_key(baseline_genome(b.name, b.architecture)));
        const Summary s = summarize(b.accuracies);
        b.mean = s.mean;
        b.stddev = s.stddev;
    }
    for (const Target& t : todo) {
        if (!t.candidate) continue;
        Verification v;
        v.accuracies = accuracies(t.key);
        const Summary s = summarize(v.accuracies);
        v.mean = s.mean;
        v.stddev = s.stddev;
        const auto network = network_of(t.genome, config_.task);
        const BaselineResult* best = nullptr;
        for (const auto& b : baselines) {
            if (b.architecture == network && (best == nullptr || b.mean > best->mean)) best = &b;
        }
        v.baseline = best->name;
        v.baseline_mean = best->mean;
        v.difference = v.mean - best->mean;
        v.p = welch_t_test(v.accuracies, best->accuracies).p_two_sided;
        v.task_means = task_means(t.key);
        state.hall_of_fame.set_verification(t.key, v);
    }
    state.baselines = std::move(baselines);
    state.verifications += trained;
    return true;
}

} // namespace actforge::evolution
