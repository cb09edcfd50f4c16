#include "actforge/evolution/plots.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace actforge::evolution {
namespace {

constexpr std::array<const char*, 8> kPalette{"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                              "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

struct Range {
    double lo;
    double hi;
};

// Round numbers spanning [lo, hi] (about five ticks).
std::vector<double> ticks(Range r) {
    const double span = r.hi - r.lo;
    const double raw = span / 5.0;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * mag;
        if (raw <= step) break;
    }
    std::vector<double> out;
    for (double t = std::ceil(r.lo / step) * step; t <= r.hi + 1e-9 * span; t += step) out.push_back(std::abs(t) < 1e-12 ? 0.0 : t);
    return out;
}

// A panel: plot area at (x0, y0) of size w x h, data ranges rx, ry.
struct Panel {
    double x0, y0, w, h;
    Range rx, ry;
    [[nodiscard]] double px(double x) const { return x0 + (x - rx.lo) / (rx.hi - rx.lo) * w; }
    [[nodiscard]] double py(double y) const { return y0 + h - (y - ry.lo) / (ry.hi - ry.lo) * h; }

    [[nodiscard]] std::string axes(std::string_view xlabel, std::string_view ylabel) const {
        std::string s = fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="none" stroke="#444"/>)",
                                    x0, y0, w, h) + "\n";
        for (double t : ticks(rx)) {
            s += fmt::format(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="#ddd"/>)"
                             R"(<text x="{0:.1f}" y="{3:.1f}" text-anchor="middle">{4:g}</text>)" "\n",
                             px(t), y0, y0 + h, y0 + h + 16, t);
        }
        for (double t : ticks(ry)) {
            s += fmt::format(R"(<line x1="{1:.1f}" y1="{0:.1f}" x2="{2:.1f}" y2="{0:.1f}" stroke="#ddd"/>)"
                             R"(<text x="{3:.1f}" y="{4:.1f}" text-anchor="end">{5:.4g}</text>)" "\n",
                             py(t), x0, x0 + w, x0 - 6, py(t) + 4, t);
        }
        s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)" "\n", x0 + w / 2, y0 + h + 34,
                         xml_escape(xlabel));
        s += fmt::format(R"svg(<text x="{0:.1f}" y="{1:.1f}" text-anchor="middle" transform="rotate(-90 {0:.1f} {1:.1f})">{2}</text>)svg" "\n",
                         x0 - 48, y0 + h / 2, xml_escape(ylabel));
        return s;
    }

    // Polylines through the finite points, broken at non-finite ones, values clipped to ry.
    [[nodiscard]] std::string line(std::span<const double> xs, std::span<const double> ys, const char* colour,
                                   bool dashed) const {
        std::string s;
        std::string points;
        auto flush = [&] {
            if (!points.empty()) {
                s += fmt::format(R"(<polyline fill="none" stroke="{}" stroke-width="2"{} points="{}"/>)" "\n", colour,
                                 dashed ? R"( stroke-dasharray="6 4")" : "", points);
            }
            points.clear();
        };
        for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
            if (!std::isfinite(ys[i])) {
                flush();
                continue;
            }
            const double y = std::clamp(ys[i], ry.lo, ry.hi);
            points += fmt::format("{:.1f},{:.1f} ", px(xs[i]), py(y));
        }
        flush();
        return s;
    }
};

Range padded(double lo, double hi) {
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double pad = 0.05 * (hi - lo);
    return {lo - pad, hi + pad};
}

// The 2nd to 98th percentile of the finite values, widened to include [lo0, hi0].
Range robust_range(const std::vector<double>& values, double lo0, double hi0) {
    std::vector<double> v;
    for (double x : values) {
        if (std::isfinite(x)) v.push_back(x);
    }
    if (v.empty()) return padded(lo0, hi0);
    std::sort(v.begin(), v.end());
    const double lo = v[static_cast<std::size_t>(0.02 * static_cast<double>(v.size() - 1))];
    const double hi = v[static_cast<std::size_t>(0.98 * static_cast<double>(v.size() - 1))];
    return padded(std::min(lo, lo0), std::max(hi, hi0));
}

