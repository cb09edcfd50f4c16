// fitness.svg: best and median validation accuracy per generation.
#include "svg_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace actforge::evolution {

using namespace svg;

std::string fitness_plot_svg(std::span<const GenerationStats> history, std::string_view title) {
    constexpr int kWidth = 760, kHeight = 430;
    std::vector<double> gens, best, median;
    Range ry{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (const GenerationStats& g : history) {
        gens.push_back(static_cast<double>(g.generation));
        // Negative or NaN: no successful candidate, a gap in the line.
        best.push_back(g.best >= 0 && std::isfinite(g.best) ? g.best : kNaN);
        median.push_back(g.median >= 0 && std::isfinite(g.median) ? g.median : kNaN);
        for (double v : {best.back(), median.back()}) {
            if (std::isnan(v)) continue;
            ry.lo = std::min(ry.lo, v);
            ry.hi = std::max(ry.hi, v);
        }
    }
    const bool any = ry.lo <= ry.hi;
    ry = any ? padded(ry, 0.01) : Range{0.0, 1.0};
    Range rx{0.0, 1.0};
    if (!gens.empty()) rx = {*std::min_element(gens.begin(), gens.end()), *std::max_element(gens.begin(), gens.end())};
    rx.hi = std::max(rx.hi, rx.lo + 1.0);
    const double pad = 0.03 * (rx.hi - rx.lo);
    const Panel p{80, 50, 500, 320, {rx.lo - pad, rx.hi + pad}, ry};

    std::string s = header(kWidth, kHeight, title);
    s += p.frame("generation", "validation accuracy", 1.0);
    if (!any) s += p.message(history.empty() ? "no generation yet" : "no successful candidate yet");
    const double r = gens.size() <= 60 ? 3.5 : 2.0; // markers shrink when they would crowd
    // Median first, so best stays visible where the two coincide.
    struct Series {
        const std::vector<double>& values;
        const char* colour;
        Marker marker;
        const char* label;
    };
    for (const Series& series :
         {Series{median, kPalette[1], Marker::Square, "median"}, Series{best, kPalette[0], Marker::Circle, "best"}}) {
        s += p.path(gens, series.values, series.colour, false, series.label);
        for (std::size_t i = 0; i < gens.size(); ++i) {
            if (!std::isnan(series.values[i]))
                s += marker(series.marker, p.px(gens[i]), p.py(series.values[i]), r, series.colour);
        }
        s += "\n";
    }
    s += legend_entry(600, 62, kPalette[0], false, Marker::Circle, "best");
    s += legend_entry(600, 84, kPalette[1], false, Marker::Square, "median");
    return s + "</svg>\n";
}

} // namespace actforge::evolution
