#include "actforge/evolution/strategies/regularized_evolution.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "strategies/members.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {

RegularizedEvolution::RegularizedEvolution(const CampaignConfig& config)
    : config_(config), mutation_only_(config, 0.0) {}

std::size_t RegularizedEvolution::batch_size(const CampaignConfig& config) noexcept {
    return std::max<std::size_t>(1, config.population / 4);
}

std::vector<Individual> RegularizedEvolution::ask(std::size_t generation) {
    if (members_.empty()) return detail::first_population(config_, mutation_only_);
    // Tournaments by rank over all members: the best of `tournament_size`
    // members drawn uniformly wins, as in the paper's sample of S.
    std::vector<Individual> ranked = members_;
    std::sort(ranked.begin(), ranked.end(), ranks_before);
    const Rng base = Rng(config_.seed).child(generation);
    const std::size_t batch = batch_size(config_);
    std::vector<Individual> children;
    children.reserve(batch);
    for (std::size_t i = 0; i < batch; ++i) {
        Rng rng = base.child(i);
        auto [genome, lineage] = mutation_only_.child(rng, ranked, children);
        children.push_back(detail::new_candidate(std::move(genome), generation, std::move(lineage)));
    }
    return children;
}

void RegularizedEvolution::tell(std::size_t /*generation*/, std::vector<Individual> scored) {
    // The first generation becomes the population; a later batch joins it
    // as the youngest members, and as many of the oldest leave.
    std::move(scored.begin(), scored.end(), std::back_inserter(members_));
    if (members_.size() > config_.population) {
        members_.erase(members_.begin(), members_.end() - static_cast<long>(config_.population));
    }
}

nlohmann::json RegularizedEvolution::save() const { return {{"members", detail::members_to_json(members_)}}; }

void RegularizedEvolution::restore(const nlohmann::json& state) {
    std::vector<Individual> members = detail::saved_members(state, "members", "regularized evolution");
    if (members.size() != config_.population) {
        throw Error(fmt::format("regularized evolution state: {} members, but the population is {}", members.size(),
                                config_.population));
    }
    members_ = std::move(members);
}

} // namespace actforge::evolution
