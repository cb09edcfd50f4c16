#pragma once
// Reader of comma-separated files as datasets.
//
// The first row must be a header naming the columns. One column is the
// label (by name; the last column by default), every other column is a
// numeric feature. For classification, the label's distinct values become
// class ids 0..k-1 in sorted order (numerically if every value is an
// integer, as text otherwise) and Dataset::class_names keeps the values.
// With `regression`, the label is a float target.
//
// Fields follow RFC 4180: quoted fields may hold the delimiter, line breaks
// and doubled quotes; unquoted fields are trimmed of spaces. CRLF line ends,
// a UTF-8 byte order mark and blank lines are accepted. Features are not
// standardised here (see standardizer.hpp). A malformed cell is an
// actforge::Error of the form "file:line: column 'name': what is wrong".
#include "actforge/fitness/dataset.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace actforge::fitness {

// More distinct labels than this is almost surely a numeric target read
// without `regression`, so the reader stops and says so.
inline constexpr std::size_t kMaxCsvClasses = 1000;

struct CsvOptions {
    std::string label_column; // empty: the last column
    bool regression = false;
    char delimiter = ',';
};

// The dataset is named after the file's stem.
[[nodiscard]] Dataset read_csv(const std::filesystem::path& path, const CsvOptions& options = {});

// The same from text in memory; `source` names it in messages and is the
// dataset's name.
[[nodiscard]] Dataset parse_csv(std::string_view text, std::string_view source, const CsvOptions& options = {});

} // namespace actforge::fitness
