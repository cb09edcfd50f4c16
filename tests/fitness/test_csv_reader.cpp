#include "actforge/fitness/csv_reader.hpp"
#include "fitness_test_util.hpp"

#include <doctest/doctest.h>

using namespace actforge::fitness;
using actforge::fitness::test::contains;
using actforge::fitness::test::error_of;
using actforge::fitness::test::TempDir;

TEST_CASE("CSV text labels become sorted class ids, the last column by default") {
    const Dataset d = parse_csv("length,width,species\n"
                                "5.1,3.5,setosa\n"
                                "6.3,3.3,virginica\n"
                                "5.7,2.8,versicolor\n"
                                "4.9,3.0,setosa\n",
                                "iris.csv");
    CHECK(d.name == "iris.csv");
    REQUIRE(d.size() == 4);
    REQUIRE(d.num_features() == 2);
    CHECK(d.feature_names == std::vector<std::string>{"length", "width"});
    CHECK(d.num_classes == 3);
    CHECK(d.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
    CHECK(d.labels == std::vector<std::int32_t>{0, 2, 1, 0});
    CHECK(d.features(1, 0) == 6.3f);
    CHECK(d.features(2, 1) == 2.8f);
    CHECK(d.targets.size() == 0);
}

TEST_CASE("CSV integer labels are ordered numerically; the label column is chosen by name") {
    CsvOptions options;
    options.label_column = "digit";
    const Dataset d = parse_csv("digit,a,b\n10,1,2\n2,3,4\n7,5,6\n2,7,8\n10,9,10\n", "digits.csv", options);
    CHECK(d.class_names == std::vector<std::string>{"2", "7", "10"});
    CHECK(d.labels == std::vector<std::int32_t>{2, 0, 1, 0, 2});
    CHECK(d.feature_names == std::vector<std::string>{"a", "b"});
    CHECK(d.features(0, 0) == 1.0f);
    CHECK(d.features(4, 1) == 10.0f);
}

TEST_CASE("CSV regression keeps the label as a float target") {
    CsvOptions options;
    options.regression = true;
    const Dataset d = parse_csv("x,y\n0.5,1.25\n-2,+3e-1\n", "curve.csv", options);
    CHECK_FALSE(d.is_classification());
    CHECK(d.num_classes == 0);
    REQUIRE(d.targets.rows() == 2);
    CHECK(d.targets(0, 0) == 1.25f);
    CHECK(d.targets(1, 0) == 0.3f);
    CHECK(d.features(1, 0) == -2.0f);
}

TEST_CASE("CSV quoting, CRLF line ends, spaces, BOM and blank lines") {
    const Dataset d = parse_csv("\xEF\xBB\xBF"
                                "\"first, feature\",second,\"the \"\"label\"\"\"\r\n"
                                "\"1.5\", 2 ,\"Smith, J.\"\r\n"
                                "\r\n"
                                "3,4,\"line\nbreak\"\r\n"
                                "5,6,Smith\r\n"
                                "\r\n\n",
                                "quoted.csv");
    CHECK(d.feature_names == std::vector<std::string>{"first, feature", "second"});
    REQUIRE(d.size() == 3);
    CHECK(d.features(0, 0) == 1.5f);
    CHECK(d.features(0, 1) == 2.0f);
    CHECK(d.class_names == std::vector<std::string>{"Smith", "Smith, J.", "line\nbreak"});
    CHECK(d.labels == std::vector<std::int32_t>{1, 2, 0});
}

TEST_CASE("CSV errors give file, line and column") {
    SUBCASE("a non-numeric feature cell") {
        const std::string msg = error_of([] { (void)parse_csv("x1,x2,y\n1,2,a\n3,oops,b\n", "data.csv"); });
        CHECK(contains(msg, "data.csv:3"));
        CHECK(contains(msg, "column 'x2'"));
        CHECK(contains(msg, "'oops'"));
    }
    SUBCASE("line numbers count line breaks inside quoted fields") {
        const std::string msg = error_of([] { (void)parse_csv("x,y\n1,\"a\nb\"\n\n?,c\n", "data.csv"); });
        CHECK(contains(msg, "data.csv:5"));
    }
    SUBCASE("an empty cell") {
        CHECK(contains(error_of([] { (void)parse_csv("x,y\n,a\n", "data.csv"); }), "missing values"));
    }
    SUBCASE("a row with the wrong number of fields") {
        const std::string msg = error_of([] { (void)parse_csv("x1,x2,y\n1,2,a\n3,b\n", "data.csv"); });
        CHECK(contains(msg, "data.csv:3"));
        CHECK(contains(msg, "expected 3 fields"));
    }
    SUBCASE("an unknown label column lists the columns") {
        CsvOptions options;
        options.label_column = "class";
        const std::string msg = error_of([&] { (void)parse_csv("x1,x2,y\n1,2,a\n", "data.csv", options); });
        CHECK(contains(msg, "no column named 'class'"));
        CHECK(contains(msg, "'x1', 'x2', 'y'"));
    }
    SUBCASE("fractional class labels point to the regression option") {
        const std::string msg = error_of([] { (void)parse_csv("x,y\n1,0\n2,0.5\n", "data.csv"); });
        CHECK(contains(msg, "data.csv:3"));
        CHECK(contains(msg, "regression"));
    }
    SUBCASE("a text regression target") {
        CsvOptions options;
        options.regression = true;
        const std::string msg = error_of([&] { (void)parse_csv("x,y\n1,0\n2,big\n", "data.csv", options); });
        CHECK(contains(msg, "data.csv:3"));
        CHECK(contains(msg, "column 'y'"));
    }
    SUBCASE("a missing header row") {
        CHECK(contains(error_of([] { (void)parse_csv("1,2,3\n4,5,6\n", "data.csv"); }), "header"));
    }
    SUBCASE("an unterminated quote") {
        const std::string msg = error_of([] { (void)parse_csv("x,y\n1,a\n2,\"b\n3,c\n", "data.csv"); });
        CHECK(contains(msg, "data.csv:3"));
        CHECK(contains(msg, "never closed"));
    }
    SUBCASE("duplicate column names") {
        CHECK(contains(error_of([] { (void)parse_csv("x,x,y\n1,2,a\n", "data.csv"); }), "both named 'x'"));
    }
    SUBCASE("no data rows") {
        CHECK(contains(error_of([] { (void)parse_csv("x,y\n\n", "data.csv"); }), "no data rows"));
    }
    SUBCASE("non-finite features") {
        CHECK(contains(error_of([] { (void)parse_csv("x,y\ninf,a\n", "data.csv"); }), "finite"));
    }
}

TEST_CASE("read_csv reads a file and names the dataset after it") {
    TempDir dir("csv");
    actforge::fitness::test::write_text(dir / "blobs.csv", "a,b,label\n0,1,0\n1,0,1\n");
    const Dataset d = read_csv(dir / "blobs.csv");
    CHECK(d.name == "blobs");
    CHECK(d.size() == 2);
    CHECK(d.labels == std::vector<std::int32_t>{0, 1});
    const std::string msg = error_of([&] { (void)read_csv(dir / "absent.csv"); });
    CHECK(contains(msg, "cannot open"));
    CHECK(contains(msg, (dir / "absent.csv").string()));
}
