#include "actforge/evolution/strategies/rl_update_log.hpp"

#include "actforge/core/csv.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"

#include <limits>

#include <fmt/format.h>

namespace actforge::evolution {

nlohmann::json to_json(const RlUpdateLog& log) {
    return {{"g", log.generation},
            {"n", log.candidates},
            {"failed", log.failed},
            {"reward", finite_or_null(log.mean_reward)},
            {"baseline", finite_or_null(log.baseline)},
            {"entropy", log.entropy},
            {"top", log.most_likely},
            {"p", log.probability}};
}

RlUpdateLog rl_update_log_from_json(const nlohmann::json& j) {
    try {
        RlUpdateLog log;
        log.generation = json_number<std::size_t>(j.at("g"));
        log.candidates = json_number<std::size_t>(j.at("n"));
        log.failed = json_number<std::size_t>(j.at("failed"));
        log.mean_reward = number_or(j.at("reward"), std::numeric_limits<double>::quiet_NaN());
        log.baseline = number_or(j.at("baseline"), std::numeric_limits<double>::quiet_NaN());
        log.entropy = j.at("entropy").get<std::vector<double>>();
        log.most_likely = j.at("top").get<std::vector<std::string>>();
        log.probability = j.at("p").get<std::vector<double>>();
        return log;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed rl update log: {}", e.what()));
    }
}

std::string rl_updates_csv(std::span<const RlUpdateLog> history, std::span<const std::string> steps) {
    std::string out = "generation,candidates,failed,mean_reward,baseline";
    for (const char* what : {"entropy", "most_likely", "probability"}) {
        for (const auto& step : steps) out += fmt::format(",{} {}", what, step);
    }
    out += '\n';
    for (const RlUpdateLog& u : history) {
        out += fmt::format("{},{},{},{:.6f},{:.6f}", u.generation, u.candidates, u.failed, u.mean_reward, u.baseline);
        for (std::size_t s = 0; s < steps.size(); ++s)
            out += fmt::format(",{:.4f}", s < u.entropy.size() ? u.entropy[s] : 0.0);
        for (std::size_t s = 0; s < steps.size(); ++s) {
            out += ',';
            out += csv_quote(s < u.most_likely.size() ? u.most_likely[s] : "");
        }
        for (std::size_t s = 0; s < steps.size(); ++s)
            out += fmt::format(",{:.4f}", s < u.probability.size() ? u.probability[s] : 0.0);
        out += '\n';
    }
    return out;
}

} // namespace actforge::evolution
