// Statistics against closed forms and reference values computed with
// mpmath (betainc at 40 digits) for the regularised incomplete beta.
#include "actforge/core/stats.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <numbers>
#include <vector>

using namespace actforge;

namespace {

// Relative closeness for values that span many orders of magnitude.
bool close(double got, double want, double rel) { return std::abs(got - want) <= rel * std::abs(want); }

} // namespace

TEST_CASE("summarize: mean and sample standard deviation") {
    const std::vector<double> v{2, 4, 4, 4, 5, 5, 7, 9};
    const Summary s = summarize(v);
    CHECK(s.n == 8);
    CHECK(s.mean == doctest::Approx(5.0));
    CHECK(s.stddev == doctest::Approx(std::sqrt(32.0 / 7.0)));

    // A large common offset must not swamp the spread.
    const std::vector<double> offset{1e9 + 1, 1e9 + 2, 1e9 + 3};
    CHECK(summarize(offset).stddev == doctest::Approx(1.0).epsilon(1e-9));

    const Summary one = summarize(std::vector<double>{3.5});
    CHECK(one.n == 1);
    CHECK(one.mean == 3.5);
    CHECK(one.stddev == 0.0);
    const Summary none = summarize({});
    CHECK(none.n == 0);
    CHECK(std::isnan(none.mean));
}

TEST_CASE("incomplete beta: closed forms, symmetry and edges") {
    for (double x : {1e-6, 0.1, 0.37, 0.5, 0.8, 0.999}) {
        CHECK(incomplete_beta(1, 1, x) == doctest::Approx(x).epsilon(1e-13));
        for (double a : {0.5, 2.0, 7.5, 40.0}) {
            CHECK(close(incomplete_beta(a, 1, x), std::pow(x, a), 1e-12));
            CHECK(close(incomplete_beta(1, a, x), -std::expm1(a * std::log1p(-x)), 1e-12));
            CHECK(incomplete_beta(a, 3.5, x) + incomplete_beta(3.5, a, 1 - x) == doctest::Approx(1.0).epsilon(1e-12));
        }
        // I_x(1/2, 1/2) is the arcsine distribution.
        CHECK(incomplete_beta(0.5, 0.5, x) ==
              doctest::Approx(2 / std::numbers::pi * std::asin(std::sqrt(x))).epsilon(1e-12));
    }
    CHECK(incomplete_beta(2, 3, 0.0) == 0.0);
    CHECK(incomplete_beta(2, 3, -1.0) == 0.0);
    CHECK(incomplete_beta(2, 3, 1.0) == 1.0);
    CHECK(std::isnan(incomplete_beta(0, 3, 0.5)));
    CHECK(std::isnan(incomplete_beta(2, -1, 0.5)));
    CHECK(std::isnan(incomplete_beta(2, 3, std::nan(""))));
}

TEST_CASE("incomplete beta: reference values, including large a") {
    struct Case {
        double a, b, x, want;
    };
    const Case cases[] = {
        {2, 3, 0.4, 0.52480000000000004},          {0.5, 0.5, 0.2, 0.29516723530086656},
        {5, 0.5, 0.9, 0.31664291502001231},        {10, 0.5, 0.999, 0.88889670912486026},
        {0.3, 7, 0.01, 0.48749205093372471},       {2.5, 4.5, 0.7, 0.96987022007225914},
        {50, 0.5, 0.95, 0.02387270549699075},      {500, 0.5, 0.999, 0.31731044730971715},
        {5000, 0.5, 0.9995, 0.025332672657805693}, {20000, 0.5, 0.99995, 0.15729661251764255},
    };
    for (const Case& c : cases) {
        INFO("a=" << c.a << " b=" << c.b << " x=" << c.x);
        CHECK(close(incomplete_beta(c.a, c.b, c.x), c.want, 1e-12));
    }
}

