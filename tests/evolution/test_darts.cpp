// The differentiable search: one function reproduces the plain trainer on
// the weight rows exactly, the alpha trajectory depends on the seed alone,
// the discretised candidates, and its campaign folder.
#include "actforge/evolution/campaign/engine.hpp"
#include "actforge/evolution/darts/darts_outcome.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "actforge/fitness/task_network.hpp"
#include "actforge/nn/trainer.hpp"
#include "engine_helpers.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <numeric>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

namespace {

fitness::TaskSpec small_task() {
    fitness::TaskSpec spec = fitness::task_preset("spirals");
    spec.train_size = 400;
    spec.val_size = 200;
    spec.hidden = {12, 12};
    spec.training.epochs = 4;
    return spec;
}

DartsSettings small_settings() {
    DartsSettings s;
    s.functions = {"tanh(x)", "relu(x)", "x*sigmoid(b*x) where b=1", "sin(x)"};
    s.warm_epochs = 1;
    s.arch_lr = 0.05; // a few hundred steps must visibly move alpha
    s.seed = 9;
    return s;
}

} // namespace

TEST_CASE("a supernet of one function trains exactly as the plain trainer does on the weight rows") {
    const auto task = fitness::Task::load(small_task());
    DartsSettings s = small_settings();
    s.functions = {"x*sigmoid(b*x) where b=1"};
    s.standardize = false; // standardized, the one function would be s * (f - m)
    const DartsResult r = run_darts(*task, s);
    REQUIRE(r.training.status == nn::TrainStatus::Ok);
    for (const AlphaSnapshot& snap : r.history) CHECK(snap.weights == std::vector<double>{1.0});

    const nn::ActivationSpec plain = nn::make_activation(expr::parse(s.functions.front()));
    const fitness::Architecture arch = fitness::default_architecture(task->spec());
    Rng init = Rng(s.seed).child(0);
    nn::Network net = fitness::build_network(*task, arch.hidden, std::span(&plain, 1), init);
    const nn::TrainConfig config = fitness::training_config(task->spec(), arch, Rng(s.seed).child(1)());
    const fitness::Dataset& data = task->train().dataset();
    const nn::TrainResult trained = nn::train(net, data.features, data.labels, darts_rows(*task, s).weights, config);
    CHECK(trained.final_train_loss == r.training.final_train_loss);
    CHECK(net.activation_layers()[1]->parameter_means() == r.learned[1][0]);
    const auto& val = task->validation();
    CHECK(nn::evaluate(net, val.dataset().features, val.dataset().labels, val.rows(), 256).accuracy ==
          r.supernet_accuracy);
}

TEST_CASE("the default mixture leaves out the functions affine in x and standardizes the rest over N(0, 2)") {
    std::vector<std::string> refused;
    const std::vector<MixtureComponent> mixture = mixture_components(DartsSettings{}, refused);
    const auto left_out = [&](const std::string& f) {
        return std::any_of(refused.begin(), refused.end(),
                           [&](const std::string& r) { return r.rfind(f + ":", 0) == 0; });
    };
    CHECK(left_out("x"));
    CHECK(left_out("-x"));
    CHECK(std::count_if(refused.begin(), refused.end(),
                        [](const std::string& r) { return r.find("affine in x") != std::string::npos; }) == 4);
    REQUIRE(mixture.size() >= 15);
    Rng rng(3);
    std::vector<double> xs(100000);
    // He initialisation, the default: pre-activations of variance 2.
    for (double& x : xs) x = std::sqrt(2.0) * rng.normal();
    const double c = DartsSettings{}.clamp;
    for (const MixtureComponent& m : mixture) {
        CAPTURE(m.formula);
        CHECK(!left_out(m.formula));
        double sum = 0.0;
        double square_sum = 0.0;
        for (double x : xs) {
            const double v = m.scale * (std::clamp(expr::reference_value(m.tree, x), -c, c) - m.offset);
            sum += v;
            square_sum += v * v;
        }
        const double mean = sum / static_cast<double>(xs.size());
        CHECK(std::abs(mean) < 0.02);
        CHECK(square_sum / static_cast<double>(xs.size()) - mean * mean == doctest::Approx(1.0).epsilon(0.03));
    }
    // LeCun initialisation: pre-activations of variance 1, where tanh spreads less.
    const auto tanh_scale = [&](nn::Init init) {
        for (const MixtureComponent& m : mixture_components(DartsSettings{}, refused, init)) {
            if (m.formula == "tanh(x)") return m.scale;
        }
        return 0.0;
    };
    CHECK(tanh_scale(nn::Init::LeCun) > 1.05 * tanh_scale(nn::Init::He));
    DartsSettings raw;
    raw.standardize = false;
    for (const MixtureComponent& m : mixture_components(raw, refused)) {
        CHECK(m.offset == 0.0);
        CHECK(m.scale == 1.0);
    }
    // A list given by the user is taken as it is, linear functions included.
    raw.functions = {"x", "tanh(x)"};
    CHECK(mixture_components(raw, refused).size() == 2);
}

