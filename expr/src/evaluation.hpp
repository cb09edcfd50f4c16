#pragma once
// One call of Program::evaluate: the register file and the block loop.
//
// Per block of kBlock elements: bind (x, the root's outputs and per-element
// parameters into registers), then per instruction a value step (the kernel:
// values and, in derivative mode, local partials) and a tangent step, then
// store (the root's f, f' and df/dtheta into the outputs).
//
// The register file is a table of block pointers: on full blocks x is read
// in place and the root writes straight into the outputs; the scratch
// blocks serve the tail block and everything else.
#include "actforge/expr/program.hpp"
#include "kernels.hpp"

#include <span>

namespace actforge::expr::detail {

template <typename T, bool Derivs> class Evaluation {
public:
    // Throws if the parameter count does not match the program.
    Evaluation(const Program& program, std::span<const T> x, std::span<const ParamBinding<T>> params,
               const Derivatives<T>& out, Scratch<T>& scratch);

    // Whether every result is finite; with Stop, false as soon as a block
    // has a non-finite result.
    bool run(OnNonFinite on_non_finite);

private:
    using Instruction = Program::Instruction;
    static constexpr std::size_t B = kBlock;

    [[nodiscard]] T* home_value(std::size_t reg) const { return base_ + reg * B; }
    [[nodiscard]] T* home_tangent(std::size_t reg, std::size_t d) const {
        return base_ + (p_.num_regs_ + reg * p_.dirs_ + d) * B;
    }
    [[nodiscard]] T*& tangent(std::size_t reg, std::size_t d) { return tangent_[reg * p_.dirs_ + d]; }
    // Where direction d's derivatives go: d = 0 is f', d = 1 + k is df/dtheta_k.
    [[nodiscard]] T* output(std::size_t d) const;

    void bind_call();
    void bind_block(std::size_t start, std::size_t len);
    void bind_periodic_params(std::size_t start);
    LocalPartials<T> value_step(const Instruction& ins);
    void tangent_step(const Instruction& ins, const LocalPartials<T>& lp);
    void store(std::size_t start, std::size_t len);

    const Program& p_;
    std::span<const T> x_;
    std::span<const ParamBinding<T>> params_;
    const Derivatives<T>& out_;
    T* base_ = nullptr;
    T** value_ = nullptr;   // value_[reg]
    T** tangent_ = nullptr; // tangent_[reg * dirs + d]
    T* pa_tmp_ = nullptr;   // the kernels' local partials
    T* pb_tmp_ = nullptr;
    bool root_is_temp_ = false;       // the root may be bound to the outputs
    bool root_in_outputs_ = false;    // ... and is in this block
    bool per_element_params_ = false; // some parameter has period > 1
    bool finite_ = true;
};

} // namespace actforge::expr::detail
