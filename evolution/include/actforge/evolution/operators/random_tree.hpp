#pragma once
// Random trees from a primitive set, within limits: Koza's grow and full
// methods under a node budget, and ramped half-and-half over depths
// 2..max_depth.
//
// Every tree returned reads x, has at most max_nodes nodes, max_depth levels
// and max_params parameters, all used and named a, b, c, ... (never x).
// Leaves are x most often, constants (small "nice" values, or uniform in
// [-2, 2] rounded to two decimals), and new learnable parameters whose
// initial value leaves their parent neutral: 1 under * and /, 0 under + and
// -, a small random value elsewhere.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/evolution/genome/tree_limits.hpp"
#include "actforge/expr/tree.hpp"

#include <optional>
#include <vector>

namespace actforge::evolution {

class RandomTreeBuilder {
public:
    RandomTreeBuilder(PrimitiveSet set, TreeLimits limits);

    // At most `depth` levels (clamped to max_depth); the root is an operation
    // whenever depth and budget allow, so grow never returns a lone leaf.
    [[nodiscard]] expr::Tree grow(Rng& rng, std::size_t depth) const;
    // Every leaf at exactly `depth` (clamped to max_depth). When the node
    // budget cannot hold that with the operators at hand (only binary ones),
    // the tree is the deepest full tree that fits.
    [[nodiscard]] expr::Tree full(Rng& rng, std::size_t depth) const;
    // Grow or full with equal probability, at a depth uniform in 2..max_depth.
    [[nodiscard]] expr::Tree ramped(Rng& rng) const;

    // The nodes (lengths set) of a grown subtree of at most `depth` levels
    // and `max_nodes` nodes, to be spliced into `host` under `parent` (an
    // operation, or none at the root). New parameters are appended to
    // host.parameters while their count allows. Reads x when `need_x`.
    [[nodiscard]] std::vector<expr::Node> grow_into(Rng& rng, expr::Tree& host, std::size_t depth,
                                                    std::size_t max_nodes, bool need_x,
                                                    std::optional<expr::Op> parent) const;
    // One random leaf for a node under `parent`, as described above.
    [[nodiscard]] expr::Node leaf(Rng& rng, expr::Tree& host, std::optional<expr::Op> parent) const;
    // A leaf using a new parameter appended to host.parameters (the caller
    // checks max_params), with the initial value described above.
    [[nodiscard]] expr::Node new_parameter(Rng& rng, expr::Tree& host, std::optional<expr::Op> parent) const;

    [[nodiscard]] const PrimitiveSet& primitives() const noexcept { return set_; }
    [[nodiscard]] const TreeLimits& limits() const noexcept { return limits_; }

private:
    // Fewest nodes of a subtree with `depth` levels: 1 when it may stop
    // early, else a unary chain, else a complete binary tree.
    [[nodiscard]] std::size_t min_nodes(std::size_t depth, bool full) const noexcept;
    void build(Rng& rng, expr::Tree& host, std::size_t depth, std::size_t budget, bool full, bool may_stop,
               std::optional<expr::Op> parent, std::vector<expr::Node>& out) const;
    [[nodiscard]] expr::Tree make(Rng& rng, std::size_t depth, bool full) const;

    PrimitiveSet set_;
    TreeLimits limits_;
};

} // namespace actforge::evolution
