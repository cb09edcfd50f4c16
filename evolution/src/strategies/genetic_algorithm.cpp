#include "actforge/evolution/strategies/genetic_algorithm.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "strategies/islands.hpp"
#include "strategies/members.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {
GeneticAlgorithm::GeneticAlgorithm(const CampaignConfig& config) : config_(config), reproduction_(config) {}

std::vector<std::vector<Individual>> GeneticAlgorithm::initial_islands() const {
    const auto sizes = detail::island_sizes(config_);
    std::vector<std::vector<Individual>> islands(config_.islands);
    const Rng base = Rng(config_.seed).child(0);
    for (std::size_t k = 0; k < config_.islands; ++k) {
        for (std::size_t i = 0; i < sizes[k]; ++i) {
            const std::size_t formula = i * config_.islands + k; // seed formulas go round the islands
            islands[k].push_back(
                detail::first_member(config_, reproduction_, formula, base.child(k).child(i), islands[k]));
        }
    }
    return islands;
}

std::vector<std::vector<Individual>> GeneticAlgorithm::offspring(std::size_t generation) const {
    const Rng base = Rng(config_.seed).child(generation);
    std::vector<std::vector<Individual>> islands(config_.islands);
    for (std::size_t k = 0; k < config_.islands; ++k) {
        std::vector<Individual> parents = islands_[k];
        std::sort(parents.begin(), parents.end(), ranks_before);
        std::vector<Individual>& next = islands[k];
        for (std::size_t i = 0; i < parents.size(); ++i) {
            if (i < config_.elites) {
                next.push_back(parents[i]);
                continue;
            }
            Rng rng = base.child(k).child(i);
            auto [genome, lineage] = reproduction_.child(rng, parents, next);
            next.push_back(detail::new_candidate(std::move(genome), generation, std::move(lineage)));
        }
    }
    return islands;
}

std::vector<Individual> GeneticAlgorithm::ask(std::size_t generation) {
    std::vector<Individual> out;
    for (auto& island : generation == 0 ? initial_islands() : offspring(generation)) {
        std::move(island.begin(), island.end(), std::back_inserter(out));
    }
    return out;
}

void GeneticAlgorithm::tell(std::size_t generation, std::vector<Individual> scored) {
    // ask() laid the islands out one after another, each as large as before.
    const std::vector<std::size_t> sizes = detail::island_sizes(config_);
    std::vector<std::vector<Individual>> islands(config_.islands);
    auto next = scored.begin();
    for (std::size_t k = 0; k < config_.islands; ++k) {
        const std::size_t size = islands_.empty() ? sizes[k] : islands_[k].size();
        islands[k].assign(std::make_move_iterator(next), std::make_move_iterator(next + static_cast<long>(size)));
        next += static_cast<long>(size);
    }
    islands_ = std::move(islands);
    const std::size_t completed = generation + 1;
    if (config_.islands > 1 && config_.migration_interval > 0 && completed % config_.migration_interval == 0) {
        detail::migrate(islands_, config_.migrants);
    }
}

std::vector<Individual> GeneticAlgorithm::population() const {
    std::vector<Individual> out;
    for (const auto& island : islands_) out.insert(out.end(), island.begin(), island.end());
    return out;
}

nlohmann::json GeneticAlgorithm::save() const {
    nlohmann::json islands = nlohmann::json::array();
    for (const auto& island : islands_) islands.push_back(detail::members_to_json(island));
    return {{"islands", std::move(islands)}};
}

void GeneticAlgorithm::restore(const nlohmann::json& state) {
    std::vector<std::vector<Individual>> islands;
    try {
        for (const auto& island : state.at("islands")) islands.push_back(detail::members_from_json(island));
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed genetic algorithm state: {}", e.what()));
    }
    if (islands.size() != config_.islands) throw Error("island count differs from the config");
    islands_ = std::move(islands);
}

} // namespace actforge::evolution
