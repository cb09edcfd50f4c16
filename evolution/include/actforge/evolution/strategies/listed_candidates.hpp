#pragma once
// The candidates of a differentiable (DARTS) search, handed to the campaign
// engine: they are the config's seed formulas (one function for every
// layer, or one per layer as "f1; f2; ..."), asked as generation 0. There is
// nothing to learn from their scores; a later generation (a resumed folder
// with more generations) asks the same candidates again, which the engine
// scores from its cache, so the campaign stops as converged.
//
// population() is the candidates by ranks_before once scored.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/strategies/reproduction.hpp"
#include "actforge/evolution/strategies/strategy.hpp"

namespace actforge::evolution {

class ListedCandidates final : public Strategy {
public:
    // Throws actforge::Error when the config has no seed formulas.
    explicit ListedCandidates(const CampaignConfig& config);

    [[nodiscard]] std::string_view name() const noexcept override { return "darts"; }
    [[nodiscard]] std::vector<Individual> ask(std::size_t generation) override;
    void tell(std::size_t generation, std::vector<Individual> scored) override;
    [[nodiscard]] std::vector<Individual> population() const override { return scored_; }
    // {"scored": [candidate, ...]}, best first.
    [[nodiscard]] nlohmann::json save() const override;
    void restore(const nlohmann::json& state) override;

private:
    const CampaignConfig& config_;
    Reproduction reproduction_;
    std::vector<Individual> scored_;
};

} // namespace actforge::evolution
