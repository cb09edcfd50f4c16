#pragma once
// Dependency-free SVG plots for a campaign folder.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actforge::evolution {

struct GenerationStats {
    std::size_t generation = 0;
    double best = 0.0;   // NaN: no successful candidate
    double median = 0.0; // of the successful candidates
    std::size_t evaluations = 0;
    double seconds = 0.0;
};

// Best and median validation accuracy per generation.
[[nodiscard]] std::string fitness_plot_svg(std::span<const GenerationStats> history, std::string_view title);

struct Curve {
    std::string label;
    std::vector<double> x;
    std::vector<double> f;
    std::vector<double> df;
    bool dashed = false; // reference curves
};

// Two panels, f(x) and f'(x). The y range comes from robust percentiles of
// all curves and values outside it are clipped, so one exploding curve does
// not flatten the others; non-finite points break a line.
[[nodiscard]] std::string functions_plot_svg(std::span<const Curve> curves, std::string_view title);

// Text made safe for XML character data and attribute values.
[[nodiscard]] std::string xml_escape(std::string_view text);

} // namespace actforge::evolution