TEST_CASE("the alpha trajectory depends on the seed alone, moves after the warm start, and is recorded per epoch") {
    const auto task = fitness::Task::load(small_task());
    const DartsResult a = run_darts(*task, small_settings());
    const DartsResult b = run_darts(*task, small_settings());
    REQUIRE(a.training.status == nn::TrainStatus::Ok);
    REQUIRE(a.history.size() == 5); // epochs 0..4, one mixture
    for (std::size_t i = 0; i < a.history.size(); ++i) CHECK(a.history[i].alpha == b.history[i].alpha);
    CHECK(a.history[1].alpha == a.history[0].alpha); // warm start: weights alone
    CHECK(a.history[4].alpha != a.history[1].alpha);
    CHECK(a.history[4].temperature == doctest::Approx(0.1));
    DartsSettings other = small_settings();
    other.seed = 10;
    CHECK(run_darts(*task, other).history.back().alpha != a.history.back().alpha);

    DartsSettings per_layer = small_settings();
    per_layer.per_layer = true;
    const DartsResult p = run_darts(*task, per_layer);
    CHECK(p.weights.size() == 2);
    CHECK(p.history.size() == 10);
}

TEST_CASE("holding the mixture's input spread: deterministic, and a different alpha trajectory") {
    const auto task = fitness::Task::load(small_task());
    DartsSettings held = small_settings();
    held.hold_input_spread = true;
    const DartsResult a = run_darts(*task, held);
    const DartsResult b = run_darts(*task, held);
    REQUIRE(a.training.status == nn::TrainStatus::Ok);
    for (std::size_t i = 0; i < a.history.size(); ++i) CHECK(a.history[i].alpha == b.history[i].alpha);
    CHECK(a.history.back().alpha != run_darts(*task, small_settings()).history.back().alpha);
    CHECK(to_json(held).at("hold_input_spread") == true);
}

