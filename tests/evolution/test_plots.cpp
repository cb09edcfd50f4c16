// SVG plots: well-formed XML, one path per series, escaped labels, and y
// ranges that survive exploding and non-finite curves.
#include "actforge/evolution/plots/plots.hpp"
#include "text_occurrences.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <doctest/doctest.h>
#include <set>
#include <string>
#include <vector>

using namespace actforge::evolution;

using actforge::test::occurrences;

namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == ':' || c == '.';
}

// s[at] is '&': a predefined or numeric entity must follow.
bool entity_ok(std::string_view s, std::size_t at) {
    const std::size_t end = s.find(';', at);
    if (end == std::string_view::npos) return false;
    const std::string_view name = s.substr(at + 1, end - at - 1);
    for (const char* e : {"amp", "lt", "gt", "quot", "apos"}) {
        if (name == e) return true;
    }
    return name.size() > 1 && name[0] == '#' && std::all_of(name.begin() + 1, name.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c));
           });
}

// Minimal XML well-formedness: an optional declaration, comments, exactly one
// root element, properly nested tags, quoted and unique attributes, and '<'
// and '&' only as markup or entities. Returns what is wrong, or "".
std::string xml_error(std::string_view s) {
    std::vector<std::string_view> open;
    bool root_done = false;
    std::size_t i = 0;
    auto name_at = [&](std::size_t j) {
        std::size_t k = j;
        while (k < s.size() && is_name_char(s[k])) ++k;
        return s.substr(j, k - j);
    };
    auto skip_space = [&](std::size_t& j) {
        while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    };
    while (i < s.size()) {
        const std::string where = " at byte " + std::to_string(i);
        if (s[i] == '&') {
            if (!entity_ok(s, i)) return "bad entity" + where;
            ++i;
        } else if (s[i] != '<') {
            if (open.empty() && !std::isspace(static_cast<unsigned char>(s[i]))) return "text outside the root" + where;
            ++i;
        } else if (s.substr(i, 5) == "<?xml") {
            if (i != 0) return "misplaced declaration" + where;
            const std::size_t end = s.find("?>", i);
            if (end == std::string_view::npos) return "unterminated declaration";
            i = end + 2;
        } else if (s.substr(i, 4) == "<!--") {
            const std::size_t end = s.find("-->", i);
            if (end == std::string_view::npos) return "unterminated comment";
            i = end + 3;
        } else if (i + 1 < s.size() && s[i + 1] == '/') {
            const std::string_view name = name_at(i + 2);
            std::size_t j = i + 2 + name.size();
            skip_space(j);
            if (j >= s.size() || s[j] != '>') return "bad closing tag" + where;
            if (open.empty() || open.back() != name) return "mismatched </" + std::string(name) + ">" + where;
            open.pop_back();
            if (open.empty()) root_done = true;
            i = j + 1;
        } else {
            const std::string_view name = name_at(i + 1);
            if (name.empty()) return "raw '<'" + where;
            if (open.empty() && root_done) return "second root element" + where;
            std::size_t j = i + 1 + name.size();
            std::set<std::string_view> attributes;
            for (;;) {
                const std::size_t before = j;
                skip_space(j);
                if (j >= s.size()) return "unterminated tag" + where;
                if (s[j] == '>' || s.substr(j, 2) == "/>") break;
                if (j == before) return "no space before attribute" + where;
                const std::string_view attribute = name_at(j);
                if (attribute.empty() || !attributes.insert(attribute).second) return "bad attribute" + where;
                j += attribute.size();
                if (j + 1 >= s.size() || s[j] != '=' || (s[j + 1] != '"' && s[j + 1] != '\'')) {
                    return "unquoted attribute" + where;
                }
                const char quote = s[j + 1];
                const std::size_t end = s.find(quote, j + 2);
                if (end == std::string_view::npos) return "unterminated attribute" + where;
                for (std::size_t k = j + 2; k < end; ++k) {
                    if (s[k] == '<' || (s[k] == '&' && !entity_ok(s, k))) return "bad attribute value" + where;
                }
                j = end + 1;
            }
            if (s[j] == '>') {
                open.push_back(name);
                i = j + 1;
            } else {
                if (open.empty()) root_done = true;
                i = j + 2;
            }
        }
    }
    if (!open.empty()) return "unclosed <" + std::string(open.back()) + ">";
    if (!root_done) return "no root element";
    return "";
}

