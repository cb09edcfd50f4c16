#pragma once
// The task flags shared by eval, discover and replay: --task, --train,
// --val, --epochs, --hidden, --batch, --optimizer, --lr, ...
#include "actforge/fitness/task.hpp"
#include "cli_common.hpp"

namespace actforge::cli {

// Adds the task options to `options`.
void add_task_options(po::options_description& options);

// The preset named by --task (or csv:PATH), with every given flag applied.
[[nodiscard]] fitness::TaskSpec task_spec_from(const po::variables_map& vm);

} // namespace actforge::cli
