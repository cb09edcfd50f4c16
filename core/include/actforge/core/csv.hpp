#pragma once
// Writing CSV fields (RFC 4180): quoted, inner quotes doubled.
#include <string>
#include <string_view>

namespace actforge {

[[nodiscard]] inline std::string csv_quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

} // namespace actforge
