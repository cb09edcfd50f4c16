#pragma once
// Reading a JSON document from a file, with errors a user can act on.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>

namespace actforge {

// Throws actforge::Error: "cannot read WHAT 'FILE'" when the file cannot be
// opened, "WHAT 'FILE' is corrupt (why)NOTE" when it is not JSON.
[[nodiscard]] nlohmann::json read_json_file(const std::filesystem::path& file, std::string_view what,
                                            std::string_view note = "");

} // namespace actforge
