#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and run a
# discovery campaign as bench_fidelity's figures advise: five minutes of
# search on 2 cores on the deep Fashion-MNIST MLP (784-48x6-10: it ranks
# functions most like full trainings do per CPU-second), each score the mean
# of 2 trainings, the best 5 candidates verified with 5 more seeds against
# ReLU, Swish, GELU, SELU and tanh. Then the top 3 are replayed with 10 seeds
# on the full training split and the held-out test split against the same
# baselines, and transferred to the default 784-64-64-10 MLP and to the 8x8
# digits CSV; the winner is exported as a PyTorch module, and the campaign
# is summed up in one HTML page, report.html.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh" demo
"$root/scripts/build.sh"
bin="${ACTFORGE_BUILD_DIR:-$root/build}/bin/actforge"
out="${ACTFORGE_DEMO_DIR:-$root/runs/demo}"
seed="${ACTFORGE_DEMO_SEED:-1}"
run() { echo; echo "\$ actforge $*"; "$bin" "$@"; }
# The digits CSV as actforge reads it: a header row, the label last.
digits="$(dirname "$out")/digits.csv"
mkdir -p "$(dirname "$out")"
{ printf 'p%d,' $(seq 0 63); echo digit; zcat /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz; } > "$digits"
run discover --out "$out" --task fashion-mnist-deep --population 64 --islands 2 --generations 500 --threads 2 \
    --time-budget 5m --eval-seeds 2 --verify-seeds 5 --verify-top 5 --seed "$seed" \
    --seed-formulas 'relu;swish;tanh;a*tanh(b*x) where a=1, b=1'
run replay "$out" --top 3 --seeds 10 --threads 2 --transfer "fashion-mnist,csv:$digits"
run export "$out" --rank 1 --format pytorch
run report "$out"
echo
echo "Open $out/report.html in a browser: the campaign on one page (progress, verified hall of fame with"
echo "each function's plot, replay and transfer tables, export commands). The folder also holds"
echo "hall_of_fame.csv, replay.csv and evaluations.jsonl. Run the discover command again with a larger"
echo "--time-budget to extend it."
