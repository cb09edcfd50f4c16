// Small f and f' plots for the rows of a table.
#include "svg_canvas.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace actforge::evolution {

using namespace svg;

std::string function_thumbnail_svg(std::span<const Curve> curves) {
    constexpr int kWidth = 150, kHeight = 64;
    const Range rx = curves_x_range(curves);
    const Range f = robust_y_range(curves, &Curve::f, {-1.0, 1.0});
    const Range df = robust_y_range(curves, &Curve::df, {0.0, 1.0});
    const Panel p{2, 2, kWidth - 4, kHeight - 4, rx, {std::min(f.lo, df.lo), std::max(f.hi, df.hi)}};
    std::string s = header(kWidth, kHeight, "");
    s += fmt::format(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="#ccc"/>)"
                     R"(<line x1="{3:.1f}" y1="{4:.1f}" x2="{5:.1f}" y2="{4:.1f}" stroke="#ccc"/>)"
                     "\n",
                     p.px(0.0), p.top, p.top + p.height, p.left, p.py(0.0), p.left + p.width);
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const Curve& c = curves[i];
        const char* colour = kPalette[i % kPalette.size()];
        s += p.path(c.x, c.df, colour, true, "f\u2032 of " + c.label);
        s += p.path(c.x, c.f, colour, false, c.label);
    }
    return s + "</svg>\n";
}

} // namespace actforge::evolution
