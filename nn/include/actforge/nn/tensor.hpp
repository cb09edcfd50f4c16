#pragma once
// Tensor types of the nn module. A batch is a row-major matrix, one sample a
// row, so a sample's features are contiguous (gathering a minibatch copies
// whole rows) and an activation's elements run row by row in memory.
#include <Eigen/Core>

namespace actforge::nn {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXf;
using RowVector = Eigen::RowVectorXf;
using Array = Eigen::ArrayXf;

// A view of some rows of a batch (e.g. `m.topRows(n)`) without a copy;
// taken by const reference, as Eigen recommends.
using ConstMatrixRef = Eigen::Ref<const Matrix>;

// A size as an Eigen index (Eigen indexes are signed).
[[nodiscard]] inline Eigen::Index eigen_index(std::size_t n) { return static_cast<Eigen::Index>(n); }

} // namespace actforge::nn
