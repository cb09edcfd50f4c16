// The hall of fame's two lists against brute force: the best unique
// full-budget candidates, and the Pareto front of accuracy against cost;
// both survive JSON, and the older plain-list file still loads.
#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/campaign_state.hpp"
#include "actforge/evolution/campaign/hall_of_fame.hpp"
#include "actforge/expr/parser.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <map>
#include <set>

using namespace actforge;
using namespace actforge::evolution;

namespace {

// Coarse accuracies and costs so that ties and equal points occur. A key
// stands for one genome: its full-budget score, cost and failure are fixed;
// low-budget scores of it vary.
struct Candidate {
    double accuracy;
    double cost;
    bool fails;
};

struct Stream {
    std::vector<Individual> offered;
    std::map<std::uint64_t, Candidate> truth;
};

Stream random_stream(std::uint64_t seed, int n) {
    Rng rng(seed);
    Stream s;
    for (std::uint64_t key = 1; key <= 150; ++key) {
        // Dearer networks tend to be more accurate, so the front has many steps.
        const std::uint64_t cost_level = rng.below(30);
        const std::uint64_t accuracy_level = rng.below(12) + cost_level / 3;
        s.truth[key] = {static_cast<double>(accuracy_level) / 22.0, 100.0 * static_cast<double>(1 + cost_level),
                        rng.bernoulli(0.15)};
    }
    for (int i = 0; i < n; ++i) {
        Individual c;
        c.key = 1 + rng.below(s.truth.size());
        const Candidate& t = s.truth[c.key];
        c.genome = single_function(expr::parse(t.fails ? "log(x)" : "relu(x)"));
        c.evaluated = !rng.bernoulli(0.05);
        c.budget = rng.bernoulli(0.3) ? std::pow(3.0, -1.0 - static_cast<double>(rng.below(2))) : 1.0;
        c.cost = t.cost;
        c.penalty = 1e-5 * t.cost;
        c.score.status = t.fails ? fitness::ScoreStatus::Diverged : fitness::ScoreStatus::Ok;
        c.score.accuracy = c.budget == 1.0 ? t.accuracy : rng.uniform(); // low-budget noise
        c.generation = static_cast<std::size_t>(i);
        s.offered.push_back(std::move(c));
    }
    return s;
}

bool eligible(const Individual& c) { return c.evaluated && c.score.ok() && c.budget == 1.0; }

// The first eligible offer of each key, in offer order.
std::vector<Individual> unique_eligible(const std::vector<Individual>& offered) {
    std::vector<Individual> out;
    std::set<std::uint64_t> seen;
    for (const Individual& c : offered) {
        if (eligible(c) && seen.insert(c.key).second) out.push_back(c);
    }
    return out;
}

// Non-dominated points (no other is at least as accurate and as cheap, and
// better on one); of candidates on the same point, the first offered.
std::set<std::uint64_t> brute_force_front(const std::vector<Individual>& unique) {
    std::set<std::uint64_t> keys;
    std::set<std::pair<double, double>> points;
    for (const Individual& c : unique) {
        const bool dominated = std::any_of(unique.begin(), unique.end(), [&](const Individual& o) {
            return o.score.accuracy >= c.score.accuracy && o.cost <= c.cost &&
                   (o.score.accuracy > c.score.accuracy || o.cost < c.cost);
        });
        if (!dominated && points.insert({c.score.accuracy, c.cost}).second) keys.insert(c.key);
    }
    return keys;
}

std::vector<std::uint64_t> entry_keys(const std::vector<Individual>& list) {
    std::vector<std::uint64_t> keys;
    for (const Individual& i : list) keys.push_back(i.key);
    return keys;
}

} // namespace

