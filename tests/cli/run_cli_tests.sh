#!/usr/bin/env bash
# End-to-end tests of the actforge command line. Usage: run_cli_tests.sh PATH/TO/actforge
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
BIN="$1"
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"

# --help everywhere, exit 0
check "program --help" "$BIN" --help
check "inspect --help" "$BIN" inspect --help
check "export --help" "$BIN" export --help
check_fails "unknown command" "unknown command" "$BIN" nope

# inspect --json: exactly one object with the documented fields
"$BIN" inspect 'a*sigmoid(x) + b where a=1, b=0' --at -1,0,2 --json > "$WORK/i.json"
json_check "inspect json fields" \
  'set(j) == {"input","simplified","nodes","depth","parameters","points"} and j["parameters"] == {"a":1.0,"b":0.0} and len(j["points"]) == 3 and abs(j["points"][1]["f"] - 0.5) < 1e-12 and abs(j["points"][1]["df"] - 0.25) < 1e-12' < "$WORK/i.json"
"$BIN" inspect 'log(x)' --at 0,1 --json > "$WORK/log.json"
json_check "non-finite values are null" 'j["points"][0]["f"] is None and j["points"][1]["f"] == 0.0' < "$WORK/log.json"
check "inspect text" "$BIN" inspect 'swish(x)'

# errors: one line, non-zero, with the column
check_fails "unbalanced" "column 7" "$BIN" inspect 'tanh(x'
check_fails "unknown function" "column 5" "$BIN" inspect 'x + foo(x)'
check_fails "bad --at" "--at" "$BIN" inspect x --at 1,zz
check_fails "unknown format" "onnx" "$BIN" export x --format onnx
check_fails "formula starting with minus" "after '--'" "$BIN" inspect -x
check "formula after --" "$BIN" inspect -- -x

# export: every format; a file is only replaced by a complete one
for f in infix latex sympy pytorch cpp json; do
    check "export $f" "$BIN" export 'a*swish(x) + sinc(x) where a=1.5' --format "$f" --out "$WORK/out.$f"
done
[[ "$(cat "$WORK/out.infix")" == "a*swish(x) + sinc(x) where a=1.5" ]] && ok || fail "infix export round trip"
echo "keep me" > "$WORK/keep.txt"
"$BIN" export 'tanh(' --format latex --out "$WORK/keep.txt" 2>/dev/null
[[ "$(cat "$WORK/keep.txt")" == "keep me" ]] && ok || fail "a failed export left the existing file alone"

# The C++ export compiles and agrees with inspect
FORMULA='a*swish(x) + sinc(x) - 0.5*max(x, 0.25) + bessel_i1e(x) + 9*bessel_i0e(12*x) where a=1.5' # 12*x: both Bessel branches
"$BIN" export "$FORMULA" --format cpp --out "$WORK/act.hpp"
cat > "$WORK/main.cpp" <<'CPP'
#include "act.hpp"
#include <cstdio>
int main() { for (float x : {-2.0f, 0.0f, 0.7f, 3.0f}) std::printf("%.9g\n", activation(x)); }
CPP
if c++ -std=c++20 -o "$WORK/act" "$WORK/main.cpp" 2>"$WORK/cc.log"; then
    ok
    "$BIN" inspect "$FORMULA" --at -2,0,0.7,3 --json > "$WORK/ref.json"
    "$WORK/act" > "$WORK/act.txt"
    $PY -c "
import json,sys
ref=[p['f'] for p in json.load(open('$WORK/ref.json'))['points']]
got=[float(l) for l in open('$WORK/act.txt')]
sys.exit(0 if all(abs(a-b) <= 1e-5*(1+abs(a)) for a,b in zip(ref,got)) and len(got)==4 else 1)" && ok || fail "C++ export values"
else
    fail "C++ export compiles: $(head -5 "$WORK/cc.log")"
fi

# The SymPy and PyTorch exports of $FORMULA, and the PyTorch export of
# constant-only subtrees (the other formulas with constant arguments are
# exported in every format by write_export_samples, test exports_run). They
# run in the one python process at the end of this script.
"$BIN" export "$FORMULA" --format sympy --out "$WORK/s.txt" && ok || fail "export sympy"
"$BIN" export "$FORMULA" --format pytorch --out "$WORK/act_torch.py" && ok || fail "export pytorch"
CONSTANTS='min(min(cube(0.5), (x + x)), sqrt(relu(x)))'
"$BIN" export "$CONSTANTS" --format pytorch --out "$WORK/constants_torch.py" \
    && "$BIN" inspect "$CONSTANTS" --json --at -2,-0.5,0.3,1.7 > "$WORK/constants_ref.json" && ok || fail "export $CONSTANTS"

