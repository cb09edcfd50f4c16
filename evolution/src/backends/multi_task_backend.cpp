#include "actforge/evolution/backends/multi_task_backend.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/fitness/baselines.hpp"

#include <atomic>
#include <fmt/format.h>
#include <memory>

namespace actforge::evolution {

MultiTaskBackend::MultiTaskBackend(EvaluationBackend& inner, std::vector<std::string> task_names, std::uint64_t seed)
    : inner_(inner), names_(std::move(task_names)), tasks_(names_.size()), seed_(seed) {
    if (tasks_ < 2) throw Error("MultiTaskBackend: multi-task fitness needs at least two tasks");
}

MultiTaskBackend::ReferenceKey MultiTaskBackend::reference_key(const EvaluationJob& job) {
    return {job.budget, static_cast<int>(job.split), job.full_training_split,
            job.architecture ? fitness::describe(*job.architecture) : std::string()};
}

const std::vector<double>* MultiTaskBackend::reference(const EvaluationJob& job) const {
    const auto it = references_.find(reference_key(job));
    return it == references_.end() ? nullptr : &it->second;
}

bool MultiTaskBackend::train_references(std::span<const EvaluationJob> jobs, const StopCheck& should_stop) {
    std::vector<EvaluationJob> needed; // one per reference key, in first-use order
    for (const EvaluationJob& job : jobs) {
        if (reference(job) != nullptr) continue;
        const bool queued = std::any_of(needed.begin(), needed.end(), [&](const EvaluationJob& n) {
            return reference_key(n) == reference_key(job);
        });
        if (!queued) needed.push_back(job);
    }
    if (needed.empty()) return true;
    std::vector<EvaluationJob> trainings;
    for (const EvaluationJob& job : needed) {
        for (std::size_t t = 0; t < tasks_; ++t) {
            for (std::size_t s = 0; s < kReferenceSeeds; ++s) {
                EvaluationJob r = job;
                r.formulas = *fitness::baseline_formula("relu");
                r.task = t;
                r.seed = mix64(seed_ ^ mix64(0x72656c7500000000ULL + s));
                trainings.push_back(std::move(r));
            }
        }
    }
    std::vector<fitness::Score> scores(trainings.size());
    if (inner_.evaluate(trainings, scores, {}, should_stop) != trainings.size()) return false;
    for (std::size_t n = 0; n < needed.size(); ++n) {
        std::vector<double> relu(tasks_);
        for (std::size_t t = 0; t < tasks_; ++t) {
            double sum = 0;
            std::size_t ok = 0;
            for (std::size_t s = 0; s < kReferenceSeeds; ++s) {
                const fitness::Score& sc = scores[(n * tasks_ + t) * kReferenceSeeds + s];
                if (sc.ok()) sum += sc.accuracy, ++ok;
            }
            if (ok == 0) {
                throw Error(fmt::format("multi-task fitness: ReLU failed every training on task {} ({}); check that "
                                        "task's settings",
                                        names_[t], scores[(n * tasks_ + t) * kReferenceSeeds].message));
            }
            relu[t] = sum / static_cast<double>(ok);
        }
        references_[reference_key(needed[n])] = std::move(relu);
    }
    return true;
}

// The first failure, if any part failed (a function that fails on one task
// is not a general one), its message naming the task; else the mean gain
// over ReLU.
fitness::Score MultiTaskBackend::combine(std::span<const fitness::Score> parts, const std::vector<double>& relu) const {
    for (std::size_t t = 0; t < parts.size(); ++t) {
        if (parts[t].ok()) continue;
        fitness::Score failed = parts[t];
        failed.message = fmt::format("on {}: {}", names_[t], failed.message);
        return failed;
    }
    fitness::Score out = parts.front(); // its learned values: those of the campaign's own task
    const auto n = static_cast<double>(parts.size());
    out.accuracy = out.loss = out.train_loss = out.seconds = 0.0;
    out.task_accuracies.clear();
    for (std::size_t t = 0; t < parts.size(); ++t) {
        out.accuracy += (parts[t].accuracy - relu[t]) / n;
        out.loss += parts[t].loss / n;
        out.train_loss += parts[t].train_loss / n;
        out.seconds += parts[t].seconds;
        out.task_accuracies.push_back(parts[t].accuracy);
    }
    return out;
}

std::size_t MultiTaskBackend::evaluate(std::span<const EvaluationJob> jobs, std::span<fitness::Score> scores,
                                       const JobDone& on_done, const StopCheck& should_stop) {
    if (scores.size() != jobs.size()) throw Error("MultiTaskBackend::evaluate: one score slot per job");
    if (!train_references(jobs, should_stop)) return 0;
    std::vector<EvaluationJob> parts; // job i on task t at i * tasks_ + t
    for (const EvaluationJob& job : jobs) {
        if (job.task != 0) throw Error("MultiTaskBackend::evaluate: a job names a task; each job runs on all");
        for (std::size_t t = 0; t < tasks_; ++t) {
            parts.push_back(job);
            parts.back().task = t;
        }
    }
    std::vector<fitness::Score> part_scores(parts.size());
    // Parts still running per job: the one that finishes a job combines it.
    auto remaining = std::make_unique<std::atomic<std::size_t>[]>(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) remaining[i] = tasks_;
    std::atomic<std::size_t> finished{0};
    inner_.evaluate(
        parts, part_scores,
        [&](std::size_t part, const fitness::Score&) {
            const std::size_t i = part / tasks_;
            if (--remaining[i] != 0) return;
            scores[i] = combine(std::span(part_scores).subspan(i * tasks_, tasks_), *reference(jobs[i]));
            ++finished;
            if (on_done) on_done(i, scores[i]);
        },
        should_stop);
    return finished.load();
}

} // namespace actforge::evolution
