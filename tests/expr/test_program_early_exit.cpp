// OnNonFinite: Stop returns at the first block with a non-finite result and
// leaves later outputs alone; Finish evaluates everything; both agree on the
// return value and, on success, on every bit.
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/program.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <vector>

using namespace actforge;
using namespace actforge::expr;

namespace {

constexpr float kUntouched = 12345.0f;

// Four blocks and a tail; x is negative only at `bad` (if any).
std::vector<float> inputs(std::size_t bad) {
    std::vector<float> x(4 * kBlock + 10);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.5f + static_cast<float>(i % 13);
    if (bad < x.size()) x[bad] = -1.0f;
    return x;
}

struct Outputs {
    std::vector<float> f, df, dt;
    explicit Outputs(std::size_t n, std::size_t params)
        : f(n, kUntouched), df(n, kUntouched), dt(n * params, kUntouched) {}
    Derivatives<float> derivatives() { return {f.data(), df.data(), dt.empty() ? nullptr : dt.data(), f.size()}; }
};

} // namespace

TEST_CASE("Stop returns false after the first non-finite block and leaves later outputs alone") {
    const Program p(parse("a*log(x) where a=2"));
    const std::vector<float> a{2.0f};
    const std::size_t bad = kBlock + 7; // in the second block
    const std::vector<float> x = inputs(bad);
    Scratch<float> s;
    Outputs finish(x.size(), 1), stop(x.size(), 1);
    CHECK_FALSE(p.evaluate<float>(x, a, finish.derivatives(), s, OnNonFinite::Finish));
    CHECK_FALSE(p.evaluate<float>(x, a, stop.derivatives(), s, OnNonFinite::Stop));
    for (std::size_t i = 0; i < x.size(); ++i) {
        CAPTURE(i);
        REQUIRE(finish.f[i] != kUntouched);
        if (i < 2 * kBlock) { // the blocks up to and including the failing one are complete
            REQUIRE((std::isnan(stop.f[i]) ? std::isnan(finish.f[i]) : stop.f[i] == finish.f[i]));
            REQUIRE(stop.df[i] == finish.df[i]);
            REQUIRE((std::isnan(stop.dt[i]) ? std::isnan(finish.dt[i]) : stop.dt[i] == finish.dt[i]));
        } else {
            REQUIRE(stop.f[i] == kUntouched);
            REQUIRE(stop.df[i] == kUntouched);
            REQUIRE(stop.dt[i] == kUntouched);
        }
    }
    CHECK(std::isnan(finish.f[bad]));
}

TEST_CASE("Stop also stops on a non-finite derivative and in value-only mode") {
    const Program sq(parse("sqrt(x)"));
    std::vector<float> x = inputs(~std::size_t{0});
    x[3 * kBlock] = 0.0f; // f = 0 is finite, f' = inf is not
    Scratch<float> s;
    Outputs out(x.size(), 0);
    CHECK_FALSE(sq.evaluate<float>(x, std::vector<float>{}, out.derivatives(), s, OnNonFinite::Stop));
    CHECK(std::isinf(out.df[3 * kBlock]));
    CHECK(out.f.back() == kUntouched);

    const Program lg(parse("log(x)"));
    const std::vector<float> y = inputs(5);
    std::vector<float> f(y.size(), kUntouched);
    CHECK_FALSE(lg.evaluate<float>(y, std::span<const ParamBinding<float>>{}, f.data(), s, OnNonFinite::Stop));
    CHECK(std::isnan(f[5]));
    CHECK(f[kBlock] == kUntouched);
}

TEST_CASE("Stop and Finish give the same bits when every result is finite") {
    const Program p(parse("x*sigmoid(b*x) + a*tanh(x) where a=0.5, b=1.5"));
    Rng rng(11);
    std::vector<float> x(3 * kBlock + 40);
    for (auto& v : x) v = static_cast<float>(rng.uniform(-6, 6));
    const std::vector<float> params{0.5f, 1.5f};
    Scratch<float> s;
    Outputs finish(x.size(), 2), stop(x.size(), 2);
    REQUIRE(p.evaluate<float>(x, params, finish.derivatives(), s, OnNonFinite::Finish));
    REQUIRE(p.evaluate<float>(x, params, stop.derivatives(), s, OnNonFinite::Stop));
    CHECK(stop.f == finish.f);
    CHECK(stop.df == finish.df);
    CHECK(stop.dt == finish.dt);
}
