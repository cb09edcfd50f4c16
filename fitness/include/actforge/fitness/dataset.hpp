#pragma once
// A dataset in memory, and non-owning views of its rows.
//
// A Dataset is the one copy of the data. Splits, subsets and every training
// thread refer to it through DatasetViews (a pointer plus row indices), so
// no feature matrix is ever copied per split or per thread. A view does not
// own its dataset: the Dataset must stay alive and in place (not moved) while
// views of it exist; SplitData (split.hpp) keeps both together.
#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace actforge::fitness {

// Row-major float matrix: one example per row, so a row is contiguous and a
// mini-batch is a block of rows.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Layout of a row when the features are an image (channel-major, then rows,
// then columns); all zero when they are not.
struct ImageShape {
    std::size_t channels = 0;
    std::size_t height = 0;
    std::size_t width = 0;

    [[nodiscard]] bool empty() const noexcept { return channels == 0; }
    [[nodiscard]] std::size_t size() const noexcept { return channels * height * width; }
    friend bool operator==(const ImageShape&, const ImageShape&) = default;
};

// Invariants (checked by validate()): features has size() rows; a
// classification dataset (num_classes > 0) has one label in [0, num_classes)
// per row and no targets; a regression dataset (num_classes == 0) has a
// targets matrix with size() rows and no labels.
struct Dataset {
    std::string name;
    Matrix features;
    std::vector<std::int32_t> labels;       // classification
    Matrix targets;                         // regression, one row per example
    std::size_t num_classes = 0;            // 0 for regression
    std::vector<std::string> class_names;   // empty or num_classes entries
    std::vector<std::string> feature_names; // empty or num_features() entries
    ImageShape image;

    [[nodiscard]] std::size_t size() const noexcept { return static_cast<std::size_t>(features.rows()); }
    [[nodiscard]] std::size_t num_features() const noexcept { return static_cast<std::size_t>(features.cols()); }
    [[nodiscard]] std::size_t num_targets() const noexcept { return static_cast<std::size_t>(targets.cols()); }
    [[nodiscard]] bool is_classification() const noexcept { return num_classes > 0; }

    // Throws actforge::Error naming the dataset and the broken invariant.
    void validate() const;
};

class DatasetView {
public:
    DatasetView() = default;
    // Every row of `data`, in order.
    explicit DatasetView(const Dataset& data);
    // The given rows of `data` (positions may repeat); throws if one is out of range.
    DatasetView(const Dataset& data, std::vector<std::uint32_t> rows);
    // A view of a temporary would dangle.
    explicit DatasetView(const Dataset&&) = delete;
    DatasetView(const Dataset&&, std::vector<std::uint32_t>) = delete;

    [[nodiscard]] bool has_dataset() const noexcept { return data_ != nullptr; }
    // The viewed dataset; requires has_dataset().
    [[nodiscard]] const Dataset& dataset() const noexcept { return *data_; }
    [[nodiscard]] std::span<const std::uint32_t> rows() const noexcept { return rows_; }
    [[nodiscard]] std::size_t size() const noexcept { return rows_.size(); }
    [[nodiscard]] bool empty() const noexcept { return rows_.empty(); }
    [[nodiscard]] std::size_t num_features() const noexcept { return data_ ? data_->num_features() : 0; }
    [[nodiscard]] std::size_t num_classes() const noexcept { return data_ ? data_->num_classes : 0; }

    // Accessors by position in the view (0 <= i < size()).
    [[nodiscard]] std::uint32_t row(std::size_t i) const noexcept { return rows_[i]; }
    [[nodiscard]] std::span<const float> features(std::size_t i) const noexcept {
        const std::size_t cols = data_->num_features();
        return {data_->features.data() + std::size_t{rows_[i]} * cols, cols};
    }
    [[nodiscard]] std::int32_t label(std::size_t i) const noexcept { return data_->labels[rows_[i]]; }

    // Copy the examples at the given view positions into the first
    // positions.size() rows of `out` (or entries of `labels`): the mini-batch
    // gather of a training loop, which allocates nothing. Throws if `out` has
    // too few rows or the wrong number of columns.
    void gather_features(std::span<const std::uint32_t> positions, Eigen::Ref<Matrix> out) const;
    void gather_labels(std::span<const std::uint32_t> positions, std::span<std::int32_t> labels) const;
    void gather_targets(std::span<const std::uint32_t> positions, Eigen::Ref<Matrix> out) const;

    // Number of examples of each class in the view (classification only).
    [[nodiscard]] std::vector<std::size_t> class_counts() const;

private:
    const Dataset* data_ = nullptr;
    std::vector<std::uint32_t> rows_;
};

} // namespace actforge::fitness
