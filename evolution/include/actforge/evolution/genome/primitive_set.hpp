#pragma once
// The search space of a campaign: which unary and binary primitives trees
// may use. Leaves (x, constants, parameters) are always available.
#include "actforge/expr/primitive.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actforge::evolution {

struct PrimitiveSet {
    std::vector<expr::Op> unary;
    std::vector<expr::Op> binary;

    // "tanh, sigmoid, +, *, max": primitive names in call form, or the infix
    // symbols + - * / ^ for add sub mul div pow. Duplicates are ignored; the
    // order is kept. Throws actforge::Error naming an unknown entry and
    // listing the valid names, or when the list names nothing.
    [[nodiscard]] static PrimitiveSet parse(std::string_view list);
    // In the spirit of the core units of Ramachandran et al. (2017),
    // "Searching for Activation Functions", without primitives that are
    // undefined on part of the real line (sqrt, log, division).
    [[nodiscard]] static PrimitiveSet default_set();
    // A campaign's --primitives: parse(list), or default_set() when empty.
    [[nodiscard]] static PrimitiveSet parse_or_default(std::string_view list) {
        return list.empty() ? default_set() : parse(list);
    }
    // Comma-separated names that parse() reads back to the same set.
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const PrimitiveSet&, const PrimitiveSet&) = default;
};

} // namespace actforge::evolution
