#include "actforge/evolution/campaign/campaign_state.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"
#include "actforge/evolution/campaign/old_formats.hpp"

#include <fmt/format.h>
#include <limits>

namespace actforge::evolution {
namespace {

constexpr const char* kFormat = "actforge-checkpoint-2";

nlohmann::json history_to_json(const std::vector<GenerationStats>& history) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& h : history) {
        out.push_back({{"generation", h.generation},
                       {"best", finite_or_null(h.best)},
                       {"median", finite_or_null(h.median)},
                       {"evaluations", h.evaluations},
                       {"seconds", h.seconds}});
    }
    return out;
}

GenerationStats generation_stats_from_json(const nlohmann::json& h) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    GenerationStats g{};
    g.generation = json_number<std::size_t>(h.at("generation"));
    g.best = number_or(h.at("best"), nan);
    g.median = number_or(h.at("median"), nan);
    g.evaluations = json_number<std::size_t>(h.at("evaluations"));
    g.seconds = h.at("seconds").get<double>();
    return g;
}

} // namespace

nlohmann::json baselines_to_json(const std::vector<BaselineResult>& baselines) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& b : baselines) {
        nlohmann::json j{{"name", b.name}, {"accuracies", b.accuracies}, {"mean", b.mean}, {"std", b.stddev}};
        if (b.architecture) j["architecture"] = fitness::to_json(*b.architecture);
        out.push_back(std::move(j));
    }
    return out;
}

namespace {

BaselineResult baseline_from_json(const nlohmann::json& j) {
    BaselineResult b;
    b.name = j.at("name").get<std::string>();
    if (j.contains("architecture")) b.architecture = fitness::architecture_from_json(j["architecture"]);
    b.accuracies = j.at("accuracies").get<std::vector<double>>();
    b.mean = j.at("mean").get<double>();
    b.stddev = j.at("std").get<double>();
    return b;
}

} // namespace

nlohmann::json to_json(const CampaignState& s) {
    nlohmann::json j{{"format", kFormat},
                     {"generation", s.generation},
                     {"evaluations", s.evaluations},
                     {"candidates", s.candidates},
                     {"elapsed_seconds", s.elapsed_seconds},
                     {"strategy", s.strategy},
                     {"strategy_state", s.strategy_state},
                     {"hall_of_fame", s.hall_of_fame.to_json()},
                     {"history", history_to_json(s.history)},
                     {"verifications", s.verifications},
                     {"baselines", baselines_to_json(s.baselines)}};
    if (s.proposals) j["proposals"] = *s.proposals;
    return j;
}

CampaignState campaign_state_from_json(const nlohmann::json& saved, std::size_t hall_of_fame_size) {
    nlohmann::json j = saved;
    try {
        upgrade_checkpoint(j);
        if (j.at("format") != kFormat) throw Error("unknown checkpoint format");
        CampaignState s;
        s.generation = json_number<std::size_t>(j.at("generation"));
        s.evaluations = json_number<std::size_t>(j.at("evaluations"));
        s.candidates = json_number<std::size_t>(j.at("candidates"));
        if (j.contains("proposals")) s.proposals = json_number<std::size_t>(j["proposals"]);
        s.elapsed_seconds = j.at("elapsed_seconds").get<double>();
        s.strategy = j.at("strategy").get<std::string>();
        s.strategy_state = j.at("strategy_state");
        s.hall_of_fame = HallOfFame::from_json(j.at("hall_of_fame"), hall_of_fame_size);
        for (const auto& h : j.at("history")) s.history.push_back(generation_stats_from_json(h));
        s.verifications = json_number<std::size_t>(j.at("verifications"));
        for (const auto& b : j.at("baselines")) s.baselines.push_back(baseline_from_json(b));
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed checkpoint: {}", e.what()));
    }
}

} // namespace actforge::evolution
