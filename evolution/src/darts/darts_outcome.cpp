#include "actforge/evolution/darts/darts_outcome.hpp"

#include "actforge/core/csv.hpp"
#include "actforge/evolution/plots/plots.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/reference_eval.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

namespace actforge::evolution {
namespace {

// Component indices of mixture m, heaviest first (ties by index).
std::vector<std::size_t> ranked(const std::vector<double>& weights) {
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weights[a] > weights[b]; });
    return order;
}

// Component k's parameter values learned by `layers` (mean over them).
std::vector<double> learned_values(const DartsResult& r, std::size_t k, const std::vector<std::size_t>& layers) {
    std::vector<double> values(r.components.at(k).tree.parameters.size(), 0.0);
    for (std::size_t l : layers) {
        for (std::size_t i = 0; i < values.size(); ++i) values[i] += r.learned.at(l).at(k).at(i);
    }
    for (double& v : values) v /= static_cast<double>(layers.size());
    return values;
}

std::vector<std::size_t> layers_of(const DartsResult& r, std::size_t mixture) {
    if (r.weights.size() > 1) return {mixture};
    std::vector<std::size_t> all(r.layers);
    std::iota(all.begin(), all.end(), 0);
    return all;
}

// Component k with the parameter values `layers` learned, in infix.
std::string learned_formula(const DartsResult& r, std::size_t k, const std::vector<std::size_t>& layers) {
    expr::Tree tree = r.components.at(k).tree;
    const std::vector<double> values = learned_values(r, k, layers);
    for (std::size_t i = 0; i < values.size(); ++i) tree.parameters[i].value = static_cast<float>(values[i]);
    return expr::to_infix(tree);
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += "; ";
        out += p;
    }
    return out;
}

} // namespace

std::vector<DartsCandidate> darts_candidates(const DartsResult& result, std::size_t top) {
    const std::size_t mixtures = result.weights.size();
    std::vector<std::vector<std::size_t>> order;
    std::vector<std::string> argmax;
    for (std::size_t m = 0; m < mixtures; ++m) {
        order.push_back(ranked(result.weights[m]));
        argmax.push_back(learned_formula(result, order[m].front(), layers_of(result, m)));
    }
    std::vector<DartsCandidate> out{{join(argmax), "argmax"}};
    for (std::size_t m = 0; m < mixtures; ++m) {
        for (std::size_t rank = 1; rank < std::min(top, order[m].size()); ++rank) {
            std::vector<std::string> genome = argmax;
            genome[m] = learned_formula(result, order[m][rank], layers_of(result, m));
            const std::string origin =
                mixtures > 1 ? fmt::format("layer {} rank {}", m + 1, rank + 1) : fmt::format("rank {}", rank + 1);
            DartsCandidate c{join(genome), origin};
            const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.formulas == c.formulas; });
            if (!seen) out.push_back(std::move(c));
        }
    }
    return out;
}

double discretisation_distance(const DartsResult& result, float clamp) {
    double worst = 0.0;
    const double c = clamp;
    for (std::size_t l = 0; l < result.layers; ++l) {
        const std::size_t m = result.weights.size() > 1 ? l : 0;
        const std::vector<double>& w = result.weights[m];
        const std::size_t top = ranked(w).front();
        std::vector<std::vector<double>> params;
        for (std::size_t k = 0; k < w.size(); ++k) params.push_back(learned_values(result, k, {l}));
        for (int i = 0; i <= 1000; ++i) {
            const double x = -5.0 + 0.01 * i;
            double mix = 0.0;
            for (std::size_t k = 0; k < w.size(); ++k) {
                const MixtureComponent& ck = result.components[k];
                mix += w[k] * ck.scale * (std::clamp(expr::reference_value(ck.tree, x, params[k]), -c, c) - ck.offset);
            }
            // The argmax on the mixture's scale (standardized), unclamped as it is retrained.
            const MixtureComponent& ct = result.components[top];
            const double f = ct.scale * (expr::reference_value(ct.tree, x, params[top]) - ct.offset);
            worst = std::max(worst, std::abs(mix - f));
        }
    }
    return worst;
}

std::string alphas_csv(const DartsResult& result) {
    std::string out = "epoch,layer,slot,primitive,temperature,alpha,weight\n";
    const bool per_layer = result.weights.size() > 1;
    for (const AlphaSnapshot& s : result.history) {
        for (std::size_t k = 0; k < s.alpha.size(); ++k) {
            out += fmt::format("{},{},1,{},{:.6g},{:.9g},{:.9g}\n", s.epoch, per_layer ? s.mixture + 1 : 0,
                               csv_quote(result.components[k].formula), s.temperature, s.alpha[k], s.weights[k]);
        }
    }
    return out;
}

std::string alphas_svg(const DartsResult& result) {
    std::vector<Series> series;
    for (std::size_t k = 0; k < result.components.size(); ++k) {
        Series s{result.components[k].formula, {}, {}};
        for (const AlphaSnapshot& snap : result.history) {
            if (snap.mixture != 0) continue;
            s.x.push_back(static_cast<double>(snap.epoch));
            s.y.push_back(snap.weights[k]);
        }
        series.push_back(std::move(s));
    }
    const std::string title = result.weights.size() > 1 ? "mixture weights of layer 1" : "mixture weights";
    return lines_plot_svg(series, title, "epoch", "softmax(alpha / T)");
}

} // namespace actforge::evolution
