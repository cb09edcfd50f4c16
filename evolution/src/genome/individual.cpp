#include "actforge/evolution/genome/individual.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"
#include "actforge/evolution/campaign/old_formats.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/printer.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace actforge::evolution {

bool ranks_before(const Individual& a, const Individual& b) noexcept {
    if (a.score.ok() != b.score.ok()) return a.score.ok();
    if (a.budget != b.budget) return a.budget > b.budget;
    const double fa = a.fitness();
    const double fb = b.fitness();
    if (fa != fb) return fa > fb;
    return a.key < b.key;
}

nlohmann::json score_to_json(const fitness::Score& s) {
    nlohmann::json j{
        {"status", fitness::to_string(s.status)},     {"accuracy", s.accuracy}, {"loss", finite_or_null(s.loss)},
        {"train_loss", finite_or_null(s.train_loss)}, {"seconds", s.seconds},   {"message", s.message},
        {"learned_parameters", s.learned_parameters}};
    // Absent: one training.
    if (s.n > 1) {
        j["n"] = s.n;
        j["accuracy_std"] = s.accuracy_std;
    }
    if (!s.task_accuracies.empty()) j["task_accuracies"] = s.task_accuracies;
    return j;
}

fitness::Score score_from_json(const nlohmann::json& j) {
    fitness::Score s;
    s.status = fitness::score_status_from_string(j.at("status").get<std::string>());
    s.accuracy = j.at("accuracy").get<double>();
    s.loss = number_or(j.at("loss"), std::numeric_limits<double>::infinity());
    s.train_loss = number_or(j.at("train_loss"), std::numeric_limits<double>::quiet_NaN());
    s.seconds = j.at("seconds").get<double>();
    s.message = j.at("message").get<std::string>();
    s.n = json_number_or(j, "n", std::size_t{1});
    s.accuracy_std = j.value("accuracy_std", 0.0);
    s.task_accuracies = j.value("task_accuracies", std::vector<double>{});
    // Values that were not finite were written as null.
    for (const auto& layer : j.at("learned_parameters")) {
        std::vector<float>& values = s.learned_parameters.emplace_back();
        for (const auto& v : layer)
            values.push_back(v.is_null() ? std::numeric_limits<float>::quiet_NaN() : json_number<float>(v));
    }
    return s;
}

nlohmann::json to_json(const Individual& ind) {
    nlohmann::json j{{"formula", formulas(ind.genome)},
                     {"key", key_to_hex(ind.key)},
                     {"generation", ind.generation},
                     {"parents", ind.parents},
                     {"evaluated", ind.evaluated},
                     {"budget", ind.budget},
                     {"cost", ind.cost},
                     {"penalty", ind.penalty}};
    if (ind.genome.architecture) j["architecture"] = fitness::to_json(*ind.genome.architecture);
    if (ind.evaluated) j["score"] = score_to_json(ind.score);
    if (const auto& v = ind.verification) {
        j["verification"] = {{"accuracies", v->accuracies},
                             {"mean", v->mean},
                             {"std", v->stddev},
                             {"baseline", v->baseline},
                             {"baseline_mean", v->baseline_mean},
                             {"difference", v->difference},
                             {"p", finite_or_null(v->p)}};
        if (!v->task_means.empty()) j["verification"]["task_means"] = v->task_means;
    }
    return j;
}

Individual individual_from_json(const nlohmann::json& record) {
    nlohmann::json j = record;
    upgrade_candidate(j);
    try {
        Individual ind;
        ind.genome.activations = parse_genome_formulas(j.at("formula").get<std::string>());
        if (j.contains("architecture")) ind.genome.architecture = fitness::architecture_from_json(j["architecture"]);
        ind.key = key_from_hex(j.at("key").get<std::string>());
        ind.budget = j.at("budget").get<double>();
        ind.cost = j.at("cost").get<double>();
        ind.penalty = j.at("penalty").get<double>();
        ind.generation = json_number<std::size_t>(j.at("generation"));
        ind.parents = j.at("parents").get<std::vector<std::string>>();
        ind.evaluated = j.at("evaluated").get<bool>();
        if (ind.evaluated) ind.score = score_from_json(j.at("score"));
        if (j.contains("verification")) {
            const auto& v = j["verification"];
            ind.verification = Verification{v.at("accuracies").get<std::vector<double>>(),
                                            v.at("mean").get<double>(),
                                            v.at("std").get<double>(),
                                            v.at("baseline").get<std::string>(),
                                            v.at("baseline_mean").get<double>(),
                                            v.at("difference").get<double>(),
                                            number_or(v.at("p"), std::numeric_limits<double>::quiet_NaN()),
                                            v.value("task_means", std::vector<double>{})};
        }
        return ind;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed candidate record: {}", e.what()));
    }
}

std::string key_to_hex(std::uint64_t key) { return fmt::format("{:016x}", key); }

std::uint64_t key_from_hex(const std::string& hex) {
    if (hex.size() != 16) throw Error(fmt::format("malformed candidate key '{}'", hex));
    std::uint64_t v = 0;
    for (char c : hex) {
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= static_cast<std::uint64_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= static_cast<std::uint64_t>(c - 'a' + 10);
        else
            throw Error(fmt::format("malformed candidate key '{}'", hex));
    }
    return v;
}

} // namespace actforge::evolution
