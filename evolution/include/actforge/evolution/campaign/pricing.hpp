#pragma once
// The cost term of a campaign: a candidate's network cost (weights or
// multiply-adds) and the penalty its fitness pays, relative to the task's
// own network. Costs depend only on the genome and the task.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/campaign/hall_of_fame.hpp"
#include "actforge/fitness/task.hpp"

namespace actforge::evolution {

class Pricer {
public:
    Pricer(const CampaignConfig& config, const fitness::Task& task);

    [[nodiscard]] double cost_of(const std::vector<std::size_t>& hidden) const;
    // Sets ind.cost and ind.penalty.
    void price(Individual& ind) const;

private:
    const CampaignConfig& config_;
    const fitness::Task& task_;
    double reference_cost_; // the task's own network: the unit of the cost term
};

// Prices hall-of-fame entries read with cost 0 (see old_formats.hpp) and
// rebuilds the hall of fame so its Pareto front compares real costs; a
// hall of fame whose entries all have costs is left as it is.
void reprice_unpriced(HallOfFame& hall_of_fame, const Pricer& pricer);

} // namespace actforge::evolution
