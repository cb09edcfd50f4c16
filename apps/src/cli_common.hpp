#pragma once
// Helpers shared by the subcommands: option parsing with a clear error, and
// output to stdout or to a file written atomically.
#include "actforge/core/text.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace actforge::cli {

namespace po = boost::program_options;

// Parses `args` against `options` (with `positional` names); throws
// actforge::Error with the option's name when something is wrong.
po::variables_map parse_options(const std::vector<std::string>& args, const po::options_description& options,
                                const po::positional_options_description& positional);

// "1,-2.5,3e-2" -> {1, -2.5, 0.03}; `what` names the option in errors.
std::vector<double> parse_number_list(const std::string& text, const std::string& what);

// Writes `content` to `path` atomically, or to stdout when path is empty.
void write_output(const std::string& path, const std::string& content);

// Appends this run (its start and `actforge SUBCOMMAND ARGS...`, quoted as a
// shell takes them) to the campaign folder's sessions.jsonl.
void record_session(const std::filesystem::path& dir, std::string_view subcommand,
                    const std::vector<std::string>& args);

// The last line of a campaign command: how to see it all on one page.
void print_report_pointer(const std::filesystem::path& dir);

// Usage line + option descriptions, for --help.
void print_help(const std::string& usage, const std::string& summary, const po::options_description& options);

} // namespace actforge::cli
