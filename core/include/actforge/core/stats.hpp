#pragma once
// Summary statistics and Welch's t-test, for replay tables.
#include <cstddef>
#include <span>

namespace actforge {

struct Summary {
    std::size_t n = 0;
    double mean = 0.0;   // NaN when n == 0
    double stddev = 0.0; // sample (n - 1); 0 when n < 2
};
[[nodiscard]] Summary summarize(std::span<const double> values);

struct WelchResult {
    double t = 0.0;
    double df = 0.0;
    double p_two_sided = 1.0;
};
// Welch's unequal-variance t-test with Welch-Satterthwaite degrees of
// freedom. With fewer than 2 values in a group the result is NaN; with
// both variances zero, p is 1 for equal means and 0 otherwise.
[[nodiscard]] WelchResult welch_t_test(std::span<const double> a, std::span<const double> b);

// Regularised incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1.
[[nodiscard]] double incomplete_beta(double a, double b, double x);
// P(|T| >= |t|) for Student's t with df degrees of freedom.
[[nodiscard]] double student_t_two_sided(double t, double df);

} // namespace actforge
