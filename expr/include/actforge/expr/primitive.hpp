#pragma once
// The primitive table: the single source of truth for every operation a
// formula may use. Each entry gives the name, arity, the exact value and
// partial derivatives (double precision, the reference semantics), where the
// function is defined, and how each export format spells it.
//
// Format templates use {0} and {1} for the operands' text; everything else is
// literal. Helpers (for PyTorch and C++) are definitions emitted once at the
// top of an export that uses the primitive.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace actforge::expr {

enum class Op : std::uint8_t {
    // leaves
    Var,
    Const,
    Param,
    // unary
    Neg,
    Abs,
    Square,
    Cube,
    Sqrt,
    Reciprocal,
    Exp,
    Expm1,
    Log,
    Sin,
    Cos,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Atan,
    Sinc,
    Erf,
    Erfc,
    Sigmoid,
    LogSigmoid,
    Softplus,
    Softsign,
    Relu,
    LeakyRelu,
    Elu,
    Selu,
    Swish,
    Gelu,
    Mish,
    HardSigmoid,
    HardTanh,
    Gaussian,
    BesselI0e,
    BesselI1e,
    // binary
    Add,
    Sub,
    Mul,
    Div,
    Max,
    Min,
    Pow,
};
inline constexpr std::size_t kOpCount = static_cast<std::size_t>(Op::Pow) + 1;

// Where a primitive gives finite values (the Program reports non-finite
// results; this says where to expect them).
enum class Domain : std::uint8_t {
    AllReals,    // finite for every finite input (may still overflow, e.g. exp)
    NonNegative, // first operand >= 0 (sqrt)
    Positive,    // first operand > 0 (log)
    NonZero,     // divisor != 0 (reciprocal, div)
    PowBase,     // base > 0, or base <= 0 with an integer exponent
};

struct Partials {
    double da = 0.0;
    double db = 0.0;
};

struct Primitive {
    Op op;
    std::string_view name; // call form: name(a) or name(a, b)
    int arity;             // 0, 1 or 2
    Domain domain;
    bool smooth; // continuously differentiable everywhere in its domain
    bool commutative;
    std::string_view symbol; // infix operator ("+", "-", "*", "/", "^"), empty if none
    int precedence;          // for infix operators: + - 1, * / 2, unary minus 3, ^ 4
    double (*value)(double a, double b);
    Partials (*partials)(double a, double b);
    std::string_view latex;
    std::string_view sympy;
    std::string_view pytorch;
    std::string_view pytorch_helper;
    std::string_view cpp;
    std::string_view cpp_helper;
};

[[nodiscard]] const Primitive& primitive(Op op) noexcept;
[[nodiscard]] std::span<const Primitive> all_primitives() noexcept;
// Looks a primitive up by its call-form name ("tanh", "add", "pow", "neg").
[[nodiscard]] const Primitive* find_primitive(std::string_view name) noexcept;

[[nodiscard]] constexpr bool is_leaf(Op op) noexcept { return op <= Op::Param; }
[[nodiscard]] constexpr bool is_unary(Op op) noexcept { return op >= Op::Neg && op <= Op::BesselI1e; }
[[nodiscard]] constexpr bool is_binary(Op op) noexcept { return op >= Op::Add; }
[[nodiscard]] constexpr int arity(Op op) noexcept { return is_leaf(op) ? 0 : (is_unary(op) ? 1 : 2); }

} // namespace actforge::expr
