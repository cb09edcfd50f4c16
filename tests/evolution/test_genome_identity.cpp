// What makes two candidates the same: genome keys, formulas that read back
// exactly, candidate records that survive JSON, and the ranking.
#include "actforge/core/error.hpp"
#include "actforge/evolution/genome/individual.hpp"
#include "actforge/evolution/operators/genome_variation.hpp"
#include "genome_test_util.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::evolution;

namespace {

Genome layers(std::initializer_list<const char*> formulas, std::optional<fitness::Architecture> a = {}) {
    Genome g;
    for (const char* f : formulas) g.activations.push_back(expr::parse(f));
    g.architecture = std::move(a);
    return g;
}

} // namespace

TEST_CASE("a plain one-function genome keeps the key of its function") {
    // Plain campaigns keep the keys their logs and caches already hold.
    for (const char* f : {"relu(x)", "x*sigmoid(x)", "a*tanh(x) + b where a=1, b=0", "max(x, 0.1*x)"}) {
        const expr::Tree t = expr::parse(f);
        CHECK(genome_key(single_function(t)) == candidate_key(t));
    }
    // Value-equal parameter-free forms are one function ...
    CHECK(candidate_key(expr::parse("x + x")) == candidate_key(expr::parse("2*x")));
    // ... but a parameter's initial value matters.
    CHECK(candidate_key(expr::parse("a*x where a=1")) != candidate_key(expr::parse("a*x where a=2")));
}

TEST_CASE("layer order, layer count and every architecture gene change the genome key") {
    const fitness::Architecture arch{{32, 16}, learning_rate_on_grid(1e-3f)};
    const Genome base = layers({"relu(x)", "tanh(x)"}, arch);
    const std::uint64_t k = genome_key(base);
    CHECK(genome_key(layers({"tanh(x)", "relu(x)"}, arch)) != k); // layer i gets function i
    CHECK(genome_key(layers({"relu(x)", "relu(x)"}, arch)) != k);
    CHECK(genome_key(layers({"relu(x)"}, arch)) != k);
    CHECK(genome_key(layers({"relu(x)", "tanh(x)"})) != k); // the task's architecture

    Genome wider = base;
    wider.architecture->hidden[1] = 32;
    Genome deeper = base;
    deeper.architecture->hidden.push_back(16);
    Genome faster = base;
    faster.architecture->learning_rate = learning_rate_on_grid(1.4e-3f); // the next grid point
    Genome swapped = base;
    swapped.architecture->hidden = {16, 32};
    for (const Genome* g : {&wider, &deeper, &faster, &swapped}) CHECK(genome_key(*g) != k);

    // An architecture on a one-function genome makes it a different candidate.
    const Genome plain = single_function(expr::parse("relu(x)"));
    Genome designed = plain;
    designed.architecture = arch;
    CHECK(genome_key(designed) != genome_key(plain));
    // Equal genomes share their key, whatever the form of value-equal functions.
    CHECK(genome_key(layers({"x + x", "tanh(x)"}, arch)) == genome_key(layers({"2*x", "tanh(x)"}, arch)));
}

TEST_CASE("formulas read back to the same trees") {
    CHECK(formulas(layers({"relu(x)", "tanh(x)"})) == "relu(x); tanh(x)");
    for (const test::GenomeCase& c : test::genome_cases()) {
        CAPTURE(c.name);
        const GenomeVariation v(c.config);
        Rng rng(9);
        for (int i = 0; i < 300; ++i) {
            Genome g = v.random(rng);
            (void)v.mutate(rng, g); // constants and parameter values from mutation too
            const std::string text = formulas(g);
            CAPTURE(text);
            REQUIRE(parse_genome_formulas(text) == g.activations);
        }
    }
}

