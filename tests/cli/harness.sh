# The helpers of the command-line test scripts (sourced): a scratch folder
# $WORK removed on exit, pass/fail counters, and checks that count.
# End a script with `finish`: it prints "N passed, N failed" and fails on any failure.
PY=/usr/bin/python3
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # check "description" command...
    local what="$1"; shift
    if "$@" >/dev/null 2>&1; then ok; else fail "$what"; fi
}
check_fails() { # the command must exit non-zero with a one-line error on stderr mentioning $2
    local what="$1" needle="$2"; shift 2
    local err rc
    err="$("$@" 2>&1 >/dev/null)"; rc=$?
    if [[ $rc -ne 0 && "$err" == *"$needle"* && $(printf '%s\n' "$err" | wc -l) -eq 1 ]]; then ok; else
        fail "$what (rc=$rc, stderr: $err)"; fi
}
json_check() { # json_check "description" 'python expression over j' < json
    local what="$1" expr="$2"
    if $PY -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)"; then ok; else fail "$what"; fi
}
finish() {
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
}
