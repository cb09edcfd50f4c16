#pragma once
// The task flags shared by eval, discover and replay: --task, --train,
// --val, --epochs, --hidden, --batch, --optimizer, --lr, ...
#include "actforge/fitness/task.hpp"
#include "cli_common.hpp"

namespace actforge::cli {

// "64,64" -> {64, 64}: whole numbers from 1 to `max`; `what` names the
// option and `unit` the quantity in errors.
[[nodiscard]] std::vector<std::size_t> parse_size_list(const std::string& text, const char* what, const char* unit,
                                                       double max);

// Adds the task options to `options`.
void add_task_options(po::options_description& options);

// A preset by name, teacher:FORMULA (a planted-answer task; a formula that
// does not parse throws ParseError with its column in `name`), or csv:PATH
// (small-network defaults, the last column as label).
[[nodiscard]] fitness::TaskSpec task_preset_or_csv(const std::string& name);

// "A,B" -> {"A", "B"}: task names separated by commas outside parentheses
// (a name may hold a formula with commas); blanks around names dropped.
[[nodiscard]] std::vector<std::string> split_task_list(const std::string& text);

// The preset named by --task (or csv:PATH), with every given flag applied.
// Throws when --task names several tasks (only discover takes a list).
[[nodiscard]] fitness::TaskSpec task_spec_from(const po::variables_map& vm);

// A task as named on the command line, and its spec with every given flag applied.
struct NamedTask {
    std::string name;
    fitness::TaskSpec spec;
};
// Every task --task names (one or more).
[[nodiscard]] std::vector<NamedTask> task_specs_from(const po::variables_map& vm);

// The task flags given on the command line over `spec` (a campaign's task,
// say): --task replaces it by task_spec_from(vm); without it, every other
// given flag changes only what it names and the rest of `spec` stays.
void apply_task_overrides(fitness::TaskSpec& spec, const po::variables_map& vm);

} // namespace actforge::cli
