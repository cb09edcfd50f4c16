#include "actforge/fitness/dataset.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>
#include <limits>

namespace actforge::fitness {

void Dataset::validate() const {
    const auto fail = [this](const std::string& what) { throw Error(fmt::format("dataset '{}': {}", name, what)); };
    const std::size_t n = size();
    if (n == 0) fail("it has no examples");
    if (num_features() == 0) fail("it has no feature columns");
    // DatasetView addresses rows with 32-bit indices.
    if (n > std::numeric_limits<std::uint32_t>::max()) {
        fail(fmt::format("{} examples exceed the limit of {}", n, std::numeric_limits<std::uint32_t>::max()));
    }
    if (!image.empty() && image.size() != num_features()) {
        fail(fmt::format("image shape {}x{}x{} does not match {} features", image.channels, image.height, image.width,
                         num_features()));
    }
    if (!feature_names.empty() && feature_names.size() != num_features()) {
        fail(fmt::format("{} feature names for {} features", feature_names.size(), num_features()));
    }
    if (is_classification()) {
        if (labels.size() != n) fail(fmt::format("{} labels for {} examples", labels.size(), n));
        if (targets.size() != 0) fail("a classification dataset must not have regression targets");
        if (!class_names.empty() && class_names.size() != num_classes) {
            fail(fmt::format("{} class names for {} classes", class_names.size(), num_classes));
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= num_classes) {
                fail(fmt::format("label {} of example {} is outside [0, {})", labels[i], i, num_classes));
            }
        }
    } else {
        if (!labels.empty()) fail("labels are given but num_classes is 0; set num_classes for classification");
        if (static_cast<std::size_t>(targets.rows()) != n || targets.cols() == 0) {
            fail(fmt::format("a regression dataset needs a {}-row targets matrix, found {}x{}", n, targets.rows(),
                             targets.cols()));
        }
    }
}

} // namespace actforge::fitness
