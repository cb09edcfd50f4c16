#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, run a co-design
# campaign on Fashion-MNIST (functions per layer, depth, widths and learning
# rate evolved together, successive halving; at most 4 minutes of search on
# 2 cores), show its hall of fame and Pareto front, and replay the top 3
# against ReLU and Swish (on the default network and on each candidate's
# own) on the held-out test split.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh" demo
"$root/scripts/build.sh"
bin="${ACTFORGE_BUILD_DIR:-$root/build}/bin/actforge"
out="${ACTFORGE_DEMO_DIR:-$root/runs/demo}"
run() { echo; echo "\$ actforge $*"; "$bin" "$@"; }
run discover --out "$out" --population 96 --islands 2 --generations 60 --threads 2 --time-budget 4m \
    --per-layer --codesign --depth 1-3 --widths 32,64,128,256 --rungs 3 \
    --seed-formulas 'relu;swish;a*sigmoid(x) + b where a=1, b=0'
run replay "$out" --top 3 --seeds 3 --baselines relu,swish --threads 2
run export "$out" --rank 1 --format pytorch
echo
echo "The campaign folder $out holds hall_of_fame.csv, pareto_front.csv, evaluations.jsonl, fitness.svg"
echo "and functions.svg."
echo "Run the discover command again with a larger --generations to extend it."
