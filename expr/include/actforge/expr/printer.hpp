#pragma once
// Printers from a Tree to every format a user needs. The infix form is the
// project's own syntax: parse(to_infix(t)) == t, node for node.
#include "actforge/expr/tree.hpp"

#include <span>
#include <string>
#include <string_view>

namespace actforge::expr {

enum class Format { Infix, Latex, Sympy, Pytorch, Cpp, Json };

// Parses a format name ("infix", "latex", ...); throws actforge::Error listing the choices.
[[nodiscard]] Format parse_format(std::string_view name);
[[nodiscard]] std::string_view format_name(Format f) noexcept;

// Infix with minimal parentheses and a where-clause for the parameters.
[[nodiscard]] std::string to_infix(const Tree& t);
// LaTeX math (no $ delimiters); parameters by name, their values after \quad.
[[nodiscard]] std::string to_latex(const Tree& t);
// An expression sympy.sympify accepts, in the one symbol x; parameters are
// replaced by their values.
[[nodiscard]] std::string to_sympy(const Tree& t);
// A Python module defining class Activation(torch.nn.Module); parameters are
// torch.nn.Parameter attributes named p_<name>, initialised to their values.
[[nodiscard]] std::string to_pytorch(const Tree& t);
// One module for several layers' functions: classes Activation1,
// Activation2, ... (Activation for a single one), helpers written once.
[[nodiscard]] std::string to_pytorch(std::span<const Tree> layers);
// A self-contained C++ header: `inline float activation(float x, ...)` with
// the parameters as trailing arguments defaulted to their values.
[[nodiscard]] std::string to_cpp(const Tree& t);
// One header for several layers: activation1, activation2, ... (activation
// for a single one), helpers written once.
[[nodiscard]] std::string to_cpp(std::span<const Tree> layers);
// JSON: {"formula", "parameters": {name: value}, "tree": nested nodes}.
[[nodiscard]] std::string to_json(const Tree& t);

[[nodiscard]] std::string print(const Tree& t, Format f);

// Shortest text that parses back to exactly `v` (float round trip).
[[nodiscard]] std::string format_number(float v);

} // namespace actforge::expr
