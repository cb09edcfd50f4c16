#pragma once
// Tournament selection: the fittest of `size` entries drawn uniformly (with
// replacement). Higher fitness is better; NaN counts as the worst.
#include "actforge/core/rng.hpp"

#include <cmath>
#include <span>

namespace actforge::evolution {

class TournamentSelector {
public:
    explicit TournamentSelector(std::size_t size) : size_(size == 0 ? 1 : size) {}

    [[nodiscard]] std::size_t operator()(Rng& rng, std::span<const double> fitness) const {
        auto better = [&](std::size_t a, std::size_t b) {
            const double fa = fitness[a];
            const double fb = fitness[b];
            if (std::isnan(fb)) return !std::isnan(fa);
            return fa > fb;
        };
        std::size_t best = static_cast<std::size_t>(rng.below(fitness.size()));
        for (std::size_t i = 1; i < size_; ++i) {
            const auto challenger = static_cast<std::size_t>(rng.below(fitness.size()));
            if (better(challenger, best)) best = challenger;
        }
        return best;
    }

private:
    std::size_t size_;
};

} // namespace actforge::evolution
