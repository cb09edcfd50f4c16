// Tournament selection: pressure set by the size, NaN never preferred.
#include "actforge/core/error.hpp"
#include "actforge/evolution/operators/selection.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <limits>
#include <vector>

using namespace actforge;
using namespace actforge::evolution;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

TEST_CASE("a tournament as large as the population picks its best") {
    Rng rng(1);
    for (int trial = 0; trial < 300; ++trial) {
        std::vector<double> f(1 + rng.below(30));
        for (double& v : f) v = rng.bernoulli(0.2) ? kNaN : rng.uniform();
        std::size_t best = 0;
        for (std::size_t i = 1; i < f.size(); ++i) {
            if (std::isnan(f[best]) || f[i] > f[best]) best = i;
        }
        if (std::isnan(f[best])) continue;
        CHECK(TournamentSelector(f.size())(rng, f) == best);
        CHECK(TournamentSelector(f.size() + 5)(rng, f) == best);
    }
}

TEST_CASE("a tournament of one is uniform") {
    const std::vector<double> f{0.1, 0.9, kNaN, 0.5, -kInf, 0.3};
    const TournamentSelector one(1);
    Rng rng(2);
    const int n = 60000;
    std::vector<int> counts(f.size(), 0);
    for (int i = 0; i < n; ++i) ++counts[one(rng, f)];
    double chi2 = 0.0;
    const double expected = static_cast<double>(n) / static_cast<double>(f.size());
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    CHECK(chi2 < 20.5); // chi-square, 5 degrees of freedom, p = 0.001
}

TEST_CASE("entries are drawn without replacement") {
    // The best of 10 wins a tournament of 3 with probability 3/10 (with
    // replacement it would be 1 - 0.9^3 = 0.271).
    std::vector<double> f(10, 0.0);
    f[4] = 1.0;
    const TournamentSelector three(3);
    Rng rng(3);
    int wins = 0;
    const int n = 40000;
    for (int i = 0; i < n; ++i) wins += three(rng, f) == 4;
    CHECK(std::abs(static_cast<double>(wins) / n - 0.3) < 0.01); // 4 standard deviations
}

TEST_CASE("NaN and -inf are never preferred to a real fitness") {
    Rng rng(4);
    CHECK(TournamentSelector(2)(rng, std::vector<double>{kNaN, 0.0}) == 1);
    CHECK(TournamentSelector(3)(rng, std::vector<double>{-kInf, kNaN, -1e300}) == 2);
    // {NaN, NaN, 0}, tournaments of 2: the real entry takes part, and wins,
    // two times in three.
    const std::vector<double> f{kNaN, kNaN, 0.0};
    int wins = 0;
    for (int i = 0; i < 30000; ++i) wins += TournamentSelector(2)(rng, f) == 2;
    CHECK(std::abs(wins / 30000.0 - 2.0 / 3.0) < 0.011);
    // Only failures: some index, no crash.
    CHECK(TournamentSelector(2)(rng, std::vector<double>{kNaN, -kInf}) < 2);
}

TEST_CASE("selection from nothing is an error") {
    Rng rng(5);
    CHECK_THROWS_AS((void)TournamentSelector(2)(rng, std::vector<double>{}), Error);
    CHECK(TournamentSelector(0).size() == 1);
}