TEST_CASE("the front and the entries match brute force over random offers") {
    for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
        CAPTURE(seed);
        const Stream s = random_stream(seed, 600);
        HallOfFame hof(10);
        // Offered in batches of varied size, as generations are.
        Rng rng(seed + 100);
        for (std::size_t at = 0; at < s.offered.size();) {
            const std::size_t n = std::min<std::size_t>(1 + rng.below(40), s.offered.size() - at);
            hof.offer(std::span<const Individual>(s.offered).subspan(at, n));
            at += n;
        }
        const std::vector<Individual> unique = unique_eligible(s.offered);
        REQUIRE(unique.size() > 20);

        // The front: exactly the non-dominated eligible candidates ...
        const auto& front = hof.pareto_front();
        REQUIRE(front.size() >= 3); // several trade-offs among ~100 random points
        const std::vector<std::uint64_t> front_keys = entry_keys(front);
        CHECK(std::set<std::uint64_t>(front_keys.begin(), front_keys.end()) == brute_force_front(unique));
        CHECK(front_keys.size() == std::set<std::uint64_t>(front_keys.begin(), front_keys.end()).size());
        // ... cheapest first, each dearer one strictly more accurate.
        for (std::size_t i = 0; i + 1 < front.size(); ++i) {
            CHECK(front[i].cost < front[i + 1].cost);
            CHECK(front[i].score.accuracy < front[i + 1].score.accuracy);
        }

        // The entries: the `capacity` best unique eligible ones, in rank order.
        std::vector<Individual> best = unique;
        std::sort(best.begin(), best.end(), ranks_before);
        best.resize(std::min<std::size_t>(best.size(), hof.capacity()));
        CHECK(entry_keys(hof.entries()) == entry_keys(best));

        // Nothing failed, unevaluated or scored at a partial budget got in:
        // every kept score is the key's full-budget one.
        for (const auto* list : {&hof.entries(), &front}) {
            for (const Individual& e : *list) {
                CHECK(eligible(e));
                CHECK_FALSE(s.truth.at(e.key).fails);
                CHECK(e.score.accuracy == s.truth.at(e.key).accuracy);
            }
        }
    }
}

TEST_CASE("failed, unevaluated and partial-budget candidates never enter") {
    Stream s = random_stream(6, 300);
    std::vector<Individual> ineligible;
    for (const Individual& c : s.offered) {
        if (!eligible(c)) ineligible.push_back(c);
    }
    REQUIRE(ineligible.size() > 50);
    // Make them look like the best and cheapest candidates ever seen.
    for (Individual& c : ineligible) {
        c.score.accuracy = 1.0;
        c.cost = 1.0;
    }
    HallOfFame hof(5);
    hof.offer(ineligible);
    CHECK(hof.entries().empty());
    CHECK(hof.pareto_front().empty());
}

TEST_CASE("the hall of fame round-trips through JSON, and the plain list still loads") {
    const Stream s = random_stream(7, 400);
    HallOfFame hof(8);
    hof.offer(s.offered);
    REQUIRE(hof.pareto_front().size() >= 2);
    const nlohmann::json j = hof.to_json();
    REQUIRE(j.is_object());
    REQUIRE(j.at("entries").size() == hof.entries().size());
    REQUIRE(j.at("pareto_front").size() == hof.pareto_front().size());
    CHECK(j.at("entries").at(0).at("rank") == 1); // ranks count from 1

    const HallOfFame back = HallOfFame::from_json(nlohmann::json::parse(j.dump()), 8);
    CHECK(entry_keys(back.entries()) == entry_keys(hof.entries()));
    CHECK(entry_keys(back.pareto_front()) == entry_keys(hof.pareto_front()));
    for (std::size_t i = 0; i < back.pareto_front().size(); ++i) {
        CHECK(back.pareto_front()[i].cost == hof.pareto_front()[i].cost);
        CHECK(back.pareto_front()[i].score.accuracy == hof.pareto_front()[i].score.accuracy);
    }

    // Before the front existed the file was the entry list alone.
    const HallOfFame old = HallOfFame::from_json(j.at("entries"), 8);
    CHECK(entry_keys(old.entries()) == entry_keys(hof.entries()));
    CHECK(old.capacity() == 8);
}

// Found by fuzz_hall_of_fame: a hall of fame object without "entries" let
// nlohmann's out_of_range escape instead of a message about the file; a
// checkpoint whose "format" is not a string did the same.
TEST_CASE("a malformed hall of fame or checkpoint is an actforge::Error") {
    for (const char* text : {R"({"pareto_front": []})", R"({"entries": 3, "pareto_front": []})", R"({})", "7"}) {
        CAPTURE(text);
        CHECK_THROWS_AS((void)HallOfFame::from_json(nlohmann::json::parse(text), 20), actforge::Error);
    }
    CHECK_THROWS_AS((void)campaign_state_from_json(nlohmann::json::parse(R"({"format": 2})"), 20), actforge::Error);
}
