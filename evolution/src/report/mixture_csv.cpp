// alphas.csv, the mixture weights a DARTS search records per epoch.
#include "actforge/core/error.hpp"
#include "actforge/evolution/report/campaign_snapshot.hpp"
#include "actforge/fitness/csv_records.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

constexpr std::array<std::string_view, 5> kColumns{"epoch", "layer", "slot", "primitive", "weight"};

template <typename T> T number(const std::string& field, std::string_view column, std::size_t line) {
    T v{};
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (field.empty() || ec != std::errc() || end != field.data() + field.size())
        throw Error(fmt::format("line {}: {} '{}' is not a number", line, column, field));
    return v;
}

// Where each of kColumns is in the header.
std::array<std::size_t, kColumns.size()> column_positions(const std::vector<std::string>& header) {
    std::array<std::size_t, kColumns.size()> at{};
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        const auto it = std::find(header.begin(), header.end(), kColumns[c]);
        if (it == header.end()) throw Error(fmt::format("the header has no column '{}'", kColumns[c]));
        at[c] = static_cast<std::size_t>(it - header.begin());
    }
    return at;
}

} // namespace

std::vector<MixtureWeight> parse_mixture_csv(std::string_view text) {
    // A last line without its end is still being written (or was cut by a kill): not read.
    const std::size_t end = text.rfind('\n');
    text = text.substr(0, end == std::string_view::npos ? 0 : end + 1);
    // RFC 4180: a quoted primitive may hold commas ("min(x, 0)") and doubled quotes.
    fitness::CsvRecords records(text, "alphas.csv", ',');
    std::vector<std::string> fields;
    if (!records.next(fields)) return {};
    const auto at = column_positions(fields);
    std::vector<MixtureWeight> out;
    while (records.next(fields)) {
        const std::size_t line = records.line();
        if (fields.size() <= *std::max_element(at.begin(), at.end()))
            throw Error(fmt::format("line {} has {} fields, fewer than the header", line, fields.size()));
        out.push_back({number<std::size_t>(fields[at[0]], kColumns[0], line),
                       number<std::size_t>(fields[at[1]], kColumns[1], line),
                       number<std::size_t>(fields[at[2]], kColumns[2], line), fields[at[3]],
                       number<double>(fields[at[4]], kColumns[4], line)});
    }
    return out;
}

} // namespace actforge::evolution