TEST_CASE("the discretised candidates: the argmax first, then the runners-up, with learned parameters") {
    DartsResult r;
    for (const char* f : {"tanh(x)", "x*sigmoid(b*x) where b=1", "relu(x)"}) r.components.push_back({f, expr::parse(f)});
    r.layers = 2;
    r.slot_sizes = {3};
    r.weights = {{0.2, 0.5, 0.3}};
    r.learned = {{{}, {1.5f}, {}}, {{}, {2.5f}, {}}};
    const std::vector<DartsCandidate> shared = darts_candidates(r, 2);
    REQUIRE(shared.size() == 2);
    CHECK(shared[0].origin == "argmax");
    CHECK(expr::parse(shared[0].formulas).parameters.at(0).value == 2.0f); // mean over the two layers
    CHECK(shared[1].formulas == "relu(x)");

    r.weights = {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
    const std::vector<DartsCandidate> layered = darts_candidates(r, 2);
    REQUIRE(layered.size() == 3);
    const std::vector<expr::Tree> argmax = parse_genome_formulas(layered[0].formulas);
    REQUIRE(argmax.size() == 2);
    CHECK(argmax[0].parameters.at(0).value == 1.5f);
    CHECK(parse_genome_formulas(layered[2].formulas)[0].parameters.at(0).value == 1.5f); // layer 1 kept
    CHECK(layered[2].origin == "layer 2 rank 2");
    CHECK(discretisation_distance(r, 10.0f) > 0.0);

    // Standardized, a candidate is the function as the mixture held it: s * (f - m).
    r.components[1].offset = 0.25;
    r.components[1].scale = 2.0;
    const std::string genome = darts_candidates(r, 1)[0].formulas;
    const expr::Tree held = expr::parse(genome.substr(0, genome.find(';'))); // layer 1's function
    CHECK(held.parameters.at(0).name == "b");
    for (const double x : {-2.0, 0.5, 3.0}) {
        CHECK(expr::reference_value(held, x) ==
              doctest::Approx(2.0 * (x / (1.0 + std::exp(-1.5 * x)) - 0.25)).epsilon(1e-6));
    }
}

TEST_CASE("a differentiable search's candidates make an ordinary campaign folder") {
    const fs::path dir = fresh_dir("darts_folder");
    const auto task = fitness::Task::load(small_task());
    DartsSettings s = small_settings();
    s.per_layer = true;
    const DartsResult r = run_darts(*task, s);
    const std::vector<DartsCandidate> candidates = darts_candidates(r, 2);
    CampaignConfig c;
    c.task = small_task();
    c.strategy = StrategyKind::Darts;
    c.per_layer = true;
    for (const auto& cand : candidates) c.seed_formulas.push_back(cand.formulas);
    c.population = candidates.size();
    c.elites = 0;
    c.generations = 1;
    CampaignFolder folder = CampaignFolder::open(dir, c);
    const CampaignResult result = run_campaign(folder, EngineOptions{});
    CHECK(result.state.evaluations == candidates.size());
    const auto& entries = result.state.hall_of_fame.entries();
    REQUIRE(!entries.empty());
    const bool argmax_there = std::any_of(entries.begin(), entries.end(), [&](const Individual& ind) {
        return formulas(ind.genome) == candidates.front().formulas;
    });
    CHECK(argmax_there);
    CHECK(entries.front().genome.activations.size() == 2);
    CHECK(alphas_csv(r).find("epoch,layer,slot,primitive,temperature,alpha,weight\n") == 0);
    CHECK(alphas_svg(r).find("<path") != std::string::npos);
}

TEST_CASE("progressive shrinking drops the weakest function every E search epochs, down to top") {
    const auto task = fitness::Task::load(small_task());
    DartsSettings s = small_settings(); // 4 functions, 4 epochs, 1 of them warm
    s.shrink_every = 1;
    s.top = 2;
    const DartsResult r = run_darts(*task, s);
    REQUIRE(r.training.status == nn::TrainStatus::Ok);
    REQUIRE(r.dropped.size() == 1);
    // Search epochs end at epochs 2, 3 (and 4, the end, where nothing is
    // dropped): two drops leave top = 2.
    REQUIRE(r.dropped[0].size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const AlphaSnapshot& before = r.history[2 + i]; // recorded just before the drop
        const std::size_t k = r.dropped[0][i];
        CHECK(before.weights[k] > 0.0);
        for (std::size_t j = 0; j < before.weights.size(); ++j) {
            if (before.weights[j] > 0.0) CHECK(before.weights[k] <= before.weights[j]);
        }
        CHECK(r.history[3 + i].weights[k] == 0.0); // gone from the next record on
        CHECK(r.history.back().alpha[k] == r.history[2 + i].alpha[k]); // and its alpha frozen where it was dropped
    }
    CHECK(std::count_if(r.weights[0].begin(), r.weights[0].end(), [](double w) { return w > 0.0; }) == 2);
    double sum = 0.0;
    for (double w : r.weights[0]) sum += w;
    CHECK(sum == doctest::Approx(1.0));
    // The candidates are the survivors, the argmax first.
    const std::vector<DartsCandidate> candidates = darts_candidates(r, s.top);
    CHECK(candidates.size() == 2);
    const DartsResult again = run_darts(*task, s);
    CHECK(again.dropped == r.dropped);
    CHECK(again.weights == r.weights);
}

namespace {

// A core unit over x, tanh and a swish with its beta, and two binary functions.
DartsResult core_unit_result() {
    DartsResult r;
    r.cell = DartsCell::CoreUnit;
    r.components = {{"x", expr::parse("x"), 0.0, 1.0},
                    {"tanh(x)", expr::parse("tanh(x)"), 0.0, 1.5},
                    {"x*sigmoid(b*x) where b=1", expr::parse("x*sigmoid(b*x) where b=1"), 0.25, 2.0}};
    r.binaries = {nn::CoreBinary::Add, nn::CoreBinary::GaussianDistance};
    r.slot_sizes = {3, 3, 2};
    r.layers = 1;
    // unary1: swish, unary2: tanh, binary: the Gaussian kernel; runners-up x, x and +.
    r.weights = {{0.3, 0.1, 0.6, 0.3, 0.5, 0.2, 0.4, 0.6}};
    r.learned = {{{}, {}, {1.5f}, {}, {}, {0.5f}}};
    return r;
}

} // namespace

TEST_CASE("a core unit's candidates are b(g1(x), g2(x)) of the slots' argmaxes, as the mixture held them") {
    const DartsResult r = core_unit_result();
    const std::vector<DartsCandidate> c = darts_candidates(r, 2);
    REQUIRE(c.size() == 4);
    CHECK(c[0].origin == "argmax");
    CHECK(c[1].origin == "unary1 rank 2");
    CHECK(c[2].origin == "unary2 rank 2");
    CHECK(c[3].origin == "binary rank 2");
    // exp(-c*square(2*(x*sigmoid(1.5x) - 0.25) - 1.5*tanh(x))) with the kernel's own parameter c = 1.
    const expr::Tree argmax = expr::parse(c[0].formulas);
    REQUIRE(argmax.parameters.size() == 2);
    CHECK(argmax.parameters[0].value == 1.5f);
    CHECK(argmax.parameters[1].value == 1.0f);
    CHECK(argmax.parameters[0].name != argmax.parameters[1].name);
    for (const double x : {-2.0, -0.3, 0.7, 3.0}) {
        const double g1 = 2.0 * (x / (1.0 + std::exp(-1.5 * x)) - 0.25);
        const double g2 = 1.5 * std::tanh(x);
        CHECK(expr::reference_value(argmax, x) == doctest::Approx(std::exp(-(g1 - g2) * (g1 - g2))).epsilon(1e-5));
        CHECK(expr::reference_value(expr::parse(c[3].formulas), x) == doctest::Approx(g1 + g2).epsilon(1e-5));
    }
    CHECK(discretisation_distance(r, 1e6f) > 0.0);
    // All weight on the argmax of each slot: the mixture is the argmax.
    DartsResult one_hot = r;
    one_hot.weights = {{0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0}};
    CHECK(discretisation_distance(one_hot, 1e6f) < 1e-9);
    CHECK(option_label(r, 7) == "exp(-{b}*square({0} - {1}))");
    // Both unary slots on tanh and b = the Gaussian kernel: the argmax would
    // be exp(-(g - g)^2) = 1; the heaviest choice that is not constant takes
    // its place: tanh + tanh (0.5 * 0.5 * 0.4), ahead of x and tanh in the
    // kernel (0.3 * 0.5 * 0.6).
    DartsResult same = r;
    same.weights = {{0.3, 0.5, 0.2, 0.3, 0.5, 0.2, 0.4, 0.6}};
    const std::vector<DartsCandidate> fallback = darts_candidates(same, 1);
    REQUIRE(fallback.size() == 1);
    const expr::Tree chosen = expr::parse(fallback[0].formulas);
    CHECK(expr::reference_value(chosen, 0.5) == doctest::Approx(2 * 1.5 * std::tanh(0.5)).epsilon(1e-5));
    CHECK(option_label(r, 4) == "tanh(x)");
    CHECK(option_label(r, 4, true) == "unary2: tanh(x)");
}

TEST_CASE("a core-unit search: three slots, each a softmax, deterministic, recorded per slot, shrunk per slot") {
    const auto task = fitness::Task::load(small_task());
    DartsSettings s = small_settings();
    s.cell = DartsCell::CoreUnit;
    s.functions = {"x", "tanh(x)", "relu(x)"};
    const DartsResult r = run_darts(*task, s);
    REQUIRE(r.training.status == nn::TrainStatus::Ok);
    REQUIRE(r.slot_sizes.size() == 3);
    CHECK(r.slot_sizes[0] == 3);
    CHECK(r.slot_sizes[1] == 3);
    CHECK(r.slot_sizes[2] == r.binaries.size());
    CHECK(r.binaries.size() >= 5);
    const std::vector<double>& w = r.weights.front();
    REQUIRE(w.size() == 6 + r.binaries.size());
    CHECK(std::accumulate(w.begin(), w.begin() + 3, 0.0) == doctest::Approx(1.0));
    CHECK(std::accumulate(w.begin() + 3, w.begin() + 6, 0.0) == doctest::Approx(1.0));
    CHECK(std::accumulate(w.begin() + 6, w.end(), 0.0) == doctest::Approx(1.0));
    CHECK(r.history.back().alpha != r.history.front().alpha);
    CHECK(run_darts(*task, s).history.back().alpha == r.history.back().alpha);
    const std::string csv = alphas_csv(r);
    CHECK(csv.find("\n4,0,1,\"x\",") != std::string::npos);
    CHECK(csv.find("\n4,0,2,\"relu(x)\",") != std::string::npos);
    CHECK(csv.find("\n4,0,3,\"max({0}, {1})\",") != std::string::npos);
    // Every candidate parses, and the argmax uses the argmax of each slot.
    for (const DartsCandidate& c : darts_candidates(r, 2)) CHECK_NOTHROW(parse_genome_formulas(c.formulas));

    s.shrink_every = 1;
    s.top = 2;
    const DartsResult shrunk = run_darts(*task, s);
    REQUIRE(shrunk.training.status == nn::TrainStatus::Ok);
    const std::vector<double>& ws = shrunk.weights.front();
    const auto kept = [&](std::size_t from, std::size_t to) {
        return std::count_if(ws.begin() + static_cast<std::ptrdiff_t>(from),
                             ws.begin() + static_cast<std::ptrdiff_t>(to), [](double v) { return v > 0.0; });
    };
    CHECK(kept(0, 3) == 2); // one drop in each unary slot (3 -> 2), two search epochs' drops in the binary slot
    CHECK(kept(3, 6) == 2);
    CHECK(kept(6, ws.size()) == static_cast<std::ptrdiff_t>(r.binaries.size()) - 2);
}

TEST_CASE("the core unit's binary functions: those the relaxed unit builds; the others are named with a reason") {
    std::vector<std::string> refused;
    DartsSettings s;
    s.primitives = "add,mul,sub,div,max,exp,tanh";
    const std::vector<nn::CoreBinary> built = core_unit_binaries(s, refused);
    CHECK(std::find(built.begin(), built.end(), nn::CoreBinary::Multiply) != built.end());
    CHECK(std::find(built.begin(), built.end(), nn::CoreBinary::Max) != built.end());
    CHECK(std::find(built.begin(), built.end(), nn::CoreBinary::Min) == built.end()); // min is not in the set
    const bool pole_named = std::any_of(refused.begin(), refused.end(), [](const std::string& r) {
        return r.find("x1/(x2 + 0.001)") != std::string::npos && r.find("pole") != std::string::npos;
    });
    CHECK(pole_named);
}
