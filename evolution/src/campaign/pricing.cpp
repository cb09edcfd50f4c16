#include "actforge/evolution/campaign/pricing.hpp"

#include "actforge/fitness/architecture.hpp"

#include <algorithm>

namespace actforge::evolution {

Pricer::Pricer(const CampaignConfig& config, const fitness::Task& task)
    : config_(config), task_(task), reference_cost_(cost_of(fitness::default_architecture(config.task).hidden)) {}

double Pricer::cost_of(const std::vector<std::size_t>& hidden) const {
    const fitness::NetworkCost c = fitness::network_cost(task_, hidden);
    return static_cast<double>(config_.cost == CostKind::Parameters ? c.parameters : c.multiply_adds);
}

void Pricer::price(Individual& ind) const {
    ind.cost = cost_of(ind.genome.architecture ? ind.genome.architecture->hidden : config_.task.hidden);
    ind.penalty = config_.cost_weight * ind.cost / reference_cost_;
}

void reprice_unpriced(HallOfFame& hall_of_fame, const Pricer& pricer) {
    const auto& entries = hall_of_fame.entries();
    if (std::none_of(entries.begin(), entries.end(), [](const Individual& e) { return e.cost == 0; })) return;
    std::vector<Individual> priced = entries;
    for (auto& e : priced) pricer.price(e);
    hall_of_fame = HallOfFame(hall_of_fame.capacity());
    hall_of_fame.offer(priced);
}

} // namespace actforge::evolution
