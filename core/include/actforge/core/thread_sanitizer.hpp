#pragma once
// Happens-before edges that ThreadSanitizer cannot see by itself.
//
// TBB hands a task to a worker, and tells the waiting thread that it has
// finished, inside libtbb, which is not compiled with TSan: TSan sees
// neither edge, and reports the data a task reads from its caller, or
// writes for it, as races. Code that runs work on TBB marks both edges:
// tsan_release() before handing the work over and tsan_acquire() where each
// task starts, before it reads anything (even its own lambda's captures:
// TBB copied the closure where TSan does not look); tsan_release() where
// each task ends and tsan_acquire() after the wait. The edges go through
// one global object, so that a task can acquire without reading a capture.
// Without TSan these are empty and cost nothing.
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

#ifdef ACTFORGE_THREAD_SANITIZER
namespace detail {
inline char tsan_handover; // only its address is used
} // namespace detail
#endif

inline void tsan_release() noexcept {
#ifdef ACTFORGE_THREAD_SANITIZER
    __tsan_release(&detail::tsan_handover);
#endif
}

inline void tsan_acquire() noexcept {
#ifdef ACTFORGE_THREAD_SANITIZER
    __tsan_acquire(&detail::tsan_handover);
#endif
}

} // namespace actforge
