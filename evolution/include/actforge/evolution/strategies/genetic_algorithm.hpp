#pragma once
// The island-model genetic algorithm: ramped random genomes (and the seed
// formulas) first, then per island tournament selection, crossover and
// mutation, elites carried over, and ring migration every few generations.
//
// Determinism: every random choice of generation g, island k, slot i comes
// from Rng(seed).child(g).child(k).child(i); the islands after tell() are
// the whole state.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/strategies/reproduction.hpp"
#include "actforge/evolution/strategies/strategy.hpp"

namespace actforge::evolution {

class GeneticAlgorithm final : public Strategy {
public:
    explicit GeneticAlgorithm(const CampaignConfig& config);

    [[nodiscard]] std::string_view name() const noexcept override { return "ga"; }
    [[nodiscard]] std::vector<Individual> ask(std::size_t generation) override;
    void tell(std::size_t generation, std::vector<Individual> scored) override;
    [[nodiscard]] std::vector<Individual> population() const override;
    // {"islands": [[candidate, ...], ...]}
    [[nodiscard]] nlohmann::json save() const override;
    void restore(const nlohmann::json& state) override;

private:
    [[nodiscard]] std::vector<std::vector<Individual>> initial_islands() const;
    [[nodiscard]] std::vector<std::vector<Individual>> offspring(std::size_t generation) const;

    const CampaignConfig& config_;
    Reproduction reproduction_;
    std::vector<std::vector<Individual>> islands_;
};

} // namespace actforge::evolution
