#pragma once
// sessions.jsonl in a campaign folder: one line per run of the campaign
// (the first started it, the others resumed or extended it), saying when
// it started and the command line, so a report can say what was run.
// Appended and flushed like the evaluation log; a torn last line is skipped
// when reading. Folders from before it have none.
#include <filesystem>
#include <string>
#include <vector>

namespace actforge::evolution {

struct CampaignSession {
    std::string started; // UTC, ISO 8601
    std::string command; // as a shell would take it
};

// Throws actforge::Error when the line cannot be written.
void append_session(const std::filesystem::path& dir, const CampaignSession& session);

// Oldest first; none when the file is missing. Unreadable lines are skipped.
[[nodiscard]] std::vector<CampaignSession> read_sessions(const std::filesystem::path& dir);

} // namespace actforge::evolution
