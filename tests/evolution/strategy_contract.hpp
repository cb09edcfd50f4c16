#pragma once
// What every search strategy promises the campaign engine
// (strategies/strategy.hpp), checked for each strategy a config can name:
// valid genomes, the same asks for the same seed, the same asks after
// save() and restore(), and no trouble from failed scores. A new strategy
// joins every contract test with one line in every_strategy().
#include "actforge/evolution/strategies/strategy.hpp"
#include "genome_test_util.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace actforge::test {

inline std::vector<evolution::StrategyKind> every_strategy() {
    using evolution::StrategyKind;
    return {StrategyKind::GeneticAlgorithm, StrategyKind::RegularizedEvolution, StrategyKind::RandomSearch,
            StrategyKind::RlController};
}

// A strategy and the config it keeps a reference to, together.
struct StrategyUnderTest {
    std::unique_ptr<evolution::CampaignConfig> config;
    std::unique_ptr<evolution::Strategy> strategy;
};

inline StrategyUnderTest make_under_test(const evolution::CampaignConfig& config) {
    StrategyUnderTest s{std::make_unique<evolution::CampaignConfig>(config), nullptr};
    s.strategy = evolution::make_strategy(*s.config);
    return s;
}

// Scores as the engine would give them, made up from each candidate's key:
// about one in five fails as the evaluator reports it (accuracy 0, NaN
// losses). A candidate that kept its score (an elite) keeps it.
inline void fake_scores(std::vector<evolution::Individual>& asked) {
    for (evolution::Individual& ind : asked) {
        if (ind.evaluated) continue;
        ind.evaluated = true;
        if (ind.key % 5 == 0) {
            ind.score.status = fitness::ScoreStatus::NonFinite;
            ind.score.accuracy = 0.0;
            ind.score.loss = std::numeric_limits<double>::quiet_NaN();
            ind.score.train_loss = std::numeric_limits<double>::quiet_NaN();
        } else {
            ind.score.status = fitness::ScoreStatus::Ok;
            ind.score.accuracy = 0.3 + static_cast<double>(ind.key % 1000) / 2000.0;
            ind.score.loss = 1.0 - ind.score.accuracy;
        }
    }
}

// Every candidate failed, with NaN for every number (worse than the
// evaluator, which reports accuracy 0; a candidate record cannot hold a
// NaN accuracy, so this is for ask and tell only, not for save).
inline void failed_scores(std::vector<evolution::Individual>& asked) {
    for (evolution::Individual& ind : asked) {
        ind.evaluated = true;
        ind.score.status = fitness::ScoreStatus::NonFinite;
        ind.score.accuracy = std::numeric_limits<double>::quiet_NaN();
        ind.score.loss = std::numeric_limits<double>::quiet_NaN();
        ind.score.train_loss = std::numeric_limits<double>::quiet_NaN();
    }
}

using Scorer = std::function<void(std::vector<evolution::Individual>&)>;

// The keys each generation from `from` to `to` (exclusive) asked for, each
// generation scored by `scorer` and told.
inline std::vector<std::vector<std::uint64_t>> drive(evolution::Strategy& s, std::size_t from, std::size_t to,
                                                     const Scorer& scorer = fake_scores) {
    std::vector<std::vector<std::uint64_t>> keys;
    for (std::size_t g = from; g < to; ++g) {
        std::vector<evolution::Individual> asked = s.ask(g);
        std::vector<std::uint64_t>& generation = keys.emplace_back();
        for (const auto& ind : asked) generation.push_back(ind.key);
        scorer(asked);
        s.tell(g, std::move(asked));
    }
    return keys;
}

inline std::vector<std::uint64_t> keys_of(const std::vector<evolution::Individual>& members) {
    std::vector<std::uint64_t> keys;
    for (const auto& ind : members) keys.push_back(ind.key);
    return keys;
}

} // namespace actforge::test
