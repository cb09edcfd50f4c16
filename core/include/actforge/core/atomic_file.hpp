#pragma once
// Crash-safe file writes: the content goes to a temporary file in the same
// folder, is flushed to disk, then renamed over the target. A reader sees
// either the old complete file or the new complete file, never a torn one.
#include <filesystem>
#include <string_view>

namespace actforge {

void write_file_atomically(const std::filesystem::path& target, std::string_view content);

} // namespace actforge
