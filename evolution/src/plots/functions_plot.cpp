// functions.svg: f and f' of the top candidates against reference curves.
#include "svg_canvas.hpp"

namespace actforge::evolution {
using namespace svg;

std::string functions_plot_svg(std::span<const Curve> curves, std::string_view title) {
    constexpr double kRow = 20;
    const double legend_top = 440;
    const int height = static_cast<int>(legend_top + kRow * static_cast<double>(curves.size()) + 10);
    const Range rx = curves_x_range(curves);
    const Panel left{70, 50, 390, 320, rx, robust_y_range(curves, &Curve::f, {-1.0, 1.0})};
    const Panel right{580, 50, 390, 320, rx, robust_y_range(curves, &Curve::df, {0.0, 1.0})};

    std::string s = header(1000, height, title);
    s += left.frame("x", "f(x)", 0.0);
    s += right.frame("x", "f\u2032(x)", 0.0);
    if (curves.empty()) s += left.message("no curves");
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const Curve& c = curves[i];
        const char* colour = kPalette[i % kPalette.size()];
        s += left.path(c.x, c.f, colour, c.dashed, c.label);
        s += right.path(c.x, c.df, colour, c.dashed, c.label);
        s += legend_entry(70, legend_top + kRow * static_cast<double>(i), colour, c.dashed, Marker::None, c.label);
    }
    return s + "</svg>\n";
}

} // namespace actforge::evolution
