#pragma once
// RFC 4180 record splitting: the fields of each record of a CSV text, for
// the dataset reader (csv_reader.hpp) and for tables a campaign writes.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace actforge::fitness {

class CsvRecords {
public:
    // `source` names the text in error messages.
    CsvRecords(std::string_view text, std::string_view source, char delimiter);

    // The next non-blank record's fields; false at the end of the text.
    // Throws actforge::Error on an unterminated quote or text after a
    // closing quote.
    bool next(std::vector<std::string>& fields);
    // 1-based line on which the record last returned by next() starts.
    [[nodiscard]] std::size_t line() const noexcept { return record_line_; }

private:
    bool skip_blank_line();
    void read_quoted(std::string& field);
    void read_plain(std::string& field);

    std::string_view text_;
    std::string_view source_;
    char delim_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t record_line_ = 0;
};

} // namespace actforge::fitness
