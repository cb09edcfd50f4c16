#include "actforge/evolution/campaign/logged_training.hpp"

namespace actforge::evolution {

std::size_t train_logged(EvaluationBackend& backend, EvaluationLog& log, ScoreCache& cache,
                         std::span<const LoggedJob> jobs, const StopCheck& should_stop,
                         const std::function<void(std::size_t, const fitness::Score&)>& on_done) {
    std::vector<EvaluationJob> plain;
    plain.reserve(jobs.size());
    for (const LoggedJob& j : jobs) plain.push_back(j.job);
    std::vector<fitness::Score> scores(jobs.size());
    std::vector<char> finished(jobs.size(), 0);
    const std::size_t count = backend.evaluate(
        plain, scores,
        [&](std::size_t j, const fitness::Score& score) {
            Individual logged = jobs[j].record;
            logged.score = score;
            logged.evaluated = true;
            log.append(logged, jobs[j].slot, jobs[j].key.rung, jobs[j].key.replica);
            finished[j] = 1;
            if (on_done) on_done(j, score);
        },
        should_stop);
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        if (finished[j]) cache.store(jobs[j].key, scores[j]);
    }
    return count;
}

} // namespace actforge::evolution
