#pragma once
// The passes that turn a simplified Tree into a register tape, in the order
// Program::Program runs them: value numbering, liveness, register
// allocation. Each pass reads what the previous ones wrote into the graph.
#include "actforge/expr/program.hpp"

#include <cstdint>
#include <vector>

namespace actforge::expr::detail {

enum class ValueKind { X, Const, Param, Temp };

// One distinct value of the expression. Operands are indices of earlier
// values; tangents has one kind per direction (x, theta_0, theta_1, ...).
struct Value {
    explicit Value(ValueKind k, Op o = Op::Var) : kind(k), op(o) {}
    ValueKind kind;
    Op op;
    int a = -1;
    int b = -1; // -1 for unary operations
    double constant = 0.0;
    std::uint16_t param = 0;
    std::vector<TangentKind> tangents;
    std::size_t last_use = 0; // index of the last value reading this one
    std::uint16_t reg = 0;
};

// Values in evaluation order: x is value 0 and every operand comes before
// the values that read it.
struct ValueGraph {
    std::vector<Value> values;
    std::size_t dirs = 1;
    int root = 0;
};

// Walks the postfix nodes once, giving equal (op, operands, payload) one
// value: common subexpressions are computed once.
[[nodiscard]] ValueGraph number_values(const Tree& simplified, std::size_t dirs);

// Sets every value's last_use; the root stays live past the end.
void mark_last_uses(ValueGraph& graph);

// Register 0 holds x, the next ones each constant and parameter (loaded
// once per call or per block); temporaries share the rest, a register
// becoming free after its value's last use. Returns the register count.
[[nodiscard]] std::size_t allocate_registers(ValueGraph& graph);

} // namespace actforge::expr::detail
