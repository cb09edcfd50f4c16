#include "strategies/members.hpp"

#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/genome.hpp"

#include <fmt/format.h>

namespace actforge::evolution::detail {

Individual new_candidate(Genome genome, std::size_t generation, std::vector<std::string> parents) {
    Individual ind;
    ind.key = genome_key(genome);
    ind.genome = std::move(genome);
    ind.generation = generation;
    ind.parents = std::move(parents);
    return ind;
}

Individual first_member(const CampaignConfig& config, const Reproduction& reproduction, std::size_t formula, Rng rng,
                        const std::vector<Individual>& existing) {
    if (formula < config.seed_formulas.size()) {
        return new_candidate(reproduction.seeded(parse_genome_formulas(config.seed_formulas[formula])), 0, {});
    }
    return new_candidate(reproduction.unique_random(rng, existing), 0, {});
}

std::vector<Individual> first_population(const CampaignConfig& config, const Reproduction& reproduction) {
    const Rng base = Rng(config.seed).child(0).child(0);
    std::vector<Individual> members;
    members.reserve(config.population);
    for (std::size_t i = 0; i < config.population; ++i) {
        members.push_back(first_member(config, reproduction, i, base.child(i), members));
    }
    return members;
}

nlohmann::json members_to_json(const std::vector<Individual>& members) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& ind : members) out.push_back(to_json(ind));
    return out;
}

std::vector<Individual> members_from_json(const nlohmann::json& j) {
    if (!j.is_array()) throw Error("the members are not a list");
    std::vector<Individual> members;
    for (const auto& m : j) members.push_back(individual_from_json(m));
    return members;
}

std::vector<Individual> saved_members(const nlohmann::json& state, const char* field, std::string_view strategy) {
    try {
        return members_from_json(state.at(field));
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed {} state: {}", strategy, e.what()));
    }
}

} // namespace actforge::evolution::detail
