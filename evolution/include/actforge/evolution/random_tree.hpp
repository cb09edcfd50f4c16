#pragma once
// Random trees from a primitive set, within limits: Koza's grow and full
// methods, and ramped half-and-half over depths 2..max_depth.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/primitive_set.hpp"
#include "actforge/evolution/tree_limits.hpp"
#include "actforge/expr/tree.hpp"

namespace actforge::evolution {

class RandomTreeBuilder {
public:
    RandomTreeBuilder(PrimitiveSet set, TreeLimits limits);

    // Leaves: x most often, constants, and (while the limit allows) new
    // learnable parameters. The results may break the node limit; ramped()
    // never does.
    [[nodiscard]] expr::Tree grow(Rng& rng, std::size_t depth) const;
    [[nodiscard]] expr::Tree full(Rng& rng, std::size_t depth) const;
    // A tree within every limit that reads x.
    [[nodiscard]] expr::Tree ramped(Rng& rng) const;
    // The subtree nodes of a grown tree of at most `depth`, drawing any new
    // parameter into `host` (used by mutations).
    [[nodiscard]] std::vector<expr::Node> grow_into(Rng& rng, std::size_t depth, expr::Tree& host) const;

    [[nodiscard]] const PrimitiveSet& primitives() const noexcept { return set_; }
    [[nodiscard]] const TreeLimits& limits() const noexcept { return limits_; }

private:
    void build(Rng& rng, std::size_t depth, bool full, expr::Tree& t, std::vector<expr::Node>& out) const;
    [[nodiscard]] expr::Node leaf(Rng& rng, expr::Tree& t) const;

    PrimitiveSet set_;
    TreeLimits limits_;
};

} // namespace actforge::evolution
