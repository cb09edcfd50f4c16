#include "strategies/islands.hpp"

#include <algorithm>

namespace actforge::evolution::detail {

std::vector<std::size_t> island_sizes(const CampaignConfig& c) {
    std::vector<std::size_t> sizes(c.islands, c.population / c.islands);
    for (std::size_t k = 0; k < c.population % c.islands; ++k) ++sizes[k];
    return sizes;
}

void migrate(std::vector<std::vector<Individual>>& islands, std::size_t migrants) {
    const std::size_t n = islands.size();
    std::vector<std::vector<Individual>> best(n);
    for (std::size_t k = 0; k < n; ++k) {
        std::vector<Individual> sorted = islands[k];
        std::sort(sorted.begin(), sorted.end(), ranks_before);
        sorted.resize(std::min(migrants, sorted.size()));
        best[k] = std::move(sorted);
    }
    for (std::size_t k = 0; k < n; ++k) {
        auto& target = islands[(k + 1) % n];
        std::sort(target.begin(), target.end(), ranks_before);
        for (std::size_t m = 0; m < best[k].size() && m < target.size(); ++m) {
            const Individual& migrant = best[k][m];
            const bool present =
                std::any_of(target.begin(), target.end(), [&](const Individual& t) { return t.key == migrant.key; });
            if (!present) target[target.size() - 1 - m] = migrant;
        }
    }
}

} // namespace actforge::evolution::detail
