#!/usr/bin/env bash
# Command 2 of the README: install what is missing, build, run every test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh" test
ACTFORGE_BUILD_TARGET=actforge_tests "$root/scripts/build.sh" # what the tests run, not the benchmarks
ctest --test-dir "${ACTFORGE_BUILD_DIR:-$root/build}" --output-on-failure -j2
