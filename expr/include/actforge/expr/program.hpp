#pragma once
// A Tree compiled once into a register tape ("the JIT").
//
// Compilation simplifies the tree (constant folding, identities), merges
// common subexpressions, pins constants and parameters in registers of their
// own and reuses the registers of temporaries after their last use.
//
// Evaluation runs the tape over blocks of kBlock elements with Eigen array
// kernels (SIMD). In derivative mode one forward sweep yields, per element,
// f(x), f'(x) and df/dtheta_k for every parameter: forward-mode tangents in
// the directions x, theta_0, theta_1, ... Whether a register's tangent in a
// direction is zero, exactly one, or general is known at compile time, so
// zero tangents cost nothing and unit tangents cost no multiply.
//
// A Program is immutable after construction and safe to share between
// threads; the scratch memory belongs to the caller (one per thread).
#include "actforge/expr/tree.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace actforge::expr {

inline constexpr std::size_t kBlock = 256;

// A parameter's value at element i is data[(i / repeat) % period], or
// data[0] when period <= 1: shared per layer (period 1), per neuron (period
// = width of a row-major batch), or per channel of an image batch (period =
// channels, repeat = height * width).
template <typename T> struct ParamBinding {
    const T* data = nullptr;
    std::size_t period = 1;
    std::size_t repeat = 1;
};

// Where derivative-mode results go; df and dtheta may be null. dtheta holds
// d f / d theta_k for element i at dtheta[k * dtheta_stride + i].
template <typename T> struct Derivatives {
    T* f = nullptr;
    T* df = nullptr;
    T* dtheta = nullptr;
    std::size_t dtheta_stride = 0;
};

// Per-thread working memory of Program::evaluate; grows on first use only.
template <typename T> class Scratch {
public:
    // `count` elements aligned to 64 bytes.
    T* reserve(std::size_t count);
    // A table of `count` block pointers (the register file of one block).
    T** pointers(std::size_t count);

private:
    std::vector<T> buffer_;
    std::size_t offset_ = 0; // to 64-byte alignment
    std::vector<T*> pointers_;
};

enum class TangentKind : std::uint8_t { Zero, One, General };

// What evaluate does once a block of kBlock elements has a non-finite result
// (f, or a requested derivative). The return value is the same either way.
enum class OnNonFinite : std::uint8_t {
    // Evaluate every element: the outputs are complete, as a plot of a
    // function that is NaN on part of its range or a report of where a
    // function first fails needs them.
    Finish,
    // Return false once that block is stored, as DynamicExpressions.jl does:
    // the outputs of later elements are left as they were. Only for callers
    // that discard every output on false.
    Stop,
};

namespace detail {
struct Value;
struct ValueGraph;
template <typename T, bool Derivs> class Evaluation;
} // namespace detail

class Program {
public:
    explicit Program(const Tree& tree);

    [[nodiscard]] std::size_t num_parameters() const noexcept { return num_params_; }
    [[nodiscard]] std::size_t num_instructions() const noexcept { return code_.size(); }
    [[nodiscard]] std::size_t num_registers() const noexcept { return num_regs_; }
    // Human-readable tape, one instruction a line.
    [[nodiscard]] std::string disassemble() const;

    // f(x) for every element. Returns whether every result is finite.
    template <typename T>
    bool evaluate(std::span<const T> x, std::span<const ParamBinding<T>> params, T* f, Scratch<T>& scratch,
                  OnNonFinite on_non_finite = OnNonFinite::Finish) const;

    // f, f' and df/dtheta in one sweep. Returns whether every requested
    // result is finite.
    template <typename T>
    bool evaluate(std::span<const T> x, std::span<const ParamBinding<T>> params, const Derivatives<T>& out,
                  Scratch<T>& scratch, OnNonFinite on_non_finite = OnNonFinite::Finish) const;

    // Convenience for scalar parameters (period 1), e.g. tests and tools.
    template <typename T>
    bool evaluate(std::span<const T> x, std::span<const T> param_values, const Derivatives<T>& out, Scratch<T>& scratch,
                  OnNonFinite on_non_finite = OnNonFinite::Finish) const;

private:
    static constexpr std::uint32_t kNoDirection = ~std::uint32_t{0};

    // One step of the tape. The fields after b say how derivative mode runs
    // it; they follow from the tangent kinds, so they are fixed at compile
    // time.
    struct Instruction {
        Op op;
        std::uint16_t dst;
        std::uint16_t a;
        std::uint16_t b; // unused for unary ops
        bool binary;
        bool need_pa; // a has a nonzero tangent: the kernel computes d dst / d a
        bool need_pb; // likewise for b
        // A unary op of x or of a parameter (a's tangent is exactly one in
        // this direction and zero in all others): the kernel writes d dst / d a
        // straight into dst's tangent there. kNoDirection otherwise.
        std::uint32_t direct;
        // dst's nonzero tangents are updates_[first_update, end_update).
        std::uint32_t first_update;
        std::uint32_t end_update;
    };
    // dst's tangent in direction dir = da * a's + db * b's, the operands'
    // tangents there being of kinds a and b (zero ones are skipped).
    struct TangentUpdate {
        std::uint32_t dir;
        TangentKind a;
        TangentKind b;
    };
    struct ConstLoad {
        std::uint16_t reg;
        double value;
    };
    struct ParamLoad {
        std::uint16_t reg;
        std::uint16_t param;
    };

    // Writes the tape of an allocated value graph (program_compile.cpp).
    void emit(const detail::ValueGraph& graph);
    // The instruction computing temporary v, its tangent updates appended.
    Instruction instruction(const detail::ValueGraph& graph, const detail::Value& v);

    template <typename T, bool Derivs> friend class detail::Evaluation;

    std::vector<Instruction> code_;
    std::vector<TangentUpdate> updates_;
    std::vector<ConstLoad> consts_;
    std::vector<ParamLoad> param_loads_;
    std::vector<TangentKind> root_kinds_; // per direction
    std::size_t num_params_ = 0;
    std::size_t dirs_ = 1;     // 1 + num_params_
    std::size_t num_regs_ = 1; // register 0 holds x
    std::uint16_t root_ = 0;
};

} // namespace actforge::expr
