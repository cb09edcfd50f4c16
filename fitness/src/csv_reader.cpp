#include "actforge/fitness/csv_reader.hpp"

#include "actforge/core/error.hpp"
#include "actforge/fitness/csv_records.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace actforge::fitness {
namespace {

// A number as std::from_chars reads it, plus an optional leading '+';
// nothing else may follow. Non-finite spellings ("inf", "nan") parse.
std::optional<double> parse_number(std::string_view s) {
    if (s.starts_with('+')) s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    double v = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string column_label(const std::vector<std::string>& header, std::size_t c) {
    return header[c].empty() ? fmt::format("column {}", c + 1) : fmt::format("column '{}'", header[c]);
}

struct Table {
    std::vector<std::string> header;
    std::size_t label = 0;
    std::vector<float> features;          // row-major
    std::vector<std::string> label_cells; // one per row
    std::vector<std::size_t> lines;       // source line of each row
};

Table read_table(std::string_view text, std::string_view source, const CsvOptions& options) {
    CsvRecords records(text, source, options.delimiter);
    Table t;
    if (!records.next(t.header)) throw Error(fmt::format("'{}' is empty; a CSV needs a header row and data", source));
    const std::size_t cols = t.header.size();
    if (cols < 2) {
        throw Error(fmt::format("{}:{}: the header has {} column; a dataset needs at least one feature and a label",
                                source, records.line(), cols));
    }
    bool all_numbers = true;
    std::map<std::string_view, std::size_t> seen;
    for (std::size_t c = 0; c < cols; ++c) {
        all_numbers = all_numbers && parse_number(t.header[c]).has_value();
        if (auto [it, fresh] = seen.emplace(t.header[c], c); !fresh && !t.header[c].empty()) {
            throw Error(fmt::format("{}:{}: columns {} and {} are both named '{}'; column names must be unique", source,
                                    records.line(), it->second + 1, c + 1, t.header[c]));
        }
    }
    if (all_numbers) {
        throw Error(fmt::format("{}:{}: the first row holds only numbers; add a header row naming the columns", source,
                                records.line()));
    }
    if (options.label_column.empty()) {
        t.label = cols - 1;
    } else if (const auto it = seen.find(options.label_column); it != seen.end()) {
        t.label = it->second;
    } else {
        std::string names;
        for (const auto& h : t.header) names += (names.empty() ? "'" : ", '") + h + "'";
        throw Error(
            fmt::format("'{}' has no column named '{}'; its columns are {}", source, options.label_column, names));
    }

    std::vector<std::string> fields;
    while (records.next(fields)) {
        const std::size_t line = records.line();
        if (fields.size() != cols) {
            throw Error(
                fmt::format("{}:{}: expected {} fields as in the header, found {}", source, line, cols, fields.size()));
        }
        for (std::size_t c = 0; c < cols; ++c) {
            if (c == t.label) continue;
            const auto v = parse_number(fields[c]);
            if (!v) {
                throw Error(fmt::format("{}:{}: {}: '{}' is not a number{}", source, line, column_label(t.header, c),
                                        fields[c], fields[c].empty() ? " (missing values are not supported)" : ""));
            }
            const auto f = static_cast<float>(*v);
            if (!std::isfinite(f)) {
                throw Error(fmt::format("{}:{}: {}: '{}' is not a finite float", source, line,
                                        column_label(t.header, c), fields[c]));
            }
            t.features.push_back(f);
        }
        t.label_cells.push_back(std::move(fields[t.label]));
        t.lines.push_back(line);
    }
    if (t.lines.empty()) throw Error(fmt::format("'{}' has a header but no data rows", source));
    return t;
}

// Class ids for the label cells: numeric order if every cell is an integer,
// text order otherwise.
void assign_classes(const Table& t, std::string_view source, Dataset& d) {
    const auto fail = [&](std::size_t row, const std::string& what) {
        throw Error(fmt::format("{}:{}: {}: {}", source, t.lines[row], column_label(t.header, t.label), what));
    };
    const std::size_t n = t.label_cells.size();
    std::vector<double> numbers(n);
    bool numeric = true;
    for (std::size_t i = 0; i < n && numeric; ++i) {
        if (t.label_cells[i].empty()) fail(i, "the label is empty");
        const auto v = parse_number(t.label_cells[i]);
        numeric = v && std::isfinite(*v);
        if (numeric) numbers[i] = *v;
    }
    d.labels.resize(n);
    if (numeric) {
        std::map<std::int64_t, std::int32_t> ids;
        for (std::size_t i = 0; i < n; ++i) {
            if (numbers[i] != std::floor(numbers[i]) || std::abs(numbers[i]) > 9.0e15) {
                fail(i, fmt::format("'{}' is not an integer class; for a numeric target use the regression option",
                                    t.label_cells[i]));
            }
            ids.emplace(static_cast<std::int64_t>(numbers[i]), 0);
        }
        std::int32_t next = 0;
        for (auto& [value, id] : ids) {
            id = next++;
            d.class_names.push_back(fmt::format("{}", value));
        }
        for (std::size_t i = 0; i < n; ++i) d.labels[i] = ids.at(static_cast<std::int64_t>(numbers[i]));
    } else {
        std::map<std::string_view, std::int32_t> ids;
        for (std::size_t i = 0; i < n; ++i) {
            if (t.label_cells[i].empty()) fail(i, "the label is empty");
            ids.emplace(t.label_cells[i], 0);
        }
        std::int32_t next = 0;
        for (auto& [value, id] : ids) {
            id = next++;
            d.class_names.emplace_back(value);
        }
        for (std::size_t i = 0; i < n; ++i) d.labels[i] = ids.at(t.label_cells[i]);
    }
    d.num_classes = d.class_names.size();
    if (d.num_classes > kMaxCsvClasses) {
        throw Error(fmt::format("'{}': the label {} has {} distinct values, more than {} classes; for a numeric "
                                "target use the regression option",
                                source, column_label(t.header, t.label), d.num_classes, kMaxCsvClasses));
    }
}

void assign_targets(const Table& t, std::string_view source, Dataset& d) {
    d.targets.resize(static_cast<Eigen::Index>(t.label_cells.size()), 1);
    for (std::size_t i = 0; i < t.label_cells.size(); ++i) {
        const auto v = parse_number(t.label_cells[i]);
        if (!v || !std::isfinite(static_cast<float>(*v))) {
            throw Error(fmt::format("{}:{}: {}: regression target '{}' is not a finite number", source, t.lines[i],
                                    column_label(t.header, t.label), t.label_cells[i]));
        }
        d.targets(static_cast<Eigen::Index>(i), 0) = static_cast<float>(*v);
    }
}

} // namespace

Dataset parse_csv(std::string_view text, std::string_view source, const CsvOptions& options) {
    const Table t = read_table(text, source, options);
    Dataset d;
    d.name = std::string(source);
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        if (c != t.label) d.feature_names.push_back(t.header[c]);
    }
    const auto rows = static_cast<Eigen::Index>(t.lines.size());
    const auto cols = static_cast<Eigen::Index>(d.feature_names.size());
    d.features = Eigen::Map<const Matrix>(t.features.data(), rows, cols);
    if (options.regression) {
        assign_targets(t, source, d);
    } else {
        assign_classes(t, source, d);
    }
    d.validate();
    return d;
}

Dataset read_csv(const std::filesystem::path& path, const CsvOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("cannot open CSV file '{}'; check the path and permissions", path.string()));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw Error(fmt::format("cannot read CSV file '{}'", path.string()));
    Dataset d = parse_csv(buffer.str(), path.string(), options);
    d.name = path.stem().string();
    return d;
}

} // namespace actforge::fitness
