#include "actforge/evolution/strategies/rl_settings.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution {

void RlSettings::validate() const {
    if (core_units < 1 || core_units > 2) throw Error(fmt::format("rl core_units must be 1 or 2, not {}", core_units));
    if (hidden < 1 || hidden > 1024) throw Error(fmt::format("rl hidden must be in 1..1024, not {}", hidden));
    if (!(learning_rate > 0.0) || !std::isfinite(learning_rate)) {
        throw Error(fmt::format("rl learning_rate must be positive, not {}", learning_rate));
    }
    if (!(entropy_weight >= 0.0) || !std::isfinite(entropy_weight)) {
        throw Error(fmt::format("rl entropy_weight must be >= 0, not {}", entropy_weight));
    }
    if (ppo_epochs > 100) throw Error(fmt::format("rl ppo_epochs must be at most 100, not {}", ppo_epochs));
    if (!(ppo_clip > 0.0 && ppo_clip < 1.0))
        throw Error(fmt::format("rl ppo_clip must be in (0, 1), not {}", ppo_clip));
    if (!(baseline_decay >= 0.0 && baseline_decay < 1.0)) {
        throw Error(fmt::format("rl baseline_decay must be in [0, 1), not {}", baseline_decay));
    }
}

nlohmann::json to_json(const RlSettings& s) {
    return {{"core_units", s.core_units},
            {"hidden", s.hidden},
            {"learning_rate", s.learning_rate},
            {"entropy_weight", s.entropy_weight},
            {"baseline_decay", s.baseline_decay},
            {"batch_size", s.batch_size},
            {"normalize_advantages", s.normalize_advantages},
            {"ppo_epochs", s.ppo_epochs},
            {"ppo_clip", s.ppo_clip}};
}

RlSettings rl_settings_from_json(const nlohmann::json& j) {
    RlSettings s;
    try {
        s.core_units = json_number_or(j, "core_units", s.core_units);
        s.hidden = json_number_or(j, "hidden", s.hidden);
        s.learning_rate = json_number_or(j, "learning_rate", s.learning_rate);
        s.entropy_weight = json_number_or(j, "entropy_weight", s.entropy_weight);
        s.baseline_decay = json_number_or(j, "baseline_decay", s.baseline_decay);
        s.batch_size = json_number_or(j, "batch_size", s.batch_size);
        s.normalize_advantages = j.value("normalize_advantages", s.normalize_advantages);
        s.ppo_epochs = json_number_or(j, "ppo_epochs", s.ppo_epochs);
        s.ppo_clip = json_number_or(j, "ppo_clip", s.ppo_clip);
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed rl settings: {}", e.what()));
    }
    s.validate();
    return s;
}

} // namespace actforge::evolution
