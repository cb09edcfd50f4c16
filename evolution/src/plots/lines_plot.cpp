// Several labelled lines on one panel (bench_strategies' best-so-far curves).
#include "svg_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace actforge::evolution {

using namespace svg;

std::string lines_plot_svg(std::span<const Series> series, std::string_view title, std::string_view xlabel,
                           std::string_view ylabel) {
    constexpr int kWidth = 800, kHeight = 430;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    Range rx{kInf, -kInf};
    Range ry{kInf, -kInf};
    for (const Series& s : series) {
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            if (!std::isfinite(s.y[i])) continue;
            rx = {std::min(rx.lo, s.x[i]), std::max(rx.hi, s.x[i])};
            ry = {std::min(ry.lo, s.y[i]), std::max(ry.hi, s.y[i])};
        }
    }
    const bool any = ry.lo <= ry.hi;
    if (!any) rx = ry = {0.0, 1.0};
    rx.hi = std::max(rx.hi, rx.lo + 1.0);
    const Panel p{80, 50, 520, 320, padded(rx, 1.0), padded(ry, 0.01)};
    std::string out = header(kWidth, kHeight, title);
    out += p.frame(xlabel, ylabel, 1.0);
    if (!any) out += p.message("no data");
    for (std::size_t k = 0; k < series.size(); ++k) {
        const char* colour = kPalette[k % kPalette.size()];
        out += p.path(series[k].x, series[k].y, colour, false, series[k].label);
        out += legend_entry(620, 62 + 22.0 * static_cast<double>(k), colour, false, Marker::None, series[k].label);
    }
    return out + "</svg>\n";
}

} // namespace actforge::evolution
