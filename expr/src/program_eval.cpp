// Program evaluation: the block loop, register file and tangent propagation.
#include "actforge/core/error.hpp"
#include "kernels.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

namespace actforge::expr {

template <typename T>
T* Scratch<T>::reserve(std::size_t count) {
    constexpr std::size_t kAlignElems = 64 / sizeof(T);
    if (buffer_.size() < count + kAlignElems) {
        buffer_.assign(count + kAlignElems, T(0));
        const auto addr = reinterpret_cast<std::uintptr_t>(buffer_.data());
        offset_ = ((64 - addr % 64) % 64) / sizeof(T);
    }
    return buffer_.data() + offset_;
}

namespace {

template <typename T>
bool all_finite(const T* p, std::size_t n) {
    return Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>(p, static_cast<Eigen::Index>(n)).isFinite().all();
}

// out = (or +=) partial * tangent, where partial is the block p or scalar s
// and the tangent is exactly one (kind One) or the block t (kind General).
template <typename T>
void accumulate(T* out, bool add, const T* p, T s, TangentKind kind, const T* t) {
    using detail::BlockMap;
    using detail::ConstBlockMap;
    BlockMap<T> o(out);
    if (kind == TangentKind::One) {
        if (p == nullptr) {
            if (add) o += s;
            else o.setConstant(s);
        } else if (add) {
            o += ConstBlockMap<T>(p);
        } else if (p != out) {
            o = ConstBlockMap<T>(p);
        }
        return;
    }
    ConstBlockMap<T> tm(t);
    if (p == nullptr) {
        if (add) o += s * tm;
        else o = s * tm;
    } else if (add) {
        o += ConstBlockMap<T>(p) * tm;
    } else {
        o = ConstBlockMap<T>(p) * tm;
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
    auto value = [&](std::size_t reg) { return base + reg * B; };
    auto tangent = [&](std::size_t reg, std::size_t d) { return base + (num_regs_ + reg * dirs_ + d) * B; };
    T* pa_tmp = base + (num_regs_ + tangent_regs) * B;
    T* pb_tmp = pa_tmp + B;

    for (const auto& c : consts_) std::fill_n(value(c.reg), B, static_cast<T>(c.value));
    bool per_element_params = false;
    for (const auto& pl : param_loads_) {
        const ParamBinding<T>& binding = params[pl.param];
        if (binding.period <= 1) std::fill_n(value(pl.reg), B, binding.data[0]);
        else per_element_params = true;
    }

    bool finite = true;
    const std::size_t n = x.size();
    for (std::size_t start = 0; start < n; start += B) {
        const std::size_t len = std::min(B, n - start);
        std::memcpy(value(0), x.data() + start, len * sizeof(T));
        if (len < B) std::fill(value(0) + len, value(0) + B, T(0));
        if (per_element_params) {
            for (const auto& pl : param_loads_) {
                const ParamBinding<T>& binding = params[pl.param];
                if (binding.period <= 1) continue;
                T* dst = value(pl.reg);
                std::size_t k = start % binding.period;
                for (std::size_t j = 0; j < B; ++j) {
                    dst[j] = binding.data[k];
                    if (++k == binding.period) k = 0;
                }
            }
        }

        for (std::size_t i = 0; i < code_.size(); ++i) {
            const Instruction& ins = code_[i];
            const bool binary = is_binary(ins.op);
            if constexpr (!Derivs) {
                if (binary) detail::binary_kernel<T>(ins.op, value(ins.a), value(ins.b), value(ins.dst), nullptr, nullptr);
                else detail::unary_kernel<T>(ins.op, value(ins.a), value(ins.dst), nullptr);
            } else {
                bool need_a = false;
                bool need_b = false;
                std::size_t ones = 0;
                std::size_t one_dir = 0;
                for (std::size_t d = 0; d < dirs_; ++d) {
                    const TangentKind ka = kind(i, 1, d);
                    need_a = need_a || ka != TangentKind::Zero;
                    need_b = need_b || kind(i, 2, d) != TangentKind::Zero;
                    if (ka == TangentKind::One) {
                        ++ones;
                        one_dir = d;
                    }
                }
                detail::LocalPartials<T> lp;
                if (binary) {
                    lp = detail::binary_kernel<T>(ins.op, value(ins.a), value(ins.b), value(ins.dst),
                                                  need_a ? pa_tmp : nullptr, need_b ? pb_tmp : nullptr);
                } else {
                    // f(u) with u = x or u = theta_k: the partial is the tangent, so
                    // the kernel writes it straight into the tangent register.
                    const bool direct = ones == 1 && std::count_if(kinds_.begin() + static_cast<std::ptrdiff_t>((i * 3 + 1) * dirs_),
                                                                   kinds_.begin() + static_cast<std::ptrdiff_t>((i * 3 + 2) * dirs_),
                                                                   [](TangentKind k) { return k != TangentKind::Zero; }) == 1;
                    T* target = direct ? tangent(ins.dst, one_dir) : pa_tmp;
                    lp = detail::unary_kernel<T>(ins.op, value(ins.a), value(ins.dst), need_a ? target : nullptr);
                }
                for (std::size_t d = 0; d < dirs_; ++d) {
                    if (kind(i, 0, d) == TangentKind::Zero) continue;
                    T* t = tangent(ins.dst, d);
                    bool written = false;
                    const TangentKind ka = kind(i, 1, d);
                    if (ka != TangentKind::Zero) {
                        accumulate<T>(t, false, lp.pa, lp.sa, ka, tangent(ins.a, d));
                        written = true;
                    }
                    const TangentKind kb = kind(i, 2, d);
                    if (kb != TangentKind::Zero) accumulate<T>(t, written, lp.pb, lp.sb, kb, tangent(ins.b, d));
                }
            }
        }

        std::memcpy(out.f + start, value(root_), len * sizeof(T));
        finite = finite && all_finite(out.f + start, len);
        if constexpr (Derivs) {
            for (std::size_t d = 0; d < dirs_; ++d) {
                T* dest = d == 0 ? out.df : (out.dtheta ? out.dtheta + (d - 1) * out.dtheta_stride : nullptr);
                if (dest == nullptr) continue;
                dest += start;
                switch (root_kinds_[d]) {
                case TangentKind::Zero: std::fill_n(dest, len, T(0)); break;
                case TangentKind::One: std::fill_n(dest, len, T(1)); break;
                case TangentKind::General:
                    std::memcpy(dest, tangent(root_, d), len * sizeof(T));
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
template bool Program::evaluate<double>(std::span<const double>, std::span<const double>,
                                        const Derivatives<double>&, Scratch<double>&) const;

} // namespace actforge::expr
