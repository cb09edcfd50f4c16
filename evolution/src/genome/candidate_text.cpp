#include "actforge/evolution/genome/candidate_text.hpp"

#include "actforge/expr/printer.hpp"

#include <fmt/format.h>

namespace actforge::evolution {

std::vector<expr::Tree> trained_functions(const Individual& e, bool initial) {
    return initial ? e.genome.activations : fitness::with_learned(e.genome.activations, e.score);
}

std::string functions_text(const Individual& e) {
    const auto& trees = e.genome.activations;
    const auto& learned = e.score.learned_parameters;
    std::string out;
    for (std::size_t l = 0; l < trees.size(); ++l) {
        std::string values;
        for (std::size_t k = 0; l < learned.size() && k < trees[l].parameters.size() && k < learned[l].size(); ++k) {
            values +=
                fmt::format("{}{}={:.4g}", values.empty() ? " [" : ", ", trees[l].parameters[k].name, learned[l][k]);
        }
        if (!values.empty()) values += "]";
        const std::string layer = trees.size() > 1 ? fmt::format("L{}: ", l + 1) : "";
        out += fmt::format("{}{}{}{}", out.empty() ? "" : "; ", layer, expr::to_infix(trees[l]), values);
    }
    return out;
}

std::string trained_formulas(const Individual& e) {
    return formulas(Genome{trained_functions(e, false), std::nullopt});
}

std::string architecture_text(const Individual& e) {
    return e.genome.architecture ? fitness::describe(*e.genome.architecture) : "task's";
}

} // namespace actforge::evolution
