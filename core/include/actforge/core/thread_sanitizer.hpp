#pragma once
// Happens-before edges that ThreadSanitizer cannot see by itself.
//
// TBB hands a task to a worker, and tells the waiting thread that it has
// finished, inside libtbb, which is not compiled with TSan: TSan sees
// neither edge, and reports the data a task reads from its caller, or
// writes for it, as races. Code that runs work on TBB marks both edges:
//   tsan_hand_over()   before handing the work over;
//   tsan_task_begin()  where each task starts, before it reads anything
//                      (even its own lambda's captures: TBB copied the
//                      closure where TSan does not look);
//   tsan_task_end()    where each task ends (also when it throws);
//   tsan_joined()      after the wait.
// The two directions use two objects, so that a task never acquires what
// another task released: two tasks of one loop stay unordered, as they are,
// and a race between them is still reported. The objects are globals, so
// that a task can acquire without reading a capture. Without TSan these
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

#ifdef ACTFORGE_THREAD_SANITIZER
namespace detail {
inline char tsan_to_tasks; // only their addresses are used
inline char tsan_from_tasks;
} // namespace detail
#define ACTFORGE_TSAN_EDGE(call, object) call(&detail::object)
#else
#define ACTFORGE_TSAN_EDGE(call, object) (void)0
#endif

inline void tsan_hand_over() noexcept { ACTFORGE_TSAN_EDGE(__tsan_release, tsan_to_tasks); }
inline void tsan_task_begin() noexcept { ACTFORGE_TSAN_EDGE(__tsan_acquire, tsan_to_tasks); }
inline void tsan_task_end() noexcept { ACTFORGE_TSAN_EDGE(__tsan_release, tsan_from_tasks); }
inline void tsan_joined() noexcept { ACTFORGE_TSAN_EDGE(__tsan_acquire, tsan_from_tasks); }

#undef ACTFORGE_TSAN_EDGE

// A task's two marks: begin when constructed, end when it leaves scope (by
// return or by exception).
struct TsanTaskScope {
    TsanTaskScope() noexcept { tsan_task_begin(); }
    ~TsanTaskScope() { tsan_task_end(); }
    TsanTaskScope(const TsanTaskScope&) = delete;
    TsanTaskScope& operator=(const TsanTaskScope&) = delete;
};

} // namespace actforge
