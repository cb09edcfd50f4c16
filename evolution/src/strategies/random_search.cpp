#include "actforge/evolution/strategies/random_search.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "strategies/members.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <unordered_set>

namespace actforge::evolution {

RandomSearch::RandomSearch(const CampaignConfig& config) : config_(config), reproduction_(config) {}

std::vector<Individual> RandomSearch::ask(std::size_t generation) {
    if (best_.empty()) return detail::first_population(config_, reproduction_);
    const Rng base = Rng(config_.seed).child(generation);
    std::vector<Individual> avoid = best_; // grows with the batch
    std::vector<Individual> batch;
    batch.reserve(config_.population);
    for (std::size_t i = 0; i < config_.population; ++i) {
        Rng rng = base.child(i);
        batch.push_back(detail::new_candidate(reproduction_.unique_random(rng, avoid), generation, {}));
        avoid.push_back(batch.back());
    }
    return batch;
}

void RandomSearch::tell(std::size_t /*generation*/, std::vector<Individual> scored) {
    std::move(scored.begin(), scored.end(), std::back_inserter(best_));
    std::stable_sort(best_.begin(), best_.end(), ranks_before);
    // A genome proposed twice (the random generator found nothing new)
    // counts once, at its best rank.
    std::unordered_set<std::uint64_t> seen;
    std::erase_if(best_, [&](const Individual& ind) { return !seen.insert(ind.key).second; });
    if (best_.size() > config_.population) best_.resize(config_.population);
}

nlohmann::json RandomSearch::save() const { return {{"best", detail::members_to_json(best_)}}; }

void RandomSearch::restore(const nlohmann::json& state) {
    std::vector<Individual> best = detail::saved_members(state, "best", "random search");
    if (best.empty() || best.size() > config_.population) {
        throw Error(fmt::format("random search state: {} candidates kept, but the population is {}", best.size(),
                                config_.population));
    }
    best_ = std::move(best);
}

} // namespace actforge::evolution
