#pragma once
// Campaign configs and an independent check of the genome invariant, shared
// by the genome operator tests.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/genome/genome.hpp"
#include "test_op_util.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace actforge::test {

struct GenomeCase {
    std::string name;
    evolution::CampaignConfig config;
};

// One shared function; one per layer; per layer with a co-designed MLP or
// CNN (two conv blocks before the dense layers); a co-designed shared
// function whose trees may hold no parameter.
inline std::vector<GenomeCase> genome_cases() {
    evolution::CampaignConfig mlp;
    mlp.task = fitness::task_preset("spirals");
    mlp.task.hidden = {16, 16};
    mlp.limits = evolution::TreeLimits{16, 6, 2};
    mlp.architecture.min_layers = 1;
    mlp.architecture.max_layers = 4;
    mlp.architecture.widths = {8, 16, 32};
    mlp.architecture.min_learning_rate = 1e-3f;
    mlp.architecture.max_learning_rate = 1e-1f;

    evolution::CampaignConfig per_layer = mlp;
    per_layer.per_layer = true;
    evolution::CampaignConfig codesign = per_layer;
    codesign.codesign = true;
    evolution::CampaignConfig cnn = codesign;
    cnn.task = fitness::task_preset("fashion-mnist-cnn"); // only its shape is read: nothing is loaded
    cnn.architecture.widths = {32, 64, 128};
    cnn.architecture.max_layers = 3;
    evolution::CampaignConfig no_params = mlp;
    no_params.codesign = true;
    no_params.limits = evolution::TreeLimits{12, 5, 0};
    return {{"shared", mlp},
            {"per layer", per_layer},
            {"per layer, co-design MLP", codesign},
            {"per layer, co-design CNN", cnn},
            {"co-design, no parameters", no_params}};
}

// Empty when `g` keeps the documented invariant of the campaign `c`, else
// what broke. Written against the config, not through GenomeVariation, so
// valid() is checked too.
inline std::string genome_violation(const evolution::Genome& g, const evolution::CampaignConfig& c) {
    if (c.codesign != g.architecture.has_value()) return "architecture present iff co-design";
    std::size_t dense = c.task.hidden.size();
    if (g.architecture) {
        const auto& a = *g.architecture;
        const auto& s = c.architecture;
        dense = a.hidden.size();
        if (dense < s.min_layers || dense > s.max_layers) return "depth out of bounds";
        for (std::size_t w : a.hidden) {
            if (std::find(s.widths.begin(), s.widths.end(), w) == s.widths.end()) return "width not allowed";
        }
        // On the grid of eight steps per decade, inside the range (float rounding aside).
        const double steps = std::log10(static_cast<double>(a.learning_rate)) * 8.0;
        if (std::abs(steps - std::round(steps)) > 1e-4) return "learning rate off the grid";
        if (a.learning_rate < s.min_learning_rate * 0.999f || a.learning_rate > s.max_learning_rate * 1.001f) {
            return "learning rate out of range";
        }
    }
    const std::size_t expected = c.per_layer ? c.task.conv_channels.size() + dense : 1;
    if (g.activations.size() != expected) {
        return std::to_string(g.activations.size()) + " functions for " + std::to_string(expected) + " layers";
    }
    for (const expr::Tree& t : g.activations) {
        const std::string broken = invariant_violation(t, c.limits);
        if (!broken.empty()) return broken + ": " + expr::to_infix(t);
    }
    return {};
}

// Whether removing element `at` of `longer` leaves `shorter`.
template <typename T> bool removed_at(const std::vector<T>& longer, const std::vector<T>& shorter, std::size_t at) {
    if (longer.size() != shorter.size() + 1 || at >= longer.size()) return false;
    for (std::size_t i = 0; i < shorter.size(); ++i) {
        if (!(shorter[i] == longer[i < at ? i : i + 1])) return false;
    }
    return true;
}

} // namespace actforge::test