// The d attributes of the paths titled `label`, in document order (first panel first).
std::vector<std::string> path_ds(const std::string& svg, const std::string& label) {
    std::vector<std::string> ds;
    const std::string tail = "<title>" + label + "</title></path>";
    for (std::size_t end = svg.find(tail); end != std::string::npos; end = svg.find(tail, end + 1)) {
        const std::size_t start = svg.rfind("<path d=\"", end) + 9;
        ds.push_back(svg.substr(start, svg.find('"', start) - start));
    }
    return ds;
}

// The (x, y) pairs of those paths.
std::vector<std::vector<std::pair<double, double>>> path_points(const std::string& svg, const std::string& label) {
    std::vector<std::vector<std::pair<double, double>>> paths;
    for (const std::string& d : path_ds(svg, label)) {
        std::vector<std::pair<double, double>> points;
        const char* p = d.c_str();
        while (*p != '\0') {
            if (*p == 'M' || *p == 'L' || *p == ' ') {
                ++p;
                continue;
            }
            char* next = nullptr;
            const double x = std::strtod(p, &next);
            const double y = std::strtod(next, &next);
            REQUIRE(next != p);
            points.emplace_back(x, y);
            p = next;
        }
        paths.push_back(points);
    }
    return paths;
}

double y_extent(const std::vector<std::pair<double, double>>& points) {
    const auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                              [](const auto& a, const auto& b) { return a.second < b.second; });
    return points.empty() ? 0.0 : hi->second - lo->second;
}

Curve curve(const std::string& label, double (*f)(double), double (*df)(double), bool dashed = false) {
    Curve c;
    c.label = label;
    c.dashed = dashed;
    for (int i = 0; i <= 200; ++i) {
        const double x = -5.0 + 0.05 * i;
        c.x.push_back(x);
        c.f.push_back(f(x));
        c.df.push_back(df(x));
    }
    return c;
}

Curve relu() {
    return curve(
        "ReLU", [](double x) { return std::max(x, 0.0); }, [](double x) { return x > 0 ? 1.0 : 0.0; }, true);
}
Curve tanh_curve() {
    return curve(
        "tanh", [](double x) { return std::tanh(x); }, [](double x) { return 1 - std::tanh(x) * std::tanh(x); });
}

std::vector<GenerationStats> rising_history(std::size_t n) {
    std::vector<GenerationStats> h;
    for (std::size_t g = 0; g < n; ++g) {
        const double t = static_cast<double>(g);
        h.push_back({g, 0.95 - 0.2 * std::exp(-t / 6), 0.85 - 0.3 * std::exp(-t / 8), 20 * (g + 1), 3.0 * t});
    }
    return h;
}

} // namespace

TEST_CASE("the well-formedness check itself rejects broken XML") {
    CHECK(xml_error(R"(<?xml version="1.0"?><svg a="1"><g><t>x &amp; y</t></g><p/></svg>)").empty());
    CHECK_FALSE(xml_error("<svg><g></svg></g>").empty());
    CHECK_FALSE(xml_error("<svg><g></svg>").empty());
    CHECK_FALSE(xml_error("<svg>a < b</svg>").empty());
    CHECK_FALSE(xml_error("<svg>a & b</svg>").empty());
    CHECK_FALSE(xml_error(R"(<svg a="x<y"/>)").empty());
    CHECK_FALSE(xml_error(R"(<svg a=1/>)").empty());
    CHECK_FALSE(xml_error(R"(<svg a="1" a="2"/>)").empty());
    CHECK_FALSE(xml_error("<svg/><svg/>").empty());
}

TEST_CASE("xml_escape: markup characters, control characters, UTF-8") {
    CHECK(xml_escape(R"(a*x < b & c > 'd' "e")") == "a*x &lt; b &amp; c &gt; &apos;d&apos; &quot;e&quot;");
    CHECK(xml_escape(std::string("tab\tand") + char(1) + "bell") == "tab\tand?bell");
    CHECK(xml_escape("f\xe2\x80\xb2(x) \xc3\xa9") == "f\xe2\x80\xb2(x) \xc3\xa9"); // f′(x) é
    CHECK(xml_escape("bad \xff\xc3 end") == "bad ?? end");
    CHECK(xml_escape("\xed\xa0\x80") == "???"); // an encoded surrogate is not UTF-8
}

