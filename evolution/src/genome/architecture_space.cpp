#include "actforge/evolution/genome/architecture_space.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

constexpr double kStepsPerDecade = 8.0;

long grid_index(float lr) { return std::lround(std::log10(static_cast<double>(lr)) * kStepsPerDecade); }
float grid_value(long k) { return static_cast<float>(std::pow(10.0, static_cast<double>(k) / kStepsPerDecade)); }

// The grid points inside [min, max] (lo > hi when there is none).
struct GridRange {
    long lo;
    long hi;
};
GridRange grid_range(float min, float max) {
    GridRange r{grid_index(min), grid_index(max)};
    if (grid_value(r.lo) < min) ++r.lo;
    if (grid_value(r.hi) > max) --r.hi;
    return r;
}

std::size_t nearest_width_index(const std::vector<std::size_t>& widths, std::size_t w) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < widths.size(); ++i) {
        const auto d = [&](std::size_t j) { return widths[j] > w ? widths[j] - w : w - widths[j]; };
        if (d(i) < d(best)) best = i;
    }
    return best;
}

} // namespace

float learning_rate_on_grid(float lr) { return grid_value(grid_index(lr)); }

void ArchitectureSpace::validate() const {
    if (min_layers == 0 || min_layers > max_layers) {
        throw Error(fmt::format("--depth {}-{}: give 1 <= MIN <= MAX", min_layers, max_layers));
    }
    if (max_layers > 16) throw Error(fmt::format("--depth: at most 16 hidden layers, not {}", max_layers));
    if (widths.empty()) throw Error("--widths: give at least one width");
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (widths[i] == 0 || widths[i] > 65536) throw Error(fmt::format("--widths: {} is not in 1..65536", widths[i]));
        if (i > 0 && widths[i] <= widths[i - 1]) throw Error("--widths: list the widths in ascending order");
    }
    if (!(min_learning_rate > 0 && min_learning_rate <= max_learning_rate && max_learning_rate <= 10)) {
        throw Error(fmt::format("--lr-range {}:{}: give 0 < MIN <= MAX <= 10", min_learning_rate, max_learning_rate));
    }
    if (const GridRange g = grid_range(min_learning_rate, max_learning_rate); g.lo > g.hi) {
        throw Error("--lr-range: the range holds no point of the learning-rate grid");
    }
}

bool ArchitectureSpace::contains(const fitness::Architecture& a) const {
    if (a.hidden.size() < min_layers || a.hidden.size() > max_layers) return false;
    for (std::size_t w : a.hidden) {
        if (std::find(widths.begin(), widths.end(), w) == widths.end()) return false;
    }
    const long k = grid_index(a.learning_rate);
    const GridRange g = grid_range(min_learning_rate, max_learning_rate);
    return grid_value(k) == a.learning_rate && k >= g.lo && k <= g.hi;
}

fitness::Architecture ArchitectureSpace::random(Rng& rng) const {
    fitness::Architecture a;
    const std::size_t depth = min_layers + rng.below(max_layers - min_layers + 1);
    for (std::size_t i = 0; i < depth; ++i) a.hidden.push_back(widths[rng.below(widths.size())]);
    const auto [lo, hi] = grid_range(min_learning_rate, max_learning_rate);
    a.learning_rate = grid_value(lo + static_cast<long>(rng.below(static_cast<std::uint64_t>(hi - lo + 1))));
    return a;
}

fitness::Architecture ArchitectureSpace::nearest(fitness::Architecture a) const {
    for (std::size_t& w : a.hidden) w = widths[nearest_width_index(widths, w)];
    while (a.hidden.size() > max_layers) a.hidden.pop_back();
    while (a.hidden.size() < min_layers)
        a.hidden.push_back(a.hidden.empty() ? widths[widths.size() / 2] : a.hidden.back());
    const GridRange g = grid_range(min_learning_rate, max_learning_rate);
    a.learning_rate = grid_value(std::clamp(grid_index(a.learning_rate), g.lo, g.hi));
    return a;
}

ArchitectureSpace::Change ArchitectureSpace::mutate(Rng& rng, fitness::Architecture& a) const {
    using Kind = Change::Kind;
    std::vector<Kind> kinds;
    if (widths.size() > 1 && !a.hidden.empty()) kinds.push_back(Kind::Width);
    if (a.hidden.size() < max_layers) kinds.push_back(Kind::Insert);
    if (a.hidden.size() > min_layers) kinds.push_back(Kind::Remove);
    const GridRange grid = grid_range(min_learning_rate, max_learning_rate);
    if (grid.lo < grid.hi) kinds.push_back(Kind::LearningRate);
    if (kinds.empty()) return {};
    Change change{kinds[rng.below(kinds.size())], 0};
    switch (change.kind) {
    case Kind::Width: {
        change.layer = rng.below(a.hidden.size());
        const std::size_t i = nearest_width_index(widths, a.hidden[change.layer]);
        const bool up = i == 0 || (i + 1 < widths.size() && rng.bernoulli(0.5));
        a.hidden[change.layer] = widths[up ? i + 1 : i - 1];
        break;
    }
    case Kind::Insert: {
        change.layer = rng.below(a.hidden.size() + 1);
        const std::size_t copy =
            a.hidden.empty() ? widths[widths.size() / 2] : a.hidden[std::min(change.layer, a.hidden.size() - 1)];
        a.hidden.insert(a.hidden.begin() + static_cast<std::ptrdiff_t>(change.layer), copy);
        break;
    }
    case Kind::Remove:
        change.layer = rng.below(a.hidden.size());
        a.hidden.erase(a.hidden.begin() + static_cast<std::ptrdiff_t>(change.layer));
        break;
    case Kind::LearningRate: {
        const long lo = grid.lo;
        const long hi = grid.hi;
        const long k = grid_index(a.learning_rate);
        long step = rng.bernoulli(0.5) ? 1 : 2;
        if (k + step > hi || (k - step >= lo && rng.bernoulli(0.5))) step = -step;
        a.learning_rate = grid_value(std::clamp(k + step, lo, hi));
        break;
    }
    case Kind::None: break;
    }
    return change;
}

nlohmann::json to_json(const ArchitectureSpace& s) {
    return {{"min_layers", s.min_layers},
            {"max_layers", s.max_layers},
            {"widths", s.widths},
            {"min_lr", s.min_learning_rate},
            {"max_lr", s.max_learning_rate}};
}

ArchitectureSpace architecture_space_from_json(const nlohmann::json& j) {
    ArchitectureSpace s;
    s.min_layers = json_number<std::size_t>(j.at("min_layers"));
    s.max_layers = json_number<std::size_t>(j.at("max_layers"));
    s.widths = json_numbers<std::size_t>(j.at("widths"));
    s.min_learning_rate = json_number<float>(j.at("min_lr"));
    s.max_learning_rate = json_number<float>(j.at("max_lr"));
    return s;
}

} // namespace actforge::evolution
