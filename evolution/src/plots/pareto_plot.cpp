// Accuracy against cost: the candidates and their Pareto front.
#include "svg_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace actforge::evolution {
namespace {

using namespace svg;

bool drawable(const CostPoint& p) { return p.cost > 0 && std::isfinite(p.cost) && std::isfinite(p.accuracy); }

// The decades of cost and the accuracies the points span.
std::pair<Range, Range> point_ranges(std::span<const CostPoint> a, std::span<const CostPoint> b) {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    Range rx{kInf, -kInf}, ry{kInf, -kInf};
    for (auto points : {a, b}) {
        for (const CostPoint& p : points) {
            if (!drawable(p)) continue;
            rx = {std::min(rx.lo, std::log10(p.cost)), std::max(rx.hi, std::log10(p.cost))};
            ry = {std::min(ry.lo, p.accuracy), std::max(ry.hi, p.accuracy)};
        }
    }
    if (!(rx.lo <= rx.hi)) return {{1.0, 3.0}, {0.0, 1.0}};
    return {padded(rx, 0.5), padded(ry, 0.01)};
}

// A dot with its label as a tooltip.
std::string dot(const Panel& p, const CostPoint& c, Marker m, double r, const char* colour) {
    return fmt::format("<g><title>{}</title>{}</g>\n", xml_escape(c.label),
                       marker(m, p.px(c.cost), p.py(c.accuracy), r, colour));
}

} // namespace

std::string pareto_plot_svg(std::span<const CostPoint> candidates, std::span<const CostPoint> front,
                            std::string_view title, std::string_view cost_label) {
    constexpr int kWidth = 760, kHeight = 430;
    const auto [rx, ry] = point_ranges(candidates, front);
    Panel p{80, 50, 500, 320, rx, ry};
    p.log_x = true;
    std::string s = header(kWidth, kHeight, title);
    s += p.frame(cost_label, "validation accuracy", 0.0);
    std::vector<CostPoint> shown;
    std::copy_if(front.begin(), front.end(), std::back_inserter(shown), drawable);
    if (shown.empty()) s += p.message("no candidate with a cost");
    for (const CostPoint& c : candidates) {
        if (drawable(c)) s += dot(p, c, Marker::Circle, 2.5, "#aaa");
    }
    // The staircase: each front point holds its accuracy up to the next one's cost.
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i > 0) {
            xs.push_back(shown[i].cost);
            ys.push_back(shown[i - 1].accuracy);
        }
        xs.push_back(shown[i].cost);
        ys.push_back(shown[i].accuracy);
    }
    s += p.path(xs, ys, kPalette[0], false, "Pareto front");
    for (const CostPoint& c : shown) s += dot(p, c, Marker::Circle, 4.0, kPalette[0]);
    s += legend_entry(600, 62, kPalette[0], false, Marker::Circle, "Pareto front");
    s += legend_entry(600, 84, "#aaa", false, Marker::Circle, "other candidates");
    return s + "</svg>\n";
}

} // namespace actforge::evolution
