#pragma once
#include <cstddef>

namespace actforge::evolution {

// Bounds every operator keeps: a tree never exceeds them.
struct TreeLimits {
    std::size_t max_nodes = 16;
    std::size_t max_depth = 6;
    std::size_t max_params = 2;
};

} // namespace actforge::evolution
