#include "actforge/evolution/plots.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <regex>
#include <vector>

using namespace actforge::evolution;

namespace {

// Well-formed enough for a browser: every opened element is closed in order.
bool balanced(const std::string& svg) {
    std::vector<std::string> open;
    const std::regex tag(R"(<(/?)([a-zA-Z]+)[^>]*?(/?)>)");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tag); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        if (m[3] == "/") continue; // self-closing
        if (m[1] == "/") {
            if (open.empty() || open.back() != m[2]) return false;
            open.pop_back();
        } else {
            open.push_back(m[2]);
        }
    }
    return open.empty();
}

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
    return n;
}

Curve curve(const std::string& label, double scale) {
    Curve c{label, {}, {}, {}, false};
    for (int i = 0; i <= 100; ++i) {
        const double x = -5 + 0.1 * i;
        c.x.push_back(x);
        c.f.push_back(scale * std::tanh(x));
        c.df.push_back(scale * (1 - std::tanh(x) * std::tanh(x)));
    }
    return c;
}

} // namespace

TEST_CASE("fitness plot") {
    std::vector<GenerationStats> h;
    for (std::size_t g = 1; g <= 5; ++g) h.push_back({g, 0.7 + 0.02 * static_cast<double>(g), 0.6, g * 10, 1.0});
    h.push_back({6, std::nan(""), std::nan(""), 60, 1.0});
    const std::string svg = fitness_plot_svg(h, "accuracy <of> a & b");
    CHECK(balanced(svg));
    CHECK(svg.find("accuracy &lt;of&gt; a &amp; b") != std::string::npos);
    CHECK(count(svg, "<polyline") == 2);
    CHECK(balanced(fitness_plot_svg({}, "empty")));
}

TEST_CASE("functions plot: one line per curve per panel; an exploding curve is clipped") {
    std::vector<Curve> curves{curve("a*x < b", 1.0), curve("tanh", 0.5)};
    Curve wild = curve("exp", 1.0);
    for (auto& v : wild.f) v = std::exp(4 * v * 10);
    wild.df[50] = std::nan("");
    curves.push_back(wild);
    const std::string svg = functions_plot_svg(curves, "f");
    CHECK(balanced(svg));
    CHECK(svg.find("a*x &lt; b") != std::string::npos);
    CHECK(count(svg, "<polyline") == 7); // 3 in the f panel, 4 in f' (one broken at the NaN)
    // The tame curves still span most of the panel: their y pixels differ by > 100.
    const std::regex pts(R"(points="([^"]*)\")");
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, pts));
    std::vector<double> ys;
    const std::string points = m[1];
    const std::regex pair(R"(([-\d.]+),([-\d.]+))");
    for (auto it = std::sregex_iterator(points.begin(), points.end(), pair); it != std::sregex_iterator(); ++it) {
        ys.push_back(std::stod((*it)[2]));
    }
    const auto [lo, hi] = std::minmax_element(ys.begin(), ys.end());
    CHECK(*hi - *lo > 100);
    std::vector<Curve> none{Curve{"nan", {0, 1}, {std::nan(""), std::nan("")}, {std::nan(""), std::nan("")}, true}};
    CHECK(balanced(functions_plot_svg(none, "all NaN")));
}
