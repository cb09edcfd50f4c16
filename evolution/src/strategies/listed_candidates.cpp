#include "actforge/evolution/strategies/listed_candidates.hpp"

#include "actforge/core/error.hpp"
#include "strategies/members.hpp"

#include <algorithm>

namespace actforge::evolution {

ListedCandidates::ListedCandidates(const CampaignConfig& config) : config_(config), reproduction_(config) {
    if (config.seed_formulas.empty()) throw Error("a differentiable search's campaign needs its candidates");
}

std::vector<Individual> ListedCandidates::ask(std::size_t generation) {
    std::vector<Individual> members = detail::first_population(config_, reproduction_);
    for (Individual& ind : members) ind.generation = generation;
    return members;
}

void ListedCandidates::tell(std::size_t /*generation*/, std::vector<Individual> scored) {
    std::stable_sort(scored.begin(), scored.end(), ranks_before);
    scored_ = std::move(scored);
}

nlohmann::json ListedCandidates::save() const { return {{"scored", detail::members_to_json(scored_)}}; }

void ListedCandidates::restore(const nlohmann::json& state) {
    scored_ = detail::saved_members(state, "scored", "differentiable search");
}

} // namespace actforge::evolution