TEST_CASE("fitness plot: two series with markers, escaped title, gaps for failed generations") {
    std::vector<GenerationStats> h = rising_history(30);
    h[10].best = h[10].median = std::nan("");
    h[11].median = -1.0;
    const std::string svg = fitness_plot_svg(h, "spirals <test> & more");
    INFO(svg);
    CHECK(xml_error(svg).empty());
    CHECK(occurrences(svg, "<path ") == 2);
    CHECK(occurrences(svg, "<circle ") == 29 + 1); // 29 finite best values, one legend marker
    CHECK(svg.find("spirals &lt;test&gt; &amp; more") != std::string::npos);
    for (const char* text : {">generation<", ">validation accuracy<", ">best<", ">median<", ">0.8<", ">20<"}) {
        CHECK(svg.find(text) != std::string::npos);
    }
    CHECK(svg.find("nan") == std::string::npos);
    // The best line breaks at generation 10, the median at 10 and 11: two subpaths each.
    CHECK(occurrences(path_ds(svg, "best").at(0), "M") == 2);
    CHECK(occurrences(path_ds(svg, "median").at(0), "M") == 2);
}

TEST_CASE("fitness plot: empty and all-failed histories render empty axes") {
    for (const auto& h :
         {std::vector<GenerationStats>{},
          std::vector<GenerationStats>{{0, std::nan(""), std::nan(""), 5, 1.0}, {1, -1.0, -1.0, 9, 2.0}}}) {
        const std::string svg = fitness_plot_svg(h, "");
        CHECK(xml_error(svg).empty());
        CHECK(occurrences(svg, "<path d=\"\"") == 2);
        CHECK(svg.find(h.empty() ? "no generation yet" : "no successful candidate yet") != std::string::npos);
        CHECK(svg.find("nan") == std::string::npos);
    }
    const std::string one = fitness_plot_svg(rising_history(1), "one");
    CHECK(xml_error(one).empty());
    CHECK(occurrences(one, "<circle ") == 2);
}

TEST_CASE("functions plot: one path per curve and panel, escaped labels, dashed references") {
    std::vector<Curve> curves{relu(), tanh_curve(),
                              curve(
                                  "a*x < b & c", [](double x) { return 0.5 * x; }, [](double) { return 0.5; })};
    const std::string svg = functions_plot_svg(curves, "top <3>");
    CHECK(xml_error(svg).empty());
    CHECK(occurrences(svg, "<path ") == 2 * curves.size());
    CHECK(svg.find("a*x &lt; b &amp; c") != std::string::npos);
    CHECK(svg.find("a*x < b") == std::string::npos);
    CHECK(svg.find("top &lt;3&gt;") != std::string::npos);
    CHECK(occurrences(svg, "stroke-dasharray") == 2 + 1); // ReLU in both panels and its legend entry
    CHECK(path_points(svg, "tanh").size() == 2);
    CHECK(svg.find(">f(x)<") != std::string::npos);
    CHECK(svg.find(">-4<") != std::string::npos);
    CHECK(svg.find(">4<") != std::string::npos);

    // Zero curves: axes only.
    const std::string none = functions_plot_svg({}, "nothing");
    CHECK(xml_error(none).empty());
    CHECK(occurrences(none, "<path ") == 0);
}

TEST_CASE("functions plot: non-finite points break lines; an all-NaN curve draws nothing") {
    Curve holes = tanh_curve();
    holes.f[50] = std::nan("");
    holes.f[120] = INFINITY;
    holes.df.assign(holes.df.size(), std::nan(""));
    Curve empty = curve(
        "nothing", [](double) { return std::nan(""); }, [](double) { return -HUGE_VAL; });
    const std::vector<Curve> curves{relu(), holes, empty};
    const std::string svg = functions_plot_svg(curves, "holes");
    CHECK(xml_error(svg).empty());
    CHECK(occurrences(svg, "<path ") == 6);
    CHECK(svg.find("nan") == std::string::npos);
    CHECK(svg.find("inf") == std::string::npos);
    CHECK(occurrences(path_ds(svg, "tanh").at(0), "M") == 3);
    for (const auto& points : path_points(svg, "nothing")) CHECK(points.empty());
    CHECK(path_points(svg, "tanh").at(1).empty());
}

