#pragma once
// What a candidate of a campaign is: its activation functions and, in a
// co-design campaign, its network architecture.
#include "actforge/expr/tree.hpp"
#include "actforge/fitness/architecture.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace actforge::evolution {

struct Genome {
    // One function shared by every hidden layer, or one per hidden
    // activation layer (conv blocks first, then the dense layers).
    std::vector<expr::Tree> activations;
    // Co-design campaigns only: the candidate's dense widths and learning
    // rate; none = the task's.
    std::optional<fitness::Architecture> architecture;

    bool operator==(const Genome&) const = default;
};

// A genome of one shared function and the task's architecture.
[[nodiscard]] Genome single_function(expr::Tree tree);

// Identity of a function for caching and the hall of fame: the behavioural
// fingerprint for parameter-free trees (value-equal forms are one
// function), the canonical hash otherwise (initial values and
// trainability matter).
[[nodiscard]] std::uint64_t candidate_key(const expr::Tree& tree);
// Identity of a genome: candidate_key of its function when it is one
// function on the task's architecture (so plain campaigns keep their keys),
// else a hash of every layer's key, the widths and the learning rate.
[[nodiscard]] std::uint64_t genome_key(const Genome& g);

// The functions in infix, separated by "; " (what `eval --activations`
// takes); parse_genome_formulas reads it back exactly.
[[nodiscard]] std::string formulas(const Genome& g);
[[nodiscard]] std::vector<expr::Tree> parse_genome_formulas(const std::string& text);

} // namespace actforge::evolution