# eval: a quick synthetic task, JSON fields, failures reported as a status
check "eval --help" "$BIN" eval --help
"$BIN" eval 'a*sigmoid(x) + b where a=1, b=0' --task spirals --json > "$WORK/e.json"
json_check "eval json fields" \
  '{"status","val_accuracy","val_loss","seconds","message"} <= set(j) and j["status"] == "ok" and 0 <= j["val_accuracy"] <= 1 and j["seconds"] > 0 and len(j["learned_parameters"]) == 2' < "$WORK/e.json"
"$BIN" eval swish --task spirals --json --seed 3 > "$WORK/e1.json"
"$BIN" eval swish --task spirals --json --seed 3 > "$WORK/e2.json"
$PY -c "import json; a=json.load(open('$WORK/e1.json')); b=json.load(open('$WORK/e2.json')); exit(0 if a['val_loss']==b['val_loss'] else 1)" && ok || fail "eval is deterministic for a seed"
"$BIN" eval 'log(x)' --task spirals --json > "$WORK/bad.json"
json_check "a failing candidate is a status, exit 0" 'j["status"] == "non_finite" and "x =" in j["message"]' < "$WORK/bad.json"
"$BIN" eval swish --task spirals --seeds 3 --threads 2 --json > "$WORK/multi.json"
json_check "several seeds" 'len(j["runs"]) == 3 and j["ok_runs"] == 3 and "val_accuracy_std" in j' < "$WORK/multi.json"
printf 'f1,f2,species\n1,2,a\n2,1,b\n1.5,2.5,a\n2.5,1.5,b\n1,2.2,a\n2.1,1,b\n0.9,2,a\n2,0.9,b\n1.2,2.1,a\n2.2,1.1,b\n' > "$WORK/t.csv"
"$BIN" eval relu --task "csv:$WORK/t.csv" --label-column species --json > "$WORK/csv.json"
json_check "eval on a CSV" 'j["status"] == "ok"' < "$WORK/csv.json"
check_fails "eval unknown task" "imagenet" "$BIN" eval relu --task imagenet
check_fails "eval missing CSV" "nope.csv" "$BIN" eval relu --task csv:/nope.csv
check_fails "eval bad formula" "column" "$BIN" eval 'x +' --task spirals
"$BIN" eval 'x*sigmoid(x)' --task 'teacher:x*sigmoid(x)' --json > "$WORK/teacher.json"
json_check "eval on a planted-answer task" 'j["status"] == "ok" and j["val_accuracy"] > 0.7' < "$WORK/teacher.json"
check_fails "bad teacher formula" "column 16" "$BIN" eval relu --task 'teacher:max(x, )'
"$BIN" --help 2>&1 | grep -q 'teacher:FORMULA' || "$BIN" eval --help 2>&1 | grep -q 'teacher:FORMULA' && ok || fail "--help mentions teacher:FORMULA"
if [[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]]; then
    "$BIN" eval relu --train 2000 --val 1000 --json > "$WORK/fm.json"
    json_check "eval on Fashion-MNIST" 'j["status"] == "ok" and j["val_accuracy"] > 0.6' < "$WORK/fm.json"
fi

# discover, resume, replay, export from the folder
C="$WORK/campaign"
check "discover --help" "$BIN" discover --help
check "replay --help" "$BIN" replay --help
check "discover" "$BIN" discover --out "$C" --task spirals --train 300 --val 200 --population 12 --generations 2 --threads 2 --seed-formulas 'relu;a*tanh(x) where a=1'
for f in config.json checkpoint.json evaluations.jsonl sessions.jsonl hall_of_fame.json hall_of_fame.csv fitness.svg functions.svg; do
    [[ -s "$C/$f" ]] && ok || fail "campaign file $f"
