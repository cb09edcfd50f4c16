#include "actforge/expr/value_match.hpp"

#include "actforge/core/error.hpp"
#include "actforge/expr/reference_eval.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace actforge::expr {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Candidate and planted values at the grid points where the planted
// function is finite; `ok` is false when the candidate is not finite at one.
struct Samples {
    std::vector<double> f;
    std::vector<double> g;
    bool ok = true;
};

Samples sample(const Tree& candidate, const Tree& planted, const MatchOptions& o) {
    if (o.points < 2 || !(o.hi > o.lo)) throw Error("match_in_value: needs at least 2 points on a non-empty range");
    Samples s;
    for (std::size_t i = 0; i < o.points; ++i) {
        const double x = o.lo + (o.hi - o.lo) * static_cast<double>(i) / static_cast<double>(o.points - 1);
        const double g = reference_value(planted, x);
        if (!std::isfinite(g)) continue;
        const double f = reference_value(candidate, x);
        if (!std::isfinite(f)) s.ok = false;
        s.f.push_back(f);
        s.g.push_back(g);
    }
    return s;
}

double mean(const std::vector<double>& v) {
    double sum = 0.0;
    for (double x : v) sum += x;
    return sum / static_cast<double>(v.size());
}

// Least-squares a and c of f ~ a*g + c.
void fit_affine(const Samples& s, MatchResult& r) {
    const double mf = mean(s.f);
    const double mg = mean(s.g);
    double cov = 0.0;
    double var = 0.0;
    for (std::size_t i = 0; i < s.g.size(); ++i) {
        cov += (s.f[i] - mf) * (s.g[i] - mg);
        var += (s.g[i] - mg) * (s.g[i] - mg);
    }
    r.scale = cov / var; // var > 0: the caller checked that g is not constant
    r.shift = mf - r.scale * mg;
}

} // namespace

MatchResult match_in_value(const Tree& candidate, const Tree& planted, const MatchOptions& options) {
    MatchResult r;
    r.relative_error = kInf;
    const Samples s = sample(candidate, planted, options);
    if (!s.ok || s.g.size() < 2) return r;
    const auto [lo, hi] = std::minmax_element(s.g.begin(), s.g.end());
    const double spread = *hi - *lo;
    if (!(spread > 0.0)) return r; // a constant planted function has no shape to recover
    if (options.match == ValueMatch::Affine) fit_affine(s, r);
    if (!(r.scale > 0.0)) return r;
    double error = 0.0;
    for (std::size_t i = 0; i < s.g.size(); ++i)
        error = std::max(error, std::abs(s.f[i] - (r.scale * s.g[i] + r.shift)));
    r.relative_error = error / (r.scale * spread);
    r.matches = r.relative_error <= options.tolerance;
    return r;
}

bool recovers(const Tree& candidate, const Tree& planted, const MatchOptions& options) {
    return match_in_value(candidate, planted, options).matches;
}

} // namespace actforge::expr
