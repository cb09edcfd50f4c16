#pragma once
// Tournament selection: the fittest of `size` distinct entries drawn
// uniformly (without replacement, so a tournament as large as the
// population always picks its best). Higher fitness is better; NaN and -inf
// count as the worst; ties go to the entry drawn first.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/operators/operator_concepts.hpp"

#include <cstddef>
#include <span>

namespace actforge::evolution {

class TournamentSelector {
public:
    // A size of 0 is taken as 1 (uniform selection).
    explicit TournamentSelector(std::size_t size) : size_(size == 0 ? 1 : size) {}

    // The index of the winner. Throws actforge::Error when `fitness` is empty.
    [[nodiscard]] std::size_t operator()(Rng& rng, std::span<const double> fitness) const;

    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    std::size_t size_;
};

static_assert(ParentSelector<TournamentSelector>);

} // namespace actforge::evolution
