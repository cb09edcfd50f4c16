#include "actforge/fitness/standardizer.hpp"
#include "actforge/fitness/synthetic.hpp"
#include "fitness_test_util.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace actforge::fitness;
using actforge::fitness::test::contains;
using actforge::fitness::test::error_of;

namespace {

// 3 features: scaled and shifted noise, a constant, and a column whose
// non-training rows are wildly off, so leaking them would show.
Dataset skewed(std::size_t n) {
    Dataset d;
    d.name = "skewed";
    d.features.resize(static_cast<Eigen::Index>(n), 3);
    d.num_classes = 2;
    d.labels.assign(n, 0);
    actforge::Rng rng(5);
    for (Eigen::Index r = 0; r < d.features.rows(); ++r) {
        d.features(r, 0) = static_cast<float>(100.0 + 25.0 * rng.normal());
        d.features(r, 1) = 7.0f;
        d.features(r, 2) = static_cast<float>(rng.uniform(-1.0, 1.0));
        d.labels[static_cast<std::size_t>(r)] = static_cast<std::int32_t>(r % 2);
    }
    return d;
}

// Mean and population standard deviation of column c over the view.
std::pair<double, double> moments(const DatasetView& v, std::size_t c) {
    double sum = 0.0;
    double squares = 0.0;
    for (std::size_t i = 0; i < v.size(); ++i) sum += v.features(i)[c];
    const double mean = sum / static_cast<double>(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) squares += std::pow(v.features(i)[c] - mean, 2);
    return {mean, std::sqrt(squares / static_cast<double>(v.size()))};
}

} // namespace

TEST_CASE("Standardizer: statistics from the training split only, mean 0 and std 1 there") {
    SplitData data = make_split_data(skewed(2000), SplitFractions{0.2, 0.2}, 9);
    // Make validation and test unlike training: their statistics must not leak.
    for (const DatasetView* v : {&data.splits.validation, &data.splits.test}) {
        for (const std::uint32_t r : v->rows()) data.data->features(r, 2) = 1000.0f;
    }
    const auto [train_mean, train_sd] = moments(data.splits.train, 2);

    const Standardizer s = standardize(data);
    CHECK(s.mean()[2] == doctest::Approx(train_mean).epsilon(1e-5));
    CHECK(s.stddev()[2] == doctest::Approx(train_sd).epsilon(1e-5));
    CHECK(s.mean()[0] == doctest::Approx(100.0).epsilon(0.05));
    CHECK(s.stddev()[0] == doctest::Approx(25.0).epsilon(0.1));
    // The constant column is centred, not divided by ~0.
    CHECK(s.stddev()[1] == 1.0f);
    CHECK(s.mean()[1] == 7.0f);

    for (const std::size_t c : {std::size_t{0}, std::size_t{2}}) {
        const auto [mean, sd] = moments(data.splits.train, c);
        CHECK(std::abs(mean) < 1e-5);
        CHECK(sd == doctest::Approx(1.0).epsilon(1e-5));
    }
    const auto [const_mean, const_sd] = moments(data.splits.train, 1);
    CHECK(const_mean == 0.0);
    CHECK(const_sd == 0.0);
    // Held-out rows were transformed with the training statistics.
    const float expected = static_cast<float>((1000.0 - train_mean) / train_sd);
    CHECK(data.splits.validation.features(0)[2] == doctest::Approx(expected).epsilon(1e-4));

    CHECK(contains(error_of([&] { (void)standardize(data); }), "already"));
}

TEST_CASE("standardize applies to a separate test dataset too") {
    SplitData data = make_split_data(circles(400, 0.1, 1), 100, circles(200, 0.1, 2), 3);
    const Dataset test_before = *data.test_data;
    const Standardizer s = standardize(data);
    const float expected = (test_before.features(0, 0) - s.mean()[0]) / s.stddev()[0];
    CHECK(data.test_data->features(0, 0) == doctest::Approx(expected).epsilon(1e-6));
    CHECK(data.test_data->features(0, 0) != test_before.features(0, 0));
}

TEST_CASE("Standardizer checks its input") {
    const Dataset d = circles(100, 0.1, 1);
    Dataset wide = skewed(10);
    const Standardizer s = Standardizer::fit(DatasetView(d));
    CHECK(contains(error_of([&] { s.apply(wide); }), "fitted on 2 features"));
    CHECK(contains(error_of([&] { (void)Standardizer::fit(DatasetView(d, {})); }), "empty"));
}
