#pragma once
// TaskSpec <-> JSON, for campaign configs and replays.
#include "actforge/fitness/task.hpp"

#include <nlohmann/json.hpp>

namespace actforge::fitness {

[[nodiscard]] nlohmann::json task_spec_to_json(const TaskSpec& spec);
// Throws actforge::Error naming a missing or malformed field.
[[nodiscard]] TaskSpec task_spec_from_json(const nlohmann::json& j);

} // namespace actforge::fitness
