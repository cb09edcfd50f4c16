#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and show what
# actforge does with a formula.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh" build
"$root/scripts/build.sh"
bin="${ACTFORGE_BUILD_DIR:-$root/build}/bin/actforge"
run() { echo; echo "\$ actforge $*"; "$bin" "$@"; }
run inspect 'a*sigmoid(x) + b where a=1, b=0' --at -2,0,2
run inspect 'x*tanh(softplus(x))' --at -1,0,1
run export 'a*swish(x) + sinc(x) where a=1.5' --format latex
run export 'a*swish(x) + sinc(x) where a=1.5' --format pytorch
