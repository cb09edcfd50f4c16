#include "actforge/nn/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace actforge::nn {

float scheduled_lr(Schedule schedule, float base_lr, std::size_t step, std::size_t total_steps) {
    switch (schedule) {
    case Schedule::Constant: return base_lr;
    case Schedule::Cosine: {
        if (total_steps == 0) return base_lr;
        const double progress = std::min(1.0, static_cast<double>(step) / static_cast<double>(total_steps));
        return static_cast<float>(static_cast<double>(base_lr) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress)));
    }
    }
    return base_lr;
}

} // namespace actforge::nn
