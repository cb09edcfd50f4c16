#include "actforge/fitness/standardizer.hpp"

#include "actforge/core/error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::fitness {
namespace {

// A spread below this share of the mean's magnitude is float rounding of a
// constant column, not signal.
constexpr double kConstantTolerance = 1e-6;

} // namespace

Standardizer Standardizer::fit(const DatasetView& train) {
    if (!train.has_dataset() || train.empty()) {
        throw Error("cannot standardise features: the training split is empty");
    }
    const std::size_t cols = train.num_features();
    const auto n = static_cast<double>(train.size());
    Eigen::ArrayXd sum = Eigen::ArrayXd::Zero(static_cast<Eigen::Index>(cols));
    for (std::size_t i = 0; i < train.size(); ++i) {
        sum +=
            Eigen::Map<const Eigen::ArrayXf>(train.features(i).data(), static_cast<Eigen::Index>(cols)).cast<double>();
    }
    const Eigen::ArrayXd mean = sum / n;
    // Second pass over deviations: no cancellation, unlike E[x^2] - E[x]^2.
    Eigen::ArrayXd squares = Eigen::ArrayXd::Zero(static_cast<Eigen::Index>(cols));
    for (std::size_t i = 0; i < train.size(); ++i) {
        squares += (Eigen::Map<const Eigen::ArrayXf>(train.features(i).data(), static_cast<Eigen::Index>(cols))
                        .cast<double>() -
                    mean)
                       .square();
    }

    Standardizer s;
    s.mean_.resize(cols);
    s.stddev_.resize(cols);
    for (std::size_t c = 0; c < cols; ++c) {
        const auto k = static_cast<Eigen::Index>(c);
        const double sd = std::sqrt(squares[k] / n);
        s.mean_[c] = static_cast<float>(mean[k]);
        s.stddev_[c] = sd <= kConstantTolerance * std::abs(mean[k]) || sd == 0.0 ? 1.0f : static_cast<float>(sd);
    }
    return s;
}

void Standardizer::apply(Eigen::Ref<Matrix> features) const {
    if (static_cast<std::size_t>(features.cols()) != mean_.size()) {
        throw Error(
            fmt::format("standardiser was fitted on {} features but the data has {}", mean_.size(), features.cols()));
    }
    const auto cols = static_cast<Eigen::Index>(mean_.size());
    const Eigen::Map<const Eigen::RowVectorXf> mean(mean_.data(), cols);
    const Eigen::RowVectorXf inv = Eigen::Map<const Eigen::RowVectorXf>(stddev_.data(), cols).cwiseInverse();
    features.rowwise() -= mean;
    features.array().rowwise() *= inv.array();
}

void Standardizer::apply(Dataset& data) const { apply(Eigen::Ref<Matrix>(data.features)); }

Standardizer standardize(SplitData& split) {
    if (split.standardized) throw Error("this data is standardised already; standardising twice would distort it");
    if (!split.data) throw Error("cannot standardise: no dataset loaded");
    Standardizer s = Standardizer::fit(split.splits.train);
    s.apply(*split.data);
    if (split.test_data && split.test_data != split.data) s.apply(*split.test_data);
    split.standardized = true;
    return s;
}

} // namespace actforge::fitness
