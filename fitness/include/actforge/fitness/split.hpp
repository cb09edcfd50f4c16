#pragma once
// Train / validation / test splits as views of one dataset.
//
// Every split is a seeded shuffle written here (Fisher-Yates driven by
// actforge::Rng), not std::shuffle, so a seed gives the same splits with any
// standard library. Rows within a split are in shuffled order, never sorted
// by class, so even a loop that does not reshuffle sees mixed batches.
// The search scores candidates on `validation`; `test` is for replay only.
#include "actforge/core/rng.hpp"
#include "actforge/fitness/dataset.hpp"

#include <cstdint>
#include <memory>
#include <span>

namespace actforge::fitness {

struct Splits {
    DatasetView train;
    DatasetView validation;
    DatasetView test;
};

// Shares of the dataset held out for validation and test, each rounded to
// whole examples; training gets the rest.
struct SplitFractions {
    double validation = 0.1;
    double test = 0.1;
};

// Numbers of examples; train == 0 means every example not held out.
struct SplitCounts {
    std::size_t train = 0;
    std::size_t validation = 0;
    std::size_t test = 0;
};

// Uniform random permutation of `values` in place. The first k entries after
// shuffle_prefix(values, k, rng) are a uniform sample without replacement,
// and they are the same first k entries that any longer prefix would give.
void shuffle_prefix(std::span<std::uint32_t> values, std::size_t k, Rng& rng) noexcept;
inline void shuffle(std::span<std::uint32_t> values, Rng& rng) noexcept { shuffle_prefix(values, values.size(), rng); }

// Validation and test are drawn first from one shuffle, training after them,
// so changing the training count does not change validation or test.
[[nodiscard]] Splits make_splits(const Dataset& data, const SplitFractions& fractions, std::uint64_t seed);
[[nodiscard]] Splits make_splits(const Dataset& data, const SplitCounts& counts, std::uint64_t seed);
// Train and a seeded held-out validation part from `pool`; test is all of
// `test_set`, a separate dataset (Fashion-MNIST's official test images).
[[nodiscard]] Splits make_splits(const Dataset& pool, std::size_t validation_count, const Dataset& test_set,
                                 std::uint64_t seed);
Splits make_splits(const Dataset&&, const SplitFractions&, std::uint64_t) = delete;
Splits make_splits(const Dataset&&, const SplitCounts&, std::uint64_t) = delete;

// n examples of `view` drawn without replacement by `seed` (the
// `--train N --val N` options). Nested: for one seed, the subset of n is a
// prefix of the subset of any m > n. Throws if n > view.size().
[[nodiscard]] DatasetView subset(const DatasetView& view, std::size_t n, std::uint64_t seed);

// Splits together with the datasets they view. The datasets are held by
// shared_ptr, so moving or copying a SplitData never moves the data and the
// views stay valid; copies share the one copy of the features.
struct SplitData {
    std::shared_ptr<Dataset> data;      // train and validation rows (and test, if test_data == data)
    std::shared_ptr<Dataset> test_data; // the dataset `splits.test` views
    Splits splits;
    bool standardized = false; // set by standardize() (standardizer.hpp)
};

[[nodiscard]] SplitData make_split_data(Dataset data, const SplitFractions& fractions, std::uint64_t seed);
[[nodiscard]] SplitData make_split_data(Dataset data, const SplitCounts& counts, std::uint64_t seed);
[[nodiscard]] SplitData make_split_data(Dataset pool, std::size_t validation_count, Dataset test_set,
                                        std::uint64_t seed);

} // namespace actforge::fitness
