#pragma once
// Forward-mode tangent updates over a block: a result's tangent in one
// direction is da * (a's tangent) + db * (b's tangent), with the local
// partials da, db from the kernels in kernels.hpp. Tangents known at compile
// time to be zero are skipped and unit ones cost no multiply.
#include "kernels.hpp"

namespace actforge::expr::detail {

// One side of a tangent update: partial (block p, or scalar s when p is
// null) times tangent (exactly one for kind One, else the block t). Calls
// `next` with the Eigen expression, so both sides fuse into one loop.
template <typename T, typename Next> void with_term(const T* p, T s, TangentKind kind, const T* t, Next&& next) {
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
void combine(T* out, const LocalPartials<T>& lp, TangentKind ka, const T* ta, TangentKind kb, const T* tb) {
    BlockMap<T> o(out);
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

} // namespace actforge::expr::detail
