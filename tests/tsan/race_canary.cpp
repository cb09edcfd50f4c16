// A race that ThreadSanitizer must report: two TBB tasks of one loop write
// one int without synchronisation, marked as the thread backend marks its
// tasks (thread_sanitizer.hpp). scripts/sanitize.sh runs it and fails when
// TSan stays silent, so the ignore list, the suppressions and the marks can
// never hide a race in code run by TBB.
#include "actforge/core/thread_sanitizer.hpp"

#include <chrono>
#include <cstdio>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <thread>

namespace {
int shared_total = 0; // written by every task: the race
} // namespace

int main() {
    const auto add = [](std::size_t i) {
        shared_total += static_cast<int>(i);
        std::this_thread::sleep_for(std::chrono::milliseconds(20)); // tasks overlap in time
    };
    actforge::tsan_hand_over();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, 8, 1), [&add](const tbb::blocked_range<std::size_t>& range) {
        const actforge::TsanTaskScope task;
        for (std::size_t i = range.begin(); i != range.end(); ++i) add(i);
    });
    actforge::tsan_joined();
    std::printf("total %d\n", shared_total);
    return 0;
}
