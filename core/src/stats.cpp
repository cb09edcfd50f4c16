#include "actforge/core/stats.hpp"

#include <cmath>
#include <limits>

namespace actforge {

Summary summarize(std::span<const double> values) {
    Summary s;
    s.n = values.size();
    if (s.n == 0) {
        s.mean = std::numeric_limits<double>::quiet_NaN();
        return s;
    }
    double sum = 0.0;
    for (double v : values) sum += v;
    s.mean = sum / static_cast<double>(s.n);
    if (s.n < 2) return s;
    double sq = 0.0;
    for (double v : values) sq += (v - s.mean) * (v - s.mean);
    s.stddev = std::sqrt(sq / static_cast<double>(s.n - 1));
    return s;
}

namespace {

// Continued fraction for I_x(a, b) (modified Lentz; Numerical Recipes 6.4).
double beta_fraction(double a, double b, double x) {
    constexpr double kTiny = 1e-300;
    constexpr double kEps = 1e-15;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    if (std::abs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 300; ++m) {
        const double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + num * d;
        if (std::abs(d) < kTiny) d = kTiny;
        c = 1.0 + num / c;
        if (std::abs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + num * d;
        if (std::abs(d) < kTiny) d = kTiny;
        c = 1.0 + num / c;
        if (std::abs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) < kEps) break;
    }
    return h;
}

} // namespace

double incomplete_beta(double a, double b, double x) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    // The fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry otherwise.
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(a, b, x) / a;
    return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

double student_t_two_sided(double t, double df) {
    if (std::isnan(t) || !(df > 0)) return std::numeric_limits<double>::quiet_NaN();
    if (std::isinf(t)) return 0.0;
    return incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
}

WelchResult welch_t_test(std::span<const double> a, std::span<const double> b) {
    const Summary sa = summarize(a);
    const Summary sb = summarize(b);
    WelchResult r;
    if (sa.n < 2 || sb.n < 2) {
        r.t = r.df = r.p_two_sided = std::numeric_limits<double>::quiet_NaN();
        return r;
    }
    const double va = sa.stddev * sa.stddev / static_cast<double>(sa.n);
    const double vb = sb.stddev * sb.stddev / static_cast<double>(sb.n);
    if (va + vb == 0.0) {
        r.t = sa.mean == sb.mean ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), sa.mean - sb.mean);
        r.df = static_cast<double>(sa.n + sb.n - 2);
        r.p_two_sided = sa.mean == sb.mean ? 1.0 : 0.0;
        return r;
    }
    r.t = (sa.mean - sb.mean) / std::sqrt(va + vb);
    r.df = (va + vb) * (va + vb) /
           (va * va / static_cast<double>(sa.n - 1) + vb * vb / static_cast<double>(sb.n - 1));
    r.p_two_sided = student_t_two_sided(r.t, r.df);
    return r;
}

} // namespace actforge
