#include "actforge/evolution/operators/selection.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace actforge::evolution {
namespace {

// NaN ranks with -inf, below every other value.
double rank(double f) { return std::isnan(f) ? -std::numeric_limits<double>::infinity() : f; }

} // namespace

std::size_t TournamentSelector::operator()(Rng& rng, std::span<const double> fitness) const {
    const std::size_t n = fitness.size();
    if (n == 0) throw Error("tournament selection from an empty population");
    std::size_t best = n;
    const auto enter = [&](std::size_t i) {
        if (best == n || rank(fitness[i]) > rank(fitness[best])) best = i;
    };
    if (size_ >= n) {
        for (std::size_t i = 0; i < n; ++i) enter(i);
        return best;
    }
    // Floyd's algorithm: a uniform sample of size_ distinct indices in
    // size_ draws, whatever the population size.
    std::vector<std::size_t> drawn;
    drawn.reserve(size_);
    for (std::size_t j = n - size_; j < n; ++j) {
        const auto t = static_cast<std::size_t>(rng.below(j + 1));
        const std::size_t pick = std::find(drawn.begin(), drawn.end(), t) == drawn.end() ? t : j;
        drawn.push_back(pick);
        enter(pick);
    }
    return best;
}

} // namespace actforge::evolution
