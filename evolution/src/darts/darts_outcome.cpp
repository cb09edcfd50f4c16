#include "actforge/evolution/darts/darts_outcome.hpp"

#include "actforge/core/csv.hpp"
#include "actforge/evolution/plots/plots.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/reference_eval.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <string_view>

namespace actforge::evolution {
namespace {

// The flat indices of slot `slot`'s options in a mixture's weights.
// Called per grid point, so it sums the sizes before it instead of
// building every slot's range.
SlotRange slot_range(const DartsResult& r, std::size_t slot) {
    const std::size_t size = r.slot_sizes.at(slot);
    const auto before = r.slot_sizes.begin() + static_cast<std::ptrdiff_t>(slot);
    return {std::accumulate(r.slot_sizes.begin(), before, std::size_t{0}), size};
}

bool core_unit(const DartsResult& r) { return r.cell == DartsCell::CoreUnit; }

// The unary function of flat option k (a unary slot's).
const MixtureComponent& component_of(const DartsResult& r, std::size_t k) {
    return r.components.at(k % r.components.size());
}

// Slot `slot`'s options as flat indices, heaviest first (ties by index).
std::vector<std::size_t> ranked(const DartsResult& r, const std::vector<double>& weights, std::size_t slot) {
    const SlotRange range = slot_range(r, slot);
    std::vector<std::size_t> order(range.size);
    std::iota(order.begin(), order.end(), range.from);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weights[a] > weights[b]; });
    return order;
}

// Flat option k's parameter values learned by `layers` (mean over them).
std::vector<double> learned_values(const DartsResult& r, std::size_t k, const std::vector<std::size_t>& layers) {
    std::vector<double> values(r.learned.at(layers.front()).at(k).size(), 0.0);
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

// Unary option k with the parameter values `layers` learned.
expr::Tree learned_tree(const DartsResult& r, std::size_t k, const std::vector<std::size_t>& layers) {
    expr::Tree tree = component_of(r, k).tree;
    const std::vector<double> values = learned_values(r, k, layers);
    for (std::size_t i = 0; i < values.size(); ++i) tree.parameters[i].value = static_cast<float>(values[i]);
    return tree;
}

// The formula of one choice per slot (flat indices), each unary function
// as the mixture held it, g = s * (f - m) with the learned parameters: the
// unary function alone, or the core unit b(g1(x), g2(x)). One function's
// scale and offset could be left to the next layer's weights and bias, but
// not to its training: a raw sigmoid(x) (slope 1/4, mean 1/2) trains
// worse than the mixture's 4.8 * (sigmoid(x) - 0.5), and a binary function
// does not commute with them at all. In a core unit every parameter gets a
// name of its own (a, b, c, ...): both slots may hold one function.
std::string choice_formula(const DartsResult& r, const std::vector<std::size_t>& choice,
                           const std::vector<std::size_t>& layers) {
    std::vector<std::string> where;
    const auto fresh = [&](float value) {
        // Single letters, as the core-unit search space names them; not e (Euler's number) or x.
        static constexpr std::string_view kNames = "abcdfghjkmnpqrstuvwyz";
        const std::string name(1, kNames.at(where.size()));
        where.push_back(fmt::format("{}={}", name, value));
        return name;
    };
    const auto unary = [&](std::size_t k) {
        expr::Tree tree = learned_tree(r, k, layers);
        for (expr::Parameter& p : tree.parameters) {
            if (core_unit(r)) {
                p.name = fresh(p.value);
            } else {
                where.push_back(fmt::format("{}={}", p.name, p.value));
            }
        }
        std::string text = expr::to_infix(tree);
        text = text.substr(0, text.find(" where "));
        const MixtureComponent& c = component_of(r, k);
        // offset and scale are floats (see darts_search.cpp): printed as such,
        // they parse back exactly. An offset below 1e-6 is the quadrature's
        // rounding for an odd function (1e-18 for x), left out.
        const auto offset = static_cast<float>(c.offset);
        if (std::abs(offset) > 1e-6f) text = fmt::format("{} {} {}", text, offset > 0.0f ? '-' : '+', std::abs(offset));
        return c.scale == 1.0 ? fmt::format("({})", text) : fmt::format("{}*({})", static_cast<float>(c.scale), text);
    };
    std::string text;
    if (!core_unit(r)) {
        text = unary(choice.at(0));
    } else {
        const std::string first = unary(choice.at(0));
        const std::string second = unary(choice.at(1));
        const std::size_t j = choice.at(2) - slot_range(r, 2).from;
        for (const char* c = nn::core_binary_template(r.binaries.at(j)).data(); *c != '\0'; ++c) {
            if (c[0] == '{' && c[1] != '\0' && c[2] == '}') {
                text += c[1] == '0' ? first : (c[1] == '1' ? second : fresh(1.0));
                c += 2;
            } else {
                text += *c;
            }
        }
    }
    for (std::size_t i = 0; i < where.size(); ++i) text += (i == 0 ? " where " : ", ") + where[i];
    return expr::to_infix(expr::parse(text));
}

// True when the formula takes one value on [-5, 5] (the core unit g - g,
// exp(-(g - g)^2)): a network of it computes nothing from its input.
bool constant_in_x(const std::string& formula) {
    const expr::Tree tree = expr::parse(formula);
    const double first = expr::reference_value(tree, -5.0);
    for (int i = 1; i <= 100; ++i) {
        const double v = expr::reference_value(tree, -5.0 + 0.1 * i);
        if (!(std::abs(v - first) <= 1e-9 * (1.0 + std::abs(first)))) return false;
    }
    return true;
}

// The argmax of each slot; in a core unit whose argmax is constant in x
// (both unary slots on one function, and b their difference or a distance),
// the heaviest choice that is not, by the product of the slots' weights
// over each slot's four heaviest options.
std::vector<std::size_t> best_choice(const DartsResult& r, const std::vector<double>& weights,
                                     const std::vector<std::vector<std::size_t>>& order,
                                     const std::vector<std::size_t>& layers) {
    std::vector<std::size_t> best;
    for (const std::vector<std::size_t>& slot : order) best.push_back(slot.front());
    if (!core_unit(r) || !constant_in_x(choice_formula(r, best, layers))) return best;
    std::vector<std::pair<double, std::vector<std::size_t>>> choices;
    const auto depth = [&](std::size_t s) { return std::min<std::size_t>(4, order[s].size()); };
    for (std::size_t i = 0; i < depth(0); ++i) {
        for (std::size_t j = 0; j < depth(1); ++j) {
            for (std::size_t b = 0; b < depth(2); ++b) {
                const std::vector<std::size_t> c{order[0][i], order[1][j], order[2][b]};
                choices.emplace_back(weights[c[0]] * weights[c[1]] * weights[c[2]], c);
            }
        }
    }
    std::stable_sort(choices.begin(), choices.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [weight, choice] : choices) {
        if (!constant_in_x(choice_formula(r, choice, layers))) return choice;
    }
    return best; // all constant: the pre-screen refuses it like any constant candidate
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += "; ";
        out += p;
    }
    return out;
}

