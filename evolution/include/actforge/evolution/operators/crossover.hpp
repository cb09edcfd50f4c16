#pragma once
// Subtree crossover: a random subtree of the receiver is replaced by a
// random subtree of the donor. Parameters the donated part uses come along
// with their values, renamed (a, b, c, ...) when a parameter the child keeps
// from the receiver has the name; parameters no longer used are dropped.
//
// The donated subtree is drawn among those that fit: the child stays within
// the limits and reads x. Crossover points are operations with probability
// 0.9 when one fits (Koza's rule), so most children differ by more than a
// leaf.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/operators/operator_concepts.hpp"
#include "actforge/evolution/genome/tree_limits.hpp"
#include "actforge/expr/tree.hpp"

namespace actforge::evolution {

class SubtreeCrossover {
public:
    explicit SubtreeCrossover(TreeLimits limits) : limits_(limits.clamped()) {}

    // A child that differs from the receiver, or the receiver itself when a
    // bounded number of attempts finds none within the limits.
    [[nodiscard]] expr::Tree operator()(Rng& rng, const expr::Tree& receiver, const expr::Tree& donor) const;

private:
    TreeLimits limits_;
};

static_assert(TreeCrossover<SubtreeCrossover>);

} // namespace actforge::evolution
