// Formulas as a user types them (the where-clause included): the parser
// either accepts the text or throws ParseError, and every formula it
// accepts keeps the properties of tests/expr/formula_properties.hpp.
#include "../expr/formula_properties.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    actforge::expr::Tree tree;
    try {
        tree = actforge::expr::parse(actforge::fuzz::as_text(data, size));
    } catch (const actforge::ParseError&) {
        return 0;
    }
    tree.validate();
    if (const std::string failure = actforge::test::formula_property_failure(tree); !failure.empty()) {
        actforge::fuzz::fail(failure);
    }
    return 0;
}
