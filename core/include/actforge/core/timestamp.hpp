#pragma once
// Points in time as people and files read them: UTC, ISO 8601, to the second.
#include <chrono>
#include <filesystem>
#include <string>

namespace actforge {

// "2025-03-14T09:26:53Z"
[[nodiscard]] std::string utc_timestamp(std::chrono::system_clock::time_point t);

// When `file` was last written, as utc_timestamp; empty when it cannot be read.
[[nodiscard]] std::string file_timestamp(const std::filesystem::path& file);

} // namespace actforge
