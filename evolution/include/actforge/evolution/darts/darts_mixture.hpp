#pragma once
// The options of a differentiable search's mixtures: the unary functions
// (the core-unit vocabulary over the campaign's primitives, less those
// affine in x, each standardized over the initial pre-activations) and the
// core unit's binary functions.
#include "actforge/evolution/darts/darts_settings.hpp"
#include "actforge/expr/tree.hpp"
#include "actforge/nn/core_unit_mixture.hpp"
#include "actforge/nn/init.hpp"

#include <string>
#include <vector>

namespace actforge::evolution {

struct MixtureComponent {
    std::string formula; // in the parser's syntax, parameter b initially 1
    expr::Tree tree;
    // Inside the mixture: scale * (clamp(f) - offset); with `standardize`,
    // mean 0 and variance 1 over the initial pre-activations (see
    // mixture_components), else offset 0 and scale 1.
    double offset = 0.0;
    double scale = 1.0;
};

// The standard deviation of a pre-activation when the network is
// initialised with `init` and each activation has unit variance: a unit of
// fan-in n sums n inputs of variance 1 times weights of variance 2/n (He),
// 1/n (LeCun; Xavier for square layers) or 1/(3n) (PyTorch's default).
[[nodiscard]] double pre_activation_sd(nn::Init init);

// The mixture's functions: the settings' own, else the core-unit unary
// vocabulary over its primitives less its affine functions (the core-unit
// cell keeps x itself); those the pre-screen refuses, and those affine
// ones, go to `refused`. With `standardize`, each gets the offset and
// scale that give it mean 0 and variance 1 over the pre-activations of a
// network initialised with `init`, x ~ N(0, pre_activation_sd(init)^2):
// then each layer passes its input's variance on, as the initialisation
// assumes. Throws actforge::ParseError for a function that does not parse.
[[nodiscard]] std::vector<MixtureComponent>
mixture_components(const DartsSettings& settings, std::vector<std::string>& refused, nn::Init init = nn::Init::He);

// The core unit's binary functions: those of the core-unit vocabulary over
// the settings' primitives that the relaxed core unit has built in; the
// others go to `refused`, with the reason.
[[nodiscard]] std::vector<nn::CoreBinary> core_unit_binaries(const DartsSettings& settings,
                                                             std::vector<std::string>& refused);

} // namespace actforge::evolution
