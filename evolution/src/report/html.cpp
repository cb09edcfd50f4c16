#include "actforge/evolution/report/html.hpp"

#include "actforge/evolution/plots/plots.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution {

TableCell text_cell(std::string_view text) { return {xml_escape(text), std::string(text)}; }

TableCell number_cell(double value, std::string_view shown) {
    if (!std::isfinite(value)) return {"\u2013", ""};
    return {xml_escape(shown), fmt::format("{:.17g}", value)};
}

TableCell code_cell(std::string_view text) {
    return {fmt::format("<code>{}</code>", xml_escape(text)), std::string(text)};
}

std::string table_html(const HtmlTable& table) {
    std::string out = table.id.empty() ? "<table>" : fmt::format(R"(<table id="{}" class="sortable">)", table.id);
    out += "<thead><tr>";
    for (const TableColumn& c : table.columns) {
        out += fmt::format(
            R"(<th data-key="{}"{}{}>{}</th>)", xml_escape(c.key), c.numeric ? R"( data-type="number")" : "",
            c.help.empty() ? "" : fmt::format(R"( title="{}")", xml_escape(c.help)), xml_escape(c.title));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size() && i < table.columns.size(); ++i) {
            out += fmt::format(R"(<td data-col="{}" data-sort="{}"{}>{}</td>)", xml_escape(table.columns[i].key),
                               xml_escape(row[i].sort), table.columns[i].numeric ? R"( class="num")" : "", row[i].html);
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

std::string section_html(std::string_view id, std::string_view title, std::string_view body) {
    return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", xml_escape(id), xml_escape(title), body);
}

std::string note_html(std::string_view text) { return fmt::format("<p class=\"note\">{}</p>\n", xml_escape(text)); }

std::string inline_svg(std::string_view svg_document) {
    if (svg_document.starts_with("<?xml")) {
        const std::size_t end = svg_document.find("?>");
        if (end != std::string_view::npos) svg_document.remove_prefix(end + 2);
    }
    while (!svg_document.empty() && (svg_document.front() == '\n' || svg_document.front() == ' '))
        svg_document.remove_prefix(1);
    return std::string(svg_document);
}

std::string plot_row_html(const std::vector<std::string>& svg_documents) {
    std::string out = "<div class=\"plots\">\n";
    for (const std::string& svg : svg_documents) out += fmt::format("<div>{}</div>\n", inline_svg(svg));
    return out + "</div>\n";
}

} // namespace actforge::evolution
