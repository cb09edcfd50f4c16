#include "actforge/fitness/prescreen.hpp"

#include "actforge/expr/program.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace actforge::fitness {

PrescreenResult prescreen(const expr::Tree& tree) {
    const expr::Program program(tree);
    const std::size_t n = kPrescreenPoints;
    const std::size_t p = program.num_parameters();
    std::vector<float> x(n), f(n), df(n), dtheta(n * p);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = static_cast<float>(-kPrescreenRange + 2.0 * kPrescreenRange * static_cast<double>(i) / (n - 1));
    }
    std::vector<float> params;
    for (const auto& q : tree.parameters) params.push_back(q.value);
    expr::Scratch<float> scratch;
    const bool finite = program.evaluate<float>(
        x, params, expr::Derivatives<float>{f.data(), df.data(), p ? dtheta.data() : nullptr, n}, scratch);
    if (!finite) {
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(f[i]))
                return {ScoreStatus::NonFinite, fmt::format("f(x) is not finite at x = {:g}", x[i])};
            if (!std::isfinite(df[i])) {
                return {ScoreStatus::NonFinite, fmt::format("f'(x) is not finite at x = {:g}", x[i])};
            }
        }
        for (std::size_t k = 0; k < p; ++k) {
            for (std::size_t i = 0; i < n; ++i) {
                if (!std::isfinite(dtheta[k * n + i])) {
                    return {ScoreStatus::NonFinite,
                            fmt::format("df/d{} is not finite at x = {:g}", tree.parameters[k].name, x[i])};
                }
            }
        }
    }
    const auto [lo, hi] = std::minmax_element(f.begin(), f.end());
    const float biggest = std::max(std::abs(*lo), std::abs(*hi));
    if (biggest > kPrescreenMaxMagnitude) {
        const std::size_t at = std::abs(*lo) > std::abs(*hi) ? static_cast<std::size_t>(lo - f.begin())
                                                             : static_cast<std::size_t>(hi - f.begin());
        return {ScoreStatus::Diverged,
                fmt::format("f explodes: |f({:g})| = {:.3g} > {:g}", x[at], biggest, kPrescreenMaxMagnitude)};
    }
    if (*hi - *lo <= 1e-6f * (1.0f + biggest)) {
        return {ScoreStatus::Degenerate,
                fmt::format("f is constant (= {:g}) on [-{:g}, {:g}]", f[0], kPrescreenRange, kPrescreenRange)};
    }
    const float steepest =
        std::abs(*std::max_element(df.begin(), df.end(), [](float a, float b) { return std::abs(a) < std::abs(b); }));
    if (steepest < 1e-6f) {
        return {ScoreStatus::Degenerate,
                fmt::format("f'(x) is zero everywhere on [-{:g}, {:g}]", kPrescreenRange, kPrescreenRange)};
    }
    return {};
}

} // namespace actforge::fitness
