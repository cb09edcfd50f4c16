#include "actforge/core/memory.hpp"

#include <cstdint>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/mman.h>

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
    // A fresh anonymous mapping of 16 MiB, as glibc gives a large matrix
    // (mapped directly: a sanitizer's allocator places blocks its own way).
    constexpr std::size_t kBytes = std::size_t{16} << 20;
    void* mapped = ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(mapped != MAP_FAILED);
    auto* buffer = static_cast<float*>(mapped);
    constexpr std::size_t kFloats = kBytes / sizeof(float);
    actforge::advise_huge_pages(buffer, kBytes);
    for (std::size_t i = 0; i < kFloats; ++i) buffer[i] = static_cast<float>(i);
    const long huge_kb = huge_kb_in(buffer, kBytes);
    CAPTURE(huge_kb);
    // Page-aligned 16 MiB hold at least 7 whole 2 MiB pages.
    CHECK(huge_kb >= 14 * 1024);
    CHECK(buffer[kFloats - 1] == static_cast<float>(kFloats - 1));
    ::munmap(mapped, kBytes);
}

TEST_CASE("advise_huge_pages: buffers smaller than a huge page, or null, are left alone") {
    float small[16] = {};
    actforge::advise_huge_pages(small, sizeof(small));
    actforge::advise_huge_pages(nullptr, 0);
    small[15] = 1.0f;
    CHECK(small[15] == 1.0f);
}
