#!/usr/bin/env bash
# End-to-end tests of recurrent networks through the command line: eval with
# each cell, a campaign that resumes, and the PyTorch export of the network,
# whose forward pass must match actforge's on a batch.
# Usage: run_rnn_tests.sh PATH/TO/actforge PATH/TO/write_rnn_reference
set -u
BIN="$1"
REF="$2"
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"

for cell in elman gru lstm; do
    "$BIN" eval 'a*tanh(x) where a=1' --task adding --rnn "$cell" --hidden 8,4 --epochs 4 --train 1000 --val 300 --json > "$WORK/eval_$cell.json"
    json_check "eval --rnn $cell" 'j["status"] == "ok" and j["val_accuracy"] > 0.6 and len(j["learned_parameters"]) == 2' < "$WORK/eval_$cell.json"
done
check_fails "steps that do not divide the row" "--steps" "$BIN" eval tanh --task adding --steps 3
check_fails "--steps without a cell" "--rnn" "$BIN" eval tanh --task spirals --steps 2
check_fails "an unknown cell" "elman, gru or lstm" "$BIN" eval tanh --task adding --rnn rnn

# A recurrent campaign stopped after 2 generations and resumed to 3 ends as
# the uninterrupted 3-generation campaign.
ARGS=(--task adding --rnn gru --train 600 --val 300 --hidden 8 --epochs 2 --population 8 --threads 2 --seed 3)
check "a recurrent campaign" "$BIN" discover --out "$WORK/whole" "${ARGS[@]}" --generations 3
check "a recurrent campaign, first part" "$BIN" discover --out "$WORK/parts" "${ARGS[@]}" --generations 2
check "a recurrent campaign, resumed" "$BIN" discover --out "$WORK/parts" "${ARGS[@]}" --generations 3
cmp -s "$WORK/whole/hall_of_fame.csv" "$WORK/parts/hall_of_fame.csv" && ok || fail "the resumed recurrent campaign ends as the uninterrupted one"
check "--steps 10, the adding task's own, resumes the campaign started without it" "$BIN" discover --out "$WORK/parts" "${ARGS[@]}" --generations 3 --steps 10
json_check "the campaign's task has its cell" 'j["task"]["cell"] == "gru"' < "$WORK/whole/config.json"
check "replay a recurrent campaign" "$BIN" replay "$WORK/whole" --top 1 --seeds 2 --baselines tanh --threads 2
json_check "replay trains the recurrent network" 'len(j["results"]) >= 2 and all(r["mean_test_accuracy"] > 0.5 for r in j["results"])' < "$WORK/whole/replay.json"
check "report a recurrent campaign" "$BIN" report "$WORK/whole"
grep -q "gru cell of 8" "$WORK/whole/report.html" && ok || fail "the report names the recurrent network"

# A function per layer (the cell's and the dense layer's): the JSON export
# names the cell and its steps, so the network can be rebuilt from it.
check "a recurrent campaign with a function per layer" "$BIN" discover --out "$WORK/layers" --task adding --rnn lstm --hidden 6,5 --per-layer --epochs 1 --train 200 --val 100 --population 4 --generations 1
check "export it as JSON" "$BIN" export "$WORK/layers" --rank 1 --format json --out "$WORK/layers.json"
json_check "the JSON export of a recurrent network has its cell and steps" 'j["cell"] == "lstm" and j["steps"] > 0 and j["hidden"] == [6, 5] and len(j["layers"]) == 2' < "$WORK/layers.json"

# A differentiable search with the mixture inside the cell.
check "darts over a recurrent network" "$BIN" darts --out "$WORK/darts" --task adding --train 600 --val 300 --rnn elman --hidden 8 --epochs 3 --top 1 --verify-seeds 2 --threads 2
json_check "darts over a recurrent network discretises its mixture" '"supernet_validation_accuracy" in j and len(j["candidates"]) + len(j["left_out"]) >= 1' < "$WORK/darts/darts.json"

