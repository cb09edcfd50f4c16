#include "actforge/evolution/crossover.hpp"

#include "tree_edit.hpp"

namespace actforge::evolution {

expr::Tree SubtreeCrossover::operator()(Rng& rng, const expr::Tree& receiver, const expr::Tree& donor) const {
    constexpr int kAttempts = 8;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        const std::size_t at = detail::random_node(rng, receiver);
        const std::size_t from = detail::random_node(rng, donor);
        expr::Tree child = receiver;
        std::vector<expr::Node> part = detail::subtree(donor, from);
        // Bring the donor's parameters over under fresh indices (and names).
        std::vector<int> moved(donor.parameters.size(), -1);
        for (expr::Node& n : part) {
            if (n.op != expr::Op::Param) continue;
            if (moved[n.param] < 0) {
                expr::Parameter p = donor.parameters[n.param];
                if (child.find_parameter(p.name) >= 0) p.name = detail::fresh_parameter_name(child);
                moved[n.param] = static_cast<int>(child.parameters.size());
                child.parameters.push_back(p);
            }
            n.param = static_cast<std::uint16_t>(moved[n.param]);
        }
        child = detail::replace_subtree(child, at, part);
        detail::compact_parameters(child);
        if (detail::acceptable(child, limits_)) return child;
    }
    return receiver;
}

} // namespace actforge::evolution
