#pragma once
// Splitting lists typed by users: "relu, swish" or "F1; F2".
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace actforge {

// The fields of `text` between separators, spaces trimmed; empty fields are
// kept ("a;;b" has three), so a caller can say which one is missing.
[[nodiscard]] inline std::vector<std::string> split_fields(std::string_view text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(text.find(sep, start), text.size());
        std::string_view item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        out.emplace_back(item);
        if (end == text.size()) break;
        start = end + 1;
    }
    return out;
}

// The non-empty fields only.
[[nodiscard]] inline std::vector<std::string> split_list(std::string_view text, char sep) {
    std::vector<std::string> out = split_fields(text, sep);
    std::erase_if(out, [](const std::string& s) { return s.empty(); });
    return out;
}

} // namespace actforge
