#include "actforge/evolution/campaign/planted_answer.hpp"

#include "actforge/fitness/score.hpp"

#include <algorithm>

namespace actforge::evolution {

bool recovers_planted(const Individual& candidate, const expr::Tree& planted, const expr::MatchOptions& options) {
    const std::vector<expr::Tree> trained = fitness::with_learned(candidate.genome.activations, candidate.score);
    return !trained.empty() &&
           std::ranges::all_of(trained, [&](const expr::Tree& f) { return expr::recovers(f, planted, options); });
}

std::optional<std::size_t> planted_rank(std::span<const Individual> ranked, const expr::Tree& planted,
                                        const expr::MatchOptions& options) {
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        if (recovers_planted(ranked[i], planted, options)) return i;
    }
    return std::nullopt;
}

} // namespace actforge::evolution
