// Tree::validate() guards every tree built outside the parser (operators,
// checkpoints): parameter names must be valid and distinct, like the
// parser demands of a where-clause.
#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/tree.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::expr;

TEST_CASE("parameter names: identifiers other than x, where and primitive names") {
    for (const char* good : {"a", "b2", "_t", "alpha", "theta_1"}) CHECK_MESSAGE(valid_parameter_name(good), good);
    for (const char* bad : {"", "x", "where", "tanh", "max", "2a", "a-b", "a b", "é"})
        CHECK_MESSAGE(!valid_parameter_name(bad), bad);
}

TEST_CASE("validate refuses duplicate and reserved parameter names that the parser would refuse") {
    Tree t = parse("a*x + b where a=1, b=2");
    REQUIRE_NOTHROW(t.validate());
    Tree duplicate = t;
    duplicate.parameters[1].name = duplicate.parameters[0].name;
    CHECK_THROWS_WITH_AS(duplicate.validate(), doctest::Contains("declared twice"), Error);
    Tree reserved = t;
    reserved.parameters[0].name = std::string(find_primitive("sigmoid")->name);
    CHECK_THROWS_WITH_AS(reserved.validate(), doctest::Contains("cannot name a parameter"), Error);
    Tree malformed = t;
    malformed.parameters[0].name += ";b";
    CHECK_THROWS_AS(malformed.validate(), Error);
    // The parser gives the same verdicts, with the column.
    CHECK_THROWS_AS((void)parse("x + a where a=1, a=2"), ParseError);
    CHECK_THROWS_AS((void)parse("x + sigmoid where sigmoid=1"), ParseError);
}
