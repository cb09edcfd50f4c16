#pragma once
// Summary statistics and Welch's t-test, for replay tables. Self-contained:
// Student's t distribution comes from our own regularised incomplete beta.
#include <cstddef>
#include <span>
#include <vector>

namespace actforge {

struct Summary {
    std::size_t n = 0;
    double mean = 0.0;   // NaN when n == 0
    double stddev = 0.0; // sample standard deviation (divisor n - 1); 0 when n < 2
};
// NaN values propagate into mean and stddev.
[[nodiscard]] Summary summarize(std::span<const double> values);

struct WelchResult {
    double t = 0.0;           // (mean a - mean b) / standard error
    double df = 0.0;          // Welch-Satterthwaite degrees of freedom
    double p_two_sided = 1.0; // P(|T| >= |t|) under equal means
};
// Welch's unequal-variance t-test. Degenerate inputs, where the test is
// undefined, are reported rather than guessed:
// - fewer than 2 values in a group: t, df and p are NaN;
// - both variances zero: df is NaN (0/0); with equal means t = 0 and p = 1
//   (the data show no difference), otherwise t = +-inf and p = NaN (no
//   spread to judge the difference against).
[[nodiscard]] WelchResult welch_t_test(std::span<const double> a, std::span<const double> b);

// Ranks 1..n of `values`, ties sharing their mean rank.
[[nodiscard]] std::vector<double> fractional_ranks(std::span<const double> values);

// Spearman's rank correlation: Pearson's correlation of the fractional
// ranks. NaN when the sizes differ, n < 2, or one side is constant.
[[nodiscard]] double spearman(std::span<const double> a, std::span<const double> b);

// Regularised incomplete beta function I_x(a, b) for a, b > 0; 0 for x <= 0
// and 1 for x >= 1. NaN for a <= 0, b <= 0 or NaN arguments.
[[nodiscard]] double incomplete_beta(double a, double b, double x);

// P(|T| >= |t|) for Student's t with df > 0 degrees of freedom (df may be
// fractional, as Welch's is); NaN for NaN t or df <= 0.
[[nodiscard]] double student_t_two_sided(double t, double df);

} // namespace actforge
