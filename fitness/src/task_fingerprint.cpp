#include "actforge/fitness/task_fingerprint.hpp"

#include "actforge/core/content_hash.hpp"
#include "actforge/fitness/task_json.hpp"

#include <algorithm>
#include <vector>

namespace actforge::fitness {
namespace {

template <typename T> void add_values(ContentHash& hash, std::span<const T> values) { hash.add(std::as_bytes(values)); }

void add_dataset(ContentHash& hash, const Dataset& d) {
    hash.add(static_cast<std::uint64_t>(d.features.rows())).add(static_cast<std::uint64_t>(d.features.cols()));
    add_values(hash, std::span<const float>(d.features.data(), static_cast<std::size_t>(d.features.size())));
    add_values(hash, std::span<const std::int32_t>(d.labels));
    add_values(hash, std::span<const float>(d.targets.data(), static_cast<std::size_t>(d.targets.size())));
    hash.add(static_cast<std::uint64_t>(d.num_classes))
        .add(static_cast<std::uint64_t>(d.image.channels))
        .add(static_cast<std::uint64_t>(d.image.height))
        .add(static_cast<std::uint64_t>(d.image.width));
}

} // namespace

std::uint64_t fingerprint(const Task& task) {
    ContentHash hash;
    hash.add(task_spec_to_json(task.spec()).dump());
    std::vector<const Dataset*> hashed; // the splits share datasets: each is hashed once
    for (const DatasetView* view : {&task.train(), &task.validation(), &task.full_train(), &task.test()}) {
        add_values(hash, view->rows());
        if (!view->has_dataset()) continue;
        const Dataset* data = &view->dataset();
        if (std::find(hashed.begin(), hashed.end(), data) != hashed.end()) continue;
        hashed.push_back(data);
        add_dataset(hash, *data);
    }
    return hash.value();
}

} // namespace actforge::fitness
