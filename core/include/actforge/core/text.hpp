#pragma once
// Splitting lists typed by users ("relu, swish" or "F1; F2"), and quoting
// words for a shell command line.
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

// `word` as one argument of a POSIX shell command: as it is when it holds
// only characters no shell treats specially, else in single quotes (an
// inner quote written '\'').
[[nodiscard]] inline std::string shell_quote(std::string_view word) {
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("-_./:=,+@%").find(c) != std::string_view::npos;
    });
    if (plain) return std::string(word);
    std::string out = "'";
    for (char c : word) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

} // namespace actforge
