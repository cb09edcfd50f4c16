#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, run a default
# discovery campaign on Fashion-MNIST (at most 4 minutes of search on 2
# cores), show its hall of fame, and replay the top 3 against ReLU on the
# held-out test split.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh" demo
"$root/scripts/build.sh"
bin="${ACTFORGE_BUILD_DIR:-$root/build}/bin/actforge"
out="${ACTFORGE_DEMO_DIR:-$root/runs/demo}"
run() { echo; echo "\$ actforge $*"; "$bin" "$@"; }
run discover --out "$out" --population 96 --islands 2 --generations 40 --threads 2 --time-budget 4m \
    --seed-formulas 'relu;swish;a*sigmoid(x) + b where a=1, b=0'
run replay "$out" --top 3 --seeds 3 --baselines relu --threads 2
run export "$out" --rank 1 --format pytorch
echo
echo "The campaign folder $out holds hall_of_fame.csv, evaluations.jsonl, fitness.svg and functions.svg."
echo "Run the discover command again with a larger --generations to extend it."
