#pragma once
// The RL controller of Ramachandran, Zoph & Le (2017), "Searching for
// Activation Functions": an LSTM policy samples core-unit token sequences
// (see CoreUnitSpace), each spelling one candidate function, and learns
// from their validation fitness by REINFORCE with an exponential moving
// average baseline and an entropy bonus, one Adam step per generation
// (or, with RlSettings::ppo_epochs, that many clipped PPO steps).
//
// Rewards: a candidate's fitness() (accuracy less the cost term, at the
// budget it was scored at). A failed candidate gets the worst finite reward
// of its batch; when every candidate of a batch failed, every reward is the
// baseline (no signal rather than an invented one).
//
// Candidates: a sequence whose formula breaks the campaign's limits (after
// simplification) is redrawn from the same candidate's generator, and so is
// one whose key an earlier candidate of the batch already has or an earlier
// batch was told, up to a bound; then the first valid draw is kept (a known
// key costs no training: the engine's cache scores it). A candidate that
// finds no valid sequence takes the fallback (the first valid binary of x
// and x). The update therefore sees valid, mostly new sequences: the policy
// gradient is that of the policy restricted to valid formulas not yet tried.
// Without the redraw of known keys a policy that has settled on a few
// formulas asks only those again, and its campaign stops short of its
// budget (measured: about 650 of 1,500 trainings at the defaults).
//
// The campaign's seed formulas are not asked: they need not be core-unit
// sequences, and the policy learns only from sequences it sampled.
//
// Determinism: candidate i of generation g comes from
// Rng(seed).child(g).child(i), the policy weights and the keys told, which
// change only in tell(); save() holds the weights, Adam's moments and step,
// the baseline, the keys told, the best candidates seen and the update history.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/operators/genome_variation.hpp"
#include "actforge/evolution/strategies/adam_ascent.hpp"
#include "actforge/evolution/strategies/core_unit_space.hpp"
#include "actforge/evolution/strategies/lstm_policy.hpp"
#include "actforge/evolution/strategies/rl_settings.hpp"
#include "actforge/evolution/strategies/rl_update_log.hpp"
#include "actforge/evolution/strategies/strategy.hpp"

#include <cstdint>
#include <optional>
#include <set>

namespace actforge::evolution {

class RlController final : public Strategy {
public:
    // Throws actforge::Error on bad settings or a search space with no valid candidate.
    explicit RlController(const CampaignConfig& config, RlSettings settings = {});

    [[nodiscard]] std::string_view name() const noexcept override { return "rl"; }
    [[nodiscard]] std::vector<Individual> ask(std::size_t generation) override;
    void tell(std::size_t generation, std::vector<Individual> scored) override;
    // The best `population` candidates seen so far, best first.
    [[nodiscard]] std::vector<Individual> population() const override;
    // {"settings", "policy", "adam", "baseline", "told", "population", "history"};
    // a state without "told" (written before keys were kept) restores with none.
    [[nodiscard]] nlohmann::json save() const override;
    void restore(const nlohmann::json& state) override;
    // rl_updates.csv: the learning curve, one row per update.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> files() const override;

    [[nodiscard]] const RlSettings& settings() const noexcept { return settings_; }
    [[nodiscard]] const CoreUnitSpace& space() const noexcept { return space_; }
    [[nodiscard]] const LstmPolicy& policy() const noexcept { return policy_; }
    [[nodiscard]] std::size_t batch_size() const noexcept;
    // The sequences behind generation g's candidates, in ask's order (a pure
    // function of the weights, the keys told and g).
    [[nodiscard]] std::vector<std::vector<std::size_t>> sequences(std::size_t generation) const;
    // The genome a sequence spells within the campaign's limits, if any.
    [[nodiscard]] std::optional<Genome> decode(const std::vector<std::size_t>& tokens) const;
    // The last update, if any, and all of them in order.
    [[nodiscard]] const RlUpdateLog* last_update() const noexcept;
    [[nodiscard]] const std::vector<RlUpdateLog>& history() const noexcept { return history_; }

private:
    struct Draw {
        std::vector<std::size_t> tokens;
        Genome genome;
        std::uint64_t key = 0;
    };
    [[nodiscard]] std::vector<Draw> draw_batch(std::size_t generation) const;
    [[nodiscard]] Draw draw_one(Rng& rng, const std::vector<Draw>& earlier) const;
    [[nodiscard]] std::vector<std::size_t> find_fallback() const;
    [[nodiscard]] RlUpdateLog update(const std::vector<std::vector<std::size_t>>& tokens,
                                     const std::vector<double>& rewards);
    // The Adam steps of one update; returns the batch's mean entropy per step before them.
    std::vector<double> policy_steps(const std::vector<std::vector<std::size_t>>& tokens,
                                     const std::vector<double>& advantages);
    void remember(std::vector<Individual> scored);

    const CampaignConfig& config_;
    RlSettings settings_;
    CoreUnitSpace space_;
    GenomeVariation variation_;
    LstmPolicy policy_;
    AdamAscent adam_;
    std::vector<std::size_t> fallback_;
    std::optional<double> baseline_; // none before the first update
    std::set<std::uint64_t> told_;   // every key tell() has seen, failed ones too
    std::vector<Individual> population_;
    std::vector<RlUpdateLog> history_;
};

} // namespace actforge::evolution
