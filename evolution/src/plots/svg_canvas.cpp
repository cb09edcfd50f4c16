#include "svg_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution {
namespace svg {

// Widened to at least min_span, then padded by 5% so lines clear the frame.
Range padded(Range r, double min_span) {
    min_span = std::max(min_span, 1e-9 * std::max(std::abs(r.lo), std::abs(r.hi)));
    if (!(r.hi - r.lo >= min_span)) {
        const double mid = 0.5 * (r.lo + r.hi);
        r = {mid - 0.5 * min_span, mid + 0.5 * min_span};
    }
    const double pad = 0.05 * (r.hi - r.lo);
    return {r.lo - pad, r.hi + pad};
}

Ticks ticks(Range r, double min_step) {
    Ticks t;
    const double raw = std::max((r.hi - r.lo) / 5.0, min_step);
    if (!std::isfinite(raw) || raw <= 0) return t;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    t.step = 10.0 * mag;
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * mag >= raw * (1 - 1e-9)) {
            t.step = m * mag;
            break;
        }
    }
    // Integer multiples, not repeated addition: no drift, and exact zero.
    const auto first = static_cast<long long>(std::ceil(r.lo / t.step));
    for (long long k = first; k * t.step <= r.hi && t.values.size() < 12; ++k) t.values.push_back(k * t.step);
    return t;
}

Ticks log_ticks(Range decades) {
    Ticks all;
    Ticks powers;
    for (auto k = static_cast<long long>(std::floor(decades.lo)); k <= static_cast<long long>(std::ceil(decades.hi));
         ++k) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double v = m * std::pow(10.0, static_cast<double>(k));
            const double at = std::log10(v);
            if (at < decades.lo || at > decades.hi) continue;
            all.values.push_back(v);
            if (m == 1.0) powers.values.push_back(v);
        }
    }
    // Less than a decade between round numbers: plain ticks.
    if (all.values.size() < 2) return ticks({std::pow(10.0, decades.lo), std::pow(10.0, decades.hi)}, 0.0);
    return all.values.size() <= 8 || powers.values.size() < 2 ? all : powers;
}

std::string count_label(double v) {
    if (v >= 1e6) return fmt::format("{:g}M", v / 1e6);
    if (v >= 1e3) return fmt::format("{:g}k", v / 1e3);
    return fmt::format("{:g}", v);
}

std::string tick_label(double v, double step) {
    if (std::abs(v) >= 1e6 || step < 1e-4) return fmt::format("{:.4g}", v);
    const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
    return fmt::format("{:.{}f}", v, decimals);
}

std::string marker(Marker m, double x, double y, double r, const char* colour) {
    switch (m) {
    case Marker::Circle: return fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}"/>)", x, y, r, colour);
    case Marker::Square:
        return fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{}" height="{}" fill="{}"/>)", x - r, y - r, 2 * r,
                           2 * r, colour);
    case Marker::None: break;
    }
    return "";
}

std::string stroke(const char* colour, bool dashed) {
    return fmt::format(R"(fill="none" stroke="{}" stroke-width="2" stroke-linejoin="round"{})", colour,
                       dashed ? R"( stroke-dasharray="7 4")" : "");
}

// Grid, zero lines, frame, tick numbers and axis labels.
std::string Panel::frame(std::string_view xlabel, std::string_view ylabel, double x_min_step) const {
    std::string s;
    const Ticks tx = log_x ? log_ticks(rx) : ticks(rx, x_min_step);
    const Ticks ty = ticks(ry, 0.0);
    for (double t : tx.values) {
        s += fmt::format(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}"/>)"
                         R"(<text x="{0:.1f}" y="{4:.1f}" text-anchor="middle">{5}</text>)"
                         "\n",
                         px(t), top, top + height, t == 0 && !log_x ? "#999" : "#e4e4e4", top + height + 17,
                         log_x ? count_label(t) : tick_label(t, tx.step));
    }
    for (double t : ty.values) {
        s += fmt::format(R"(<line x1="{1:.1f}" y1="{0:.1f}" x2="{2:.1f}" y2="{0:.1f}" stroke="{3}"/>)"
                         R"(<text x="{4:.1f}" y="{5:.1f}" text-anchor="end">{6}</text>)"
                         "\n",
                         py(t), left, left + width, t == 0 ? "#999" : "#e4e4e4", left - 6, py(t) + 4,
                         tick_label(t, ty.step));
    }
    s += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="none" stroke="#444"/>)"
                     "\n",
                     left, top, width, height);
    s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="13">{}</text>)"
                     "\n",
                     left + width / 2, top + height + 38, xml_escape(xlabel));
    s += fmt::format(R"svg(<text x="{0:.1f}" y="{1:.1f}" text-anchor="middle" font-size="13" )svg"
                     R"svg(transform="rotate(-90 {0:.1f} {1:.1f})">{2}</text>)svg"
                     "\n",
                     left - 52, top + height / 2, xml_escape(ylabel));
    return s;
}