TEST_CASE("Student's t: closed forms for df = 1 and 2, reference values elsewhere") {
    for (double t : {0.0, 0.1, -0.7, 1.0, 2.5, -10.0, 300.0}) {
        INFO("t=" << t);
        // df = 1 (Cauchy): CDF 1/2 + atan(t)/pi. df = 2: CDF 1/2 + t / (2 sqrt(2 + t^2)).
        CHECK(close(student_t_two_sided(t, 1), 1 - 2 * std::atan(std::abs(t)) / std::numbers::pi, 1e-12));
        CHECK(close(student_t_two_sided(t, 2), 1 - std::abs(t) / std::sqrt(2 + t * t), 1e-11));
    }
    struct Case {
        double t, df, want;
    };
    const Case cases[] = {
        {2.0, 7.3, 0.083941039334103212},   {10.0, 3, 0.0021283990584141501},  {0.3, 100.5, 0.76479678639205631},
        {-4.0, 1e5, 6.3387997557195339e-5}, {4.0, 1e7, 6.3342938690168756e-5}, {0.5, 1e7, 0.61707508845401508},
        {0.01, 1e9, 0.9920212873727316},    {2.0, 1e12, 0.045500263896628369},
    };
    for (const Case& c : cases) {
        INFO("t=" << c.t << " df=" << c.df);
        CHECK(close(student_t_two_sided(c.t, c.df), c.want, 1e-9));
    }
    CHECK(student_t_two_sided(1e-200, 3) == 1.0);
    CHECK(student_t_two_sided(1e200, 3) == 0.0);
    CHECK(student_t_two_sided(-INFINITY, 3) == 0.0);
    CHECK(std::isnan(student_t_two_sided(std::nan(""), 3)));
    CHECK(std::isnan(student_t_two_sided(1.0, 0.0)));
    CHECK(std::isnan(student_t_two_sided(1.0, std::nan(""))));
}

