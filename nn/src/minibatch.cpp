#include "actforge/nn/minibatch.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>
#include <utility>

namespace actforge::nn {

void shuffle(std::span<std::uint32_t> items, Rng& rng) {
    for (std::size_t i = items.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(rng.below(i));
        std::swap(items[i - 1], items[j]);
    }
}

void gather(const Matrix& features, std::span<const std::int32_t> labels, std::span<const std::uint32_t> rows,
            Matrix& batch, std::span<std::int32_t> batch_labels) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        batch.row(static_cast<Eigen::Index>(i)) = features.row(rows[i]);
        batch_labels[i] = labels[rows[i]];
    }
}

void check_dataset(const Matrix& features, std::span<const std::int32_t> labels, std::span<const std::uint32_t> rows,
                   std::size_t classes) {
    if (labels.size() != static_cast<std::size_t>(features.rows())) {
        throw Error(fmt::format("{} label(s) for {} feature row(s)", labels.size(), features.rows()));
    }
    for (const std::uint32_t r : rows) {
        if (r >= labels.size()) {
            throw Error(fmt::format("row index {} outside a dataset of {} row(s)", r, labels.size()));
        }
        if (labels[r] < 0 || static_cast<std::size_t>(labels[r]) >= classes) {
            throw Error(fmt::format("label {} of row {} outside [0, {})", labels[r], r, classes));
        }
    }
}

} // namespace actforge::nn