done
json_check "hall of fame" 'len(j["entries"]) > 0 and j["entries"][0]["rank"] == 1 and j["entries"][0]["score"]["status"] == "ok" and len(j["pareto_front"]) >= 1' < "$C/hall_of_fame.json"
check "resume and extend" "$BIN" discover --out "$C" --task spirals --train 300 --val 200 --population 12 --generations 3 --threads 2 --seed-formulas 'relu;a*tanh(x) where a=1'
json_check "extended to 3 generations" 'j["generation"] == 3' < "$C/checkpoint.json"
[[ $(wc -l < "$C/sessions.jsonl") -eq 2 ]] && grep -q '"command":"actforge discover --out .* --seed-formulas '"'"'relu;a\*tanh(x) where a=1'"'"'"' "$C/sessions.jsonl" && ok || fail "sessions.jsonl: one line per run with its command line"
"$BIN" discover --out "$C" --task spirals --train 300 --val 200 --population 12 --generations 3 --threads 2 --seed-formulas 'relu;a*tanh(x) where a=1' 2>/dev/null | grep -q "^report: actforge report " && ok || fail "discover's last lines point to the report"
cp -r "$C" "$WORK/before"
check_fails "a different campaign is refused" "different campaign" "$BIN" discover --out "$C" --task spirals --train 300 --val 200 --population 16 --generations 3
diff -r "$C" "$WORK/before" >/dev/null && ok || fail "a refused folder stays byte-identical"
check_fails "bad primitive" "warp" "$BIN" discover --out "$WORK/c2" --primitives tanh,warp
[[ ! -e "$WORK/c2" ]] && ok || fail "nothing is created for bad settings"
check "replay" "$BIN" replay "$C" --top 2 --seeds 3 --baselines relu,swish --threads 2 --train 300
json_check "replay.json" 'len(j["results"]) == 4 and any(r["label"] == "relu" for r in j["results"]) and "p_vs_relu" in j["results"][0]' < "$C/replay.json"
[[ $(wc -l < "$C/replay.csv") -eq 5 ]] && ok || fail "replay.csv has a header and 4 rows"
check "replay --transfer" "$BIN" replay "$C" --top 1 --seeds 3 --baselines relu,tanh --threads 2 --train 300 --transfer circles
json_check "replay.json has a transfer table with the best baseline" 'len(j["transfer"]) == 1 and j["transfer"][0]["task"].startswith("circles") and len(j["transfer"][0]["results"]) == 3 and j["transfer"][0]["results"][0]["best_baseline"] in ("relu", "tanh") and "p_vs_best" in j["transfer"][0]["results"][0]' < "$C/replay.json"
[[ $(wc -l < "$C/replay.csv") -eq 7 ]] && ok || fail "replay.csv has a header and 3 rows per task"
# The verified hall of fame (discover verifies by default).
json_check "verified hall of fame" '"verification" in j["entries"][0] and j["entries"][0]["verification"]["baseline"] in ("relu","swish","gelu","selu","tanh") and len(j["entries"][0]["verification"]["accuracies"]) == 5 and len(j["baselines"]) == 5 and j["init"] == "he"' < "$C/hall_of_fame.json"
# Task flags apply over the campaign's task without --task too: under a
# time limit no training can meet, every run fails with a timeout.
check "replay --time-limit" "$BIN" replay "$C" --top 1 --seeds 2 --baselines relu --threads 2 --time-limit 1e-9
json_check "replay applies --time-limit" 'len(j["results"]) == 2 and all(r["runs_ok"] == 0 for r in j["results"])' < "$C/replay.json"
# A folder written before multi-seed scores and verification resumes with
# the same command and keeps its meaning.
O="$WORK/older"
cp -r "$C" "$O"
$PY -c "import json,sys; p=sys.argv[1]; c=json.load(open(p)); [c.pop(k) for k in ('eval_seeds','verify_seeds','verify_top','baselines')]; c['task'].pop('init'); json.dump(c, open(p,'w'))" "$O/config.json"
check "an older campaign resumes with the same command" "$BIN" discover --out "$O" --task spirals --train 300 --val 200 --population 12 --generations 4 --threads 2 --seed-formulas 'relu;a*tanh(x) where a=1'
json_check "it kept its meaning" 'j["verify_seeds"] == 0 and j["eval_seeds"] == 1' < "$O/config.json"
# Search strategies: regularized evolution and random search run a campaign
# and resume it; a folder refuses another strategy, and the settings of the
# genetic algorithm are refused for the others.
"$BIN" discover --help | grep -q "regularized  aging evolution" && ok || fail "discover --help lists the strategies"
for s in regularized random rl; do
    S="$WORK/strategy_$s"
    SARGS=(--task circles --train 200 --val 200 --epochs 2 --population 8 --threads 2 --verify-seeds 0 --strategy "$s")
    check "discover --strategy $s" "$BIN" discover --out "$S" "${SARGS[@]}" --generations 2
    json_check "config.json records --strategy $s" "j['strategy'] == '$s' and j['elites'] == 0" < "$S/config.json"
    check "resume --strategy $s" "$BIN" discover --out "$S" "${SARGS[@]}" --generations 3
    json_check "--strategy $s resumed to generation 3" "j['generation'] == 3 and j['strategy'] == '$s' and len(j['hall_of_fame']['entries']) > 0" < "$S/checkpoint.json"
