#include "actforge/core/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace actforge {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// lgamma(x) minus Stirling's approximation: the asymptotic series
// 1/(12x) - 1/(360x^3) + ..., within 2e-14 of exact for x >= 10.
double stirling_remainder(double x) {
    const double r = 1.0 / (x * x);
    return (1.0 / 12.0 - r * (1.0 / 360.0 - r * (1.0 / 1260.0 - r * (1.0 / 1680.0 - r / 1188.0)))) / x;
}

// ln B(a, b). With a large argument the lgamma terms are huge and nearly
// cancel (lgamma(5e6) is 7e7); Stirling's form keeps only the small parts.
double log_beta(double a, double b) {
    if (a < b) std::swap(a, b);
    if (a < 10.0) return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
    const double s = a + b;
    if (b < 10.0) {
        const double lgamma_a_minus_s =
            -(a - 0.5) * std::log1p(b / a) - b * std::log(s) + b + stirling_remainder(a) - stirling_remainder(s);
        return std::lgamma(b) + lgamma_a_minus_s;
    }
    return 0.5 * std::log(2.0 * std::numbers::pi) - (a - 0.5) * std::log1p(b / a) - (b - 0.5) * std::log1p(a / b) -
           0.5 * std::log(s) + stirling_remainder(a) + stirling_remainder(b) - stirling_remainder(s);
}

// Continued fraction for I_x(a, b) (modified Lentz; Numerical Recipes 6.4).
// Converges in O(sqrt(max(a, b))) steps for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
    constexpr double kTiny = 1e-300;
    constexpr double kEps = 1e-15;
    constexpr int kMaxSteps = 100000;
    auto nonzero = [](double v) { return std::abs(v) < kTiny ? kTiny : v; };
    double c = 1.0;
    double d = 1.0 / nonzero(1.0 - (a + b) * x / (a + 1.0));
    double h = d;
    for (int m = 1; m <= kMaxSteps; ++m) {
        const double m2 = 2.0 * m;
        // Even step, then odd step, of the fraction's coefficients.
        double num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 / nonzero(1.0 + num * d);
        c = nonzero(1.0 + num / c);
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 / nonzero(1.0 + num * d);
        c = nonzero(1.0 + num / c);
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) < kEps) break;
    }
    return h;
}

// I_x(a, b) with y = 1 - x supplied by the caller, who can often compute it
// more accurately than 1 - x (x near 1 is where p-values near 1 live).
double incomplete_beta(double a, double b, double x, double y) {
    const double log_x = x < 0.5 ? std::log(x) : std::log1p(-y);
    const double log_y = y < 0.5 ? std::log(y) : std::log1p(-x);
    const double front = std::exp(a * log_x + b * log_y - log_beta(a, b));
    // Evaluate the fraction where it converges fast; I_x(a, b) = 1 - I_y(b, a).
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(a, b, x) / a;
    return 1.0 - front * beta_fraction(b, a, y) / b;
}

} // namespace

Summary summarize(std::span<const double> values) {
    Summary s;
    s.n = values.size();
    if (s.n == 0) {
        s.mean = kNaN;
        return s;
    }
    double sum = 0.0;
    for (double v : values) sum += v;
    s.mean = sum / static_cast<double>(s.n);
    if (s.n < 2) return s;
    // Two passes: the deviations are small, so their squares lose no digits to the mean.
    double sq = 0.0;
    for (double v : values) sq += (v - s.mean) * (v - s.mean);
    s.stddev = std::sqrt(sq / static_cast<double>(s.n - 1));
    return s;
}

double incomplete_beta(double a, double b, double x) {
    if (!(a > 0.0) || !(b > 0.0) || std::isnan(x)) return kNaN;
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    return incomplete_beta(a, b, x, 1.0 - x);
}

double student_t_two_sided(double t, double df) {
    if (std::isnan(t) || !(df > 0.0)) return kNaN;
    if (df > 1e7) {
        // The fraction below loses digits to cancellation as df grows (1e-9
        // relative at 1e8); the normal limit with its first correction
        // (Cornish-Fisher, error O(1/df^2)) is within 1e-11 here.
        const double density = std::exp(-0.5 * t * t) / std::sqrt(2.0 * std::numbers::pi);
        return std::erfc(std::abs(t) / std::numbers::sqrt2) + density * std::abs(t) * (t * t + 1.0) / (2.0 * df);
    }
    // P(|T| >= |t|) = I_x(df/2, 1/2) with x = df / (df + t^2). Through r both
    // x and 1 - x keep full precision, and t^2 may overflow (r = 0, p = 0).
    const double r = df / (t * t);
    if (std::isinf(r)) return 1.0;
    return incomplete_beta(df / 2.0, 0.5, r / (1.0 + r), 1.0 / (1.0 + r));
}

WelchResult welch_t_test(std::span<const double> a, std::span<const double> b) {
    const Summary sa = summarize(a);
    const Summary sb = summarize(b);
    WelchResult r;
    if (sa.n < 2 || sb.n < 2) {
        r.t = r.df = r.p_two_sided = kNaN;
        return r;
    }
    // Squared standard errors of the two means.
    const double va = sa.stddev * sa.stddev / static_cast<double>(sa.n);
    const double vb = sb.stddev * sb.stddev / static_cast<double>(sb.n);
    const double diff = sa.mean - sb.mean;
    if (va + vb == 0.0) {
        r.df = kNaN;
        r.t = diff == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), diff);
        r.p_two_sided = diff == 0.0 ? 1.0 : kNaN;
        return r;
    }
    r.t = diff / std::sqrt(va + vb);
    r.df = (va + vb) * (va + vb) / (va * va / static_cast<double>(sa.n - 1) + vb * vb / static_cast<double>(sb.n - 1));
    r.p_two_sided = student_t_two_sided(r.t, r.df);
    return r;
}

std::vector<double> fractional_ranks(std::span<const double> values) {
    std::vector<std::size_t> order(values.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
        const double mean_rank = 0.5 * static_cast<double>(i + j) + 1.0;
        for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = mean_rank;
        i = j + 1;
    }
    return ranks;
}

double spearman(std::span<const double> a, std::span<const double> b) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (a.size() != b.size() || a.size() < 2) return nan;
    const std::vector<double> ra = fractional_ranks(a);
    const std::vector<double> rb = fractional_ranks(b);
    const double mean = 0.5 * static_cast<double>(a.size() + 1);
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (ra[i] - mean) * (rb[i] - mean);
        saa += (ra[i] - mean) * (ra[i] - mean);
        sbb += (rb[i] - mean) * (rb[i] - mean);
    }
    if (saa == 0 || sbb == 0) return nan;
    return sab / std::sqrt(saa * sbb);
}

} // namespace actforge