# The PyTorch export of each cell, with a dense head: actforge's weights
# loaded into it give actforge's logits.
# (One Python process checks all three: importing torch takes seconds.)
if $PY -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("torch") is None)' 2>/dev/null; then
    for cell in elman gru lstm; do
        D="$WORK/export_$cell"
        "$BIN" discover --out "$D" --task adding --rnn "$cell" --hidden 6,5 --epochs 1 --train 200 --val 100 \
            --population 4 --generations 1 >/dev/null 2>&1 || fail "discover --rnn $cell"
        "$BIN" export "$D" --rank 1 --format pytorch --out "$D/net.py" 2>/dev/null || fail "export --rnn $cell"
        formula="$("$BIN" export "$D" --rank 1 --format infix 2>/dev/null)"
        "$REF" "$cell" 10 2 6,5 2 "$formula" > "$D/reference.json" || fail "reference for $cell"
    done
    $PY - "$WORK" <<'PY' && ok || fail "the PyTorch exports of elman, gru and lstm networks match actforge's forward pass"
import importlib.util, json, sys, torch
bad = []
for cell in ("elman", "gru", "lstm"):
    folder = f"{sys.argv[1]}/export_{cell}"
    spec = importlib.util.spec_from_file_location(f"net_{cell}", f"{folder}/net.py")
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    ref = json.load(open(f"{folder}/reference.json"))
    net = m.build_network(20, 2)
    rec = net[0]
    # The export's own initialisation, before actforge's weights replace it:
    # He-uniform bounds, and the LSTM's forget gate open.
    h = rec.hidden
    if rec.input_weight.abs().max().item() > (6.0 / 2) ** 0.5 or rec.recurrent_weight.abs().max().item() > (6.0 / h) ** 0.5:
        bad.append((cell, "init bound"))
    if cell == "lstm" and not bool((rec.bias[h:2 * h] == 1.0).all()):
        bad.append((cell, "forget bias"))
    linears = [l for l in net if isinstance(l, torch.nn.Linear)]
    with torch.no_grad():
        rec.input_weight.copy_(torch.tensor(ref["input_weight"]))
        rec.recurrent_weight.copy_(torch.tensor(ref["recurrent_weight"]))
        rec.bias.copy_(torch.tensor(ref["bias"]))
        assert len(linears) == len(ref["dense"]) == 2, cell
        for lin, d in zip(linears, ref["dense"]):
            lin.weight.copy_(torch.tensor(d["weight"]).T)
            lin.bias.copy_(torch.tensor(d["bias"]))
    out = net(torch.tensor(ref["input"]))
    diff = (out - torch.tensor(ref["logits"])).abs().max().item()
    out.sum().backward()
    grad = rec.recurrent_weight.grad
    if not (diff < 1e-4 and grad is not None and bool(torch.isfinite(grad).all()) and grad.abs().sum().item() > 0):
        bad.append((cell, diff))
print(bad, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
    grep -q "^CLIP_NORM = 1$" "$WORK/export_gru/net.py" && ok || fail "the export states the gradient clipping"
    # The adding task trains with a cosine schedule: the export's scheduler
    # gives actforge's learning rate at every step.
    $PY - "$WORK/export_gru/net.py" <<'PY' && ok || fail "the export's make_scheduler follows actforge's cosine schedule"
import importlib.util, math, sys, torch
spec = importlib.util.spec_from_file_location("net_gru_schedule", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
net = m.build_network(20, 2)
opt = m.make_optimizer(net.parameters())
steps_per_epoch = 5
sched = m.make_scheduler(opt, steps_per_epoch)
total = m.EPOCHS * steps_per_epoch
worst = 0.0
for step in range(total):
    worst = max(worst, abs(opt.param_groups[0]["lr"] - m.LEARNING_RATE * (1 + math.cos(math.pi * step / total)) / 2))
    opt.step(); sched.step()
sys.exit(0 if m.SCHEDULE == "cosine" and worst < 1e-9 * m.LEARNING_RATE else 1)
PY
else
    echo "skip: torch not installed for $PY" >&2
fi

finish
