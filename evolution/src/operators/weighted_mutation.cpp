#include "actforge/core/error.hpp"
#include "actforge/evolution/operators/mutation.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution {

void WeightedMutation::add(std::unique_ptr<Mutation> mutation, double weight) {
    if (!mutation) throw Error("weighted mutation: a null mutation");
    if (!(weight > 0.0) || !std::isfinite(weight)) {
        throw Error(fmt::format("weighted mutation: the weight of '{}' must be positive and finite, not {}",
                                mutation->name(), weight));
    }
    entries_.push_back({std::move(mutation), weight});
}

const Mutation* WeightedMutation::apply(Rng& rng, expr::Tree& tree) const {
    // Roulette over the mutations not tried yet in this call.
    std::vector<bool> tried(entries_.size(), false);
    double total = 0.0;
    for (const auto& e : entries_) total += e.weight;
    for (std::size_t left = entries_.size(); left > 0; --left) {
        double u = rng.uniform() * total;
        std::size_t pick = entries_.size();
        for (std::size_t k = 0; k < entries_.size(); ++k) {
            if (tried[k]) continue;
            pick = k; // the last untried one absorbs rounding at the top end
            if (u < entries_[k].weight) break;
            u -= entries_[k].weight;
        }
        tried[pick] = true;
        total -= entries_[pick].weight;
        if ((*entries_[pick].mutation)(rng, tree)) return entries_[pick].mutation.get();
    }
    return nullptr;
}

} // namespace actforge::evolution