done
cp -r "$WORK/strategy_random" "$WORK/strategy_before"
check_fails "a resume with another strategy is refused" "its search strategy is random, not regularized" "$BIN" discover --out "$WORK/strategy_random" --task circles --train 200 --val 200 --epochs 2 --population 8 --verify-seeds 0 --strategy regularized --generations 4
diff -r "$WORK/strategy_random" "$WORK/strategy_before" >/dev/null && ok || fail "a folder refused for its strategy stays byte-identical"
# Settings left at their defaults take the folder's (a default may have
# changed since the campaign began): without --strategy the random search
# resumes, and says so.
"$BIN" discover --out "$WORK/strategy_random" --task circles --train 200 --val 200 --epochs 2 --population 8 --verify-seeds 0 --generations 4 --threads 2 >/dev/null 2>"$WORK/adopt.err" \
    && grep -q "note: resuming with the folder's settings where the command gives none: .*strategy = \"random\"" "$WORK/adopt.err" && ok || fail "a resume without --strategy takes the folder's: $(cat "$WORK/adopt.err")"
json_check "the random search resumed to generation 4" "j['generation'] == 4 and j['strategy'] == 'random'" < "$WORK/strategy_random/checkpoint.json"
# A flag given is compared, even at its default value, and --task names the task.
RARGS=(--train 200 --val 200 --epochs 2 --verify-seeds 0 --generations 5)
check_fails "an explicit --strategy ga is compared" "its search strategy is random, not ga" "$BIN" discover --out "$WORK/strategy_random" --task circles --population 8 "${RARGS[@]}" --strategy ga
check_fails "an explicit --population at its default is compared" "population is 8 in the folder but 32 now" "$BIN" discover --out "$WORK/strategy_random" --task circles --strategy random "${RARGS[@]}" --population 32
check_fails "an explicit other --task is refused" "holds a different campaign" "$BIN" discover --out "$WORK/strategy_random" --task spirals --population 8 --strategy random "${RARGS[@]}"
check_fails "unknown strategy" "choose ga, regularized, random" "$BIN" discover --out "$WORK/c7" --strategy annealing
check_fails "islands need the genetic algorithm" "--islands applies to --strategy ga" "$BIN" discover --out "$WORK/c8" --strategy random --islands 2
check_fails "elites need the genetic algorithm" "--elites applies to --strategy ga" "$BIN" discover --out "$WORK/c8" --strategy regularized --elites 1
[[ $(wc -l < "$WORK/strategy_rl/rl_updates.csv") -eq 4 ]] && head -1 "$WORK/strategy_rl/rl_updates.csv" | grep -q "^generation,candidates,failed,mean_reward,baseline,entropy unit1" && ok || fail "rl_updates.csv: a header and one row per update"
check_fails "the RL controller samples one function for all layers" "--per-layer applies to" "$BIN" discover --out "$WORK/c8" --strategy rl --per-layer
check_fails "RL flags need --strategy rl" "--core-units applies to --strategy rl" "$BIN" discover --out "$WORK/c8" --core-units 2
json_check "the RL controller's settings are in the config" "j['rl']['core_units'] == 1 and j['rl']['ppo_epochs'] == 0" < "$WORK/strategy_rl/config.json"
[[ ! -e "$WORK/c7" && ! -e "$WORK/c8" ]] && ok || fail "nothing is created for a bad strategy setting"
# report: one HTML page; it reads the folder and writes only the report
check "report --help" "$BIN" report --help
"$BIN" --help | grep -q "report  *write one self-contained HTML page" && ok || fail "actforge --help lists report"
rm -rf "$WORK/before_report"; cp -r "$C" "$WORK/before_report"
check "report --out elsewhere" "$BIN" report "$C" --out "$WORK/c.html" --top 2
diff -r "$C" "$WORK/before_report" >/dev/null && ok || fail "report --out leaves the campaign folder byte-identical"
grep -q '<table id="hall-of-fame" class="sortable">' "$WORK/c.html" && [[ $(grep -c -- '--format pytorch' "$WORK/c.html") -eq 2 ]] && ok || fail "the report has the hall of fame and the top 2 export commands"
check "report into the folder" "$BIN" report "$C"
[[ "$(diff -r "$C" "$WORK/before_report" 2>&1)" == "Only in $C: report.html" ]] && ok || fail "report writes report.html and nothing else"
check_fails "report of a folder without a campaign" "no config.json" "$BIN" report "$WORK/before_report/.."
check_fails "report without a folder" "missing the campaign folder" "$BIN" report
check "export from a campaign" "$BIN" export "$C" --rank 1 --format pytorch --out "$WORK/best.py"
grep -q "class Activation" "$WORK/best.py" && ok || fail "exported module"
check_fails "rank out of range" "ranks 1 to" "$BIN" export "$C" --rank 99 --format infix