TEST_CASE("functions plot: an exploding curve is clipped and does not flatten the others") {
    const std::vector<Curve> sane{relu(), tanh_curve()};
    const std::string calm = functions_plot_svg(sane, "calm");
    const double calm_extent = y_extent(path_points(calm, "tanh").at(0));
    CHECK(calm_extent > 100); // of a 320-pixel panel

    Curve spike = tanh_curve();
    spike.label = "spike";
    spike.f[100] = 1e30;
    spike.df[100] = -1e300;
    const Curve exploding = curve(
        "x exp(3x)", [](double x) { return x * std::exp(3 * x); },
        [](double x) { return (1 + 3 * x) * std::exp(3 * x); });
    std::vector<Curve> wild = sane;
    wild.push_back(spike);
    wild.push_back(exploding);
    const std::string svg = functions_plot_svg(wild, "wild");
    CHECK(xml_error(svg).empty());
    for (std::size_t panel = 0; panel < 2; ++panel) {
        INFO("panel " << panel);
        for (const char* c : {"tanh", "ReLU"}) {
            CHECK(y_extent(path_points(svg, c).at(panel)) >= 0.9 * y_extent(path_points(calm, c).at(panel)));
        }
    }
    // Clipped curves end on the frame: every point of every path stays within
    // the extreme points of the unclipped reference curves, give or take the padding.
    double top = 1e9, bottom = -1e9;
    for (const auto& c : {"ReLU", "tanh"}) {
        const auto points = path_points(svg, c).at(0);
        for (const auto& [x, y] : points) {
            top = std::min(top, y);
            bottom = std::max(bottom, y);
        }
    }
    const double pad = 0.2 * (bottom - top);
    for (const auto& c : {"spike", "x exp(3x)"}) {
        const auto points = path_points(svg, c).at(0);
        CHECK_FALSE(points.empty());
        for (const auto& [x, y] : points) {
            CHECK(y >= top - pad);
            CHECK(y <= bottom + pad);
        }
    }
}

TEST_CASE("function thumbnail: f solid and f' dashed per curve, labels as tooltips, no text") {
    const std::vector<Curve> curves{tanh_curve(), relu()};
    const std::string svg = function_thumbnail_svg(curves);
    CHECK(xml_error(svg).empty());
    CHECK(occurrences(svg, "<path ") == 4);
    CHECK(path_points(svg, "tanh").size() == 1);
    CHECK(path_points(svg, "f\u2032 of tanh").size() == 1);
    CHECK(occurrences(svg, "stroke-dasharray") == 2);
    CHECK(svg.find("<text") == std::string::npos);
    // f and f' of tanh share the panel: f spans more pixels than f' (range 2 against 1).
    CHECK(y_extent(path_points(svg, "tanh").at(0)) > 1.5 * y_extent(path_points(svg, "f\u2032 of tanh").at(0)));
}

TEST_CASE("Pareto plot: a dot per candidate, a staircase through the front, a logarithmic cost axis") {
    const std::vector<CostPoint> all{{100, 0.6, "a"}, {1000, 0.7, "b"}, {10000, 0.65, "c & d"}, {0, 0.9, "free"}};
    const std::vector<CostPoint> front{{100, 0.6, "a"}, {1000, 0.7, "b"}};
    const std::string svg = pareto_plot_svg(all, front, "front", "cost (params)");
    CHECK(xml_error(svg).empty());
    CHECK(occurrences(svg, "<circle ") == 3 + 2 + 2); // drawable candidates, front markers, legend markers
    CHECK(svg.find("c &amp; d") != std::string::npos);
    CHECK(svg.find("<title>free</title>") == std::string::npos); // no cost: left out
    for (const char* tick : {">100<", ">1k<", ">10k<"}) CHECK(svg.find(tick) != std::string::npos);
    // Costs 100, 1000 and 10000 are evenly spaced on the axis.
    const auto steps = path_points(svg, "Pareto front");
    REQUIRE(steps.size() == 1);
    REQUIRE(steps[0].size() == 3); // (100, 0.6) -> (1000, 0.6) -> (1000, 0.7)
    CHECK(steps[0][0].second == steps[0][1].second);
    CHECK(steps[0][1].first == steps[0][2].first);
    const std::string dot_c = "<title>c &amp; d</title><circle cx=\"";
    const std::size_t c = svg.find(dot_c);
    REQUIRE(c != std::string::npos);
    const double x_c = std::strtod(svg.c_str() + c + dot_c.size(), nullptr);
    CHECK(x_c - steps[0][1].first == doctest::Approx(steps[0][1].first - steps[0][0].first).epsilon(0.01));
    const std::string empty = pareto_plot_svg({}, {}, "none", "cost");
    CHECK(xml_error(empty).empty());
    CHECK(empty.find("no candidate with a cost") != std::string::npos);
}
