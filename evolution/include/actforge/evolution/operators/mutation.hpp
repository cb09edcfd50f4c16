#pragma once
// Mutations of a tree. Each is a small class with its settings in the
// constructor and a const call operator that takes the generator first: it
// changes the tree and returns true, or returns false and leaves the tree
// exactly as it was (it could not act, or every attempt broke a limit).
//
// A changed tree keeps every invariant: it validates, stays within the
// limits, reads x, and its parameters are all used and uniquely named
// (unused ones are dropped and the rest renumbered in order).
//
// Mutations hold no mutable state and draw only from the generator they are
// given, so one instance may serve many threads and results depend only on
// the seed.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/operators/operator_concepts.hpp"
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/evolution/operators/random_tree.hpp"
#include "actforge/evolution/genome/tree_limits.hpp"
#include "actforge/expr/tree.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace actforge::evolution {

// The common interface, so the engine can mix mutations by weight.
class Mutation {
public:
    virtual ~Mutation() = default;
    virtual bool operator()(Rng& rng, expr::Tree& tree) const = 0;
    [[nodiscard]] virtual std::string_view name() const = 0;
};

// An operation becomes another of the same arity from the set; a leaf
// becomes a leaf of another kind (x, a constant, a parameter).
class PointMutation final : public Mutation {
public:
    PointMutation(PrimitiveSet set, TreeLimits limits) : builder_(std::move(set), limits) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "point"; }

private:
    RandomTreeBuilder builder_;
};

// A random subtree is replaced by a newly grown one of one to three levels,
// sized to fit the limits.
class SubtreeMutation final : public Mutation {
public:
    SubtreeMutation(PrimitiveSet set, TreeLimits limits) : builder_(std::move(set), limits) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "subtree"; }

private:
    RandomTreeBuilder builder_;
};

// A subtree s becomes u(s), b(s, leaf) or b(leaf, s).
class InsertMutation final : public Mutation {
public:
    InsertMutation(PrimitiveSet set, TreeLimits limits) : builder_(std::move(set), limits) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "insert"; }

private:
    RandomTreeBuilder builder_;
};

// A subtree is replaced by one of its own proper subtrees: the tree shrinks.
class HoistMutation final : public Mutation {
public:
    explicit HoistMutation(TreeLimits limits) : limits_(limits.clamped()) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "hoist"; }

private:
    TreeLimits limits_;
};

// A constant, or a parameter's initial value, is jittered: multiplied by
// exp(scale * N(0,1)) or shifted by scale * N(0,1), with equal probability,
// and rounded to three significant digits. The shape never changes.
class ConstantMutation final : public Mutation {
public:
    explicit ConstantMutation(double scale = 0.3) : scale_(scale) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "constant"; }

private:
    double scale_;
};

// A new learnable parameter p that keeps the function as it was: a constant
// becomes p with that value, or a subtree s becomes p*s (p = 1) or s + p
// (p = 0). Training then moves p.
class AddParameterMutation final : public Mutation {
public:
    explicit AddParameterMutation(TreeLimits limits) : limits_(limits.clamped()) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "add-parameter"; }

private:
    TreeLimits limits_;
};

// Every use of a parameter becomes a constant of its value; the function is
// unchanged and the other parameters are renumbered.
class RemoveParameterMutation final : public Mutation {
public:
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "remove-parameter"; }
};

// Draws one mutation with probability proportional to its weight. When it
// cannot act, draws again among those not yet tried, so a call tries each
// mutation at most once and fails only when none can act.
class WeightedMutation final : public Mutation {
public:
    // Throws actforge::Error for a null mutation or a weight that is not
    // positive and finite.
    void add(std::unique_ptr<Mutation> mutation, double weight);
    bool operator()(Rng& rng, expr::Tree& tree) const override { return apply(rng, tree) != nullptr; }
    // The mutation that changed the tree, or nullptr when none could.
    const Mutation* apply(Rng& rng, expr::Tree& tree) const;
    [[nodiscard]] std::string_view name() const override { return "weighted"; }
    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

private:
    struct Entry {
        std::unique_ptr<Mutation> mutation;
        double weight;
    };
    std::vector<Entry> entries_;
};

static_assert(TreeMutator<PointMutation> && TreeMutator<SubtreeMutation> && TreeMutator<InsertMutation> &&
              TreeMutator<HoistMutation> && TreeMutator<ConstantMutation> && TreeMutator<AddParameterMutation> &&
              TreeMutator<RemoveParameterMutation> && TreeMutator<WeightedMutation> && TreeMutator<Mutation>);

} // namespace actforge::evolution
