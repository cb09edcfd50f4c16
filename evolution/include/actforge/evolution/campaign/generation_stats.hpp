#pragma once
// One generation in numbers, for the checkpoint's history and fitness.svg.
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/evolution/plots/plots.hpp"

#include <span>

namespace actforge::evolution {

// Best and median full-budget validation accuracy of `population` (NaN
// when none succeeded; low-budget scores are not comparable), with the
// campaign's counts after generation `generation`.
[[nodiscard]] GenerationStats generation_stats(std::span<const Individual> population, std::size_t generation,
                                               std::size_t evaluations, double seconds);

} // namespace actforge::evolution
