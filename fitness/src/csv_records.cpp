#include "actforge/fitness/csv_records.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>

namespace actforge::fitness {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

} // namespace

CsvRecords::CsvRecords(std::string_view text, std::string_view source, char delimiter)
    : text_(text), source_(source), delim_(delimiter) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
        throw Error(fmt::format("'{}': the CSV delimiter cannot be a quote or a line break", source));
    }
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (text_.starts_with(kBom)) pos_ = kBom.size();
}

bool CsvRecords::skip_blank_line() {
    std::size_t p = pos_;
    while (p < text_.size() && (is_space(text_[p]) || text_[p] == '\r')) ++p;
    if (p < text_.size() && text_[p] != '\n') return false;
    pos_ = p < text_.size() ? p + 1 : p;
    ++line_;
    return true;
}

void CsvRecords::read_quoted(std::string& field) {
    const std::size_t start_line = line_;
    ++pos_; // opening quote
    while (true) {
        if (pos_ >= text_.size()) {
            throw Error(fmt::format("{}:{}: quoted field is never closed; add the closing '\"'", source_, start_line));
        }
        const char c = text_[pos_++];
        if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
                field.push_back('"');
                ++pos_;
                continue;
            }
            break;
        }
        if (c == '\n') ++line_;
        field.push_back(c);
    }
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    if (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n') {
        throw Error(fmt::format("{}:{}: unexpected '{}' after a closing quote; quote the whole field and double "
                                "quotes inside it",
                                source_, line_, text_[pos_]));
    }
}

void CsvRecords::read_plain(std::string& field) {
    std::size_t end = pos_;
    while (end < text_.size() && text_[end] != delim_ && text_[end] != '\n') ++end;
    std::string_view s = text_.substr(pos_, end - pos_);
    pos_ = end;
    if (!s.empty() && s.back() == '\r' && (end == text_.size() || text_[end] == '\n')) s.remove_suffix(1);
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    field.assign(s);
}

bool CsvRecords::next(std::vector<std::string>& fields) {
    while (pos_ < text_.size() && skip_blank_line()) {
    }
    if (pos_ >= text_.size()) return false;
    record_line_ = line_;
    fields.clear();
    while (true) {
        std::size_t p = pos_;
        while (p < text_.size() && is_space(text_[p])) ++p;
        std::string& field = fields.emplace_back();
        if (p < text_.size() && text_[p] == '"') {
            pos_ = p;
            read_quoted(field);
        } else {
            read_plain(field);
        }
        // Here pos_ is at a delimiter, a line feed or the end.
        if (pos_ >= text_.size()) return true;
        if (text_[pos_++] == '\n') {
            ++line_;
            return true;
        }
    }
}

} // namespace actforge::fitness
