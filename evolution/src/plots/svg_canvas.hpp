#pragma once
// The drawing kit behind the campaign plots (plots.hpp): ranges, round
// ticks, markers, strokes, a framed panel that maps data to pixels and cuts
// lines at its edges, the SVG header and legend entries.
#include "actforge/evolution/plots/plots.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actforge::evolution::svg {

constexpr std::array<const char*, 8> kPalette{"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                              "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Larger magnitudes are drawn as this, so pixel arithmetic cannot overflow.
constexpr double kHuge = 1e150;

struct Range {
    double lo;
    double hi;
};

// Widened to at least min_span, then padded by 5% so lines clear the frame.
Range padded(Range r, double min_span);

// About five round ticks (1, 2 or 5 times a power of ten), at least min_step apart.
struct Ticks {
    std::vector<double> values;
    double step = 1.0;
};
Ticks ticks(Range r, double min_step);

// Ticks of a logarithmic axis spanning `decades` (log10 units): 1, 2 and 5
// times the powers of ten, or the powers alone where those would crowd,
// or plain round ticks on a span too short for two of those.
Ticks log_ticks(Range decades);

// A count for a tick: 500, 2k, 1.5M.
std::string count_label(double v);

// v printed with as many decimals as the tick step needs.
std::string tick_label(double v, double step);

enum class Marker { None, Circle, Square };

std::string marker(Marker m, double x, double y, double r, const char* colour);

// Stroke attributes of a line (dashed for reference curves).
std::string stroke(const char* colour, bool dashed);

// A plot area at (left, top) of width x height pixels showing rx x ry.
// With log_x, rx is in decades (log10 of x) and x must be positive.
struct Panel {
    double left, top, width, height;
    Range rx, ry;
    bool log_x = false;

    [[nodiscard]] double px(double x) const {
        return left + ((log_x ? std::log10(x) : x) - rx.lo) / (rx.hi - rx.lo) * width;
    }
    [[nodiscard]] double py(double y) const { return top + height - (y - ry.lo) / (ry.hi - ry.lo) * height; }

    // Grid, zero lines, frame, tick numbers and axis labels.
    [[nodiscard]] std::string frame(std::string_view xlabel, std::string_view ylabel, double x_min_step) const;
    // One <path> through (xs, ys): a new subpath after each non-finite
    // point, and segments cut exactly where they leave ry, so a clipped
    // curve ends at the panel edge instead of running along it.
    [[nodiscard]] std::string path(std::span<const double> xs, std::span<const double> ys, const char* colour,
                                   bool dashed, std::string_view label) const;
    // A grey note in the middle of the panel ("no data yet").
    [[nodiscard]] std::string message(std::string_view text) const;
};

// The finite values, magnitudes capped at kHuge, sorted.
std::vector<double> sorted_finite(std::span<const double> values);

// The x range the curves share ([-5, 5] when they have no finite x).
Range curves_x_range(std::span<const Curve> curves);

// Union of the curves' 2nd-98th percentile ranges of `member` (f or df)
// and of `base`, leaving out curves more than 4 times wider than the
// lower-median curve (and than base): an exploding curve is clipped at the
// panel edge rather than flattening the others.
Range robust_y_range(std::span<const Curve> curves, const std::vector<double> Curve::*member, Range base);

// The SVG prologue: white background, sans-serif font, centred title (none when empty).
std::string header(int width, int height, std::string_view title);

// Legends show formulas; very long ones are cut (on a UTF-8 boundary) and
// kept whole in a tooltip.
std::string legend_entry(double x, double y, const char* colour, bool dashed, Marker m, std::string_view label);

} // namespace actforge::evolution::svg