// The slot of flat option k: 0 in a unary cell; 0, 1 or 2 in a core unit.
std::size_t slot_of(const DartsResult& r, std::size_t k) {
    return core_unit(r) ? std::min<std::size_t>(k / r.components.size(), 2) : 0;
}

const char* slot_label(const DartsResult& r, std::size_t slot) {
    if (!core_unit(r)) return "";
    static constexpr const char* kSlots[] = {"unary1", "unary2", "binary"};
    return kSlots[slot];
}

} // namespace

std::string option_label(const DartsResult& r, std::size_t k, bool with_slot) {
    const std::string label = !core_unit(r) || k < 2 * r.components.size()
                                  ? component_of(r, k).formula
                                  : std::string(nn::core_binary_template(r.binaries.at(k - 2 * r.components.size())));
    return with_slot && core_unit(r) ? fmt::format("{}: {}", slot_label(r, slot_of(r, k)), label) : label;
}

std::vector<DartsCandidate> darts_candidates(const DartsResult& result, std::size_t top) {
    const std::size_t mixtures = result.weights.size();
    const std::size_t slots = result.slot_sizes.size();
    std::vector<std::vector<std::vector<std::size_t>>> order(mixtures); // [mixture][slot]: flat options, heaviest first
    std::vector<std::vector<std::size_t>> best(mixtures);               // [mixture]: the argmax of each slot
    std::vector<std::string> argmax;
    for (std::size_t m = 0; m < mixtures; ++m) {
        for (std::size_t s = 0; s < slots; ++s) order[m].push_back(ranked(result, result.weights[m], s));
        best[m] = best_choice(result, result.weights[m], order[m], layers_of(result, m));
        argmax.push_back(choice_formula(result, best[m], layers_of(result, m)));
    }
    std::vector<DartsCandidate> out{{join(argmax), "argmax"}};
    for (std::size_t m = 0; m < mixtures; ++m) {
        for (std::size_t s = 0; s < slots; ++s) {
            // The slot's heaviest options other than the argmax's, down to rank `top`.
            for (std::size_t rank = 1; rank < std::min(top, order[m][s].size()); ++rank) {
                std::vector<std::size_t> choice = best[m];
                choice[s] = order[m][s][rank] == best[m][s] ? order[m][s].front() : order[m][s][rank];
                std::vector<std::string> genome = argmax;
                genome[m] = choice_formula(result, choice, layers_of(result, m));
                std::string origin = mixtures > 1 ? fmt::format("layer {} ", m + 1) : "";
                if (core_unit(result)) origin += fmt::format("{} ", slot_label(result, s));
                origin += fmt::format("rank {}", rank + 1);
                DartsCandidate c{join(genome), origin};
                const bool seen =
                    std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.formulas == c.formulas; });
                if (!seen) out.push_back(std::move(c));
            }
        }
    }
    return out;
}

