#include "actforge/evolution/operators/crossover.hpp"

#include "tree_edit.hpp"

#include <bit>
#include <numeric>

namespace actforge::evolution {
namespace {

constexpr double kOpBias = 0.9;

// The receiver with the subtree at i replaced by the donor's subtree at j.
// Donor parameters are appended after the receiver's, so after compaction
// the first `kept` parameters are the receiver's and the rest the donor's.
expr::Tree splice(const expr::Tree& receiver, std::size_t i, const expr::Tree& donor, std::size_t j, std::size_t kept) {
    detail::Nodes part = detail::subtree(donor, j);
    const auto offset = static_cast<std::uint16_t>(receiver.parameters.size());
    for (expr::Node& n : part) {
        if (n.op == expr::Op::Param) n.param = static_cast<std::uint16_t>(n.param + offset);
    }
    expr::Tree child = detail::replace_subtree(receiver, i, part);
    child.parameters.insert(child.parameters.end(), donor.parameters.begin(), donor.parameters.end());
    detail::compact_parameters(child);
    for (std::size_t k = kept; k < child.parameters.size(); ++k) {
        if (child.find_parameter(child.parameters[k].name) != static_cast<int>(k)) {
            child.parameters[k].name = detail::fresh_parameter_name(child);
        }
    }
    return child;
}

} // namespace

expr::Tree SubtreeCrossover::operator()(Rng& rng, const expr::Tree& receiver, const expr::Tree& donor) const {
    if (receiver.empty() || donor.empty()) return receiver;
    const detail::Shape r = detail::shape_of(receiver);
    const detail::Shape d = detail::shape_of(donor);
    std::vector<std::size_t> all(receiver.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    std::vector<std::size_t> fits;
    for (int attempt = 0; attempt < detail::kAttempts; ++attempt) {
        const std::size_t i = detail::pick(rng, receiver, all, kOpBias);
        const std::size_t rest = receiver.size() - receiver.nodes[i].length;
        const bool x_outside = detail::reads_x_outside(receiver, i);
        const auto kept = static_cast<std::size_t>(std::popcount(detail::params_outside(receiver, i)));
        if (r.depth[i] > limits_.max_depth) continue;
        fits.clear();
        for (std::size_t j = 0; j < donor.size(); ++j) {
            if (rest + donor.nodes[j].length > limits_.max_nodes) continue;
            if (r.depth[i] - 1 + d.height[j] > limits_.max_depth) continue;
            if (!x_outside && !d.reads_x[j]) continue;
            if (kept + static_cast<std::size_t>(std::popcount(d.params[j])) > limits_.max_params) continue;
            fits.push_back(j);
        }
        if (fits.empty()) continue;
        const std::size_t j = detail::pick(rng, donor, fits, kOpBias);
        expr::Tree child = splice(receiver, i, donor, j, kept);
        if (!(child == receiver) && detail::acceptable(child, limits_)) return child;
    }
    return receiver;
}

} // namespace actforge::evolution
