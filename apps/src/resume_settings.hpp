#pragma once
// Resuming a campaign: the settings a discover command line leaves to their
// defaults take the folder's values.
#include "discover_options.hpp"

#include <string>
#include <vector>

namespace actforge::cli {

// Whether the setting at `path` (in the campaign config's JSON: "population",
// "rl.entropy_weight", "task.hidden") is one this command line does not
// set: none of the flags that decide it was given. A setting no flag decides
// (the genetic algorithm's tournament size, the RL controller's other
// constants) is never set by a command line; a setting not known here never
// counts as unset.
[[nodiscard]] bool left_to_default(const std::string& path, const po::variables_map& vm);

// When `--out` holds a started campaign: the request's settings that the
// command line leaves to their defaults take the folder's values (a default
// may have changed since the campaign began, or a flag was not repeated).
// A setting the command line gives stays as given, so that a folder of
// another campaign is still refused. Returns the settings taken, as
// "path = value".
std::vector<std::string> adopt_folder_settings(const po::variables_map& vm, CampaignRequest& request);

} // namespace actforge::cli