namespace {

// Layer l's mixture at x against its argmax choice, both as the mixture
// holds them (g = s * (f - m) with the learned parameters; the mixture
// clamped, the argmax not, as it is retrained).
struct MixtureAt {
    double mixture;
    double argmax;
};

// One unary slot: sum_k w_k g_k(x) over its options, and g of `top`;
// params[k]: unary option k's learned parameters in the layer.
MixtureAt unary_slot_at(const DartsResult& r, const std::vector<double>& w, std::size_t slot, std::size_t top,
                        const std::vector<std::vector<double>>& params, double x, double clamp) {
    const SlotRange range = slot_range(r, slot);
    MixtureAt out{0.0, 0.0};
    for (std::size_t k = range.from; k < range.end(); ++k) {
        const MixtureComponent& ck = component_of(r, k);
        const double f = expr::reference_value(ck.tree, x, params[k]);
        out.mixture += w[k] * ck.scale * (std::clamp(f, -clamp, clamp) - ck.offset);
        if (k == top) out.argmax = ck.scale * (f - ck.offset);
    }
    return out;
}

MixtureAt layer_at(const DartsResult& r, const std::vector<double>& w, const std::vector<std::size_t>& best,
                   const std::vector<std::vector<double>>& params, double x, double clamp) {
    const MixtureAt u1 = unary_slot_at(r, w, 0, best[0], params, x, clamp);
    if (!core_unit(r)) return u1;
    const MixtureAt u2 = unary_slot_at(r, w, 1, best[1], params, x, clamp);
    const SlotRange binary = slot_range(r, 2);
    MixtureAt out{0.0, 0.0};
    for (std::size_t k = binary.from; k < binary.end(); ++k) {
        const nn::CoreBinary op = r.binaries.at(k - binary.from);
        out.mixture += w[k] * std::clamp(nn::core_binary_reference(op, u1.mixture, u2.mixture).value, -clamp, clamp);
        if (k == best[2]) out.argmax = nn::core_binary_reference(op, u1.argmax, u2.argmax).value;
    }
    return out;
}

} // namespace

double discretisation_distance(const DartsResult& result, float clamp) {
    double worst = 0.0;
    for (std::size_t l = 0; l < result.layers; ++l) {
        const std::size_t m = result.weights.size() > 1 ? l : 0;
        const std::vector<double>& w = result.weights[m];
        std::vector<std::vector<std::size_t>> order;
        for (std::size_t s = 0; s < result.slot_sizes.size(); ++s) order.push_back(ranked(result, w, s));
        const std::vector<std::size_t> best = best_choice(result, w, order, layers_of(result, m));
        // The unary options' learned parameters, once per layer (the binary options have none).
        std::vector<std::vector<double>> params;
        const std::size_t unary = core_unit(result) ? 2 * result.components.size() : result.components.size();
        for (std::size_t k = 0; k < unary; ++k) params.push_back(learned_values(result, k, {l}));
        for (int i = 0; i <= 1000; ++i) {
            const MixtureAt at = layer_at(result, w, best, params, -5.0 + 0.01 * i, clamp);
            worst = std::max(worst, std::abs(at.mixture - at.argmax));
        }
    }
    return worst;
}

std::string alphas_csv(const DartsResult& result) {
    std::string out = "epoch,layer,slot,primitive,temperature,alpha,weight\n";
    const bool per_layer = result.weights.size() > 1;
    for (const AlphaSnapshot& s : result.history) {
        for (std::size_t k = 0; k < s.alpha.size(); ++k) {
            const std::size_t slot = slot_of(result, k);
            out += fmt::format("{},{},{},{},{:.6g},{:.9g},{:.9g}\n", s.epoch, per_layer ? s.mixture + 1 : 0, slot + 1,
                               csv_quote(option_label(result, k)), s.temperature, s.alpha[k], s.weights[k]);
        }
    }
    return out;
}

std::string alphas_svg(const DartsResult& result) {
    std::vector<Series> series;
    const std::size_t options = result.history.empty() ? 0 : result.history.front().weights.size();
    for (std::size_t k = 0; k < options; ++k) {
        Series s{option_label(result, k, true), {}, {}};
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
