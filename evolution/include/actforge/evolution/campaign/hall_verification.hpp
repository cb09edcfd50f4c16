#pragma once
// The verified hall of fame: after each generation, the best unverified
// candidates by search rank are retrained with the campaign's verification
// seeds, and so are the baselines on each network those candidates use
// (once per campaign and network). A candidate then ranks by its verified
// mean and shows its difference to the best baseline on its own network,
// with Welch's p-value, so neither seed luck nor a larger network reads as
// a better function.
//
// Every verification training is logged (rung kVerificationRung) before
// the checkpoint that uses it, so a campaign killed while verifying resumes
// without training anything twice; scores go by slot, so the result does
// not depend on the thread count.
#include "actforge/evolution/backends/evaluation_backend.hpp"
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/campaign/campaign_state.hpp"
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "actforge/evolution/campaign/score_cache.hpp"

namespace actforge::evolution {

class HallVerifier {
public:
    HallVerifier(const CampaignConfig& config, EvaluationBackend& backend, EvaluationLog& log, ScoreCache& cache);

    // Verifies what `state`'s hall of fame needs after generation
    // `generation` (0-based, stamped on the log lines). Returns false when
    // stopped before every training was done (then `state` is unchanged).
    bool verify(CampaignState& state, std::size_t generation, const StopCheck& should_stop);

    // The i-th verification seed: the same for every candidate and baseline.
    [[nodiscard]] std::uint64_t seed(std::size_t i) const;
    // The network a genome is compared on: none for the task's own, whether
    // or not the genome names that architecture.
    [[nodiscard]] static std::optional<fitness::Architecture> network_of(const Genome& g,
                                                                         const fitness::TaskSpec& task);

private:
    struct Target {
        Genome genome; // architecture none = the task's network
        std::uint64_t key = 0;
        bool candidate = false; // a hall-of-fame entry (else a baseline)
    };
    [[nodiscard]] std::vector<Target> targets(const CampaignState& state, std::vector<BaselineResult>& baselines) const;
    bool train(const std::vector<Target>& targets, std::size_t generation, const StopCheck& should_stop,
               std::size_t& trained);
    [[nodiscard]] std::vector<double> accuracies(std::uint64_t key) const;
    // Multi-task: each task's mean accuracy over the seeds that trained.
    [[nodiscard]] std::vector<double> task_means(std::uint64_t key) const;

    const CampaignConfig& config_;
    EvaluationBackend& backend_;
    EvaluationLog& log_;
    ScoreCache& cache_;
};

} // namespace actforge::evolution
