#!/usr/bin/env bash
# The campaign report in a real browser: a small finished campaign (co-design
# with successive halving, then replay) is reported and opened in headless
# Chromium. Checks that the DOM holds the hall-of-fame rows with the formulas
# `export --format infix` prints, that every SVG plot draws paths, that sorting
# (by #sort= on load and by a click on a header) reorders the rows, and that
# no script failed. The screenshot and the page stay in ARTIFACTS.
# Usage: run_browser_test.sh PATH/TO/actforge ARTIFACTS
# Exits 77 (skipped) when chromium is not installed.
set -u
BIN="$1"
ARTIFACTS="$2"
PY=/usr/bin/python3
if ! command -v chromium >/dev/null 2>&1; then
    echo "SKIP: chromium is not installed; scripts/deps.sh test installs it (Debian package chromium)"
    exit 77
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$ARTIFACTS"
fail() { echo "FAIL: $*" >&2; exit 1; }

C="$WORK/campaign"
"$BIN" discover --out "$C" --task spirals --train 300 --val 200 --epochs 3 --population 10 --generations 3 \
    --threads 2 --per-layer --codesign --depth 1-2 --widths 4,8,16 --rungs 2 --eta 2 \
    --verify-seeds 2 --verify-top 2 --baselines relu,tanh >/dev/null 2>&1 || fail "discover"
"$BIN" replay "$C" --top 2 --seeds 2 --baselines relu,tanh --threads 2 >/dev/null 2>&1 || fail "replay"
"$BIN" report "$C" --top 3 >"$WORK/report.out" 2>&1 || fail "report: $(cat "$WORK/report.out")"
PAGE="$C/report.html"
[[ -s "$PAGE" ]] || fail "no report.html"
cp "$PAGE" "$ARTIFACTS/report.html"

# What the rows must say: each rank's functions as `export --format infix` prints them.
rows=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entries"]))' "$C/hall_of_fame.json")
[[ $rows -ge 2 ]] || fail "the campaign has $rows hall-of-fame entries; the sort checks need two"
for r in $(seq 1 "$rows"); do "$BIN" export "$C" --rank "$r" --format infix 2>/dev/null; done >"$WORK/expected.txt"

rm -f "$ARTIFACTS/report.png"
# A variant of the page whose last script clicks the "size" header, as a user would.
sed 's|</body>|<script>document.querySelector("#hall-of-fame th[data-key=size]").click();</script></body>|' \
    "$PAGE" >"$WORK/click.html"
# The three pages' DOMs after their scripts ran, in one Chromium (browse.py
# says how): as written (with the screenshot), sorted by #sort= on load, clicked.
$PY "$(dirname "${BASH_SOURCE[0]}")/browse.py" chromium "$WORK/profile" "$ARTIFACTS/report.png" \
    "file://$PAGE" "$WORK/default.html" \
    "file://$PAGE#sort=hall-of-fame:rank:desc" "$WORK/by_rank_desc.html" \
    "file://$WORK/click.html" "$WORK/clicked.html" || fail "chromium"
[[ $(stat -c %s "$ARTIFACTS/report.png" 2>/dev/null || echo 0) -gt 20000 ]] || fail "no screenshot"

$PY - "$WORK" "$PAGE" <<'PY' || exit 1
import sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    """The root's attributes, the hall-of-fame rows (column -> text), the svgs' path data."""
    def __init__(self):
        super().__init__()
        self.root, self.rows, self.svgs, self.sections = {}, [], [], []
        self.table = None; self.cell = None; self.in_hall = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html": self.root = a
        if tag == "section": self.sections.append(a.get("id"))
        if tag == "table": self.in_hall = a.get("id") == "hall-of-fame"; self.table = a
        if tag == "tr" and self.in_hall: self.rows.append({})
        if tag == "td" and self.in_hall and self.rows: self.cell = a.get("data-col"); self.rows[-1][self.cell] = ""
        if tag == "svg": self.svgs.append([])
        if tag == "path" and self.svgs: self.svgs[-1].append(a.get("d", ""))
    def handle_endtag(self, tag):
        if tag == "td": self.cell = None
        if tag == "table": self.in_hall = False
    def handle_data(self, data):
        if self.in_hall and self.cell and self.cell != "plot": self.rows[-1][self.cell] += data

def load(name):
    d = Dom(); d.feed(open(f"{sys.argv[1]}/{name}", encoding="utf-8").read())
    d.rows = [r for r in d.rows if r]  # the header row has no cells
    return d

def check(ok, what):
    if not ok: print("FAIL:", what, file=sys.stderr); sys.exit(1)

expected = open(f"{sys.argv[1]}/expected.txt", encoding="utf-8").read().splitlines()
page = open(sys.argv[2], encoding="utf-8").read()
check("https://" not in page and "src=" not in page and page.count("http://") == page.count("http://www.w3.org/2000/svg"),
      "the page is self-contained (no network references)")

for name in ("default.html", "by_rank_desc.html", "clicked.html"):
    d = load(name)
    check(d.root.get("data-report-script") == "ok", f"{name}: the page's script ran to the end")
    check("data-script-error" not in d.root, f"{name}: script error {d.root.get('data-script-error')}")

d = load("default.html")
check([r["formula"] for r in d.rows] == expected, f"hall-of-fame formulas {[r['formula'] for r in d.rows]} != {expected}")
check([int(r["rank"]) for r in d.rows] == list(range(1, len(expected) + 1)), "ranks in order")
for s in ("campaign", "progress", "hall-of-fame-section", "top-functions", "pareto", "replay", "reproduce"):
    check(s in d.sections, f"section {s}")
check(len(d.svgs) >= len(expected) + 5, f"{len(d.svgs)} svgs: a thumbnail per row, progress, functions, front")
for i, paths in enumerate(d.svgs):
    check(any(p.startswith("M") for p in paths), f"svg {i} draws a path")
lines = sum(any(p.startswith("M") and "L" in p for p in paths) for paths in d.svgs)
check(lines >= len(expected) + 3, f"only {lines} svgs draw lines")  # a one-point Pareto front is a dot

r = load("by_rank_desc.html")
check([int(x["rank"]) for x in r.rows] == list(range(len(expected), 0, -1)), "#sort=hall-of-fame:rank:desc reverses the rows")
check([x["formula"] for x in r.rows] == expected[::-1], "the formulas move with their rows")

c = load("clicked.html")
sizes = [int(x["size"]) for x in c.rows]
check(sizes == sorted(sizes), f"a click on 'size' sorts ascending: {sizes}")
check(sorted(x["formula"] for x in c.rows) == sorted(expected), "sorting keeps every row")
check('data-sorted="size:asc"' in open(f"{sys.argv[1]}/clicked.html").read(), "the table says how it is sorted")
print(f"report in chromium: {len(expected)} rows, {len(d.svgs)} plots, sorted by rank and by a click")
PY
