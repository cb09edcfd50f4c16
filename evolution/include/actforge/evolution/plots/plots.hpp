#pragma once
// Dependency-free SVG plots for a campaign folder: standalone UTF-8 SVG
// documents (well-formed XML, generic sans-serif font, white background)
// that any browser renders.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actforge::evolution {

struct GenerationStats {
    std::size_t generation = 0;
    double best = 0.0;   // validation accuracy; NaN or negative: no successful candidate
    double median = 0.0; // of the successful candidates; same convention
    std::size_t evaluations = 0;
    double seconds = 0.0;
};

// Best and median validation accuracy per generation: two lines with
// markers, broken where a generation has no successful candidate. The y axis
// spans the data (nothing is clipped); an empty history gives empty axes.
[[nodiscard]] std::string fitness_plot_svg(std::span<const GenerationStats> history, std::string_view title);

struct Curve {
    std::string label; // shown as is (escaped), e.g. a formula
    std::vector<double> x;
    std::vector<double> f;  // f(x[i]); non-finite values break the line
    std::vector<double> df; // f'(x[i]); same
    bool dashed = false;    // reference curves (ReLU, Swish)
};

// Two panels side by side, f(x) and f'(x), over the curves' x range; one
// palette colour per curve, one <path> per curve and panel, a legend below.
// Each panel's y range is the union of [-1, 1] (f) or [0, 1] (f') with the
// curves' 2nd-98th percentile ranges, leaving out curves whose range is more
// than 4 times wider than the typical curve's (the lower median of the
// widths): such exploding curves are clipped at the panel edge rather than
// flattening the others.
[[nodiscard]] std::string functions_plot_svg(std::span<const Curve> curves, std::string_view title);

// A thumbnail for a table row: each curve's f (solid) and f' (dashed) in
// its palette colour on one small panel with zero lines and no text; labels
// are tooltips. The y range covers both as functions_plot_svg's would.
[[nodiscard]] std::string function_thumbnail_svg(std::span<const Curve> curves);

// A labelled line of (x, y) points; non-finite y values break it.
struct Series {
    std::string label;
    std::vector<double> x;
    std::vector<double> y;
};

// One line per series (palette colours, a legend at the right), axes
// spanning the data; for curves such as the best fitness so far against
// the trainings spent.
[[nodiscard]] std::string lines_plot_svg(std::span<const Series> series, std::string_view title,
                                         std::string_view xlabel, std::string_view ylabel);

// A candidate's accuracy and the cost of its network.
struct CostPoint {
    double cost = 0.0;
    double accuracy = 0.0;
    std::string label; // a tooltip
};

// Accuracy against cost on a logarithmic cost axis: every candidate a grey
// dot, the Pareto front (cheapest first) a staircase with markers, the
// region it dominates below and right of it. Points without a positive
// cost or a finite accuracy are left out.
[[nodiscard]] std::string pareto_plot_svg(std::span<const CostPoint> candidates, std::span<const CostPoint> front,
                                          std::string_view title, std::string_view cost_label);

// Text made safe for XML character data and attribute values: markup
// characters become entities; control characters and invalid UTF-8 bytes,
// which XML cannot carry, become '?'.
[[nodiscard]] std::string xml_escape(std::string_view text);

} // namespace actforge::evolution