TEST_CASE("a candidate record round-trips through JSON text") {
    Individual ind;
    ind.genome = layers({"a*tanh(x) + b where a=1.25, b=-0.5", "relu(x)", "x*sigmoid(x)"},
                        fitness::Architecture{{64, 16}, learning_rate_on_grid(3e-3f)});
    ind.key = genome_key(ind.genome);
    ind.evaluated = true;
    ind.score.status = fitness::ScoreStatus::Ok;
    ind.score.accuracy = 0.8125;
    ind.score.loss = 0.4375;
    ind.score.train_loss = 0.375;
    ind.score.seconds = 1.5;
    ind.score.learned_parameters = {{1.5f, -0.25f}, {}, {}};
    ind.budget = 1.0 / 3.0;
    ind.cost = 12345.0;
    ind.penalty = 0.0625;
    ind.generation = 7;
    ind.parents = {"relu(x)", "tanh(x); relu(x)"};

    const Individual back = individual_from_json(nlohmann::json::parse(to_json(ind).dump()));
    CHECK(back.genome == ind.genome);
    CHECK(back.key == ind.key);
    CHECK(back.budget == ind.budget);
    CHECK(back.cost == ind.cost);
    CHECK(back.penalty == ind.penalty);
    CHECK(back.generation == ind.generation);
    CHECK(back.parents == ind.parents);
    CHECK(back.evaluated);
    CHECK(back.score.status == ind.score.status);
    CHECK(back.score.accuracy == ind.score.accuracy);
    CHECK(back.score.loss == ind.score.loss);
    CHECK(back.score.train_loss == ind.score.train_loss);
    CHECK(back.score.seconds == ind.score.seconds);
    CHECK(back.score.learned_parameters == ind.score.learned_parameters);
    CHECK(back.fitness() == ind.fitness());

    // A failed score's infinite loss and NaN training loss survive too.
    Individual failed = ind;
    failed.score = fitness::Score{};
    failed.score.status = fitness::ScoreStatus::NonFinite;
    failed.score.message = "NaN in the loss";
    const Individual f = individual_from_json(nlohmann::json::parse(to_json(failed).dump()));
    CHECK(f.score.status == fitness::ScoreStatus::NonFinite);
    CHECK(f.score.message == failed.score.message);
    CHECK(std::isinf(f.score.loss));
    CHECK(std::isnan(f.score.train_loss));

    // Records written before co-design: no architecture, budget, cost or penalty.
    nlohmann::json old = to_json(ind);
    for (const char* field : {"architecture", "budget", "cost", "penalty"}) old.erase(field);
    const Individual o = individual_from_json(old);
    CHECK_FALSE(o.genome.architecture);
    CHECK(o.budget == 1.0);
    CHECK(o.cost == 0.0);
    CHECK(o.penalty == 0.0);
    CHECK_THROWS_AS((void)individual_from_json(nlohmann::json{{"formula", "relu(x)"}}), Error);
}

TEST_CASE("ranking: successful first, then larger budget, then fitness, then key") {
    auto make = [](double budget, double accuracy, double penalty, std::uint64_t key, bool ok = true) {
        Individual i;
        i.budget = budget;
        i.score.status = ok ? fitness::ScoreStatus::Ok : fitness::ScoreStatus::Diverged;
        i.score.accuracy = accuracy;
        i.penalty = penalty;
        i.key = key;
        return i;
    };
    // A full-budget score beats a better-looking low-budget one.
    CHECK(ranks_before(make(1.0, 0.5, 0, 1), make(1.0 / 3, 0.9, 0, 2)));
    CHECK_FALSE(ranks_before(make(1.0 / 3, 0.9, 0, 2), make(1.0, 0.5, 0, 1)));
    // Fitness is accuracy less the cost term.
    CHECK(ranks_before(make(1.0, 0.8, 0.0, 5), make(1.0, 0.9, 0.2, 4)));
    // A failed candidate ranks below every successful one, whatever the
    // budgets: a failure measured on more data is no better for it.
    CHECK(ranks_before(make(1.0, 0.1, 0.5, 9), make(1.0, 0.99, 0, 1, false)));
    CHECK(ranks_before(make(1.0 / 9, 0.1, 0, 9), make(1.0, 0.99, 0, 1, false)));
    CHECK_FALSE(ranks_before(make(1.0, 0.99, 0, 1, false), make(1.0 / 9, 0.1, 0, 9)));
    // Equal fitness: the smaller key first; never before itself.
    CHECK(ranks_before(make(1.0, 0.7, 0, 3), make(1.0, 0.7, 0, 8)));
    CHECK_FALSE(ranks_before(make(1.0, 0.7, 0, 3), make(1.0, 0.7, 0, 3)));

    // Sorting any mix yields that order pair by pair.
    Rng rng(10);
    std::vector<Individual> all;
    for (int i = 0; i < 400; ++i) {
        all.push_back(make(std::pow(3.0, -static_cast<double>(rng.below(3))), 0.25 * static_cast<double>(rng.below(5)),
                           0.125 * static_cast<double>(rng.below(3)), rng.below(50), rng.bernoulli(0.8)));
    }
    std::sort(all.begin(), all.end(), ranks_before);
    for (std::size_t i = 0; i + 1 < all.size(); ++i) {
        const Individual& a = all[i];
        const Individual& b = all[i + 1];
        if (a.score.ok() != b.score.ok()) {
            REQUIRE(a.score.ok());
            continue;
        }
        REQUIRE(a.budget >= b.budget);
        if (a.budget == b.budget) REQUIRE(a.fitness() >= b.fitness());
        if (a.budget == b.budget && a.fitness() == b.fitness()) REQUIRE(a.key <= b.key);
    }
}
