#pragma once
// Minibatches drawn from one shared feature matrix by row index, so threads
// training different candidates never copy the dataset.
#include "actforge/core/rng.hpp"
#include "actforge/nn/tensor.hpp"

#include <cstdint>
#include <span>

namespace actforge::nn {

// Fisher-Yates shuffle driven by rng (rng.below), the same permutation on
// every platform for the same generator state.
void shuffle(std::span<std::uint32_t> items, Rng& rng);

// Copies features.row(rows[i]) into batch.row(i) and labels[rows[i]] into
// batch_labels[i] for every i < rows.size(). batch must already have at least
// rows.size() rows and features.cols() columns; batch_labels at least
// rows.size() entries. Indices are trusted (checked once by the caller).
void gather(const Matrix& features, std::span<const std::int32_t> labels, std::span<const std::uint32_t> rows,
            Matrix& batch, std::span<std::int32_t> batch_labels);

// Throws actforge::Error unless labels has one entry per feature row, every
// row index is in range and every used label is in [0, classes).
void check_dataset(const Matrix& features, std::span<const std::int32_t> labels, std::span<const std::uint32_t> rows,
                   std::size_t classes);

} // namespace actforge::nn
