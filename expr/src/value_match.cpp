#include "actforge/expr/value_match.hpp"

#include "actforge/core/error.hpp"
#include "actforge/expr/reference_eval.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace actforge::expr {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ValueMatch::Network's search bounds (value_match.hpp) and its coarse grid:
// |k| = 4^(j/8) for j in [-8, 8], h in steps of 1/4.
constexpr double kMaxInputScale = 4.0;
constexpr double kMaxInputShift = 2.0;
constexpr int kScaleSteps = 8;
constexpr double kShiftStep = 0.25;
// Coarse grid points refined by pattern search, and the search's rounds.
constexpr std::size_t kStarts = 4;
constexpr int kRefineRounds = 24;

// The candidate on the grid: x and f(x) at every point.
struct Grid {
    std::vector<double> x;
    std::vector<double> f;
};

Grid sample_candidate(const Tree& candidate, const MatchOptions& o) {
    if (o.points < 2 || !(o.hi > o.lo)) throw Error("match_in_value: needs at least 2 points on a non-empty range");
    Grid grid;
    for (std::size_t i = 0; i < o.points; ++i) {
        const double x = o.lo + (o.hi - o.lo) * static_cast<double>(i) / static_cast<double>(o.points - 1);
        grid.x.push_back(x);
        grid.f.push_back(reference_value(candidate, x));
    }
    return grid;
}

double mean(const std::vector<double>& v) {
    double sum = 0.0;
    for (double x : v) sum += x;
    return sum / static_cast<double>(v.size());
}

// The match of f against a*g(k*x + h) + c for one input map (k, h): a and c
// as the mode asks (fixed, or by least squares), and the relative error.
MatchResult fit_at(const Grid& grid, const Tree& planted, double k, double h, ValueMatch mode) {
    MatchResult r;
    r.relative_error = kInf;
    r.input_scale = k;
    r.input_shift = h;
    // The points where g(k*x + h) is finite; f must be finite at each.
    std::vector<double> f;
    std::vector<double> g;
    for (std::size_t i = 0; i < grid.x.size(); ++i) {
        const double gi = reference_value(planted, k * grid.x[i] + h);
        if (!std::isfinite(gi)) continue;
        if (!std::isfinite(grid.f[i])) return r;
        f.push_back(grid.f[i]);
        g.push_back(gi);
    }
    if (g.size() < 2) return r;
    const auto [lo, hi] = std::minmax_element(g.begin(), g.end());
    const double spread = *hi - *lo;
    if (!(spread > 0.0)) return r; // a constant planted function has no shape to recover
    if (mode != ValueMatch::Exact) {
        const double mf = mean(f);
        const double mg = mean(g);
        double cov = 0.0;
        double var = 0.0;
        for (std::size_t i = 0; i < g.size(); ++i) {
            cov += (f[i] - mf) * (g[i] - mg);
            var += (g[i] - mg) * (g[i] - mg);
        }
        r.scale = cov / var; // var > 0: g is not constant
        r.shift = mf - r.scale * mg;
    }
    // Affine keeps the planted function's orientation; Network accepts a
    // negative scale, which the next layer's weights absorb.
    if (mode == ValueMatch::Affine ? !(r.scale > 0.0) : !(r.scale != 0.0)) return r;
    double error = 0.0;
    for (std::size_t i = 0; i < g.size(); ++i) error = std::max(error, std::abs(f[i] - (r.scale * g[i] + r.shift)));
    r.relative_error = error / (std::abs(r.scale) * spread);
    return r;
}

// Pattern search on (log|k|, h) from `start`, inside the bounds, with the
// sign of k fixed: the best fit found.
MatchResult refine(const Grid& grid, const Tree& planted, MatchResult best) {
    const double sign = best.input_scale < 0.0 ? -1.0 : 1.0;
    const double max_log = std::log(kMaxInputScale);
    double log_step = max_log / kScaleSteps / 2.0;
    double shift_step = kShiftStep / 2.0;
    for (int round = 0; round < kRefineRounds; ++round) {
        bool moved = false;
        const double log_k = std::log(std::abs(best.input_scale));
        for (const auto [dl, dh] : std::array<std::array<int, 2>, 8>{
                 {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}}}) {
            const double l = std::clamp(log_k + dl * log_step, -max_log, max_log);
            const double h = std::clamp(best.input_shift + dh * shift_step, -kMaxInputShift, kMaxInputShift);
            const MatchResult r = fit_at(grid, planted, sign * std::exp(l), h, ValueMatch::Network);
            if (r.relative_error < best.relative_error) {
                best = r;
                moved = true;
            }
        }
        if (!moved) {
            log_step /= 2.0;
            shift_step /= 2.0;
        }
    }
    return best;
}

// The best input map (k, h) for ValueMatch::Network: the coarse grid's
// best few points, each refined.
MatchResult fit_network(const Grid& grid, const Tree& planted) {
    std::vector<MatchResult> coarse;
    const int shifts = static_cast<int>(std::lround(kMaxInputShift / kShiftStep));
    for (const double sign : {1.0, -1.0}) {
        for (int j = -kScaleSteps; j <= kScaleSteps; ++j) {
            const double k = sign * std::pow(kMaxInputScale, static_cast<double>(j) / kScaleSteps);
            for (int s = -shifts; s <= shifts; ++s)
                coarse.push_back(fit_at(grid, planted, k, s * kShiftStep, ValueMatch::Network));
        }
    }
    const std::size_t starts = std::min(kStarts, coarse.size());
    std::partial_sort(coarse.begin(), coarse.begin() + static_cast<std::ptrdiff_t>(starts), coarse.end(),
                      [](const MatchResult& a, const MatchResult& b) { return a.relative_error < b.relative_error; });
    MatchResult best = coarse.front();
    for (std::size_t i = 0; i < starts; ++i) {
        if (!std::isfinite(coarse[i].relative_error)) break;
        const MatchResult r = refine(grid, planted, coarse[i]);
        if (r.relative_error < best.relative_error) best = r;
    }
    return best;
}

} // namespace

MatchResult match_in_value(const Tree& candidate, const Tree& planted, const MatchOptions& options) {
    const Grid grid = sample_candidate(candidate, options);
    MatchResult r = options.match == ValueMatch::Network ? fit_network(grid, planted)
                                                         : fit_at(grid, planted, 1.0, 0.0, options.match);
    r.matches = r.relative_error <= options.tolerance;
    return r;
}

bool recovers(const Tree& candidate, const Tree& planted, const MatchOptions& options) {
    return match_in_value(candidate, planted, options).matches;
}

} // namespace actforge::expr
