#pragma once
// Per-feature standardisation, x' = (x - mean) / std, with statistics taken
// from the training split only, so neither the search nor the final score
// sees anything of the validation or test rows. Readers do not standardise;
// a task decides whether to, after it has made its splits.
#include "actforge/fitness/dataset.hpp"
#include "actforge/fitness/split.hpp"

#include <span>
#include <vector>

namespace actforge::fitness {

class Standardizer {
public:
    // Mean and population standard deviation of each feature over the rows
    // of `train` (accumulated in double). A feature that is constant there,
    // to float precision, gets std 1: it is centred but not blown up.
    [[nodiscard]] static Standardizer fit(const DatasetView& train);

    // In place over every row of `data`; the feature count must match. Each
    // call transforms again, so apply once per dataset.
    void apply(Dataset& data) const;
    void apply(Eigen::Ref<Matrix> features) const;

    [[nodiscard]] std::span<const float> mean() const noexcept { return mean_; }
    [[nodiscard]] std::span<const float> stddev() const noexcept { return stddev_; }

private:
    std::vector<float> mean_;
    std::vector<float> stddev_;
};

// Fits on split.splits.train and applies to the dataset(s) behind all three
// splits. Throws if `split` was standardised already.
Standardizer standardize(SplitData& split);

} // namespace actforge::fitness
