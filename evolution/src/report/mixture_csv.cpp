// alphas.csv, the mixture weights a DARTS search records per epoch.
#include "actforge/core/error.hpp"
#include "actforge/core/text.hpp"
#include "actforge/evolution/report/campaign_snapshot.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

constexpr std::array<std::string_view, 5> kColumns{"epoch", "layer", "slot", "primitive", "weight"};

// The fields of one CSV line; a quoted field may hold commas ("min(x, 0)")
// and doubled quotes.
std::vector<std::string> csv_fields(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

template <typename T> T number(const std::string& field, std::string_view column, std::size_t line) {
    T v{};
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (field.empty() || ec != std::errc() || end != field.data() + field.size())
        throw Error(fmt::format("line {}: {} '{}' is not a number", line, column, field));
    return v;
}

} // namespace

std::vector<MixtureWeight> parse_mixture_csv(std::string_view text) {
    std::vector<std::string> lines = split_fields(text, '\n');
    std::array<std::size_t, kColumns.size()> at{};
    std::vector<MixtureWeight> out;
    // A last line without its end is still being written (or was cut by a kill): not read.
    if (!text.empty() && text.back() != '\n') lines.pop_back();
    for (std::size_t n = 0; n < lines.size(); ++n) {
        if (!lines[n].empty() && lines[n].back() == '\r') lines[n].pop_back();
        if (lines[n].empty()) continue;
        const std::vector<std::string> fields = csv_fields(lines[n]);
        if (n == 0) {
            for (std::size_t c = 0; c < kColumns.size(); ++c) {
                const auto it = std::find(fields.begin(), fields.end(), kColumns[c]);
                if (it == fields.end()) throw Error(fmt::format("the header has no column '{}'", kColumns[c]));
                at[c] = static_cast<std::size_t>(it - fields.begin());
            }
            continue;
        }
        if (fields.size() <= *std::max_element(at.begin(), at.end()))
            throw Error(fmt::format("line {} has {} fields, fewer than the header", n + 1, fields.size()));
        out.push_back({number<std::size_t>(fields[at[0]], kColumns[0], n + 1),
                       number<std::size_t>(fields[at[1]], kColumns[1], n + 1),
                       number<std::size_t>(fields[at[2]], kColumns[2], n + 1), fields[at[3]],
                       number<double>(fields[at[4]], kColumns[4], n + 1)});
    }
    return out;
}

} // namespace actforge::evolution