// One <path> through (xs, ys): a new subpath after each non-finite
// point, and segments cut exactly where they leave ry, so a clipped
// curve ends at the panel edge instead of running along it.
std::string Panel::path(std::span<const double> xs, std::span<const double> ys, const char* colour, bool dashed,
                        std::string_view label) const {
    std::string d;
    bool previous = false; // the previous point is finite
    bool pen_down = false; // d currently ends at the previous point
    double x0 = 0, y0 = 0;
    for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]) || (log_x && !(xs[i] > 0))) {
            previous = pen_down = false;
            continue;
        }
        const double x1 = xs[i];
        const double y1 = std::clamp(ys[i], -kHuge, kHuge);
        if (!previous) {
            pen_down = y1 >= ry.lo && y1 <= ry.hi;
            if (pen_down) d += fmt::format("M{:.1f} {:.1f}", px(x1), py(y1));
        } else {
            // The part of the segment inside ry, as parameters [enter, exit] along it.
            double enter = 0.0, exit = 1.0;
            if (y1 != y0) {
                const double a = (ry.lo - y0) / (y1 - y0);
                const double b = (ry.hi - y0) / (y1 - y0);
                enter = std::max(0.0, std::min(a, b));
                exit = std::min(1.0, std::max(a, b));
            } else if (y0 < ry.lo || y0 > ry.hi) {
                enter = 1.0; // a level segment outside: nothing visible
                exit = 0.0;
            }
            // Appends command M or L to the point at parameter u along the segment.
            auto to = [&](char command, double u) {
                d += command;
                d += fmt::format("{:.1f} {:.1f}", px(x0 + u * (x1 - x0)),
                                 py(std::clamp(y0 + u * (y1 - y0), ry.lo, ry.hi)));
            };
            if (enter <= exit) {
                if (!pen_down || enter > 0.0) to('M', enter);
                to('L', exit);
            }
            pen_down = enter <= exit && exit == 1.0;
        }
        previous = true;
        x0 = x1;
        y0 = y1;
    }
    return fmt::format(R"(<path d="{}" {}><title>{}</title></path>)"
                       "\n",
                       d, stroke(colour, dashed), xml_escape(label));
}

std::string Panel::message(std::string_view text) const {
    return fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="#888">{}</text>)"
                       "\n",
                       left + width / 2, top + height / 2, xml_escape(text));
}

std::string header(int width, int height, std::string_view title) {
    return fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>)"
                       "\n"
                       R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" )"
                       R"(font-family="sans-serif" font-size="12" fill="#222">)"
                       "\n"
                       R"(<rect width="100%" height="100%" fill="white"/>)"
                       "\n{2}",
                       width, height,
                       title.empty() ? ""
                                     : fmt::format(R"(<text x="{}" y="28" text-anchor="middle" font-size="16" )"
                                                   R"(font-weight="bold">{}</text>)"
                                                   "\n",
                                                   width / 2, xml_escape(title)));
}

// Legends show formulas; very long ones are cut (on a UTF-8 boundary) and
// kept whole in a tooltip.
std::string legend_entry(double x, double y, const char* colour, bool dashed, Marker m, std::string_view label) {
    constexpr std::size_t kMaxBytes = 115;
    std::string shown(label);
    if (shown.size() > kMaxBytes) {
        std::size_t cut = kMaxBytes;
        while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
        shown = shown.substr(0, cut) + "\u2026";
    }
    return fmt::format(R"(<g><title>{}</title><line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" {}/>{})"
                       R"(<text x="{:.1f}" y="{:.1f}">{}</text></g>)"
                       "\n",
                       xml_escape(label), x, y, x + 28, y, stroke(colour, dashed), marker(m, x + 14, y, 3.5, colour),
                       x + 36, y + 4, xml_escape(shown));
}

} // namespace svg

namespace {

// Length of the well-formed UTF-8 sequence that starts `s`, or 0 when there
// is none (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
std::size_t utf8_length(std::string_view s) {
    auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    const unsigned c = byte(0);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (byte(1) < lo || byte(1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k) {
        if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
    }
    return n;
}

} // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = utf8_length(text.substr(i));
        if (n == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            out += '?';
            ++i;
            continue;
        }
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out.append(text.substr(i, n));
        }
        i += n;
    }
    return out;
}

} // namespace actforge::evolution
