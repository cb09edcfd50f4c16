#include "actforge/evolution/campaign/campaign_state.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>

namespace actforge::evolution {

nlohmann::json to_json(const CampaignState& s) {
    nlohmann::json islands = nlohmann::json::array();
    for (const auto& island : s.islands) {
        nlohmann::json members = nlohmann::json::array();
        for (const auto& ind : island) members.push_back(to_json(ind));
        islands.push_back(std::move(members));
    }
    nlohmann::json history = nlohmann::json::array();
    for (const auto& h : s.history) {
        history.push_back({{"generation", h.generation},
                           {"best", std::isfinite(h.best) ? nlohmann::json(h.best) : nlohmann::json(nullptr)},
                           {"median", std::isfinite(h.median) ? nlohmann::json(h.median) : nlohmann::json(nullptr)},
                           {"evaluations", h.evaluations},
                           {"seconds", h.seconds}});
    }
    return {{"format", "actforge-checkpoint-1"},
            {"generation", s.generation},
            {"evaluations", s.evaluations},
            {"candidates", s.candidates},
            {"elapsed_seconds", s.elapsed_seconds},
            {"islands", std::move(islands)},
            {"hall_of_fame", s.hall_of_fame.to_json()},
            {"history", std::move(history)}};
}

CampaignState campaign_state_from_json(const nlohmann::json& j, std::size_t hall_of_fame_size) {
    try {
        if (j.at("format") != "actforge-checkpoint-1") throw Error("unknown checkpoint format");
        CampaignState s;
        s.generation = j.at("generation").get<std::size_t>();
        s.evaluations = j.at("evaluations").get<std::size_t>();
        s.candidates = j.value("candidates", s.evaluations); // one training per candidate before multi-fidelity
        s.elapsed_seconds = j.at("elapsed_seconds").get<double>();
        for (const auto& island : j.at("islands")) {
            std::vector<Individual> members;
            for (const auto& m : island) members.push_back(individual_from_json(m));
            s.islands.push_back(std::move(members));
        }
        s.hall_of_fame = HallOfFame::from_json(j.at("hall_of_fame"), hall_of_fame_size);
        for (const auto& h : j.at("history")) {
            GenerationStats g{};
            g.generation = h.at("generation").get<std::size_t>();
            g.best = h.at("best").is_null() ? std::nan("") : h.at("best").get<double>();
            g.median = h.at("median").is_null() ? std::nan("") : h.at("median").get<double>();
            g.evaluations = h.at("evaluations").get<std::size_t>();
            g.seconds = h.at("seconds").get<double>();
            s.history.push_back(g);
        }
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed checkpoint: {}", e.what()));
    }
}

} // namespace actforge::evolution
