#include "actforge/evolution/campaign/session_log.hpp"

#include "actforge/core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

namespace actforge::evolution {
namespace {

constexpr const char* kFile = "sessions.jsonl";

// Whether `file` ends in the middle of a line (a kill cut its last append).
bool ends_mid_line(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in || in.tellg() <= 0) return false;
    in.seekg(-1, std::ios::end);
    return in.get() != '\n';
}

} // namespace

void append_session(const std::filesystem::path& dir, const CampaignSession& session) {
    const std::filesystem::path file = dir / kFile;
    // A torn line keeps to itself, so the new one stays readable.
    std::string line = ends_mid_line(file) ? "\n" : "";
    line += nlohmann::json{{"started", session.started}, {"command", session.command}}.dump();
    line += '\n';
    std::FILE* out = std::fopen(file.c_str(), "ab");
    const bool written =
        out != nullptr && std::fwrite(line.data(), 1, line.size(), out) == line.size() && std::fflush(out) == 0;
    const int err = errno;
    if (out != nullptr) std::fclose(out);
    if (!written) throw Error(fmt::format("cannot append to '{}': {}", file.string(), std::strerror(err)));
}

std::vector<CampaignSession> read_sessions(const std::filesystem::path& dir) {
    std::vector<CampaignSession> out;
    std::ifstream in(dir / kFile);
    std::string line;
    while (std::getline(in, line)) {
        try {
            const auto j = nlohmann::json::parse(line);
            out.push_back({j.at("started").get<std::string>(), j.at("command").get<std::string>()});
        } catch (const nlohmann::json::exception&) {
            continue; // a torn line: the session's other records still tell the story
        }
    }
    return out;
}

} // namespace actforge::evolution
