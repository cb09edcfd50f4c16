// Axis ranges of function curves, shared by the function plots.
#include "svg_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace actforge::evolution::svg {

std::vector<double> sorted_finite(std::span<const double> values) {
    std::vector<double> v;
    for (double x : values) {
        if (std::isfinite(x)) v.push_back(std::clamp(x, -kHuge, kHuge));
    }
    std::sort(v.begin(), v.end());
    return v;
}

Range curves_x_range(std::span<const Curve> curves) {
    Range rx{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (const Curve& c : curves) {
        const std::vector<double> xs = sorted_finite(c.x);
        if (xs.empty()) continue;
        rx.lo = std::min(rx.lo, xs.front());
        rx.hi = std::max(rx.hi, xs.back());
    }
    if (!(rx.lo <= rx.hi)) rx = {-5.0, 5.0};
    if (!(rx.hi > rx.lo)) rx = padded(rx, 1.0);
    return rx;
}

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

} // namespace actforge::evolution::svg
