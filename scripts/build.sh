#!/usr/bin/env bash
# Configures and builds actforge into build/ (or $ACTFORGE_BUILD_DIR) with two jobs:
# every target, or only $ACTFORGE_BUILD_TARGET when it is set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${ACTFORGE_BUILD_DIR:-$root/build}"
# Ninja for a new build directory: it compiles every target's sources as soon
# as their headers exist, where Make waits for each library to be linked.
generator=()
if [[ ! -f "$build/CMakeCache.txt" ]] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build" -j2 ${ACTFORGE_BUILD_TARGET:+--target "$ACTFORGE_BUILD_TARGET"}
