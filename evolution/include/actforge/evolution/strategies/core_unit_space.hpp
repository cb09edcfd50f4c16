#pragma once
// The search space of Ramachandran, Zoph & Le (2017), "Searching for
// Activation Functions": a function built from one or two core units
//   y_u = binary(unary1(input1), unary2(input2)),
// where each input is x or an earlier unit's output and the function is the
// last unit's output. A candidate is a token sequence, five tokens per unit
// in the order input1, input2, unary1, unary2, binary.
//
// The vocabularies are the paper's unary and binary functions (the 25 and
// 10 listed in core_unit_space.cpp),
// restricted to those the campaign's primitive set can express (a function
// is kept when every primitive in it is in the set; the identity x always
// is), plus every other primitive of the set as a plain call, so a user's
// --primitives widen the space. The paper's trainable beta is a learnable
// parameter of the formula (initial value 1); functions with one are left
// out when the limits allow no parameters.
#include "actforge/evolution/genome/primitive_set.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace actforge::evolution {

// One vocabulary entry: a formula template in the project's syntax with {0}
// and {1} for the operands and {b} for the entry's own learnable parameter.
struct UnitFunction {
    std::string text;
};

class CoreUnitSpace {
public:
    static constexpr std::size_t kTokensPerUnit = 5;
    enum Slot : std::size_t { Input1, Input2, Unary1, Unary2, Binary };

    // Throws actforge::Error when units is not 1 or 2, or no binary function fits the set.
    CoreUnitSpace(const PrimitiveSet& set, std::size_t units, bool parameters_allowed);

    [[nodiscard]] std::size_t units() const noexcept { return units_; }
    [[nodiscard]] std::size_t steps() const noexcept { return units_ * kTokensPerUnit; }
    // Tokens per step: unit u's inputs choose among x and the u-1 earlier outputs.
    [[nodiscard]] std::vector<std::size_t> vocab_sizes() const;
    [[nodiscard]] const std::vector<UnitFunction>& unary() const noexcept { return unary_; }
    [[nodiscard]] const std::vector<UnitFunction>& binary() const noexcept { return binary_; }

    // "unit1.binary", for logs.
    [[nodiscard]] static std::string slot_name(std::size_t step);
    // A readable token: "x", "y1", "sin(x)", "x1 + x2".
    [[nodiscard]] std::string token_label(std::size_t step, std::size_t token) const;
    // Unary function k of x as a formula (its parameter named b, initially 1).
    [[nodiscard]] std::string unary_formula(std::size_t k) const;
    // The formula a sequence spells (in the parser's syntax, with a where
    // clause for its parameters). It may still break a campaign's tree limits.
    [[nodiscard]] std::string formula(const std::vector<std::size_t>& tokens) const;

private:
    std::size_t units_;
    std::vector<UnitFunction> unary_;
    std::vector<UnitFunction> binary_;
};

} // namespace actforge::evolution
