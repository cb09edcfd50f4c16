// functions.svg: f and f' of the top candidates against reference curves.
#include "svg_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace actforge::evolution {
namespace {

using namespace svg;

// The finite values, magnitudes capped at kHuge, sorted.
std::vector<double> sorted_finite(std::span<const double> values) {
    std::vector<double> v;
    for (double x : values) {
        if (std::isfinite(x)) v.push_back(std::clamp(x, -kHuge, kHuge));
    }
    std::sort(v.begin(), v.end());
    return v;
}

// See functions_plot_svg in the header: union of the curves' 2nd-98th
// percentile ranges and of `base`, leaving out curves more than 4 times wider
// than the lower-median curve (and than base).
Range robust_y_range(std::span<const Curve> curves, const std::vector<double> Curve::*member, Range base) {
    std::vector<Range> ranges;
    std::vector<double> spans;
    for (const Curve& c : curves) {
        const std::vector<double> v = sorted_finite(c.*member);
        if (v.empty()) continue;
        const double last = static_cast<double>(v.size() - 1);
        ranges.push_back(
            {v[static_cast<std::size_t>(0.02 * last + 0.5)], v[static_cast<std::size_t>(0.98 * last + 0.5)]});
        spans.push_back(ranges.back().hi - ranges.back().lo);
    }
    double typical = base.hi - base.lo;
    if (!spans.empty()) {
        std::nth_element(spans.begin(), spans.begin() + static_cast<long>((spans.size() - 1) / 2), spans.end());
        typical = std::max(typical, spans[(spans.size() - 1) / 2]);
    }
    Range r = base;
    for (const Range& c : ranges) {
        if (c.hi - c.lo > 4.0 * typical) continue;
        r.lo = std::min(r.lo, c.lo);
        r.hi = std::max(r.hi, c.hi);
    }
    return padded(r, 0.0);
}

} // namespace

using namespace svg;

std::string functions_plot_svg(std::span<const Curve> curves, std::string_view title) {
    constexpr double kRow = 20;
    const double legend_top = 440;
    const int height = static_cast<int>(legend_top + kRow * static_cast<double>(curves.size()) + 10);
    Range rx{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (const Curve& c : curves) {
        const std::vector<double> xs = sorted_finite(c.x);
        if (xs.empty()) continue;
        rx.lo = std::min(rx.lo, xs.front());
        rx.hi = std::max(rx.hi, xs.back());
    }
    if (!(rx.lo <= rx.hi)) rx = {-5.0, 5.0};
    if (!(rx.hi > rx.lo)) rx = padded(rx, 1.0);
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
