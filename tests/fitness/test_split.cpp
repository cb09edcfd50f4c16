#include "actforge/fitness/split.hpp"
#include "actforge/fitness/synthetic.hpp"
#include "fitness_test_util.hpp"

#include <algorithm>
#include <array>
#include <doctest/doctest.h>
#include <map>
#include <numeric>

using namespace actforge::fitness;
using actforge::fitness::test::contains;
using actforge::fitness::test::error_of;

namespace {

std::vector<std::uint32_t> rows_of(const DatasetView& v) { return {v.rows().begin(), v.rows().end()}; }

// How often each row of a dataset of n rows appears across the views.
std::vector<int> coverage(std::size_t n, std::initializer_list<const DatasetView*> views) {
    std::vector<int> used(n, 0);
    for (const DatasetView* v : views) {
        for (const std::uint32_t r : v->rows()) ++used[r];
    }
    return used;
}

} // namespace

TEST_CASE("make_splits by fractions: disjoint, covering, deterministic per seed") {
    const Dataset d = circles(1000, 0.1, 1);
    const Splits s = make_splits(d, SplitFractions{0.15, 0.1}, 42);
    CHECK(s.train.size() == 750);
    CHECK(s.validation.size() == 150);
    CHECK(s.test.size() == 100);
    const std::vector<int> used = coverage(d.size(), {&s.train, &s.validation, &s.test});
    CHECK(std::all_of(used.begin(), used.end(), [](int u) { return u == 1; }));
    CHECK(&s.train.dataset() == &d);

    const Splits again = make_splits(d, SplitFractions{0.15, 0.1}, 42);
    CHECK(rows_of(again.train) == rows_of(s.train));
    CHECK(rows_of(again.validation) == rows_of(s.validation));
    CHECK(rows_of(again.test) == rows_of(s.test));

    const Splits other = make_splits(d, SplitFractions{0.15, 0.1}, 43);
    CHECK(rows_of(other.validation) != rows_of(s.validation));

    // A shuffled order, not the dataset's order.
    CHECK_FALSE(std::is_sorted(s.train.rows().begin(), s.train.rows().end()));
}

TEST_CASE("make_splits by counts: validation and test do not depend on the training count") {
    const Dataset d = two_spirals(500, 0.1, 2);
    const Splits all = make_splits(d, SplitCounts{0, 50, 40}, 7);
    const Splits some = make_splits(d, SplitCounts{100, 50, 40}, 7);
    CHECK(all.train.size() == 410);
    CHECK(some.train.size() == 100);
    CHECK(rows_of(some.validation) == rows_of(all.validation));
    CHECK(rows_of(some.test) == rows_of(all.test));
    const std::vector<int> used = coverage(d.size(), {&some.train, &some.validation, &some.test});
    CHECK(std::count(used.begin(), used.end(), 1) == 190);
    CHECK(std::count(used.begin(), used.end(), 0) == 310);
}

TEST_CASE("make_splits rejects impossible requests") {
    const Dataset d = circles(100, 0.1, 1);
    CHECK(contains(error_of([&] { (void)make_splits(d, SplitFractions{0.6, 0.5}, 1); }), "too few"));
    CHECK(contains(error_of([&] { (void)make_splits(d, SplitFractions{-0.1, 0.1}, 1); }), "[0, 1)"));
    CHECK(contains(error_of([&] { (void)make_splits(d, SplitCounts{80, 20, 10}, 1); }), "too few"));
}

TEST_CASE("make_splits with a separate test set") {
    const Dataset pool = circles(300, 0.1, 1);
    const Dataset test_set = circles(80, 0.1, 2);
    const Splits s = make_splits(pool, 60, test_set, 5);
    CHECK(s.train.size() == 240);
    CHECK(s.validation.size() == 60);
    CHECK(&s.test.dataset() == &test_set);
    CHECK(rows_of(s.test) == rows_of(DatasetView(test_set)));
    const std::vector<int> used = coverage(pool.size(), {&s.train, &s.validation});
    CHECK(std::all_of(used.begin(), used.end(), [](int u) { return u == 1; }));

    const Dataset wrong = regression_curve(50, 0.1, 1);
    CHECK(contains(error_of([&] { (void)make_splits(pool, 60, wrong, 5); }), "does not match"));
}

TEST_CASE("SplitData keeps its views valid when moved") {
    SplitData moved;
    const Dataset* address = nullptr;
    {
        SplitData original = make_split_data(circles(200, 0.1, 1), SplitFractions{0.2, 0.2}, 3);
        address = original.data.get();
        moved = std::move(original);
    }
    CHECK(&moved.splits.train.dataset() == address);
    CHECK(&moved.splits.test.dataset() == moved.test_data.get());
    CHECK(moved.splits.train.size() == 120);
    CHECK(moved.splits.train.features(0).size() == 2);
}

TEST_CASE("subset: seeded, nested, within the view") {
    const Dataset d = circles(1000, 0.1, 1);
    const Splits s = make_splits(d, SplitFractions{0.2, 0.0}, 1);
    const DatasetView a = subset(s.train, 100, 9);
    const DatasetView b = subset(s.train, 300, 9);
    CHECK(a.size() == 100);
    CHECK(rows_of(a) == rows_of(subset(s.train, 100, 9)));
    CHECK(rows_of(a) != rows_of(subset(s.train, 100, 10)));
    CHECK(std::equal(a.rows().begin(), a.rows().end(), b.rows().begin()));
    std::vector<int> in_train(d.size(), 0);
    for (const std::uint32_t r : s.train.rows()) in_train[r] = 1;
    std::vector<int> seen(d.size(), 0);
    for (const std::uint32_t r : b.rows()) {
        CHECK(in_train[r] == 1);
        CHECK(seen[r]++ == 0);
    }
    CHECK(contains(error_of([&] { (void)subset(s.validation, 201, 1); }), "has only 200"));
}

TEST_CASE("shuffle is a uniform permutation and is stable across platforms") {
    // All 6 orders of 3 elements, each about 1/6 of the time: an off-by-one
    // in the Fisher-Yates range skews this.
    actforge::Rng rng(123);
    std::map<std::array<std::uint32_t, 3>, int> seen;
    constexpr int kTrials = 60000;
    for (int t = 0; t < kTrials; ++t) {
        std::array<std::uint32_t, 3> v = {0, 1, 2};
        shuffle(v, rng);
        ++seen[v];
    }
    CHECK(seen.size() == 6);
    for (const auto& [order, count] : seen) CHECK(std::abs(count - kTrials / 6) < 400);

    // The exact result for a fixed seed: it must not depend on the standard library.
    std::vector<std::uint32_t> v(10);
    std::iota(v.begin(), v.end(), 0U);
    actforge::Rng fixed(42);
    shuffle(v, fixed);
    const std::vector<std::uint32_t> expected = {3, 8, 6, 9, 4, 7, 5, 2, 1, 0};
    CHECK(v == expected);
}
