#include "actforge/core/rng.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/expr/simplify.hpp"

#include <array>
#include <cmath>

namespace actforge::expr {
namespace {

constexpr std::size_t kRandomPoints = 48;

std::vector<double> fingerprint_points() {
    std::vector<double> pts{0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 4.0, -4.0, 8.0, -8.0};
    Rng rng(0xf1a9e7a11ULL); // fixed: fingerprints must be comparable across runs
    for (std::size_t i = 0; i < kRandomPoints; ++i) pts.push_back(rng.uniform(-8.0, 8.0));
    return pts;
}

// About six significant digits: the mantissa rounded to 20 bits, with the exponent.
std::uint64_t quantize(double v) {
    if (std::isnan(v)) return 0x7ff8000000000001ULL;
    if (std::isinf(v)) return v > 0 ? 0x7ff0000000000002ULL : 0xfff0000000000003ULL;
    if (std::abs(v) < 1e-30) return 0;
    int exponent = 0;
    const double m = std::frexp(v, &exponent); // |m| in [0.5, 1)
    auto q = static_cast<std::int64_t>(std::llround(m * (1 << 20)));
    if (std::abs(q) == (1 << 20)) { // rounding carried into the next binade
        q /= 2;
        ++exponent;
    }
    return mix64(static_cast<std::uint64_t>(q)) ^ static_cast<std::uint64_t>(exponent + 4096);
}

} // namespace

std::uint64_t behavioural_fingerprint(const Tree& t) {
    static const std::vector<double> points = fingerprint_points();
    std::uint64_t h = 0xbb67ae8584caa73bULL;
    for (double x : points) h = mix64(h ^ quantize(reference_value(t, x)));
    return h;
}

} // namespace actforge::expr
