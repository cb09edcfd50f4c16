#include "actforge/core/memory.hpp"

#include <cstdint>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace {

// The kernel's transparent-huge-page mode: "always", "madvise" or "never".
std::string thp_mode() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string line;
    std::getline(in, line);
    const auto open = line.find('['), close = line.find(']');
    return open == std::string::npos || close == std::string::npos ? "" : line.substr(open + 1, close - open - 1);
}

// AnonHugePages (kB) summed over the mappings of /proc/self/smaps that
// overlap [p, p + bytes): advising part of a mapping splits it in several.
long huge_kb_in(const void* p, std::size_t bytes) {
    const auto begin = reinterpret_cast<std::uintptr_t>(p);
    const std::uintptr_t end = begin + bytes;
    std::ifstream in("/proc/self/smaps");
    std::string line;
    bool overlaps = false;
    long total = 0;
    while (std::getline(in, line)) {
        std::uintptr_t lo = 0, hi = 0;
        char dash = 0;
        std::istringstream range(line);
        if (line.find(':') > line.find(' ') && range >> std::hex >> lo >> dash >> hi && dash == '-') {
            overlaps = lo < end && begin < hi;
        } else if (overlaps && line.rfind("AnonHugePages:", 0) == 0) {
            total += std::strtol(line.c_str() + 14, nullptr, 10);
        }
    }
    return total;
}

} // namespace

TEST_CASE("advise_huge_pages: a large buffer advised before its first write is backed by huge pages") {
    const std::string mode = thp_mode();
    if (mode != "madvise" && mode != "always") {
        MESSAGE("skipped: transparent huge pages are '" << mode << "' on this kernel");
        return;
    }
    constexpr std::size_t kFloats = std::size_t{16} << 20 >> 2; // 16 MiB: glibc maps it on its own
    const std::unique_ptr<float[]> buffer(new float[kFloats]);
    actforge::advise_huge_pages(buffer.get(), kFloats * sizeof(float));
    for (std::size_t i = 0; i < kFloats; ++i) buffer[i] = static_cast<float>(i);
    const long huge_kb = huge_kb_in(buffer.get(), kFloats * sizeof(float));
    CAPTURE(huge_kb);
    // Whole 2 MiB pages inside 16 MiB: at least 14 MiB of them.
    CHECK(huge_kb >= 14 * 1024);
    CHECK(buffer[kFloats - 1] == static_cast<float>(kFloats - 1));
}

TEST_CASE("advise_huge_pages: buffers smaller than a huge page, or null, are left alone") {
    float small[16] = {};
    actforge::advise_huge_pages(small, sizeof(small));
    actforge::advise_huge_pages(nullptr, 0);
    small[15] = 1.0f;
    CHECK(small[15] == 1.0f);
}
