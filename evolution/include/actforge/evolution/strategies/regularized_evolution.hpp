#pragma once
// Regularized ("aging") evolution, Real et al. 2019, "Regularized Evolution
// for Image Classifier Architecture Search": a population of
// `config.population`, first the same candidates as the genetic algorithm's
// first generation (seed formulas, then random genomes); then each
// generation asks for a batch of children, each a mutation (never a
// crossover) of the winner of a tournament of `tournament_size` members,
// and tell() adds them as the youngest members and removes as many of the
// oldest. Members leave by age, not by score, so a lucky score cannot keep
// a candidate in the population for ever.
//
// Batch: a quarter of the population (at least 1) per generation, so a
// member lives four generations and a generation still gives the threads
// several candidates to train at once. The original evolves one child at a
// time; a batch is its asynchronous, parallel form.
//
// Determinism: child i of generation g draws from Rng(seed).child(g).child(i);
// the members in age order are the whole state.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/strategies/reproduction.hpp"
#include "actforge/evolution/strategies/strategy.hpp"

namespace actforge::evolution {

class RegularizedEvolution final : public Strategy {
public:
    explicit RegularizedEvolution(const CampaignConfig& config);

    // Children asked for in each generation after the first.
    [[nodiscard]] static std::size_t batch_size(const CampaignConfig& config) noexcept;

    [[nodiscard]] std::string_view name() const noexcept override { return "regularized"; }
    [[nodiscard]] std::vector<Individual> ask(std::size_t generation) override;
    void tell(std::size_t generation, std::vector<Individual> scored) override;
    // The members, oldest first.
    [[nodiscard]] std::vector<Individual> population() const override { return members_; }
    // {"members": [candidate, ...]}, oldest first.
    [[nodiscard]] nlohmann::json save() const override;
    void restore(const nlohmann::json& state) override;

private:
    const CampaignConfig& config_;
    Reproduction mutation_only_;
    std::vector<Individual> members_; // oldest first; empty before the first tell
};

} // namespace actforge::evolution
