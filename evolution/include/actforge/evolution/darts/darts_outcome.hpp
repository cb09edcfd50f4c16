#pragma once
// What a differentiable search hands on: its discretised candidates, how far
// the argmax function is from the mixture it replaces, and the mixture
// weights over epochs as a CSV table and an SVG plot.
#include "actforge/evolution/darts/darts_search.hpp"

#include <string>
#include <vector>

namespace actforge::evolution {

struct DartsCandidate {
    std::string formulas; // one function, or one per layer separated by "; "
    std::string origin;   // "argmax", "rank 2", "layer 3 rank 2", "binary rank 2"
};

// Flat option k of a mixture: the unary function's formula, or the core
// unit's binary function as its template ("max({0}, {1})"); with_slot puts
// a core unit's slot first ("unary2: tanh(x)").
[[nodiscard]] std::string option_label(const DartsResult& result, std::size_t k, bool with_slot = false);

// The argmax function of every mixture first, then the runners-up down to
// rank `top`: with one mixture each is a candidate; with one per layer each
// replaces its layer's argmax in the argmax genome. In a core unit the
// argmax is b(g1(x), g2(x)) of the three slots' argmaxes, with
// g = s * (f - m) as the mixture held them, and each slot's runners-up
// replace that slot's argmax. A core-unit argmax constant in x (g - g) gives
// way to the heaviest choice that is not (by the product of the weights). A function's parameters
// start at the values the supernet learned (mean over the layers that share
// the mixture). Candidates that spell the same formulas are kept once.
[[nodiscard]] std::vector<DartsCandidate> darts_candidates(const DartsResult& result, std::size_t top);

// max over layers and over x in [-5, 5] (1001 points) of
// |phi_mix(x) - g_argmax(x)|, both with the learned parameters, where
// g = s * (f - m) is the argmax as the mixture holds it (standardized,
// unclamped): the discretisation's change to each layer's function.
[[nodiscard]] double discretisation_distance(const DartsResult& result, float clamp);

// epoch,layer,slot,primitive,temperature,alpha,weight: one row per function
// per mixture per epoch; layer 0 is the mixture all layers share, slot 1 the
// only slot of a unary cell, primitive the function's formula.
[[nodiscard]] std::string alphas_csv(const DartsResult& result);
// The weight of every function over epochs, one plot per mixture stacked
// into one SVG document (the first mixture only when there are many).
[[nodiscard]] std::string alphas_svg(const DartsResult& result);

} // namespace actforge::evolution
