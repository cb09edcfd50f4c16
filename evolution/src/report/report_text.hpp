#pragma once
// Numbers and settings as the report writes them (internal to report/).
#include "actforge/evolution/campaign/campaign_config.hpp"

#include <string>
#include <string_view>

namespace actforge::evolution::report_text {

// 0.8123 -> "81.23%"; "–" when not finite.
[[nodiscard]] std::string percent(double fraction);
// 0.0123 -> "+1.23"; in percentage points.
[[nodiscard]] std::string points(double fraction);
// A p-value with three significant digits; "–" when not finite.
[[nodiscard]] std::string p_value(double p);
// 754.2 -> "12 min 34 s".
[[nodiscard]] std::string duration(double seconds);
// "dense 64-64", "conv 16, 32 → dense 64", with the training settings.
[[nodiscard]] std::string network(const fitness::TaskSpec& spec);

} // namespace actforge::evolution::report_text
