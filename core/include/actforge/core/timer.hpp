#pragma once
#include <chrono>

namespace actforge {

// Monotonic wall-clock stopwatch.
class Timer {
public:
    using Clock = std::chrono::steady_clock;
    Timer() noexcept : start_(Clock::now()) {}
    void reset() noexcept { start_ = Clock::now(); }
    [[nodiscard]] double seconds() const noexcept {
        return std::chrono::duration<double>(Clock::now() - start_).count();
    }

private:
    Clock::time_point start_;
};

} // namespace actforge
