#pragma once
// What the engine asks of a genetic operator. Operators are const callables
// that take the generator first and draw every random number from it, so a
// result depends only on the seed and the operator can be shared by threads.
#include "actforge/core/rng.hpp"
#include "actforge/expr/tree.hpp"

#include <concepts>
#include <cstddef>
#include <span>

namespace actforge::evolution {

// Changes the tree in place and returns true, or returns false and leaves
// the tree exactly as it was.
template <class M>
concept TreeMutator = requires(const M& m, Rng& rng, expr::Tree& tree) {
    { m(rng, tree) } -> std::same_as<bool>;
};

// Makes a child from a receiver and a donor without changing either.
template <class C>
concept TreeCrossover = requires(const C& c, Rng& rng, const expr::Tree& receiver, const expr::Tree& donor) {
    { c(rng, receiver, donor) } -> std::same_as<expr::Tree>;
};

// Picks the index of a parent from fitness values (higher is better).
template <class S>
concept ParentSelector = requires(const S& s, Rng& rng, std::span<const double> fitness) {
    { s(rng, fitness) } -> std::same_as<std::size_t>;
};

} // namespace actforge::evolution