# Co-design: per-layer functions, architecture genes, a cost term and
# successive halving, then replay on the candidate's architecture and a
# whole-network PyTorch export that trains.
D="$WORK/codesign"
check "discover --codesign" "$BIN" discover --out "$D" --task spirals --train 400 --val 300 --epochs 6 --population 16 --generations 3 --threads 2 --per-layer --codesign --depth 1-3 --widths 8,16,32 --lr-range 3e-3:3e-2 --cost-weight 0.01 --rungs 2 --eta 2
json_check "co-designed genomes" 'all(len(e["formula"].split(";")) == len(e["architecture"]["hidden"]) and 1 <= len(e["architecture"]["hidden"]) <= 3 and set(e["architecture"]["hidden"]) <= {8, 16, 32} and e["budget"] == 1.0 for e in j["entries"])' < "$D/hall_of_fame.json"
json_check "Pareto front" 'len(j["pareto_front"]) >= 1 and all(a["cost"] < b["cost"] and a["score"]["accuracy"] < b["score"]["accuracy"] for a, b in zip(j["pareto_front"], j["pareto_front"][1:]))' < "$D/hall_of_fame.json"
[[ -s "$D/pareto_front.csv" ]] && ok || fail "pareto_front.csv"
$PY - "$D/evaluations.jsonl" <<'PY' && ok || fail "successive halving: half the candidates at budget 1/2 promoted"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
low = [l for l in lines if l["rung"] == 0]
full = [l for l in lines if l["rung"] == 1]
sys.exit(0 if low and full and all(l["budget"] == 0.5 for l in low) and len(full) <= len(low) else 1)
PY
check "replay a co-designed campaign" "$BIN" replay "$D" --top 1 --seeds 2 --baselines relu,swish --threads 2
json_check "replay on the candidate's architecture" 'j["results"][0]["label"] == "#1" and any(r["label"] in ("relu", "relu@#1") for r in j["results"]) and all("architecture" in r for r in j["results"])' < "$D/replay.json"
check "export a co-designed network" "$BIN" export "$D" --rank 1 --format pytorch --out "$WORK/net.py"
check "export co-designed functions as C++" "$BIN" export "$D" --rank 1 --format cpp --out "$WORK/net.hpp"
printf '#include "net.hpp"\nint main() { return 0; }\n' > "$WORK/net_main.cpp"
g++ -std=c++20 -fsyntax-only -I "$WORK" "$WORK/net_main.cpp" && ok || fail "the exported header compiles"
check "export a plain campaign's best as the tree's JSON" "$BIN" export "$C" --rank 1 --initial --format json --out "$WORK/best.json"
json_check "plain JSON tree" '"tree" in j and "formula" in j' < "$WORK/best.json"
P="$WORK/perlayer"
check "discover --per-layer" "$BIN" discover --out "$P" --task spirals --train 300 --val 200 --epochs 4 --population 8 --generations 1 --per-layer
check_fails "replay refuses a network with another layer count" "hidden layers" "$BIN" replay "$P" --top 1 --seeds 1 --hidden 8,8,8
M="$WORK/multitask"
check "discover on two tasks" "$BIN" discover --out "$M" --task spirals,circles --train 300 --val 200 --epochs 4 --population 8 --generations 1 --threads 2 --verify-seeds 2 --verify-top 1 --baselines relu,tanh
head -1 "$M/hall_of_fame.csv" | grep -q "accuracy spirals,accuracy circles,verified spirals,verified circles" && ok || fail "hall_of_fame.csv has a column per task"
json_check "multi-task config" 'j["task_names"] == ["spirals", "circles"] and len(j["more_tasks"]) == 1' < "$M/config.json"
check "replay a multi-task campaign" "$BIN" replay "$M" --top 1 --seeds 2 --baselines relu --threads 2
json_check "replay tests on the other task too" 'len(j["transfer"]) == 1' < "$M/replay.json"
check_fails "eval takes one task" "one task" "$BIN" eval relu --task spirals,circles
check_fails "a task named twice" "twice" "$BIN" discover --out "$WORK/twice" --task spirals,spirals
check_fails "architecture flags need --codesign" "add --codesign" "$BIN" discover --out "$WORK/c5" --widths 8,16
[[ ! -e "$WORK/c5" ]] && ok || fail "nothing is created without --codesign"
check_fails "bad depth range" "--depth" "$BIN" discover --out "$WORK/c3" --codesign --depth 3-1
check_fails "bad rungs" "--rungs" "$BIN" discover --out "$WORK/c4" --rungs 0
# Elites fill at most half of an island: a given --elites that does not fit
# is refused; the default 2 becomes 1 on small islands, with a note.
check_fails "too many elites" "at most 1 per island" "$BIN" discover --out "$WORK/c6" --population 6 --islands 2 --elites 2
[[ ! -e "$WORK/c6" ]] && ok || fail "nothing is created for too many elites"
"$BIN" discover --out "$WORK/small" --task spirals --train 200 --val 200 --epochs 1 --population 6 --islands 2 --generations 1 2>"$WORK/small.err" >/dev/null
grep -q "^note: .*1 elite per island" "$WORK/small.err" && ok || fail "a note when the default elites are reduced"
json_check "reduced default elites" 'j["elites"] == 1' < "$WORK/small/config.json"

