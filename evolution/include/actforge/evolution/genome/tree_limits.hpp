#pragma once
// Bounds every genetic operator keeps: a tree it returns never exceeds them.
#include "actforge/expr/tree.hpp"

#include <algorithm>
#include <cstddef>

namespace actforge::evolution {

struct TreeLimits {
    std::size_t max_nodes = 16;
    std::size_t max_depth = 6; // counting nodes: a lone leaf has depth 1
    std::size_t max_params = 2;

    // The limits the operators enforce: at least one node and one level, and
    // never more than an expr::Tree may hold.
    [[nodiscard]] constexpr TreeLimits clamped() const noexcept {
        return TreeLimits{std::clamp<std::size_t>(max_nodes, 1, expr::kMaxTreeNodes),
                          std::clamp<std::size_t>(max_depth, 1, expr::kMaxTreeNodes),
                          std::min(max_params, expr::kMaxParameters)};
    }
};

} // namespace actforge::evolution
