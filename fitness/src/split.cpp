#include "actforge/fitness/split.hpp"

#include "actforge/core/error.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <utility>

namespace actforge::fitness {
namespace {

// Separate streams of one seed, so a split and a subset drawn with the same
// seed are unrelated.
constexpr std::uint64_t kSplitStream = 1;
constexpr std::uint64_t kSubsetStream = 2;

std::vector<std::uint32_t> iota_rows(std::size_t n) {
    std::vector<std::uint32_t> rows(n);
    std::iota(rows.begin(), rows.end(), std::uint32_t{0});
    return rows;
}

std::vector<std::uint32_t> slice(const std::vector<std::uint32_t>& rows, std::size_t begin, std::size_t count) {
    const auto first = rows.begin() + static_cast<std::ptrdiff_t>(begin);
    return {first, first + static_cast<std::ptrdiff_t>(count)};
}

std::size_t share(double fraction, std::size_t n, const char* what) {
    if (!(fraction >= 0.0 && fraction < 1.0)) {
        throw Error(fmt::format("{} fraction must be in [0, 1), got {}", what, fraction));
    }
    return static_cast<std::size_t>(std::llround(fraction * static_cast<double>(n)));
}

// The held-out counts of `fractions` of the dataset; training takes the rest.
SplitCounts split_counts(const Dataset& data, const SplitFractions& fractions) {
    SplitCounts counts;
    counts.validation = share(fractions.validation, data.size(), "validation");
    counts.test = share(fractions.test, data.size(), "test");
    return counts;
}

} // namespace

void shuffle_prefix(std::span<std::uint32_t> values, std::size_t k, Rng& rng) noexcept {
    // Forward Fisher-Yates: position i takes a uniform pick of the not yet
    // placed values [i, n). Stopping after k positions gives the prefix property.
    const std::size_t n = values.size();
    for (std::size_t i = 0; i < k && i + 1 < n; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(rng.below(n - i));
        std::swap(values[i], values[j]);
    }
}

Splits make_splits(const Dataset& data, const SplitCounts& counts, std::uint64_t seed) {
    data.validate();
    const std::size_t n = data.size();
    const std::size_t held = counts.validation + counts.test;
    if (held >= n) {
        throw Error(fmt::format("dataset '{}' has {} examples: too few for {} validation and {} test examples plus "
                                "training",
                                data.name, n, counts.validation, counts.test));
    }
    const std::size_t train = counts.train == 0 ? n - held : counts.train;
    if (held + train > n) {
        throw Error(fmt::format("dataset '{}' has {} examples: too few for {} training, {} validation and {} test "
                                "examples",
                                data.name, n, train, counts.validation, counts.test));
    }
    std::vector<std::uint32_t> rows = iota_rows(n);
    Rng rng = Rng(seed).child(kSplitStream);
    shuffle_prefix(rows, held + train, rng);
    Splits s;
    s.validation = DatasetView(data, slice(rows, 0, counts.validation));
    s.test = DatasetView(data, slice(rows, counts.validation, counts.test));
    s.train = DatasetView(data, slice(rows, held, train));
    return s;
}

Splits make_splits(const Dataset& data, const SplitFractions& fractions, std::uint64_t seed) {
    return make_splits(data, split_counts(data, fractions), seed);
}

Splits make_splits(const Dataset& pool, std::size_t validation_count, const Dataset& test_set, std::uint64_t seed) {
    test_set.validate();
    if (test_set.num_features() != pool.num_features() || test_set.num_classes != pool.num_classes ||
        test_set.num_targets() != pool.num_targets()) {
        throw Error(fmt::format("test set '{}' ({} features, {} classes) does not match dataset '{}' ({} features, "
                                "{} classes)",
                                test_set.name, test_set.num_features(), test_set.num_classes, pool.name,
                                pool.num_features(), pool.num_classes));
    }
    Splits s = make_splits(pool, SplitCounts{0, validation_count, 0}, seed);
    s.test = DatasetView(test_set);
    return s;
}

DatasetView subset(const DatasetView& view, std::size_t n, std::uint64_t seed) {
    if (!view.has_dataset()) throw Error("subset of a view without a dataset");
    if (n > view.size()) {
        throw Error(fmt::format("asked for {} examples but this split of dataset '{}' has only {}", n,
                                view.dataset().name, view.size()));
    }
    std::vector<std::uint32_t> rows(view.rows().begin(), view.rows().end());
    Rng rng = Rng(seed).child(kSubsetStream);
    shuffle_prefix(rows, n, rng);
    rows.resize(n);
    return DatasetView(view.dataset(), std::move(rows));
}

SplitData make_split_data(Dataset data, const SplitCounts& counts, std::uint64_t seed) {
    SplitData out;
    out.data = std::make_shared<Dataset>(std::move(data));
    out.test_data = out.data;
    out.splits = make_splits(*out.data, counts, seed);
    return out;
}

SplitData make_split_data(Dataset data, const SplitFractions& fractions, std::uint64_t seed) {
    const SplitCounts counts = split_counts(data, fractions);
    return make_split_data(std::move(data), counts, seed);
}

SplitData make_split_data(Dataset pool, std::size_t validation_count, Dataset test_set, std::uint64_t seed) {
    SplitData out;
    out.data = std::make_shared<Dataset>(std::move(pool));
    out.test_data = std::make_shared<Dataset>(std::move(test_set));
    out.splits = make_splits(*out.data, validation_count, *out.test_data, seed);
    return out;
}

} // namespace actforge::fitness
