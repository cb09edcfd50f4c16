#pragma once
// Learning-rate schedules over a run of total_steps optimizer steps.
//   Constant: base_lr at every step.
//   Cosine:   base_lr * (1 + cos(pi * step / total_steps)) / 2, from base_lr at
//             step 0 down to 0 at total_steps (Loshchilov & Hutter 2017, SGDR,
//             one cycle without restarts).
#include <cstddef>

namespace actforge::nn {

enum class Schedule { Constant, Cosine };

[[nodiscard]] float scheduled_lr(Schedule schedule, float base_lr, std::size_t step, std::size_t total_steps);

} // namespace actforge::nn