// The union of the curves' own robust ranges, leaving out curves whose span
// is over ten times the median span: they are clipped instead.
Range curves_range(const std::vector<std::vector<double>>& curves, double lo0, double hi0) {
    std::vector<Range> ranges;
    std::vector<double> spans;
    for (const auto& c : curves) {
        const Range r = robust_range(c, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity());
        if (!std::isfinite(r.lo) || !std::isfinite(r.hi)) continue;
        ranges.push_back(r);
        spans.push_back(r.hi - r.lo);
    }
    if (ranges.empty()) return padded(lo0, hi0);
    std::vector<double> sorted = spans;
    std::sort(sorted.begin(), sorted.end());
    const double limit = 10.0 * std::max(sorted[sorted.size() / 2], 1e-9);
    double lo = lo0;
    double hi = hi0;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        if (spans[i] > limit) continue;
        lo = std::min(lo, ranges[i].lo);
        hi = std::max(hi, ranges[i].hi);
    }
    return padded(lo, hi);
}

std::string header(double width, double height, std::string_view title) {
    return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" )"
                       R"(font-family="sans-serif" font-size="12">)" "\n"
                       R"(<rect width="100%" height="100%" fill="white"/>)" "\n"
                       R"(<text x="{2}" y="22" text-anchor="middle" font-size="15">{3}</text>)" "\n",
                       width, height, width / 2, xml_escape(title));
}

std::string legend_entry(double x, double y, const char* colour, bool dashed, std::string_view label) {
    return fmt::format(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{2:.1f}" y2="{1:.1f}" stroke="{3}" stroke-width="2"{4}/>)"
                       R"(<text x="{5:.1f}" y="{6:.1f}">{7}</text>)" "\n",
                       x, y, x + 24, colour, dashed ? R"( stroke-dasharray="6 4")" : "", x + 30, y + 4, xml_escape(label));
}

} // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string fitness_plot_svg(std::span<const GenerationStats> history, std::string_view title) {
    const double width = 720;
    const double height = 420;
    std::vector<double> xs, best, median, all;
    for (const auto& h : history) {
        xs.push_back(static_cast<double>(h.generation));
        best.push_back(h.best >= 0 ? h.best : std::nan(""));
        median.push_back(h.median >= 0 ? h.median : std::nan(""));
        all.push_back(best.back());
        all.push_back(median.back());
    }
    const double gmax = xs.empty() ? 1.0 : std::max(1.0, xs.back());
    Range ry = robust_range(all, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity());
    if (!std::isfinite(ry.lo)) ry = {0.0, 1.0};
    const Panel p{80, 40, width - 120, height - 110, {0.0, gmax}, ry};
    std::string s = header(width, height, title);
    s += p.axes("generation", "validation accuracy");
    s += p.line(xs, best, kPalette[0], false);
    s += p.line(xs, median, kPalette[1], true);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (std::isfinite(best[i])) {
            s += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"/>)" "\n", p.px(xs[i]), p.py(best[i]), kPalette[0]);
        }
    }
    s += legend_entry(p.x0 + 10, p.y0 + 14, kPalette[0], false, "best");
    s += legend_entry(p.x0 + 10, p.y0 + 32, kPalette[1], true, "median");
    return s + "</svg>\n";
}

std::string functions_plot_svg(std::span<const Curve> curves, std::string_view title) {
    const double width = 1000;
    const double height = 460 + 18.0 * static_cast<double>(curves.size());
    double xlo = -5, xhi = 5;
    std::vector<std::vector<double>> fs, dfs;
    for (const auto& c : curves) {
        if (!c.x.empty()) {
            xlo = std::min(xlo, c.x.front());
            xhi = std::max(xhi, c.x.back());
        }
        fs.push_back(c.f);
        dfs.push_back(c.df);
    }
    const Panel left{70, 40, 400, 330, {xlo, xhi}, curves_range(fs, -1.0, 1.0)};
    const Panel right{560, 40, 400, 330, {xlo, xhi}, curves_range(dfs, 0.0, 1.0)};
    std::string s = header(width, height, title);
    s += left.axes("x", "f(x)");
    s += right.axes("x", "f'(x)");
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const auto& c = curves[i];
        const char* colour = kPalette[i % kPalette.size()];
        s += left.line(c.x, c.f, colour, c.dashed);
        s += right.line(c.x, c.df, colour, c.dashed);
        s += legend_entry(70, 430 + 18.0 * static_cast<double>(i), colour, c.dashed, c.label);
    }
    return s + "</svg>\n";
}

} // namespace actforge::evolution