# SIGKILL in the middle of a campaign loses nothing: the resumed run ends
# with the uninterrupted run's hall of fame.
ARGS=(--task spirals --train 400 --val 200 --hidden 8 --epochs 12 --population 40 --islands 2 --generations 12 --threads 2 --seed 5)
"$BIN" discover --out "$WORK/whole" "${ARGS[@]}" >/dev/null 2>&1
"$BIN" discover --out "$WORK/killed" "${ARGS[@]}" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 200); do  # wait until a few generations are logged, then kill -9
    [[ -s "$WORK/killed/checkpoint.json" ]] && [[ $(wc -l < "$WORK/killed/evaluations.jsonl") -gt 120 ]] && break
    sleep 0.02
done
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
logged=$(wc -l < "$WORK/killed/evaluations.jsonl")
"$BIN" discover --out "$WORK/killed" "${ARGS[@]}" >/dev/null 2>&1
$PY - "$WORK/whole/hall_of_fame.json" "$WORK/killed/hall_of_fame.json" <<'PY' && ok || fail "hall of fame after SIGKILL and resume (killed with $logged evaluations logged)"
import json, sys
a, b = (json.load(open(p))["entries"] for p in sys.argv[1:3])
key = lambda h: [(e["formula"], e["score"]["accuracy"]) for e in h]
sys.exit(0 if key(a) == key(b) and len(a) > 0 else 1)
PY
[[ $(wc -l < "$WORK/killed/evaluations.jsonl") -ge $logged ]] && ok || fail "logged evaluations survive the kill"

# darts: a supernet, its candidates retrained into an ordinary campaign folder
DA="$WORK/darts"
check "darts --help" "$BIN" darts --help
check "darts" "$BIN" darts --out "$DA" --task spirals --train 300 --val 200 --hidden 12,12 --epochs 4 --per-layer --top 2 --verify-seeds 2 --threads 2 --functions 'tanh(x);relu(x);x*sigmoid(b*x) where b=1'
json_check "darts.json has the discretisation gap" '"supernet_validation_accuracy" in j and "argmax_retrained_accuracy" in j and j["max_abs_mixture_minus_argmax"] >= 0 and len(j["candidates"]) >= 2' < "$DA/darts.json"
[[ $(head -1 "$DA/alphas.csv") == "epoch,layer,slot,primitive,temperature,alpha,weight" && $(wc -l < "$DA/alphas.csv") -eq $((1 + 5 * 2 * 3)) ]] && ok || fail "alphas.csv: 5 epochs x 2 layers x 3 functions"
grep -q "<path" "$DA/alphas.svg" && ok || fail "alphas.svg has lines"
"$BIN" darts --out "$WORK/darts1" --task spirals --train 300 --val 200 --hidden 12,12 --epochs 4 --per-layer --top 2 --verify-seeds 2 --threads 1 --functions 'tanh(x);relu(x);x*sigmoid(b*x) where b=1' >/dev/null 2>&1
cmp -s "$DA/alphas.csv" "$WORK/darts1/alphas.csv" && cmp -s "$DA/hall_of_fame.csv" "$WORK/darts1/hall_of_fame.csv" && ok || fail "darts: the same alphas and hall of fame at 1 and 2 threads"
check "replay a darts folder" "$BIN" replay "$DA" --top 1 --seeds 2 --baselines relu --threads 2 --train 300
check "report a darts folder" "$BIN" report "$DA"
grep -q "<h3>DARTS mixture weights</h3>" "$DA/report.html" && [[ $(grep -o "layer [0-9]&apos;s mixture" "$DA/report.html" | sort -u | wc -l) -eq 2 ]] && grep -q "Discretisation gap" "$DA/report.html" && grep -q '"command":"actforge darts --out ' "$DA/sessions.jsonl" && ok || fail "the report of a darts folder plots each layer's mixture weights and the gap"
check "darts again resumes its folder" "$BIN" darts --out "$DA" --task spirals --train 300 --val 200 --hidden 12,12 --epochs 4 --per-layer --top 2 --verify-seeds 2 --threads 2 --functions 'tanh(x);relu(x);x*sigmoid(b*x) where b=1'
# A darts run killed (kill -9) while it retrains its candidates: replay reads
# the folder or refuses it in one line, and the same command again ends with
# the uninterrupted run's hall of fame, mixture weights and gap.
KARGS=(--task spirals --train 300 --val 200 --hidden 12,12 --epochs 4 --top 3 --verify-seeds 12 --threads 1
       --functions 'tanh(x);relu(x);x*sigmoid(b*x) where b=1;sin(x)')
