#include "actforge/evolution/hall_of_fame.hpp"

#include "actforge/core/csv.hpp"

#include "actforge/expr/printer.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {

void HallOfFame::offer(std::span<const Individual> candidates) {
    for (const Individual& c : candidates) {
        if (!c.evaluated || !c.score.ok()) continue;
        const bool known =
            std::any_of(entries_.begin(), entries_.end(), [&](const Individual& e) { return e.key == c.key; });
        if (!known) entries_.push_back(c);
    }
    std::sort(entries_.begin(), entries_.end(), ranks_before);
    if (entries_.size() > capacity_) entries_.resize(capacity_);
}

nlohmann::json HallOfFame::to_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        nlohmann::json j = evolution::to_json(entries_[i]);
        j["rank"] = i + 1;
        list.push_back(std::move(j));
    }
    return list;
}

HallOfFame HallOfFame::from_json(const nlohmann::json& j, std::size_t capacity) {
    HallOfFame h(capacity);
    for (const auto& e : j) h.entries_.push_back(individual_from_json(e));
    return h;
}

std::string HallOfFame::to_csv() const {
    std::string out = "rank,accuracy,loss,train_loss,generation,formula,learned_parameters\n";
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const Individual& e = entries_[i];
        std::string learned;
        for (std::size_t l = 0; l < e.score.learned_parameters.size(); ++l) {
            for (std::size_t k = 0; k < e.score.learned_parameters[l].size() && k < e.tree.parameters.size(); ++k) {
                learned += fmt::format("{}{}{}={:.6g}", learned.empty() ? "" : " ",
                                       e.score.learned_parameters.size() > 1 ? fmt::format("L{}.", l + 1) : "",
                                       e.tree.parameters[k].name, e.score.learned_parameters[l][k]);
            }
        }
        out += fmt::format("{},{:.6f},{:.6f},{:.6f},{},{},{}\n", i + 1, e.score.accuracy, e.score.loss,
                           e.score.train_loss, e.generation, csv_quote(expr::to_infix(e.tree)), csv_quote(learned));
    }
    return out;
}

} // namespace actforge::evolution
