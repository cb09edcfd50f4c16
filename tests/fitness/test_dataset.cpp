#include "actforge/fitness/dataset.hpp"
#include "actforge/fitness/synthetic.hpp"
#include "fitness_test_util.hpp"

#include <doctest/doctest.h>
#include <type_traits>

using namespace actforge::fitness;
using actforge::fitness::test::contains;
using actforge::fitness::test::error_of;

// A view of a temporary dataset would dangle, so it does not compile.
static_assert(!std::is_constructible_v<DatasetView, Dataset&&>);
static_assert(std::is_constructible_v<DatasetView, const Dataset&>);

TEST_CASE("Dataset::validate names the broken invariant") {
    Dataset d = circles(10, 0.1, 1);
    CHECK_NOTHROW(d.validate());
    CHECK(d.is_classification());
    d.labels[3] = 2;
    CHECK(contains(error_of([&] { d.validate(); }), "label 2 of example 3"));
    d.labels.pop_back();
    CHECK(contains(error_of([&] { d.validate(); }), "9 labels for 10 examples"));

    Dataset r = regression_curve(5, 0.1, 1);
    CHECK_NOTHROW(r.validate());
    CHECK_FALSE(r.is_classification());
    r.targets.resize(4, 1);
    CHECK(contains(error_of([&] { r.validate(); }), "regression_curve"));
}

TEST_CASE("DatasetView gathers mini-batches without copying the dataset") {
    const Dataset d = circles(50, 0.1, 1);
    const DatasetView v(d, {7, 3, 3, 40});
    CHECK(v.size() == 4);
    CHECK(v.row(3) == 40);
    CHECK(v.features(0).data() == d.features.row(7).data()); // a view, not a copy
    CHECK(v.label(1) == d.labels[3]);

    Matrix batch = Matrix::Constant(6, 2, -9.0f);
    std::vector<std::int32_t> labels(6, -1);
    const std::vector<std::uint32_t> positions = {3, 0};
    v.gather_features(positions, batch.middleRows(1, 4));
    v.gather_labels(positions, labels);
    CHECK(batch.row(1) == d.features.row(40));
    CHECK(batch.row(2) == d.features.row(7));
    CHECK(batch(0, 0) == -9.0f);
    CHECK(batch(3, 1) == -9.0f);
    CHECK(labels[0] == d.labels[40]);
    CHECK(labels[1] == d.labels[7]);
    CHECK(labels[2] == -1);

    Matrix narrow(4, 3);
    CHECK(contains(error_of([&] { v.gather_features(positions, narrow); }), "at least 2x2"));
    CHECK(contains(error_of([&] { v.gather_targets(positions, narrow); }), "regression"));

    const auto counts = v.class_counts();
    REQUIRE(counts.size() == 2);
    CHECK(counts[0] + counts[1] == 4);
    CHECK(counts[1] == 1 + 2 * static_cast<std::size_t>(d.labels[3])); // rows 7 and 40 are class 1
}

TEST_CASE("DatasetView rejects rows outside its dataset") {
    const Dataset d = circles(10, 0.1, 1);
    CHECK(contains(error_of([&] { (void)DatasetView(d, {1, 10}); }), "row 10 is out of range"));
}

TEST_CASE("DatasetView gathers regression targets") {
    const Dataset d = regression_curve(20, 0.1, 1);
    const DatasetView v(d);
    Matrix targets(2, 1);
    const std::vector<std::uint32_t> positions = {19, 4};
    v.gather_targets(positions, targets);
    CHECK(targets(0, 0) == d.targets(19, 0));
    CHECK(targets(1, 0) == d.targets(4, 0));
}
