#include "actforge/evolution/darts/darts_campaign.hpp"

#include "actforge/evolution/genome/genome.hpp"

#include <algorithm>

namespace actforge::evolution {

CampaignConfig darts_campaign_config(const fitness::TaskSpec& spec, const DartsSettings& settings,
                                     const std::vector<DartsCandidate>& candidates, std::size_t verify_seeds) {
    CampaignConfig c;
    c.task = spec;
    c.strategy = StrategyKind::Darts;
    c.primitives = settings.primitives;
    c.per_layer = settings.per_layer;
    c.seed = settings.seed;
    for (const auto& candidate : candidates) c.seed_formulas.push_back(candidate.formulas);
    c.population = candidates.size();
    c.elites = 0;
    c.generations = 1;
    c.verify_seeds = verify_seeds;
    c.verify_top = std::min<std::size_t>(5, candidates.size());
    return c;
}

const Individual* find_darts_candidate(const CampaignState& state, const std::string& formulas) {
    const std::uint64_t key = genome_key(Genome{parse_genome_formulas(formulas), {}});
    for (const Individual& ind : state.hall_of_fame.entries()) {
        if (genome_key(ind.genome) == key) return &ind;
    }
    return nullptr;
}

} // namespace actforge::evolution
