#!/usr/bin/env bash
# Fuzz runs: builds the libFuzzer targets (preset "fuzz": clang, ASan and
# UBSan) into build-fuzz/ and runs each for ACTFORGE_FUZZ_SECONDS seconds
# (30 by default), one after the other on one core, starting from its seed
# corpus tests/fuzz/<target>/. New inputs go to a scratch corpus, never into
# the repository; an input that breaks a target is kept as
# build-fuzz/crashes/<target>/crash-* and the script fails.
# Usage: scripts/fuzz.sh [target...]   (default: every target)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${ACTFORGE_FUZZ_SECONDS:-30}"
targets=(formula config checkpoint evaluations hall_of_fame idx csv)
if [[ $# -gt 0 ]]; then targets=("$@"); fi
# Longest input per target: a few times the largest seed, so the fuzzer
# spends its time on structure rather than on size.
declare -A max_len=([formula]=512 [config]=8192 [checkpoint]=16384 [evaluations]=16384 [hall_of_fame]=16384
                    [idx]=2048 [csv]=2048)
# Token dictionaries: <target>.dict, or the one named here.
declare -A dictionary=([config]=json [checkpoint]=json [evaluations]=json [hall_of_fame]=json)

"$root/scripts/deps.sh" fuzz
build="$root/build-fuzz"
(cd "$root" && cmake --preset fuzz >/dev/null)
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=0
for t in "${targets[@]}"; do
    crashes="$build/crashes/$t"
    mkdir -p "$crashes" "$scratch/$t"
    log="$build/fuzz_$t.log"
    options=(-max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
             -artifact_prefix="$crashes/")
    dict="$root/tests/fuzz/${dictionary[$t]:-$t}.dict"
    if [[ -f "$dict" ]]; then options+=(-dict="$dict"); fi
    start=$SECONDS
    if "$build/bin/fuzz_$t" "$scratch/$t" "$root/tests/fuzz/$t" "${options[@]}" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        echo "fuzz $t: ok, $runs runs in $((SECONDS - start)) s, $cov"
    else
        failed=1
        echo "fuzz $t: FAILED (input kept in $crashes/); the end of $log:" >&2
        tail -40 "$log" >&2
    fi
done
exit $failed
