#pragma once
// Random search: the baseline every other strategy has to beat. The first
// generation is the genetic algorithm's (seed formulas, then random
// genomes); every later one asks for `config.population` fresh random
// genomes from the same generator (ramped trees over the campaign's
// primitives within its limits, and a random architecture in co-design
// campaigns), unlike each other and the best so far where possible.
//
// population() is the best `config.population` candidates seen so far, by
// ranks_before: what the hall of fame is offered and the generation
// statistics summarise (so their best and median never fall). A candidate
// of the last batch outside that set ranks below all of it.
//
// Determinism: genome i of generation g draws from Rng(seed).child(g).child(i);
// the best so far are the whole state.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/strategies/reproduction.hpp"
#include "actforge/evolution/strategies/strategy.hpp"

namespace actforge::evolution {

class RandomSearch final : public Strategy {
public:
    explicit RandomSearch(const CampaignConfig& config);

    [[nodiscard]] std::string_view name() const noexcept override { return "random"; }
    [[nodiscard]] std::vector<Individual> ask(std::size_t generation) override;
    void tell(std::size_t generation, std::vector<Individual> scored) override;
    // The best so far, best first.
    [[nodiscard]] std::vector<Individual> population() const override { return best_; }
    // {"best": [candidate, ...]}, best first.
    [[nodiscard]] nlohmann::json save() const override;
    void restore(const nlohmann::json& state) override;

private:
    const CampaignConfig& config_;
    Reproduction reproduction_;
    std::vector<Individual> best_; // ranked, distinct keys, at most config_.population
};

} // namespace actforge::evolution
