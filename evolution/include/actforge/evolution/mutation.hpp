#pragma once
// Mutations of a tree. Each is a small class with its settings in the
// constructor and a const call operator that takes the generator first:
// it returns true and changes the tree, or returns false and leaves it as it
// was. A changed tree always keeps the invariants: valid, within the limits,
// reads x, every parameter used and uniquely named.
#include "actforge/core/rng.hpp"
#include "actforge/evolution/primitive_set.hpp"
#include "actforge/evolution/random_tree.hpp"
#include "actforge/evolution/tree_limits.hpp"
#include "actforge/expr/tree.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace actforge::evolution {

class Mutation {
public:
    virtual ~Mutation() = default;
    virtual bool operator()(Rng& rng, expr::Tree& tree) const = 0;
    [[nodiscard]] virtual std::string_view name() const = 0;
};

// An operation becomes another of the same arity; a leaf another leaf.
class PointMutation final : public Mutation {
public:
    PointMutation(PrimitiveSet set, TreeLimits limits) : set_(std::move(set)), limits_(limits) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "point"; }

private:
    PrimitiveSet set_;
    TreeLimits limits_;
};

// A random subtree is replaced by a newly grown one (depth 1 to 3).
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

// A subtree is replaced by one of its own proper subtrees (shrinks the tree).
class HoistMutation final : public Mutation {
public:
    explicit HoistMutation(TreeLimits limits) : limits_(limits) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "hoist"; }

private:
    TreeLimits limits_;
};

// A constant, or a parameter's initial value, is jittered (multiplicative
// or additive Gaussian noise of relative size `scale`).
class ConstantMutation final : public Mutation {
public:
    explicit ConstantMutation(double scale = 0.3) : scale_(scale) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "constant"; }

private:
    double scale_;
};

// A constant becomes a learnable parameter with that initial value, or a
// subtree s becomes p*s (p = 1) or s + p (p = 0).
class AddParameterMutation final : public Mutation {
public:
    explicit AddParameterMutation(TreeLimits limits) : limits_(limits) {}
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "add-parameter"; }

private:
    TreeLimits limits_;
};

// A parameter's occurrences become a constant of its value.
class RemoveParameterMutation final : public Mutation {
public:
    bool operator()(Rng& rng, expr::Tree& tree) const override;
    [[nodiscard]] std::string_view name() const override { return "remove-parameter"; }
};

// Picks one mutation by weight; when it cannot act, tries another (at most
// `attempts` in all).
class WeightedMutation {
public:
    void add(std::unique_ptr<Mutation> mutation, double weight);
    bool operator()(Rng& rng, expr::Tree& tree) const;
    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

private:
    struct Entry {
        std::unique_ptr<Mutation> mutation;
        double weight;
    };
    std::vector<Entry> entries_;
    double total_ = 0.0;
    static constexpr int attempts = 8;
};

} // namespace actforge::evolution
