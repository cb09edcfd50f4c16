#pragma once
// Building blocks of the report page: tables whose columns sort in the
// page, sections, notes and inline SVG. Text is escaped here (xml_escape,
// which is also valid HTML); a cell's `html` is markup that callers built
// from escaped text.
#include <string>
#include <string_view>
#include <vector>

namespace actforge::evolution {

struct TableCell {
    std::string html;
    // What the column sorts by: a number for numeric columns, text
    // otherwise; empty for a missing value (sorted last either way).
    std::string sort;
};

// Escaped text that sorts as itself.
[[nodiscard]] TableCell text_cell(std::string_view text);
// `shown` (escaped) sorting by `value`; a non-finite value shows "–" and
// sorts last.
[[nodiscard]] TableCell number_cell(double value, std::string_view shown);
// A formula in code style.
[[nodiscard]] TableCell code_cell(std::string_view text);

struct TableColumn {
    std::string key;   // names the column in the page (data-key) and in #sort=TABLE:KEY
    std::string title; // the header text
    bool numeric = false;
    std::string help; // a tooltip; may be empty
};

struct HtmlTable {
    std::string id; // the table's id in the page; sortable when not empty
    std::vector<TableColumn> columns;
    std::vector<std::vector<TableCell>> rows; // one cell per column
};

// A <table>; each cell carries data-col (its column's key) and data-sort.
[[nodiscard]] std::string table_html(const HtmlTable& table);

// <section id=ID><h2>TITLE</h2>BODY</section>
[[nodiscard]] std::string section_html(std::string_view id, std::string_view title, std::string_view body);

// A paragraph saying what is missing or noteworthy (escaped).
[[nodiscard]] std::string note_html(std::string_view text);

// An SVG document from plots.hpp, ready to sit in HTML: its XML
// declaration dropped.
[[nodiscard]] std::string inline_svg(std::string_view svg_document);

// Plots side by side where the page is wide enough (SVG documents from plots.hpp).
[[nodiscard]] std::string plot_row_html(const std::vector<std::string>& svg_documents);

// The whole page: doctype, styles, `body`, and the script that sorts
// tables (click a header, or open the page with #sort=TABLE:KEY[:desc]).
// The script marks the <html> element with data-report-script="ok" once it
// has run, and any script error with data-script-error.
[[nodiscard]] std::string page_html(std::string_view title, std::string_view body);

} // namespace actforge::evolution
