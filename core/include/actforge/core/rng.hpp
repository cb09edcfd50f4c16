#pragma once
// Seedable, splittable random number generator.
//
// Reproducibility rule of the whole project: parallel work never shares a
// generator. Each unit of work (a candidate, a layer's init, a shuffle) takes
// a child stream `rng.child(index)` whose state is a pure function of the
// parent's seed and the index, so results do not depend on thread count or
// scheduling.
#include <array>
#include <cstdint>
#include <limits>

namespace actforge {

// SplitMix64 finaliser: a bijective 64-bit mixer, used to expand seeds.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// xoshiro256** (Blackman & Vigna 2018): fast, 256-bit state, passes BigCrush.
class Rng {
public:
    using result_type = std::uint64_t;
    using State = std::array<std::uint64_t, 4>;

    explicit Rng(std::uint64_t seed = 0) noexcept;

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }
    result_type operator()() noexcept;

    // Independent stream derived from this generator's seed and `index`.
    // Does not advance this generator.
    [[nodiscard]] Rng child(std::uint64_t index) const noexcept;

    // Uniform in [0, 1) with 53 random bits.
    double uniform() noexcept;
    double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [0, n); n > 0. Lemire's multiply-shift, unbiased.
    std::uint64_t below(std::uint64_t n) noexcept;
    // Standard normal (Box-Muller; the spare value is kept).
    double normal() noexcept;
    bool bernoulli(double p) noexcept { return uniform() < p; }

    [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
    [[nodiscard]] const State& state() const noexcept { return s_; }
    // Restores a state saved with state() (checkpoints).
    void restore(std::uint64_t seed, const State& s) noexcept;

private:
    std::uint64_t seed_;
    State s_{};
    double spare_ = 0.0;
    bool has_spare_ = false;
};

} // namespace actforge
