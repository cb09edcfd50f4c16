// Shell quoting, timestamps and reading JSON files.
#include "actforge/core/error.hpp"
#include "actforge/core/json_file.hpp"
#include "actforge/core/text.hpp"
#include "actforge/core/timestamp.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

using namespace actforge;
namespace fs = std::filesystem;

TEST_CASE("shell_quote leaves plain words alone and single-quotes the rest") {
    CHECK(shell_quote("runs/demo") == "runs/demo");
    CHECK(shell_quote("--seed-formulas") == "--seed-formulas");
    CHECK(shell_quote("relu;swish") == "'relu;swish'");
    CHECK(shell_quote("a*tanh(x) where a=1") == "'a*tanh(x) where a=1'");
    CHECK(shell_quote("") == "''");
    CHECK(shell_quote("it's") == "'it'\\''s'");
}

TEST_CASE("utc_timestamp is ISO 8601 in UTC") {
    using namespace std::chrono;
    const system_clock::time_point t = sys_days{year{2024} / 2 / 29} + hours{23} + minutes{5} + seconds{7};
    CHECK(utc_timestamp(t) == "2024-02-29T23:05:07Z");
    const fs::path file = fs::temp_directory_path() / "actforge_test_timestamp.txt";
    std::ofstream(file) << "x";
    const std::string written = file_timestamp(file);
    CHECK(written.size() == 20);
    CHECK(written.back() == 'Z');
    CHECK(file_timestamp(file.string() + ".missing").empty());
}

TEST_CASE("read_json_file names the file and what is wrong") {
    const fs::path file = fs::temp_directory_path() / "actforge_test_read.json";
    std::ofstream(file, std::ios::trunc) << R"({"a": [1, 2]})";
    CHECK(read_json_file(file, "settings").at("a").size() == 2);
    std::ofstream(file, std::ios::trunc) << R"({"a": [1, 2)";
    const std::string corrupt = "settings '" + file.string() + "' is corrupt";
    CHECK_THROWS_WITH_AS(read_json_file(file, "settings", "; left alone"), doctest::Contains(corrupt.c_str()), Error);
    CHECK_THROWS_WITH_AS(read_json_file(file, "settings", "; left alone"), doctest::Contains("; left alone"), Error);
    CHECK_THROWS_WITH_AS(read_json_file(file.string() + ".missing", "settings"), doctest::Contains("cannot read"),
                         Error);
}
