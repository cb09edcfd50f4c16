// Finding a planted answer among ranked candidates: judged in value, with
// each candidate's learned parameter values.
#include "actforge/evolution/campaign/planted_answer.hpp"
#include "actforge/expr/parser.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::evolution;

namespace {
Individual candidate(std::vector<std::string> formulas, std::vector<std::vector<float>> learned = {}) {
    Individual ind;
    for (const std::string& f : formulas) ind.genome.activations.push_back(expr::parse(f));
    ind.score.status = fitness::ScoreStatus::Ok;
    ind.score.learned_parameters = std::move(learned);
    return ind;
}
} // namespace

TEST_CASE("the planted function's rank among candidates uses their learned values") {
    const expr::Tree planted = expr::parse("x*sigmoid(x)");
    const std::vector<Individual> ranked{
        candidate({"relu(x)"}),
        // Initially x*sigmoid(0.5x), trained to 2*x*sigmoid(x): a scaled swish.
        candidate({"a*x*sigmoid(b*x) where a=1, b=0.5"}, {{2.0f, 1.0f}}),
        candidate({"x/(1+exp(-x))"}),
    };
    CHECK_FALSE(recovers_planted(ranked[0], planted));
    CHECK(recovers_planted(ranked[1], planted));
    REQUIRE(planted_rank(ranked, planted).has_value());
    CHECK(*planted_rank(ranked, planted) == 1);
    // Its initial values are not the planted function.
    CHECK(*planted_rank(std::span(ranked).subspan(1), planted, {.match = expr::ValueMatch::Exact}) == 1);
    CHECK_FALSE(planted_rank(std::span(ranked).first(1), planted).has_value());
}

TEST_CASE("a candidate with one function per layer recovers the planted one only in every layer") {
    const expr::Tree planted = expr::parse("tanh(x)");
    CHECK(recovers_planted(candidate({"tanh(x)", "2*tanh(x)"}), planted));
    CHECK_FALSE(recovers_planted(candidate({"tanh(x)", "relu(x)"}), planted));
    // A shared form learns its own values in each layer.
    CHECK_FALSE(recovers_planted(candidate({"tanh(b*x) where b=1"}, {{1.0f}, {3.0f}}), planted));
    CHECK(recovers_planted(candidate({"tanh(b*x) where b=1"}, {{1.0f}, {1.001f}}), planted));
}
