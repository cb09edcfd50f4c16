#pragma once
// Formula syntax (whitespace-insensitive):
//
//   formula    := expression [ "where" name "=" number { "," name "=" number } ]
//   expression := term { ("+" | "-") term }
//   term       := unary { ("*" | "/") unary }
//   unary      := "-" unary | power
//   power      := primary [ "^" unary ]                (right associative)
//   primary    := number | "x" | name | name "(" expression { "," expression } ")"
//              |  "(" expression ")"
//
// `name(...)` is any primitive in call form, binary operators included
// (add, sub, mul, div, pow, max, min, neg). A bare name other than x must be
// a learnable parameter declared in the where-clause with its initial value:
//   a*sigmoid(x) + b where a=1, b=0
// A minus sign directly before a plain number makes a negative constant.
// Errors are actforge::ParseError with the 1-based column of the problem.
#include "actforge/expr/tree.hpp"

#include <string_view>

namespace actforge::expr {

inline constexpr std::size_t kMaxNesting = 256;

[[nodiscard]] Tree parse(std::string_view text);

} // namespace actforge::expr
