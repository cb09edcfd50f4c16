#include "actforge/core/rng.hpp"

#include <cmath>
#include <numbers>

namespace actforge {
namespace {
constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
} // namespace

Rng::Rng(std::uint64_t seed) noexcept : seed_(seed) {
    std::uint64_t z = seed;
    for (auto& word : s_) {
        z = mix64(z);
        word = z;
    }
}

Rng::result_type Rng::operator()() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

Rng Rng::child(std::uint64_t index) const noexcept {
    // Two rounds of mixing so that neighbouring (seed, index) pairs land far apart.
    return Rng(mix64(mix64(seed_) ^ mix64(index + 0x632be59bd9b4e019ULL)));
}

double Rng::uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

std::uint64_t Rng::below(std::uint64_t n) noexcept {
    __extension__ using u128 = unsigned __int128;
    u128 m = static_cast<u128>((*this)()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<u128>((*this)()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

double Rng::normal() noexcept {
    if (has_spare_) {
        has_spare_ = false;
        return spare_;
    }
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double theta = 2.0 * std::numbers::pi * u2;
    spare_ = r * std::sin(theta);
    has_spare_ = true;
    return r * std::cos(theta);
}

void Rng::restore(std::uint64_t seed, const State& s) noexcept {
    seed_ = seed;
    s_ = s;
    has_spare_ = false;
}

} // namespace actforge
