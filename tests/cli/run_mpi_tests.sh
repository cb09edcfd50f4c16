#!/usr/bin/env bash
# End-to-end tests of actforge under mpirun. Usage: run_mpi_tests.sh PATH/TO/actforge [MPIRUN]
# Campaigns on 1, 2 and 3 ranks (and replay and darts on 3) equal the thread backend's; a campaign whose
# worker or rank 0 is killed resumes to the same result, losing no logged
# training; ranks with other data, or none, are refused by name.
# Prints "N passed, N failed"; exits 77 (skipped) when mpirun is missing.
set -u
BIN="$1"
MPIRUN="${2:-mpirun}"
if ! command -v "$MPIRUN" >/dev/null 2>&1; then
    echo "skipped: $MPIRUN not found (apt-get install openmpi-bin)"
    exit 77
fi
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 # CI runs as root
# When a rank fails, mpirun ends the others with SIGTERM and then SIGKILL,
# waiting 1 s before each by default: 2 s of idle for every job below that
# fails on purpose. actforge has no SIGTERM handler, so nothing is lost.
export OMPI_MCA_odls_base_sigkill_timeout=0
mpi() { local n="$1"; shift; "$MPIRUN" --oversubscribe -np "$n" "$@"; }

# Two campaign folders hold the same results: hall of fame, checkpoint and
# the log's lines (in any order), every measured time left out.
same_campaign() {
    $PY - "$1" "$2" <<'PY'
import json, sys
def strip(o):
    if isinstance(o, dict): return {k: strip(v) for k, v in o.items() if k not in ("seconds", "elapsed_seconds")}
    if isinstance(o, list): return [strip(v) for v in o]
    return o
def load(d, f): return strip(json.load(open(f"{d}/{f}")))
def log(d): return sorted(json.dumps(strip(json.loads(l)), sort_keys=True) for l in open(f"{d}/evaluations.jsonl"))
a, b = sys.argv[1:3]
problems = [f for f in ("hall_of_fame.json", "checkpoint.json") if load(a, f) != load(b, f)]
if log(a) != log(b): problems.append("evaluations.jsonl")
if not load(a, "hall_of_fame.json")["entries"]: problems.append("empty hall of fame")
print(" ".join(problems)); sys.exit(1 if problems else 0)
PY
}

GENERATIONS=8
ARGS=(--task spirals --train 600 --val 300 --hidden 8 --epochs 40 --population 12 --generations "$GENERATIONS"
      --seed 3 --verify-seeds 2 --verify-top 2 --baselines relu,tanh)
"$BIN" discover --out "$WORK/threads" "${ARGS[@]}" --threads 2 >/dev/null 2>&1 && ok || fail "the thread backend's campaign"
for np in 1 2 3; do
    if mpi "$np" "$BIN" discover --out "$WORK/np$np" "${ARGS[@]}" --threads 1 >"$WORK/np$np.out" 2>&1; then
        why=$(same_campaign "$WORK/threads" "$WORK/np$np") && ok || fail "-np $np differs from the thread backend in: $why"
    else
        fail "discover on $np ranks: $(tail -3 "$WORK/np$np.out")"
    fi
done
grep -q "on 2 MPI worker rank(s)" "$WORK/np3.out" && ok || fail "discover says it runs on 2 worker ranks"

# replay (with a transfer task: a second backend, a second start-up check) on 3 ranks and on threads
RARGS=(--top 2 --seeds 2 --baselines relu,tanh --train 300 --epochs 4 --transfer circles)
"$BIN" replay "$WORK/threads" "${RARGS[@]}" --threads 2 >/dev/null 2>&1 && cp "$WORK/threads/replay.json" "$WORK/replay_threads.json"
mpi 3 "$BIN" replay "$WORK/threads" "${RARGS[@]}" --threads 1 >/dev/null 2>&1 && ok || fail "replay on 3 ranks"
$PY - "$WORK/replay_threads.json" "$WORK/threads/replay.json" <<'PY' && ok || fail "replay on 3 ranks equals replay on threads"
import json, sys
def strip(o):
    if isinstance(o, dict): return {k: strip(v) for k, v in o.items() if k != "seconds"}
    if isinstance(o, list): return [strip(v) for v in o]
    return o
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
sys.exit(0 if a == b and len(a["results"]) == 4 and len(a["transfer"]) == 1 else 1)
PY

# darts: the supernet trains on rank 0, its candidates' retraining on the workers
DARGS=(--task spirals --train 300 --val 200 --hidden 12,12 --epochs 4 --per-layer --top 2 --verify-seeds 2
       --functions 'tanh(x);relu(x);x*sigmoid(b*x) where b=1')
"$BIN" darts --out "$WORK/darts_threads" "${DARGS[@]}" --threads 2 >/dev/null 2>&1
if mpi 3 "$BIN" darts --out "$WORK/darts_np3" "${DARGS[@]}" --threads 1 >"$WORK/darts.out" 2>&1; then
    why=$(same_campaign "$WORK/darts_threads" "$WORK/darts_np3") && cmp -s "$WORK/darts_threads/alphas.csv" "$WORK/darts_np3/alphas.csv" \
        && ok || fail "darts on 3 ranks differs from darts on threads: $why"
else
    fail "darts on 3 ranks: $(tail -3 "$WORK/darts.out")"
fi

