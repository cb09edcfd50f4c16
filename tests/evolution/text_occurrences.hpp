#pragma once
// How often a text holds a needle (overlaps counted): the plot and report
// tests count SVG elements and table cells in what they render.
#include <cstddef>
#include <string_view>

namespace actforge::test {

inline std::size_t occurrences(std::string_view text, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

} // namespace actforge::test
