// The properties of formula_properties.hpp over many random formulas, and
// over the inputs the formula fuzz target found (each a regression test).
#include "actforge/core/rng.hpp"
#include "formula_properties.hpp"
#include "random_tree.hpp"

#include <doctest/doctest.h>

using namespace actforge;

TEST_CASE("random formulas: print-parse round trip, every export, Program equals the reference") {
    Rng rng(20240516);
    for (int i = 0; i < 1500; ++i) {
        const expr::Tree t = test::random_tree(rng, 1 + static_cast<int>(rng.below(6)), 3);
        const std::string failure = test::formula_property_failure(t);
        REQUIRE_MESSAGE(failure.empty(), failure);
    }
}
