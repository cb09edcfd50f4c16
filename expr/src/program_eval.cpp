// Program evaluation: the block loop, register file and tangent propagation.
#include "actforge/core/error.hpp"
#include "kernels.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

namespace actforge::expr {

template <typename T> T* Scratch<T>::reserve(std::size_t count) {
    constexpr std::size_t kAlignElems = 64 / sizeof(T);
    if (buffer_.size() < count + kAlignElems) {
        buffer_.assign(count + kAlignElems, T(0));
        const auto addr = reinterpret_cast<std::uintptr_t>(buffer_.data());
        offset_ = ((64 - addr % 64) % 64) / sizeof(T);
    }
    return buffer_.data() + offset_;
}

template <typename T> T** Scratch<T>::pointers(std::size_t count) {
    if (pointers_.size() < count) pointers_.resize(count);
    return pointers_.data();
}

namespace {

// Vectorised: v * 0 is 0 for finite v and NaN otherwise, and a sum of zeros
// stays exactly zero.
template <typename T> bool all_finite(const T* p, std::size_t n) {
    return (Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>(p, static_cast<Eigen::Index>(n)) * T(0)).sum() == T(0);
}

// One side of a tangent update: partial (block p, or scalar s when p is
// null) times tangent (exactly one for kind One, else the block t). Calls
// `next` with the Eigen expression, so both sides fuse into one loop.
template <typename T, typename Next> void with_term(const T* p, T s, TangentKind kind, const T* t, Next&& next) {
    using detail::BlockArray;
    using detail::ConstBlockMap;
    if (kind == TangentKind::One) {
        if (p == nullptr)
            next(BlockArray<T>::Constant(s));
        else
            next(ConstBlockMap<T>(p));
    } else if (p == nullptr) {
        next(s * ConstBlockMap<T>(t));
    } else {
        next(ConstBlockMap<T>(p) * ConstBlockMap<T>(t));
    }
}

// out = da * ta + db * tb, skipping zero tangents (at least one is nonzero).
template <typename T>
void combine(T* out, const detail::LocalPartials<T>& lp, TangentKind ka, const T* ta, TangentKind kb, const T* tb) {
    detail::BlockMap<T> o(out);
    if (kb == TangentKind::Zero) {
        if (ka == TangentKind::One && lp.pa == out) return; // the kernel wrote it in place
        with_term<T>(lp.pa, lp.sa, ka, ta, [&](const auto& ea) { o = ea; });
    } else if (ka == TangentKind::Zero) {
        with_term<T>(lp.pb, lp.sb, kb, tb, [&](const auto& eb) { o = eb; });
    } else {
        with_term<T>(lp.pa, lp.sa, ka, ta,
                     [&](const auto& ea) { with_term<T>(lp.pb, lp.sb, kb, tb, [&](const auto& eb) { o = ea + eb; }); });
    }
}

} // namespace

template <typename T, bool Derivs>
bool Program::run(std::span<const T> x, std::span<const ParamBinding<T>> params, const Derivatives<T>& out,
                  Scratch<T>& scratch) const {
    if (params.size() != num_params_) {
        throw Error(fmt::format("program takes {} parameter(s), {} given", num_params_, params.size()));
    }
    constexpr std::size_t B = kBlock;
    const std::size_t tangent_regs = Derivs ? num_regs_ * dirs_ : 0;
    T* base = scratch.reserve(B * (num_regs_ + tangent_regs + 2));
    // The register file is a table of block pointers: on full blocks x is
    // read in place and the root writes straight into the outputs; the
    // scratch blocks serve the tail block and everything else.
    T** value = scratch.pointers(num_regs_ + tangent_regs);
    T** tangent = value + num_regs_; // tangent[reg * dirs_ + d]
    auto home_value = [&](std::size_t reg) { return base + reg * B; };
    auto home_tangent = [&](std::size_t reg, std::size_t d) { return base + (num_regs_ + reg * dirs_ + d) * B; };
    for (std::size_t r = 0; r < num_regs_; ++r) {
        value[r] = home_value(r);
        for (std::size_t d = 0; d < (Derivs ? dirs_ : 0); ++d) tangent[r * dirs_ + d] = home_tangent(r, d);
    }
    T* pa_tmp = base + (num_regs_ + tangent_regs) * B;
    T* pb_tmp = pa_tmp + B;
    auto output_for = [&](std::size_t d) -> T* {
        if (d == 0) return out.df;
        return out.dtheta != nullptr ? out.dtheta + (d - 1) * out.dtheta_stride : nullptr;
    };
    // The root may write into the outputs only if it is a temporary (an
    // instruction's result), never x, a constant or a parameter.
    // Outputs that overlap the input (in-place evaluation) are written after
    // the block is done instead, since earlier temporaries share the root's
    // register and x is still being read.
    const auto overlaps_x = [&](const T* p) {
        return p != nullptr && p < x.data() + x.size() && x.data() < p + x.size() * (1 + num_params_);
    };
    const bool in_place = overlaps_x(out.f) || overlaps_x(out.df) || overlaps_x(out.dtheta);
    const bool root_is_temp = !in_place && !code_.empty() && code_.back().dst == root_;

    for (const auto& c : consts_) std::fill_n(home_value(c.reg), B, static_cast<T>(c.value));
    bool per_element_params = false;
    for (const auto& pl : param_loads_) {
        const ParamBinding<T>& binding = params[pl.param];
        if (binding.period <= 1)
            std::fill_n(home_value(pl.reg), B, binding.data[0]);
        else
            per_element_params = true;
    }

    bool finite = true;
    const std::size_t n = x.size();
    for (std::size_t start = 0; start < n; start += B) {
        const std::size_t len = std::min(B, n - start);
        const bool full = len == B;
        if (full) {
            value[0] = const_cast<T*>(x.data() + start); // read only: register 0 is never a destination
        } else {
            value[0] = home_value(0);
            std::memcpy(value[0], x.data() + start, len * sizeof(T));
            std::fill(value[0] + len, value[0] + B, T(0));
        }
        if (root_is_temp) {
            value[root_] = full ? out.f + start : home_value(root_);
            if constexpr (Derivs) {
                for (std::size_t d = 0; d < dirs_; ++d) {
                    T* o = output_for(d);
                    tangent[root_ * dirs_ + d] = full && o != nullptr ? o + start : home_tangent(root_, d);
                }
            }
        }
        if (per_element_params) {
            for (const auto& pl : param_loads_) {
                const ParamBinding<T>& binding = params[pl.param];
                if (binding.period <= 1) continue;
                T* dst = value[pl.reg];
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

        for (const Instruction& ins : code_) {
            if constexpr (!Derivs) {
                if (ins.binary)
                    detail::binary_kernel<T>(ins.op, value[ins.a], value[ins.b], value[ins.dst], nullptr, nullptr);
                else
                    detail::unary_kernel<T>(ins.op, value[ins.a], value[ins.dst], nullptr);
            } else {
                detail::LocalPartials<T> lp;
                if (ins.binary) {
                    lp = detail::binary_kernel<T>(ins.op, value[ins.a], value[ins.b], value[ins.dst],
                                                  ins.need_pa ? pa_tmp : nullptr, ins.need_pb ? pb_tmp : nullptr);
                } else {
                    T* target = ins.direct != kNoDirection ? tangent[ins.dst * dirs_ + ins.direct] : pa_tmp;
                    lp = detail::unary_kernel<T>(ins.op, value[ins.a], value[ins.dst], ins.need_pa ? target : nullptr);
                }
                for (std::uint32_t u = ins.first_update; u < ins.end_update; ++u) {
                    const TangentUpdate& up = updates_[u];
                    const std::size_t d = up.dir;
                    combine<T>(tangent[ins.dst * dirs_ + d], lp, up.a, tangent[ins.a * dirs_ + d], up.b,
                               ins.binary ? tangent[ins.b * dirs_ + d] : nullptr);
                }
            }
        }

        if (!(root_is_temp && full)) std::memcpy(out.f + start, value[root_], len * sizeof(T));
        finite = finite && all_finite(out.f + start, len);
        if constexpr (Derivs) {
            for (std::size_t d = 0; d < dirs_; ++d) {
                T* dest = output_for(d);
                if (dest == nullptr) continue;
                dest += start;
                switch (root_kinds_[d]) {
                case TangentKind::Zero: std::fill_n(dest, len, T(0)); break;
                case TangentKind::One: std::fill_n(dest, len, T(1)); break;
                case TangentKind::General:
                    if (!(root_is_temp && full)) std::memcpy(dest, tangent[root_ * dirs_ + d], len * sizeof(T));
                    finite = finite && all_finite(dest, len);
                    break;
                }
            }
        }
    }
    return finite;
}

template <typename T>
bool Program::evaluate(std::span<const T> x, std::span<const ParamBinding<T>> params, T* f, Scratch<T>& scratch) const {
    Derivatives<T> out;
    out.f = f;
    return run<T, false>(x, params, out, scratch);
}

template <typename T>
bool Program::evaluate(std::span<const T> x, std::span<const ParamBinding<T>> params, const Derivatives<T>& out,
                       Scratch<T>& scratch) const {
    return run<T, true>(x, params, out, scratch);
}

template <typename T>
bool Program::evaluate(std::span<const T> x, std::span<const T> param_values, const Derivatives<T>& out,
                       Scratch<T>& scratch) const {
    std::vector<ParamBinding<T>> bindings;
    bindings.reserve(param_values.size());
    for (const T& v : param_values) bindings.push_back({&v, 1});
    return run<T, true>(x, bindings, out, scratch);
}

template class Scratch<float>;
template class Scratch<double>;
template bool Program::evaluate<float>(std::span<const float>, std::span<const ParamBinding<float>>, float*,
                                       Scratch<float>&) const;
template bool Program::evaluate<double>(std::span<const double>, std::span<const ParamBinding<double>>, double*,
                                        Scratch<double>&) const;
template bool Program::evaluate<float>(std::span<const float>, std::span<const ParamBinding<float>>,
                                       const Derivatives<float>&, Scratch<float>&) const;
template bool Program::evaluate<double>(std::span<const double>, std::span<const ParamBinding<double>>,
                                        const Derivatives<double>&, Scratch<double>&) const;
template bool Program::evaluate<float>(std::span<const float>, std::span<const float>, const Derivatives<float>&,
                                       Scratch<float>&) const;
template bool Program::evaluate<double>(std::span<const double>, std::span<const double>, const Derivatives<double>&,
                                        Scratch<double>&) const;

} // namespace actforge::expr