"$BIN" darts --out "$WORK/dk_whole" "${KARGS[@]}" >/dev/null 2>&1
"$BIN" darts --out "$WORK/dk" "${KARGS[@]}" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 4000); do [[ -s "$WORK/dk/evaluations.jsonl" ]] && break; sleep 0.005; done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null; rc=$?
[[ $rc -eq 137 && -s "$WORK/dk/evaluations.jsonl" && ! -e "$WORK/dk/darts.json" ]] && ok \
    || fail "darts killed while retraining (rc=$rc): it had not started retraining, or had ended"
err=$("$BIN" replay "$WORK/dk" --top 1 --seeds 1 --baselines relu --train 300 2>&1 >/dev/null); rc=$?
[[ $rc -eq 0 || ($rc -lt 128 && -n "$err" && $(printf '%s\n' "$err" | wc -l) -eq 1) ]] && ok || fail "replay of a killed darts folder (rc=$rc): $err"
check "darts again after kill -9" "$BIN" darts --out "$WORK/dk" "${KARGS[@]}"
cmp -s "$WORK/dk_whole/hall_of_fame.csv" "$WORK/dk/hall_of_fame.csv" && cmp -s "$WORK/dk_whole/alphas.csv" "$WORK/dk/alphas.csv" \
    && $PY - "$WORK/dk_whole/darts.json" "$WORK/dk/darts.json" <<'PY' && ok || fail "darts killed and run again ends as the uninterrupted run"
