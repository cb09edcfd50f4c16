#include "actforge/fitness/dataset.hpp"

#include "actforge/core/error.hpp"

#include <cassert>
#include <cstring>
#include <fmt/format.h>
#include <limits>
#include <numeric>

namespace actforge::fitness {
namespace {

void check_batch(const char* what, std::size_t positions, Eigen::Index rows, Eigen::Index cols, std::size_t width) {
    if (static_cast<std::size_t>(rows) < positions || static_cast<std::size_t>(cols) != width) {
        throw Error(fmt::format("gathering {} {} needs a buffer of at least {}x{}, got {}x{}", positions, what,
                                positions, width, rows, cols));
    }
}

} // namespace

DatasetView::DatasetView(const Dataset& data) : data_(&data), rows_(data.size()) {
    if (data.size() > std::numeric_limits<std::uint32_t>::max()) {
        throw Error(fmt::format("dataset '{}' has {} examples; views address at most {}", data.name, data.size(),
                                std::numeric_limits<std::uint32_t>::max()));
    }
    std::iota(rows_.begin(), rows_.end(), std::uint32_t{0});
}

DatasetView::DatasetView(const Dataset& data, std::vector<std::uint32_t> rows) : data_(&data), rows_(std::move(rows)) {
    for (const std::uint32_t r : rows_) {
        if (r >= data.size()) {
            throw Error(
                fmt::format("row {} is out of range for dataset '{}' of {} examples", r, data.name, data.size()));
        }
    }
}

void DatasetView::gather_features(std::span<const std::uint32_t> positions, Eigen::Ref<Matrix> out) const {
    if (!data_) throw Error("gather_features on a view without a dataset");
    const std::size_t cols = num_features();
    check_batch("feature rows", positions.size(), out.rows(), out.cols(), cols);
    for (std::size_t k = 0; k < positions.size(); ++k) {
        assert(positions[k] < rows_.size());
        // Rows of `out` may be strided (a block of a larger matrix) but each is contiguous.
        std::memcpy(out.row(static_cast<Eigen::Index>(k)).data(), features(positions[k]).data(), cols * sizeof(float));
    }
}

void DatasetView::gather_labels(std::span<const std::uint32_t> positions, std::span<std::int32_t> labels) const {
    if (!data_ || !data_->is_classification()) {
        throw Error("gather_labels needs a classification dataset");
    }
    if (labels.size() < positions.size()) {
        throw Error(fmt::format("gathering {} labels needs room for {}, got {}", positions.size(), positions.size(),
                                labels.size()));
    }
    for (std::size_t k = 0; k < positions.size(); ++k) {
        assert(positions[k] < rows_.size());
        labels[k] = label(positions[k]);
    }
}

void DatasetView::gather_targets(std::span<const std::uint32_t> positions, Eigen::Ref<Matrix> out) const {
    if (!data_ || data_->is_classification()) {
        throw Error("gather_targets needs a regression dataset");
    }
    check_batch("target rows", positions.size(), out.rows(), out.cols(), data_->num_targets());
    for (std::size_t k = 0; k < positions.size(); ++k) {
        assert(positions[k] < rows_.size());
        out.row(static_cast<Eigen::Index>(k)) = data_->targets.row(rows_[positions[k]]);
    }
}

std::vector<std::size_t> DatasetView::class_counts() const {
    if (!data_ || !data_->is_classification()) {
        throw Error("class_counts needs a classification dataset");
    }
    std::vector<std::size_t> counts(data_->num_classes, 0);
    for (const std::uint32_t r : rows_) ++counts[static_cast<std::size_t>(data_->labels[r])];
    return counts;
}

} // namespace actforge::fitness
