#include "actforge/core/stats.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <numbers>
#include <vector>

using namespace actforge;

TEST_CASE("incomplete beta against closed forms") {
    for (double x : {0.0, 0.1, 0.37, 0.5, 0.9, 1.0}) {
        CHECK(incomplete_beta(1, 1, x) == doctest::Approx(x).epsilon(1e-12));
        CHECK(incomplete_beta(3, 1, x) == doctest::Approx(x * x * x).epsilon(1e-12));
        CHECK(incomplete_beta(1, 2, x) == doctest::Approx(1 - (1 - x) * (1 - x)).epsilon(1e-12));
    }
}

TEST_CASE("Student's t tail against closed forms for 1 and 2 degrees of freedom") {
    for (double t : {0.0, 0.5, 1.0, 2.5, 10.0}) {
        const double cdf1 = 0.5 + std::atan(t) / std::numbers::pi;
        CHECK(student_t_two_sided(t, 1) == doctest::Approx(2 * (1 - cdf1)).epsilon(1e-10));
        const double cdf2 = 0.5 + t / (2 * std::sqrt(2 + t * t));
        CHECK(student_t_two_sided(-t, 2) == doctest::Approx(2 * (1 - cdf2)).epsilon(1e-10));
    }
}

TEST_CASE("Welch's t-test") {
    const std::vector<double> a{0.81, 0.82, 0.80, 0.83, 0.815};
    const std::vector<double> b{0.79, 0.80, 0.78, 0.795, 0.785};
    const WelchResult r = welch_t_test(a, b);
    // t = (0.815 - 0.79) / sqrt(var_a/5 + var_b/5) with var_a = 1.25e-4, var_b = 6.25e-5
    CHECK(r.t == doctest::Approx(0.025 / std::sqrt(1.25e-4 / 5 + 6.25e-5 / 5)).epsilon(1e-9));
    CHECK(r.df == doctest::Approx(7.2).epsilon(1e-9)); // (3.75e-5)^2 / ((2.5e-5)^2/4 + (1.25e-5)^2/4)
    CHECK(r.p_two_sided < 0.01);
    CHECK(r.p_two_sided > 0.0);
    const WelchResult same = welch_t_test(a, a);
    CHECK(same.t == 0.0);
    CHECK(same.p_two_sided == doctest::Approx(1.0));
    const WelchResult swapped = welch_t_test(b, a);
    CHECK(swapped.t == doctest::Approx(-r.t));
    CHECK(swapped.p_two_sided == doctest::Approx(r.p_two_sided));
    CHECK(std::isnan(welch_t_test(std::vector<double>{1.0}, b).p_two_sided));
    const Summary s = summarize(a);
    CHECK(s.mean == doctest::Approx(0.815));
    CHECK(s.stddev == doctest::Approx(std::sqrt(1.25e-4)));
}