import json, sys
a, b = ({k: v for k, v in json.load(open(p)).items() if "seconds" not in k} for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
PY
check "darts with progressive shrinking" "$BIN" darts --out "$WORK/dshrink" --task spirals --train 300 --val 200 --hidden 12,12 --epochs 4 --top 1 --verify-seeds 0 --shrink-every 1 --functions 'tanh(x);relu(x);sin(x)'
json_check "shrinking dropped two of three functions, one per search epoch" 'len(j["dropped_by_shrinking"]) == 1 and len(j["dropped_by_shrinking"][0]) == 2 and sum(w > 0 for w in j["final_weights"][0]) == 1' < "$WORK/dshrink/darts.json"
check "darts --raw-mixture" "$BIN" darts --out "$WORK/draw" --task spirals --train 300 --val 200 --hidden 8 --epochs 2 --top 1 --verify-seeds 0 --raw-mixture
json_check "--raw-mixture is recorded, and the default mixture leaves out the linear functions" 'j["settings"]["standardize"] is False and "x" not in j["functions"] and any(r.startswith("x: affine in x") for r in j["left_out"])' < "$WORK/draw/darts.json"
# The core-unit cell: b(u1(x), u2(x)) with a mixture in each slot; its
# candidates are ordinary formulas, so replay and export take them.
DC="$WORK/dcore"
check "darts --cell core-unit" "$BIN" darts --out "$DC" --cell core-unit --task spirals --train 300 --val 200 --hidden 12,12 --epochs 4 --top 2 --verify-seeds 0 --threads 2 --functions 'tanh(x);relu(x);sin(x)'
json_check "a core-unit darts.json: three slots, the binary functions, candidates per slot" 'j["settings"]["cell"] == "core-unit" and j["slot_sizes"][:2] == [3, 3] and j["slot_sizes"][2] == len(j["binary_functions"]) >= 5 and {c["origin"] for c in j["candidates"]} >= {"argmax", "binary rank 2"}' < "$DC/darts.json"
[[ $(cut -d, -f3 "$DC/alphas.csv" | tail -n +2 | sort -u | tr '\n' ' ') == "1 2 3 " ]] && ok || fail "a core unit's alphas.csv has slots 1, 2 and 3"
check "replay a core-unit darts folder" "$BIN" replay "$DC" --top 1 --seeds 1 --baselines relu --threads 2 --train 300
check "export a core-unit candidate" "$BIN" export "$DC" --format pytorch --out "$WORK/dcore.py"
check_fails "darts --cell takes unary or core-unit" "core-unit" "$BIN" darts --out "$WORK/d2" --cell binary
check_fails "darts: warm start longer than training" "--warm-epochs" "$BIN" darts --out "$WORK/d3" --task spirals --epochs 2 --warm-epochs 2
check_fails "discover does not take darts" "actforge darts" "$BIN" discover --out "$WORK/d4" --strategy darts

# The PyTorch and SymPy checks of the exports above, in one python process
# (each import of torch costs 2-3 s). Each check prints a line "ok NAME",
# "FAIL NAME: why" or "skip NAME: why"; a check without its line failed.
PY_CHECKS=("sympy export values" "pytorch export values" "the PyTorch export of $CONSTANTS has actforge's values" "the exported network runs and trains in PyTorch")
$PY - "$WORK" "$D/hall_of_fame.json" "$CONSTANTS" "${PY_CHECKS[@]}" > "$WORK/py_checks.txt" 2>&1 <<'PY'
import importlib.util, json, sys
work, hall_of_fame, constants = sys.argv[1:4]
names = sys.argv[4:]
try:
    import sympy
except ImportError:
    sympy = None
try:
    import torch
except ImportError:
    torch = None

def load(path):
    spec = importlib.util.spec_from_file_location(path.rsplit("/", 1)[-1][:-3], path)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    return m

def formula_sympy():  # ref.json: inspect's values of $FORMULA
    x = sympy.Symbol("x")
    e = sympy.sympify(open(f"{work}/s.txt").read())
    ref = json.load(open(f"{work}/ref.json"))["points"]
    return e.free_symbols <= {x} and all(abs(float(e.subs(x, p["x"]).evalf()) - p["f"]) < 1e-6 for p in ref)

def formula_pytorch():
    m = load(f"{work}/act_torch.py").Activation()
    ref = json.load(open(f"{work}/ref.json"))["points"]
    y = m.double()(torch.tensor([p["x"] for p in ref], dtype=torch.float64))
    good = all(abs(float(a) - p["f"]) < 1e-6 for a, p in zip(y, ref)) and len(list(m.parameters())) == 1
    y.sum().backward()
    return good and m.p_a.grad is not None

def constants_pytorch():
    ref = json.load(open(f"{work}/constants_ref.json"))["points"]
    y = load(f"{work}/constants_torch.py").Activation().double()(torch.tensor([p["x"] for p in ref], dtype=torch.float64))
    return len(y) == len(ref) and all(p["f"] is None or abs(float(a) - p["f"]) <= 1e-5 * max(1, abs(p["f"])) for a, p in zip(y, ref))

def network():
    m = load(f"{work}/net.py")
    best = json.load(open(hall_of_fame))["entries"][0]
    net = m.build_network(2, 2)
    linears = [l for l in net if isinstance(l, torch.nn.Linear)]
    assert [l.out_features for l in linears[:-1]] == best["architecture"]["hidden"], "widths"
    assert abs(m.LEARNING_RATE - best["architecture"]["lr"]) < 1e-6 * best["architecture"]["lr"] + 1e-9, "learning rate"
    task = json.load(open(hall_of_fame.rsplit("/", 1)[0] + "/config.json"))["task"]
    assert (m.EPOCHS, m.BATCH_SIZE, m.SCHEDULE) == (task["epochs"], task["batch"], "constant"), "training recipe"
    opt = m.make_optimizer(net.parameters())
    assert type(opt) is torch.optim.Adam and opt.param_groups[0]["lr"] == m.LEARNING_RATE, "optimizer"
    sched = m.make_scheduler(opt, 4)
    out = net(torch.randn(5, 2)); out.sum().backward()
    opt.step(); sched.step()
    assert opt.param_groups[0]["lr"] == m.LEARNING_RATE, "a constant schedule"
    return out.shape == (5, 2) and bool(torch.isfinite(out).all())

for name, check, module in zip(names, (formula_sympy, formula_pytorch, constants_pytorch, network),
                               ("sympy", "torch", "torch", "torch")):
    if globals()[module] is None:
        print(f"skip {name}: {module} is not installed for {sys.executable}")
        continue
    try:
        print(f"ok {name}" if check() else f"FAIL {name}")
    except Exception as e:  # noqa: BLE001 - any failure of an export is the finding
        print(f"FAIL {name}: {type(e).__name__}: {e}")
PY
for name in "${PY_CHECKS[@]}"; do
    line=$(grep -F -m1 -e "ok $name" -e "FAIL $name" -e "skip $name" "$WORK/py_checks.txt")
    case "$line" in
        "ok $name") ok ;;
        skip*) echo "$line" >&2 ;;
        "") fail "$name: no result; $(tail -3 "$WORK/py_checks.txt")" ;;
        *) fail "${line#FAIL }" ;;
    esac
done

finish
