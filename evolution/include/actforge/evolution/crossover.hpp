#pragma once
// Subtree crossover: a random subtree of the receiver is replaced by a
// random subtree of the donor. Parameters the donated part uses come along
// with their values (renamed when the receiver already has the name).
#include "actforge/core/rng.hpp"
#include "actforge/evolution/tree_limits.hpp"
#include "actforge/expr/tree.hpp"

namespace actforge::evolution {

class SubtreeCrossover {
public:
    explicit SubtreeCrossover(TreeLimits limits) : limits_(limits) {}
    // A child within the limits, or the receiver itself when no attempt fits.
    [[nodiscard]] expr::Tree operator()(Rng& rng, const expr::Tree& receiver, const expr::Tree& donor) const;

private:
    TreeLimits limits_;
};

} // namespace actforge::evolution
