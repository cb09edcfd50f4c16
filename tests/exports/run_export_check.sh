#!/usr/bin/env bash
# The exports of many random and fuzzed formulas, run in PyTorch and SymPy
# with Debian's /usr/bin/python3, and of every primitive with constant
# arguments in every format (check_exports.py says what is checked).
# Usage: run_export_check.sh WRITER CORPUS_DIR
# Exits 77 (a skip for ctest) when torch or sympy is not installed there.
set -euo pipefail
if [[ ! -x /usr/bin/python3 ]]; then echo "skip: /usr/bin/python3 is not installed" >&2; exit 77; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$1" "$2" 300 > "$work/samples.json"
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/check_exports.py" "$work/samples.json"
