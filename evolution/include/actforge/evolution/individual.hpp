#pragma once
// A candidate in a campaign: its tree, its identity, its score and where it
// came from.
#include "actforge/expr/tree.hpp"
#include "actforge/fitness/score.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace actforge::evolution {

struct Individual {
    expr::Tree tree;
    // Identity for caching and the hall of fame: the behavioural fingerprint
    // for parameter-free trees (value-equal forms are one function), the
    // canonical hash otherwise (initial values and trainability matter).
    std::uint64_t key = 0;
    fitness::Score score;
    bool evaluated = false;
    std::size_t generation = 0;       // when it was created
    std::vector<std::string> parents; // formulas of its parents (empty for the initial population)

    // Higher is better; failed candidates rank below every successful one.
    [[nodiscard]] double fitness() const noexcept { return score.ok() ? score.accuracy : -1.0; }
};

[[nodiscard]] std::uint64_t candidate_key(const expr::Tree& tree);

// Ranking used everywhere (selection, elites, hall of fame): fitness
// descending, ties broken by key so the order never depends on scheduling.
[[nodiscard]] bool ranks_before(const Individual& a, const Individual& b) noexcept;

[[nodiscard]] nlohmann::json score_to_json(const fitness::Score& s);
[[nodiscard]] fitness::Score score_from_json(const nlohmann::json& j);
[[nodiscard]] nlohmann::json to_json(const Individual& ind);
// Throws actforge::Error (or ParseError) on malformed input.
[[nodiscard]] Individual individual_from_json(const nlohmann::json& j);

[[nodiscard]] std::string key_to_hex(std::uint64_t key);
[[nodiscard]] std::uint64_t key_from_hex(const std::string& hex);

} // namespace actforge::evolution
