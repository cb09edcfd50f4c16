// The RL controller's memory: the best candidates seen, and its whole state
// as JSON for checkpoints.
#include "actforge/core/error.hpp"
#include "actforge/evolution/strategies/rl_controller.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {

void RlController::remember(std::vector<Individual> scored) {
    for (const Individual& ind : scored) told_.insert(ind.key);
    std::vector<Individual> all = std::move(population_);
    std::move(scored.begin(), scored.end(), std::back_inserter(all));
    std::stable_sort(all.begin(), all.end(), ranks_before);
    // One member per key, its best-ranked score.
    std::vector<Individual> kept;
    for (Individual& ind : all) {
        if (kept.size() == config_.population) break;
        const bool seen = std::any_of(kept.begin(), kept.end(), [&](const Individual& k) { return k.key == ind.key; });
        if (!seen) kept.push_back(std::move(ind));
    }
    population_ = std::move(kept);
}

std::vector<Individual> RlController::population() const { return population_; }

nlohmann::json RlController::save() const {
    nlohmann::json members = nlohmann::json::array();
    for (const Individual& ind : population_) members.push_back(to_json(ind));
    nlohmann::json history = nlohmann::json::array();
    for (const RlUpdateLog& log : history_) history.push_back(to_json(log));
    return {{"settings", to_json(settings_)},
            {"policy", vector_to_json(policy_.parameters())},
            {"adam", adam_.save()},
            {"baseline", baseline_ ? nlohmann::json(*baseline_) : nlohmann::json(nullptr)},
            {"told", told_},
            {"population", std::move(members)},
            {"history", std::move(history)}};
}

void RlController::restore(const nlohmann::json& state) {
    try {
        if (rl_settings_from_json(state.at("settings")) != settings_) {
            throw Error(fmt::format("the checkpoint's RL settings {} differ from {}", state.at("settings").dump(),
                                    to_json(settings_).dump()));
        }
        Eigen::VectorXd theta = vector_from_json(state.at("policy"));
        AdamAscent adam(static_cast<Eigen::Index>(policy_.parameter_count()));
        adam.restore(state.at("adam"));
        std::vector<Individual> members;
        for (const auto& m : state.at("population")) members.push_back(individual_from_json(m));
        std::vector<RlUpdateLog> history;
        for (const auto& h : state.at("history")) history.push_back(rl_update_log_from_json(h));
        const auto& b = state.at("baseline");
        const std::optional<double> baseline = b.is_null() ? std::nullopt : std::optional<double>(b.get<double>());
        auto told = state.value("told", std::set<std::uint64_t>{});
        // Everything parsed: now commit (set_parameters checks the size first).
        policy_.set_parameters(std::move(theta));
        adam_ = std::move(adam);
        baseline_ = baseline;
        told_ = std::move(told);
        population_ = std::move(members);
        history_ = std::move(history);
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed RL controller state: {}", e.what()));
    }
}

std::vector<std::pair<std::string, std::string>> RlController::files() const {
    std::vector<std::string> steps;
    for (std::size_t s = 0; s < space_.steps(); ++s) steps.push_back(CoreUnitSpace::slot_name(s));
    return {{"rl_updates.csv", rl_updates_csv(history_, steps)}};
}

} // namespace actforge::evolution
