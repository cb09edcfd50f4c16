// The report page's frame: styles and the one script, both inline so the
// file stands alone (no network, attachable to a mail).
#include "actforge/evolution/plots/plots.hpp"
#include "actforge/evolution/report/html.hpp"

#include <fmt/format.h>

namespace actforge::evolution {
namespace {

constexpr std::string_view kStyle = R"css(
body { font-family: sans-serif; margin: 1.5em auto; max-width: 1100px; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.25em 0.6em; text-align: left; vertical-align: middle; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort=ascending]::after { content: " \25B2"; }
table.sortable th[aria-sort=descending]::after { content: " \25BC"; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
code, pre { font-family: monospace; font-size: 0.95em; }
pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
p.note { background: #fff8e1; border-left: 4px solid #f0b400; padding: 0.4em 0.7em; }
svg { max-width: 100%; height: auto; }
div.plots { display: flex; flex-wrap: wrap; gap: 1em; }
div.plots > div { flex: 1 1 480px; min-width: 0; }
td svg { display: block; }
)css";

// Sorts a table by a column on a click on its header (again: the other
// way), or on load from #sort=TABLE:KEY[:asc|desc]. Missing values go last.
constexpr std::string_view kScript = R"js(
(function () {
  function value(cell, numeric) {
    var v = cell ? cell.getAttribute('data-sort') : null;
    if (v === null || v === '') return null;
    return numeric ? parseFloat(v) : v.toLowerCase();
  }
  function sortTable(table, th, dir) {
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'number';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a.cells[col], numeric), y = value(b.cells[col], numeric);
      if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1);
      var c = x < y ? -1 : (x > y ? 1 : 0);
      return dir === 'desc' ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir === 'desc' ? 'descending' : 'ascending');
    table.setAttribute('data-sorted', th.getAttribute('data-key') + ':' + dir);
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.addEventListener('click', function () {
        sortTable(table, th, th.getAttribute('aria-sort') === 'ascending' ? 'desc' : 'asc');
      });
    });
  });
  var m = /^#sort=([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)(?::(asc|desc))?$/.exec(window.location.hash);
  if (m) {
    var table = document.getElementById(m[1]);
    var th = table && table.querySelector('th[data-key="' + m[2] + '"]');
    if (!th) throw new Error('#sort: no column ' + m[2] + ' in table ' + m[1]);
    sortTable(table, th, m[3] || 'asc');
  }
  document.documentElement.setAttribute('data-report-script', 'ok');
})();
)js";

// First in <head>, so it also catches errors of the main script.
constexpr std::string_view kErrorHook =
    "window.onerror = function (message) {\n"
    "  document.documentElement.setAttribute('data-script-error', String(message));\n"
    "};\n";

} // namespace

std::string page_html(std::string_view title, std::string_view body) {
    return fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>{}</title>\n<script>\n{}</script>\n<style>{}</style>\n</head>\n<body>\n{}"
                       "<script>{}</script>\n</body>\n</html>\n",
                       xml_escape(title), kErrorHook, kStyle, body, kScript);
}

} // namespace actforge::evolution
