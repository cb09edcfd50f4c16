// Program evaluation: the steps of detail::Evaluation and the entry points.
#include "actforge/core/error.hpp"
#include "evaluation.hpp"
#include "tangents.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

namespace actforge::expr {
namespace detail {
namespace {

// Vectorised: v * 0 is 0 for finite v and NaN otherwise, and a sum of zeros
// stays exactly zero.
template <typename T> bool all_finite(const T* p, std::size_t n) {
    return (Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>(p, static_cast<Eigen::Index>(n)) * T(0)).sum() == T(0);
}

} // namespace

template <typename T, bool Derivs>
Evaluation<T, Derivs>::Evaluation(const Program& program, std::span<const T> x, std::span<const ParamBinding<T>> params,
                                  const Derivatives<T>& out, Scratch<T>& scratch)
    : p_(program), x_(x), params_(params), out_(out) {
    if (params.size() != p_.num_params_) {
        throw Error(fmt::format("program takes {} parameter(s), {} given", p_.num_params_, params.size()));
    }
    const std::size_t regs = p_.num_regs_;
    const std::size_t tangent_regs = Derivs ? regs * p_.dirs_ : 0;
    base_ = scratch.reserve(B * (regs + tangent_regs + 2));
    value_ = scratch.pointers(regs + tangent_regs);
    tangent_ = value_ + regs;
    for (std::size_t r = 0; r < regs; ++r) {
        value_[r] = home_value(r);
        for (std::size_t d = 0; d < (Derivs ? p_.dirs_ : 0); ++d) tangent(r, d) = home_tangent(r, d);
    }
    pa_tmp_ = base_ + (regs + tangent_regs) * B;
    pb_tmp_ = pa_tmp_ + B;
    // The root may write into the outputs only if it is a temporary (an
    // instruction's result), never x, a constant or a parameter.
    // Outputs that overlap the input (in-place evaluation) are written after
    // the block is done instead, since earlier temporaries share the root's
    // register and x is still being read.
    const auto overlaps_x = [&](const T* o) {
        return o != nullptr && o < x.data() + x.size() && x.data() < o + x.size() * (1 + p_.num_params_);
    };
    const bool in_place = overlaps_x(out.f) || overlaps_x(out.df) || overlaps_x(out.dtheta);
    root_is_temp_ = !in_place && !p_.code_.empty() && p_.code_.back().dst == p_.root_;
}

template <typename T, bool Derivs> T* Evaluation<T, Derivs>::output(std::size_t d) const {
    if (d == 0) return out_.df;
    return out_.dtheta != nullptr ? out_.dtheta + (d - 1) * out_.dtheta_stride : nullptr;
}

// Constants and per-layer parameters, the same in every block.
template <typename T, bool Derivs> void Evaluation<T, Derivs>::bind_call() {
    for (const auto& c : p_.consts_) std::fill_n(home_value(c.reg), B, static_cast<T>(c.value));
    for (const auto& pl : p_.param_loads_) {
        const ParamBinding<T>& binding = params_[pl.param];
        if (binding.period <= 1)
            std::fill_n(home_value(pl.reg), B, binding.data[0]);
        else
            per_element_params_ = true;
    }
}

template <typename T, bool Derivs> void Evaluation<T, Derivs>::bind_block(std::size_t start, std::size_t len) {
    const bool full = len == B;
    if (full) {
        value_[0] = const_cast<T*>(x_.data() + start); // read only: register 0 is never a destination
    } else {
        value_[0] = home_value(0);
        std::memcpy(value_[0], x_.data() + start, len * sizeof(T));
        std::fill(value_[0] + len, value_[0] + B, T(0));
    }
    root_in_outputs_ = root_is_temp_ && full;
    if (root_is_temp_) {
        const std::size_t root = p_.root_;
        value_[root] = full ? out_.f + start : home_value(root);
        if constexpr (Derivs) {
            for (std::size_t d = 0; d < p_.dirs_; ++d) {
                T* o = output(d);
                tangent(root, d) = full && o != nullptr ? o + start : home_tangent(root, d);
            }
        }
    }
    if (per_element_params_) bind_periodic_params(start);
}

// Parameters with period > 1: element i of the call reads
// data[(i / repeat) % period].
template <typename T, bool Derivs> void Evaluation<T, Derivs>::bind_periodic_params(std::size_t start) {
    for (const auto& pl : p_.param_loads_) {
        const ParamBinding<T>& binding = params_[pl.param];
        if (binding.period <= 1) continue;
        T* dst = value_[pl.reg];
        const std::size_t repeat = std::max<std::size_t>(binding.repeat, 1);
        std::size_t k = (start / repeat) % binding.period;
        std::size_t within = start % repeat; // position inside a run of equal values
        for (std::size_t j = 0; j < B; ++j) {
            dst[j] = binding.data[k];
            if (++within == repeat) {
                within = 0;
                if (++k == binding.period) k = 0;
            }
        }
    }
}

// The kernel: dst's values and, in derivative mode, the local partials its
// tangent step needs.
template <typename T, bool Derivs> LocalPartials<T> Evaluation<T, Derivs>::value_step(const Instruction& ins) {
    T* pa = nullptr;
    T* pb = nullptr;
    if constexpr (Derivs) {
        if (ins.need_pa) {
            // f(u) with u = x or u = theta_k: the partial is the tangent, so
            // the kernel writes it straight into the tangent register.
            pa = ins.direct != Program::kNoDirection ? tangent(ins.dst, ins.direct) : pa_tmp_;
        }
        if (ins.need_pb) pb = pb_tmp_;
    }
    if (ins.binary) return binary_kernel<T>(ins.op, value_[ins.a], value_[ins.b], value_[ins.dst], pa, pb);
    return unary_kernel<T>(ins.op, value_[ins.a], value_[ins.dst], pa);
}

template <typename T, bool Derivs>
void Evaluation<T, Derivs>::tangent_step(const Instruction& ins, const LocalPartials<T>& lp) {
    for (std::uint32_t u = ins.first_update; u < ins.end_update; ++u) {
        const Program::TangentUpdate& up = p_.updates_[u];
        combine<T>(tangent(ins.dst, up.dir), lp, up.a, tangent(ins.a, up.dir), up.b,
                   ins.binary ? tangent(ins.b, up.dir) : nullptr);
    }
}

template <typename T, bool Derivs> void Evaluation<T, Derivs>::store(std::size_t start, std::size_t len) {
    const std::size_t root = p_.root_;
    if (!root_in_outputs_) std::memcpy(out_.f + start, value_[root], len * sizeof(T));
    finite_ = finite_ && all_finite(out_.f + start, len);
    if constexpr (Derivs) {
        for (std::size_t d = 0; d < p_.dirs_; ++d) {
            T* dest = output(d);
            if (dest == nullptr) continue;
            dest += start;
            switch (p_.root_kinds_[d]) {
            case TangentKind::Zero: std::fill_n(dest, len, T(0)); break;
            case TangentKind::One: std::fill_n(dest, len, T(1)); break;
            case TangentKind::General:
                if (!root_in_outputs_) std::memcpy(dest, tangent(root, d), len * sizeof(T));
                finite_ = finite_ && all_finite(dest, len);
                break;
            }
        }
    }
}

template <typename T, bool Derivs> bool Evaluation<T, Derivs>::run(OnNonFinite on_non_finite) {
    bind_call();
    const std::size_t n = x_.size();
    for (std::size_t start = 0; start < n; start += B) {
        const std::size_t len = std::min(B, n - start);
        bind_block(start, len);
        for (const Instruction& ins : p_.code_) {
            const LocalPartials<T> lp = value_step(ins);
            if constexpr (Derivs) tangent_step(ins, lp);
        }
        store(start, len);
        if (!finite_ && on_non_finite == OnNonFinite::Stop) return false;
    }
    return finite_;
}

} // namespace detail

template <typename T>
bool Program::evaluate(std::span<const T> x, std::span<const ParamBinding<T>> params, T* f, Scratch<T>& scratch,
                       OnNonFinite on_non_finite) const {
    Derivatives<T> out;
    out.f = f;
    return detail::Evaluation<T, false>(*this, x, params, out, scratch).run(on_non_finite);
}

template <typename T>
bool Program::evaluate(std::span<const T> x, std::span<const ParamBinding<T>> params, const Derivatives<T>& out,
                       Scratch<T>& scratch, OnNonFinite on_non_finite) const {
    return detail::Evaluation<T, true>(*this, x, params, out, scratch).run(on_non_finite);
}

template <typename T>
bool Program::evaluate(std::span<const T> x, std::span<const T> param_values, const Derivatives<T>& out,
                       Scratch<T>& scratch, OnNonFinite on_non_finite) const {
    std::vector<ParamBinding<T>> bindings;
    bindings.reserve(param_values.size());
    for (const T& v : param_values) bindings.push_back({&v, 1});
    return evaluate<T>(x, bindings, out, scratch, on_non_finite);
}

template bool Program::evaluate<float>(std::span<const float>, std::span<const ParamBinding<float>>, float*,
                                       Scratch<float>&, OnNonFinite) const;
template bool Program::evaluate<double>(std::span<const double>, std::span<const ParamBinding<double>>, double*,
                                        Scratch<double>&, OnNonFinite) const;
template bool Program::evaluate<float>(std::span<const float>, std::span<const ParamBinding<float>>,
                                       const Derivatives<float>&, Scratch<float>&, OnNonFinite) const;
template bool Program::evaluate<double>(std::span<const double>, std::span<const ParamBinding<double>>,
                                        const Derivatives<double>&, Scratch<double>&, OnNonFinite) const;
template bool Program::evaluate<float>(std::span<const float>, std::span<const float>, const Derivatives<float>&,
                                       Scratch<float>&, OnNonFinite) const;
template bool Program::evaluate<double>(std::span<const double>, std::span<const double>, const Derivatives<double>&,
                                        Scratch<double>&, OnNonFinite) const;

} // namespace actforge::expr
