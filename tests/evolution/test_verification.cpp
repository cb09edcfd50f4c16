// Replay's comparison: which baselines each candidate is set against, and
// the Welch table built from the runs.
#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/verification.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/fitness/task.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::evolution;

namespace {

Individual candidate(const char* formula, std::optional<fitness::Architecture> architecture) {
    Individual ind;
    ind.genome = Genome{{expr::parse(formula)}, std::move(architecture)};
    return ind;
}

std::vector<std::string> labels(const std::vector<VerificationEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.label);
    return out;
}

const VerificationEntry& by_label(const std::vector<VerificationEntry>& entries, const std::string& label) {
    for (const auto& e : entries) {
        if (e.label == label) return e;
    }
    FAIL("no entry " << label);
    return entries.front();
}

} // namespace

TEST_CASE("baselines run once per candidate architecture, and each candidate meets ReLU on its own network") {
    fitness::TaskSpec spec = fitness::task_preset("spirals");
    spec.hidden = {8};
    const fitness::Architecture task_arch = fitness::default_architecture(spec);
    const fitness::Architecture wide{{32, 32}, 1e-3f};
    const std::vector<Individual> hof{candidate("tanh(x)", wide), candidate("swish(x)", wide),
                                      candidate("x", task_arch), candidate("relu(x)", std::nullopt),
                                      candidate("sin(x)", std::nullopt)};
    const auto entries = plan_verification(hof, 4, {"swish", "relu", "gelu"}, spec);
    CHECK(labels(entries) ==
          std::vector<std::string>{"#1", "#2", "#3", "#4", "relu@#1", "swish@#1", "relu", "swish", "gelu"});
    CHECK(by_label(entries, "#1").same_architecture_relu == "relu@#1");
    CHECK(by_label(entries, "#2").same_architecture_relu == "relu@#1");
    CHECK(by_label(entries, "#3").same_architecture_relu == "relu");
    CHECK(by_label(entries, "#4").same_architecture_relu.empty());
    CHECK(by_label(entries, "relu@#1").genome.architecture == wide);
    CHECK_FALSE(by_label(entries, "gelu").genome.architecture);

    CHECK_THROWS_WITH_AS((void)plan_verification(hof, 2, {"nope"}, spec), doctest::Contains("--baselines"), Error);
    Individual three_layers = candidate("tanh(x)", std::nullopt);
    three_layers.genome.activations.assign(3, expr::parse("tanh(x)"));
    CHECK_THROWS_WITH_AS((void)plan_verification(std::vector<Individual>{three_layers}, 1, {}, spec),
                         doctest::Contains("3 functions"), Error);
}

TEST_CASE("the verification table tests each entry against ReLU and ReLU on its own architecture") {
    fitness::TaskSpec spec = fitness::task_preset("spirals");
    spec.hidden = {8};
    const fitness::Architecture wide{{32}, 1e-3f};
    auto entries = plan_verification(std::vector<Individual>{candidate("tanh(x)", wide)}, 1, {}, spec);
    REQUIRE(labels(entries) == std::vector<std::string>{"#1", "relu@#1", "swish@#1", "relu"});
    entries[0].accuracies = {0.90, 0.91, 0.92};
    entries[1].accuracies = {0.80, 0.81, 0.79};
    entries[2].accuracies = {0.85, 0.86, 0.84};
    entries[3].accuracies = {0.90, 0.92, 0.91};
    const auto rows = verification_rows(entries, spec);
    REQUIRE(rows.size() == 4);
    REQUIRE(rows[0].vs_relu);
    REQUIRE(rows[0].vs_same_architecture);
    CHECK(rows[0].vs_relu->p_two_sided > 0.5);               // equal means on the task's network
    CHECK(rows[0].vs_same_architecture->p_two_sided < 0.01); // far better than ReLU on the same network
    CHECK(rows[0].architecture == wide);
    CHECK_FALSE(rows[3].vs_relu); // ReLU is not tested against itself
    CHECK(rows[0].summary.mean == doctest::Approx(0.91));
    const nlohmann::json j = verification_json(rows, 3);
    CHECK(j[0].at("label") == "#1");
    CHECK(j[0].contains("p_vs_relu_same_architecture"));
    CHECK_FALSE(j[3].contains("p_vs_relu"));
    CHECK(verification_csv(rows, 3, "spirals").find("\"spirals\",#1,\"32, lr 0.001\",\"tanh(x)\",3,3,0.910000") !=
          std::string::npos);
    // The best baseline on the candidate's own network is Swish there.
    CHECK(rows[0].best_baseline == "swish@#1");
    REQUIRE(rows[0].vs_best);
    CHECK(rows[0].vs_best->t > 0);
    CHECK(j[0].at("best_baseline") == "swish@#1");
}
