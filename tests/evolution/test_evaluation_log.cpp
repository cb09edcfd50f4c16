// evaluations.jsonl after a crash: a torn last line is cut off, damage in
// the middle is refused with the file untouched, and scores whose learned
// values were not finite (written as null) read back.
#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "actforge/expr/parser.hpp"
#include "engine_helpers.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

using namespace actforge;
using namespace actforge::evolution;
using actforge::evolution::testing::scored;
namespace fs = std::filesystem;

namespace {

std::string contents(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

fs::path log_with_three_lines() {
    const fs::path file = fs::temp_directory_path() / "actforge_test_log.jsonl";
    fs::remove(file);
    EvaluationLog log(file);
    log.append(scored("tanh(x)", 0.8), 0, 0);
    log.append(scored("swish(x)", 0.7), 0, 0);
    log.append(scored("sin(x)", 0.6), 1, 0);
    return file;
}

} // namespace

TEST_CASE("a log reopens with every line, and a torn or bad last line is cut") {
    const fs::path file = log_with_three_lines();
    CHECK(EvaluationLog(file).logged().size() == 3);
    for (const char* tail : {"{\"formula\": \"tan", "not json at all\n"}) {
        const std::string good = contents(file);
        std::ofstream(file, std::ios::app) << tail;
        const EvaluationLog reopened(file);
        CHECK(reopened.logged().size() == 3);
        CHECK(contents(file) == good);
    }
}

TEST_CASE("a corrupt line with lines after it is refused and the file left as it is") {
    const fs::path file = log_with_three_lines();
    std::string text = contents(file);
    const std::size_t second = text.find('\n') + 1;
    text.replace(second, 10, "##########");
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    CHECK_THROWS_WITH_AS(EvaluationLog{file}, doctest::Contains("line 2 is corrupt"), Error);
    CHECK(contents(file) == text);
}

TEST_CASE("learned values that were not finite survive the log and the checkpoint as NaN") {
    Individual ind = scored("a*x where a=1", 0.5);
    ind.score.status = fitness::ScoreStatus::NonFinite;
    ind.score.learned_parameters = {{std::numeric_limits<float>::quiet_NaN()},
                                    {std::numeric_limits<float>::infinity()}};
    const Individual back = individual_from_json(nlohmann::json::parse(to_json(ind).dump()));
    REQUIRE(back.score.learned_parameters.size() == 2);
    CHECK(std::isnan(back.score.learned_parameters[0][0]));
    CHECK(std::isnan(back.score.learned_parameters[1][0]));

    const fs::path file = fs::temp_directory_path() / "actforge_test_nan_log.jsonl";
    fs::remove(file);
    {
        EvaluationLog log(file);
        log.append(ind, 0, 0);
        log.append(scored("tanh(x)", 0.8), 0, 0);
    }
    CHECK(EvaluationLog(file).logged().size() == 2);
}
