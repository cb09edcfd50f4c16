#pragma once
// The search space of a campaign: which unary and binary primitives trees
// may use.
#include "actforge/expr/primitive.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actforge::evolution {

struct PrimitiveSet {
    std::vector<expr::Op> unary;
    std::vector<expr::Op> binary;

    // "tanh,sigmoid,+,*,max": primitive names, or + - * / ^ for the binary
    // operators. Throws actforge::Error naming an unknown entry.
    [[nodiscard]] static PrimitiveSet parse(std::string_view list);
    // In the spirit of Ramachandran et al. (2017)'s core units, without
    // functions that are undefined on part of the real line.
    [[nodiscard]] static PrimitiveSet default_set();
    [[nodiscard]] std::string to_string() const;
};

} // namespace actforge::evolution
