// What both builds' Processes share: the one of this run.
#include "processes.hpp"

#include "actforge/core/error.hpp"

namespace actforge::cli {
namespace {
Processes* g_current = nullptr;
}

void Processes::set_current(Processes* p) noexcept { g_current = p; }

Processes& processes() {
    if (g_current == nullptr) throw Error("processes() before main() created them");
    return *g_current;
}

} // namespace actforge::cli
