#include "actforge/core/json_file.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace actforge {

nlohmann::json read_json_file(const std::filesystem::path& file, std::string_view what, std::string_view note) {
    std::ifstream in(file);
    if (!in) throw Error(fmt::format("cannot read {} '{}'", what, file.string()));
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        return nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("{} '{}' is corrupt ({}){}", what, file.string(), e.what(), note));
    }
}

} // namespace actforge
