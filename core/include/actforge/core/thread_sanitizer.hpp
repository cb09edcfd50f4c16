#pragma once
// Happens-before edges that ThreadSanitizer cannot see by itself.
//
// TBB hands a task to a worker, and tells the waiting thread that it has
// finished, inside libtbb, which is not compiled with TSan: TSan sees
// neither edge, and reports the data a task reads from its caller, or
// writes for it, as races. Code that runs work on TBB marks both edges on
// one object: tsan_release(&sync) before handing the work over and
// tsan_acquire(&sync) where each task starts; tsan_release(&sync) where
// each task ends and tsan_acquire(&sync) after the wait. Without TSan these
// are empty and cost nothing.
#if defined(__SANITIZE_THREAD__)
#define ACTFORGE_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ACTFORGE_THREAD_SANITIZER 1
#endif
#endif

#ifdef ACTFORGE_THREAD_SANITIZER
#include <sanitizer/tsan_interface.h>
#endif

namespace actforge {

inline void tsan_release([[maybe_unused]] const void* sync) noexcept {
#ifdef ACTFORGE_THREAD_SANITIZER
    __tsan_release(const_cast<void*>(sync));
#endif
}

inline void tsan_acquire([[maybe_unused]] const void* sync) noexcept {
#ifdef ACTFORGE_THREAD_SANITIZER
    __tsan_acquire(const_cast<void*>(sync));
#endif
}

} // namespace actforge
