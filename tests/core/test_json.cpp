#include "actforge/core/json.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using nlohmann::json;

TEST_CASE("json_number reads what fits and refuses what a cast would make undefined") {
    CHECK(json_number<std::size_t>(json::parse("42")) == 42);
    CHECK(json_number<std::size_t>(json::parse("3.0")) == 3);
    CHECK(json_number<std::uint64_t>(json::parse("18446744073709551615")) == 18446744073709551615ULL);
    CHECK(json_number<int>(json::parse("-7")) == -7);
    CHECK(json_number<float>(json::parse("0.25")) == 0.25f);
    CHECK(json_number<float>(json::parse("-1e-300")) == 0.0f); // underflows to zero, as a cast does
    CHECK(json_number<double>(json::parse("1e300")) == 1e300);
    // A JSON integer too long for 64 bits is kept as a double by the parser
    // (found by fuzz_config in a config.json's task.batch).
    for (const char* bad : {"3184467440737095516152", "1e30", "-1", "3.5", "18446744073709551616"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS((void)json_number<std::size_t>(json::parse(bad)), json::type_error);
    }
    CHECK_THROWS_AS((void)json_number<int>(json::parse("2147483648")), json::type_error);
    CHECK_THROWS_AS((void)json_number<float>(json::parse("1e300")), json::type_error);
    CHECK_THROWS_AS((void)json_number<std::size_t>(json::parse("\"3\"")), json::type_error);
    CHECK(json_numbers<std::size_t>(json::parse("[1, 2.0]")) == std::vector<std::size_t>{1, 2});
    CHECK_THROWS_AS((void)json_numbers<std::size_t>(json::parse("[1, -2]")), json::type_error);
    CHECK_THROWS_AS((void)json_numbers<std::size_t>(json::parse("4")), json::type_error);
    CHECK(json_number_or(json::parse("{}"), "n", std::size_t{1}) == 1);
    CHECK(json_number_or(json::parse("{\"n\": 5}"), "n", std::size_t{1}) == 5);
    CHECK_THROWS_AS((void)json_number_or(json::parse("5"), "n", std::size_t{1}), json::type_error);
}
