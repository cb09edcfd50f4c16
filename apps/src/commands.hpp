#pragma once
// Subcommands of the actforge program. Each takes the arguments after its
// name and returns the process exit code; errors escape as exceptions and
// are reported by main in one line.
#include <string>
#include <vector>

namespace actforge::cli {

using Args = std::vector<std::string>;

int inspect_command(const Args& args);
int export_command(const Args& args);
int eval_command(const Args& args);
int discover_command(const Args& args);
int darts_command(const Args& args);
int replay_command(const Args& args);

} // namespace actforge::cli
