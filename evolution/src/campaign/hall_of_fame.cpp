#include "actforge/evolution/campaign/hall_of_fame.hpp"

#include "actforge/core/csv.hpp"
#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/old_formats.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

bool enters(const Individual& c) { return c.complete() && c.score.ok(); }

bool has_key(const std::vector<Individual>& list, std::uint64_t key) {
    return std::any_of(list.begin(), list.end(), [&](const Individual& e) { return e.key == key; });
}

// a is at least as good as b on both axes and better on one.
bool dominates(const Individual& a, const Individual& b) {
    const double aa = a.score.accuracy;
    const double ba = b.score.accuracy;
    return aa >= ba && a.cost <= b.cost && (aa > ba || a.cost < b.cost);
}

bool equal_point(const Individual& a, const Individual& b) {
    return a.score.accuracy == b.score.accuracy && a.cost == b.cost;
}

nlohmann::json list_to_json(const std::vector<Individual>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        nlohmann::json j = evolution::to_json(list[i]);
        j["rank"] = i + 1;
        out.push_back(std::move(j));
    }
    return out;
}

// "a=1.02 b=-0.3", per layer "L1.a=1.02 L2.a=0.9".
std::string learned_text(const Individual& e) {
    std::string out;
    const auto& learned = e.score.learned_parameters;
    for (std::size_t l = 0; l < learned.size(); ++l) {
        const expr::Tree& tree = e.genome.activations[std::min(l, e.genome.activations.size() - 1)];
        for (std::size_t k = 0; k < learned[l].size() && k < tree.parameters.size(); ++k) {
            out += fmt::format("{}{}{}={:.6g}", out.empty() ? "" : " ",
                               learned.size() > 1 ? fmt::format("L{}.", l + 1) : "", tree.parameters[k].name,
                               learned[l][k]);
        }
    }
    return out;
}

std::string verification_text(const Individual& e) {
    if (!e.verification) return ",,,,,";
    const Verification& v = *e.verification;
    return fmt::format("{:.6f},{:.6f},{},{},{:.6f},{:.4g}", v.mean, v.stddev, v.accuracies.size(), v.baseline,
                       v.difference, v.p);
}

// Multi-task: each task's search accuracy, then its verified mean (empty
// where unknown).
std::string task_columns(const Individual& e, std::size_t tasks) {
    std::string out;
    auto value = [](const std::vector<double>& v, std::size_t t) {
        return t < v.size() ? fmt::format(",{:.6f}", v[t]) : std::string(",");
    };
    for (std::size_t t = 0; t < tasks; ++t) out += value(e.score.task_accuracies, t);
    for (std::size_t t = 0; t < tasks; ++t)
        out += value(e.verification ? e.verification->task_means : std::vector<double>{}, t);
    return out;
}

std::string list_to_csv(const std::vector<Individual>& list, const std::vector<std::string>& task_names) {
    std::string out = "rank,accuracy,fitness,loss,train_loss,cost,generation,architecture,formula,learned_parameters,"
                      "verified_mean,verified_std,verified_n,best_baseline,difference,p";
    // Quoted only when needed, like the fixed column names (a teacher
    // task's name may hold a comma).
    auto column = [](const std::string& name) {
        return name.find_first_of(",\"\n") == std::string::npos ? name : csv_quote(name);
    };
    for (const char* what : {"accuracy ", "verified "}) {
        for (const auto& name : task_names) {
            out += ',';
            out += column(what + name);
        }
    }
    out += "\n";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Individual& e = list[i];
        out += fmt::format("{},{:.6f},{:.6f},{:.6f},{:.6f},{},{},{},{},{},{}{}\n", i + 1, e.score.accuracy, e.fitness(),
                           e.score.loss, e.score.train_loss, e.cost, e.generation,
                           csv_quote(e.genome.architecture ? fitness::describe(*e.genome.architecture) : ""),
                           csv_quote(formulas(e.genome)), csv_quote(learned_text(e)), verification_text(e),
                           task_columns(e, task_names.size()));
    }
    return out;
}

// Verified first by verified mean, then by search rank.
bool shown_before(const Individual& a, const Individual& b) {
    if (a.verification.has_value() != b.verification.has_value()) return a.verification.has_value();
    if (!a.verification) return ranks_before(a, b);
    if (a.verification->mean != b.verification->mean) return a.verification->mean > b.verification->mean;
    return a.key < b.key;
}

} // namespace

void HallOfFame::offer(std::span<const Individual> candidates) {
    for (const Individual& c : candidates) {
        if (!enters(c)) continue;
        if (!has_key(entries_, c.key)) entries_.push_back(c);
        if (has_key(front_, c.key)) continue;
        const bool beaten = std::any_of(front_.begin(), front_.end(),
                                        [&](const Individual& f) { return dominates(f, c) || equal_point(f, c); });
        if (beaten) continue;
        std::erase_if(front_, [&](const Individual& f) { return dominates(c, f); });
        front_.push_back(c);
    }
    arrange();
    std::sort(front_.begin(), front_.end(), [](const Individual& a, const Individual& b) {
        return a.cost != b.cost ? a.cost < b.cost : a.key < b.key;
    });
}

void HallOfFame::arrange() {
    std::sort(entries_.begin(), entries_.end(), shown_before);
    // The best `capacity` of each kind: new candidates keep entering (and
    // being verified) however many are verified already.
    std::size_t verified = 0;
    std::size_t unverified = 0;
    std::erase_if(entries_,
                  [&](const Individual& e) { return (e.verification ? ++verified : ++unverified) > capacity_; });
}

std::vector<Individual> HallOfFame::by_search_rank() const {
    std::vector<Individual> out = entries_;
    std::sort(out.begin(), out.end(), ranks_before);
    return out;
}

void HallOfFame::set_verification(std::uint64_t key, const Verification& v) {
    for (auto* list : {&entries_, &front_}) {
        for (auto& e : *list) {
            if (e.key == key) e.verification = v;
        }
    }
    arrange();
}

nlohmann::json HallOfFame::to_json() const {
    return {{"entries", list_to_json(entries_)}, {"pareto_front", list_to_json(front_)}};
}

HallOfFame HallOfFame::from_json(const nlohmann::json& saved, std::size_t capacity) {
    nlohmann::json j = saved;
    upgrade_hall_of_fame(j);
    HallOfFame h(capacity);
    try {
        if (!j.contains("pareto_front")) {
            std::vector<Individual> entries;
            for (const auto& e : j.at("entries")) entries.push_back(individual_from_json(e));
            h.offer(entries);
            return h;
        }
        for (const auto& e : j.at("entries")) h.entries_.push_back(individual_from_json(e));
        for (const auto& e : j.at("pareto_front")) h.front_.push_back(individual_from_json(e));
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed hall of fame: {}", e.what()));
    }
    return h;
}

std::string HallOfFame::to_csv(const std::vector<std::string>& task_names) const {
    return list_to_csv(entries_, task_names);
}
std::string HallOfFame::pareto_csv(const std::vector<std::string>& task_names) const {
    return list_to_csv(front_, task_names);
}

} // namespace actforge::evolution
