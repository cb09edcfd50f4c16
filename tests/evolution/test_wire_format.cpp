// Jobs, results and a worker's start-up reply survive the trip through
// bytes exactly: NaN and infinities included, every field the engine reads.
#include "actforge/core/error.hpp"
#include "actforge/evolution/backends/wire_format.hpp"

#include <cmath>
#include <cstring>
#include <doctest/doctest.h>
#include <limits>

using namespace actforge;
using namespace actforge::evolution;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kQuietNaN = std::numeric_limits<double>::quiet_NaN();

// Equal bit patterns: NaN == NaN here, and -0.0 != 0.0.
template <typename T> bool same_bits(T a, T b) { return std::memcmp(&a, &b, sizeof(T)) == 0; }

fitness::Score awkward_score() {
    fitness::Score s;
    s.status = fitness::ScoreStatus::NonFinite;
    s.accuracy = -0.0;
    s.loss = kInfinity;
    s.train_loss = kQuietNaN;
    s.seconds = 0.125;
    s.message = "f(x) is not finite at x = 3.5; \"quoted\"\nnext line";
    s.learned_parameters = {
        {1.5f, std::numeric_limits<float>::quiet_NaN()}, {}, {-std::numeric_limits<float>::infinity()}};
    s.n = 3;
    s.accuracy_std = 0.0123;
    s.task_accuracies = {0.5, kQuietNaN, -kInfinity};
    return s;
}

} // namespace

TEST_CASE("a job crosses unchanged, with and without an architecture") {
    JobMessage plain{7,
                     {"a*tanh(x) + b where a=1, b=0.5; relu(x)", std::nullopt, 0xfedcba9876543210ULL, 0.25,
                      fitness::ScoredSplit::Validation, false, 2}};
    JobMessage codesign{
        12345678901ULL,
        {"x", fitness::Architecture{{128, 32, 7}, 0.00178f}, 3, 1.0, fitness::ScoredSplit::Test, true, 0}};
    for (const JobMessage& sent : {plain, codesign}) {
        const JobMessage got = decode_job(encode(sent));
        CHECK(got.slot == sent.slot);
        CHECK(got.job.formulas == sent.job.formulas);
        CHECK(got.job.architecture == sent.job.architecture);
        CHECK(got.job.seed == sent.job.seed);
        CHECK(same_bits(got.job.budget, sent.job.budget));
        CHECK(got.job.split == sent.job.split);
        CHECK(got.job.full_training_split == sent.job.full_training_split);
        CHECK(got.job.task == sent.job.task);
    }
}

TEST_CASE("a score crosses bit for bit: NaN, infinities, -0, messages, learned values, n and per-task accuracies") {
    const fitness::Score sent = awkward_score();
    const ResultMessage got = decode_result(encode(ResultMessage{99, sent, {}}));
    CHECK(got.slot == 99);
    REQUIRE(got.score.has_value());
    const fitness::Score& s = *got.score;
    CHECK(s.status == sent.status);
    CHECK(same_bits(s.accuracy, sent.accuracy));
    CHECK(std::isinf(s.loss));
    CHECK(std::isnan(s.train_loss));
    CHECK(same_bits(s.train_loss, sent.train_loss));
    CHECK(same_bits(s.seconds, sent.seconds));
    CHECK(s.message == sent.message);
    REQUIRE(s.learned_parameters.size() == 3);
    CHECK(s.learned_parameters[0][0] == 1.5f);
    CHECK(std::isnan(s.learned_parameters[0][1]));
    CHECK(s.learned_parameters[1].empty());
    CHECK(std::isinf(s.learned_parameters[2][0]));
    CHECK(s.n == 3);
    CHECK(same_bits(s.accuracy_std, sent.accuracy_std));
    REQUIRE(s.task_accuracies.size() == 3);
    CHECK(std::isnan(s.task_accuracies[1]));
    CHECK(s.task_accuracies[2] == -kInfinity);
}

TEST_CASE("a failed job's error and a worker's reply cross unchanged") {
    const ResultMessage failed = decode_result(encode(ResultMessage{4, std::nullopt, "column 3: expected ')'"}));
    CHECK(failed.slot == 4);
    CHECK_FALSE(failed.score.has_value());
    CHECK(failed.error == "column 3: expected ')'");

    const WorkerHello sent{"actforge 0.1.0, build 0123456789abcdef", "node7", 8, {1, 0xffffffffffffffffULL}, {}};
    const WorkerHello got = decode_hello(encode(sent));
    CHECK(got.binary == sent.binary);
    CHECK(got.host == "node7");
    CHECK(got.threads == 8);
    CHECK(got.fingerprints == sent.fingerprints);
    CHECK(got.error.empty());
}

TEST_CASE("bytes cut short, run long or naming an unknown status are refused") {
    const Bytes job = encode(JobMessage{1, {"tanh(x)", std::nullopt, 1, 1.0}});
    for (std::size_t cut = 0; cut < job.size(); ++cut) {
        CAPTURE(cut);
        CHECK_THROWS_AS((void)decode_job(std::span(job).first(cut)), Error);
    }
    Bytes longer = job;
    longer.push_back(std::byte{0});
    CHECK_THROWS_AS((void)decode_job(longer), Error);

    Bytes result = encode(ResultMessage{0, awkward_score(), {}});
    result[9] = std::byte{200}; // the status byte, after the slot and the has-score flag
    CHECK_THROWS_WITH_AS((void)decode_result(result), doctest::Contains("unknown score status"), Error);
    // A length prefix larger than what follows is damage, not a huge allocation.
    Bytes huge = encode(WorkerHello{"b", "h", 1, {}, {}});
    huge[0] = std::byte{0xff};
    huge[7] = std::byte{0x7f};
    CHECK_THROWS_AS((void)decode_hello(huge), Error);
}