# kill -9 of a rank mid-campaign ends the job (Open MPI); the same command
# again resumes and ends with the uninterrupted result. Every line logged
# before the kill is kept, and none is trained twice.
pid_of_rank() { # pid_of_rank CAMPAIGN_FOLDER RANK: the rank's process (mpirun has no rank)
    local p
    for p in $(pgrep -f -- "--out $1 "); do
        tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2" && echo "$p"
    done
}
for rank in 1 0; do
    K="$WORK/killed_rank$rank"
    mpi 3 "$BIN" discover --out "$K" "${ARGS[@]}" --threads 1 >/dev/null 2>&1 &
    launcher=$!
    victim=""
    for _ in $(seq 1 1000); do # until a generation is saved and the next one is under way
        [[ -z "$victim" ]] && victim=$(pid_of_rank "$K" "$rank")
        [[ -n "$victim" && -s "$K/checkpoint.json" ]] && [[ $(wc -l < "$K/evaluations.jsonl") -gt 14 ]] && break
        sleep 0.01
    done
    [[ -n "$victim" ]] && kill -9 "$victim"
    wait "$launcher"; rc=$?
    saved=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['generation'])" "$K/checkpoint.json")
    [[ $rc -ne 0 && $saved -lt $GENERATIONS ]] && ok \
        || fail "kill -9 of rank $rank (pid '$victim') came after the campaign ended (generation $saved); lengthen it"
    cp "$K/evaluations.jsonl" "$WORK/logged_before.jsonl"
    mpi 3 "$BIN" discover --out "$K" "${ARGS[@]}" --threads 1 >/dev/null 2>&1 && ok || fail "rerun after killing rank $rank"
    why=$(same_campaign "$WORK/threads" "$K") && ok || fail "killed rank $rank, resumed: differs in $why"
    $PY - "$WORK/logged_before.jsonl" "$K/evaluations.jsonl" <<'PY' && ok || fail "killed rank $rank: a logged training was lost or retrained"
import sys
before = [l for l in open(sys.argv[1]) if l.endswith("\n")]  # a torn last line was never a finished training
after = open(sys.argv[2]).readlines()
sys.exit(0 if before and after[:len(before)] == before else 1)
PY
done

# A rank whose data differ from rank 0's is refused, naming it: the same
# relative CSV path in two working directories, with other numbers.
mkdir -p "$WORK/a" "$WORK/b"
printf 'u,v,label\n' | tee "$WORK/a/d.csv" > "$WORK/b/d.csv"
for i in $(seq 1 60); do
    echo "$((i % 7)),$((i % 5)),c$((i % 3))" >> "$WORK/a/d.csv"
    echo "$((i % 7)),$(((i + 1) % 5)),c$((i % 3))" >> "$WORK/b/d.csv"
done
CSV_ARGS=(--task csv:d.csv --hidden 8 --epochs 2 --population 4 --generations 1)
"$MPIRUN" --oversubscribe -np 1 -wdir "$WORK/a" "$BIN" discover --out "$WORK/mismatch" "${CSV_ARGS[@]}" : \
          -np 1 -wdir "$WORK/b" "$BIN" discover --out "$WORK/mismatch" "${CSV_ARGS[@]}" >"$WORK/mismatch.out" 2>&1
rc=$?
[[ $rc -ne 0 ]] && grep -q "rank 1 on host .* loaded task 'csv:d.csv' with other data or settings than rank 0" "$WORK/mismatch.out" \
    && ok || fail "other data on rank 1 is refused (rc=$rc): $(head -3 "$WORK/mismatch.out")"
[[ ! -e "$WORK/mismatch/evaluations.jsonl" || ! -s "$WORK/mismatch/evaluations.jsonl" ]] && ok || fail "nothing trained with mismatched data"
"$MPIRUN" --oversubscribe -np 2 -wdir "$WORK/a" "$BIN" discover --out "$WORK/matched" "${CSV_ARGS[@]}" >/dev/null 2>&1 \
    && ok || fail "the same data on both ranks is accepted"

# A rank without Fashion-MNIST fails at start-up with the Debian package name.
if [[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]]; then
    FM_ARGS=(--out "$WORK/nodata" --train 1000 --val 1000 --population 4 --generations 1)
    "$MPIRUN" --oversubscribe -np 1 "$BIN" discover "${FM_ARGS[@]}" : \
              -np 1 env ACTFORGE_FASHION_MNIST_DIR="$WORK/empty" "$BIN" discover "${FM_ARGS[@]}" >"$WORK/nodata.out" 2>&1
    rc=$?
    [[ $rc -ne 0 ]] && grep -q "rank 1 on host .* could not load the task: .*apt-get install dataset-fashion-mnist" "$WORK/nodata.out" \
        && ok || fail "a rank without the data names the package (rc=$rc): $(head -3 "$WORK/nodata.out")"
else
    echo "skip: Fashion-MNIST is not installed (dataset-fashion-mnist); the missing-data check needs it on rank 0" >&2
fi

# Only rank 0 speaks: --help and commands that do not train run once.
[[ $(mpi 3 "$BIN" discover --help 2>/dev/null | grep -c "^usage: actforge discover") -eq 1 ]] && ok || fail "discover --help printed once"
# inspect on 2 ranks prints what it prints without mpirun, once.
mpi 2 "$BIN" inspect 'tanh(x)' >"$WORK/inspect_np2.txt" 2>/dev/null
[[ $(grep -c "tanh" "$WORK/inspect_np2.txt") -ge 1 ]] && cmp -s "$WORK/inspect_np2.txt" <("$BIN" inspect 'tanh(x)') \
    && ok || fail "inspect runs on rank 0 alone"

finish