TEST_CASE("Welch's t-test: reference values") {
    // t, Welch-Satterthwaite df and p recomputed in mpmath from the raw data.
    const std::vector<double> a{27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1,
                                21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
    const std::vector<double> b{27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0,
                                24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
    WelchResult w = welch_t_test(a, b);
    CHECK(w.t == doctest::Approx(-2.4553563982860045).epsilon(1e-12));
    CHECK(w.df == doctest::Approx(24.988529290231414).epsilon(1e-12));
    CHECK(w.p_two_sided == doctest::Approx(0.02137800146286706).epsilon(1e-10));

    // Unequal sizes and variances, accuracies as replay produces them.
    const std::vector<double> c{0.912, 0.905, 0.918, 0.909, 0.915};
    const std::vector<double> d{0.901, 0.899, 0.903, 0.897, 0.905, 0.902, 0.900};
    w = welch_t_test(c, d);
    CHECK(w.t == doctest::Approx(4.3585252862648132).epsilon(1e-10));
    CHECK(w.df == doctest::Approx(5.5673379375526097).epsilon(1e-10));
    CHECK(w.p_two_sided == doctest::Approx(0.0056924652740382546).epsilon(1e-9));

    // Swapping the groups flips t and nothing else.
    const WelchResult r = welch_t_test(d, c);
    CHECK(r.t == doctest::Approx(-w.t));
    CHECK(r.df == doctest::Approx(w.df));
    CHECK(r.p_two_sided == doctest::Approx(w.p_two_sided));

    // By hand: variances 1.25e-4 and 6.25e-5, df = (3.75e-5)^2 / ((2.5e-5)^2 / 4 + (1.25e-5)^2 / 4) = 7.2.
    w = welch_t_test(std::vector<double>{0.81, 0.82, 0.80, 0.83, 0.815},
                     std::vector<double>{0.79, 0.80, 0.78, 0.795, 0.785});
    CHECK(w.t == doctest::Approx(0.025 / std::sqrt(3.75e-5)).epsilon(1e-9));
    CHECK(w.df == doctest::Approx(7.2).epsilon(1e-9));

    // Equal sizes and variances: df reduces to Student's 2n - 2.
    w = welch_t_test(std::vector<double>{1, 2, 3}, std::vector<double>{2, 3, 4});
    CHECK(w.df == doctest::Approx(4.0));
    CHECK(w.t == doctest::Approx(-1.224744871391589));
    CHECK(w.p_two_sided == doctest::Approx(0.28786413472669066).epsilon(1e-12));
}

TEST_CASE("Welch's t-test: no difference, a huge difference, degenerate groups") {
    const std::vector<double> a{0.81, 0.84, 0.79, 0.86, 0.83};
    const std::vector<double> permuted{0.86, 0.79, 0.83, 0.81, 0.84};
    WelchResult w = welch_t_test(a, permuted);
    CHECK(w.t == doctest::Approx(0.0));
    CHECK(w.p_two_sided == doctest::Approx(1.0));

    std::vector<double> base, shifted;
    for (int i = 0; i < 200; ++i) {
        base.push_back(std::sin(1.7 * i)); // deterministic spread of about 0.7
        shifted.push_back(base.back() + 50.0);
    }
    w = welch_t_test(base, shifted);
    CHECK(w.t < -500);
    CHECK(w.df == doctest::Approx(398.0));
    CHECK(w.p_two_sided >= 0.0);
    CHECK(w.p_two_sided < 1e-300);

    // One group constant: df comes from the other group alone.
    w = welch_t_test(a, std::vector<double>{0.8, 0.8, 0.8});
    CHECK(w.df == doctest::Approx(4.0));
    CHECK(std::isfinite(w.t));

    // Fewer than two values: undefined.
    w = welch_t_test(std::vector<double>{0.9}, a);
    CHECK(std::isnan(w.t));
    CHECK(std::isnan(w.df));
    CHECK(std::isnan(w.p_two_sided));
    CHECK(std::isnan(welch_t_test(a, {}).p_two_sided));

    // Both constant: equal means show no difference; unequal ones cannot be judged.
    w = welch_t_test(std::vector<double>{0.5, 0.5}, std::vector<double>{0.5, 0.5, 0.5});
    CHECK(w.t == 0.0);
    CHECK(w.p_two_sided == 1.0);
    w = welch_t_test(std::vector<double>{0.5, 0.5}, std::vector<double>{0.7, 0.7});
    CHECK(w.t == -INFINITY);
    CHECK(std::isnan(w.df));
    CHECK(std::isnan(w.p_two_sided));
}

TEST_CASE("Spearman's rank correlation, with ties at their mean rank") {
    const std::vector<double> a{1, 2, 3, 4, 5};
    CHECK(actforge::spearman(a, std::vector<double>{10, 20, 30, 40, 50}) == doctest::Approx(1.0));
    CHECK(actforge::spearman(a, std::vector<double>{5, 4, 3, 2, 1}) == doctest::Approx(-1.0));
    // Monotone but not linear: still 1.
    CHECK(actforge::spearman(a, std::vector<double>{1, 8, 27, 64, 125}) == doctest::Approx(1.0));
    // scipy.stats.spearmanr([1,2,3,4,5], [2,1,4,3,5]) = 0.8
    CHECK(actforge::spearman(a, std::vector<double>{2, 1, 4, 3, 5}) == doctest::Approx(0.8));
    CHECK(actforge::fractional_ranks(std::vector<double>{3, 1, 3, 2}) == std::vector<double>{3.5, 1, 3.5, 2});
    // scipy.stats.spearmanr([1,2,3,4], [1,1,2,2]) = 0.894427...
    CHECK(actforge::spearman(std::vector<double>{1, 2, 3, 4}, std::vector<double>{1, 1, 2, 2}) ==
          doctest::Approx(0.8944271909999159));
    CHECK(std::isnan(actforge::spearman(a, std::vector<double>{1, 1, 1, 1, 1})));
    CHECK(std::isnan(actforge::spearman(a, std::vector<double>{1, 2})));
}
