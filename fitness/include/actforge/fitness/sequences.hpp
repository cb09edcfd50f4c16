#pragma once
// Sequence tasks generated in code, for recurrent networks: small, exact for
// a seed, and unsolvable without memory across steps.
#include "actforge/fitness/dataset.hpp"

#include <cstdint>

namespace actforge::fitness {

// The adding problem (Hochreiter & Schmidhuber 1997) as a classification:
// each of `steps` steps is (u, m) with u ~ U[0, 1] and a marker m in {0, 1};
// one step in each half of the sequence is marked, and the class says
// whether the two marked values sum to more than 1. A network has to find
// the marked steps and carry their values to the end.
//
// Example i comes from its own stream Rng(seed).child(i), and has class
// i % 2 (but for a sum that rounds to exactly 1): when its draw falls in the other class, both marked values become
// 1 - u, which keeps them uniform. Row layout: u_0, m_0, u_1, m_1, ...
[[nodiscard]] Dataset adding_problem(std::size_t n, std::size_t steps, std::uint64_t seed);

} // namespace actforge::fitness
