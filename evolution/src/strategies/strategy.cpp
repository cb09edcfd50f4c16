#include "actforge/evolution/strategies/strategy.hpp"

#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/strategies/genetic_algorithm.hpp"
#include "actforge/evolution/strategies/listed_candidates.hpp"
#include "actforge/evolution/strategies/random_search.hpp"
#include "actforge/evolution/strategies/regularized_evolution.hpp"
#include "actforge/evolution/strategies/rl_controller.hpp"

namespace actforge::evolution {

std::unique_ptr<Strategy> make_strategy(const CampaignConfig& config) {
    switch (config.strategy) {
    case StrategyKind::GeneticAlgorithm: return std::make_unique<GeneticAlgorithm>(config);
    case StrategyKind::RegularizedEvolution: return std::make_unique<RegularizedEvolution>(config);
    case StrategyKind::RandomSearch: return std::make_unique<RandomSearch>(config);
    case StrategyKind::RlController: return std::make_unique<RlController>(config, config.rl);
    case StrategyKind::Darts: return std::make_unique<ListedCandidates>(config);
    }
    throw Error("unknown search strategy");
}

} // namespace actforge::evolution
