"""Runs the exports that write_export_samples wrote.

"samples": every PyTorch module must load, run forward in float64 and
backward without an error; every SymPy expression must sympify in the one
symbol x and evaluate (SymPy may refuse to compare complex values only for a
function that actforge leaves undefined at every point tried). Where
actforge's reference is tame, both must agree with it.

"constant_arguments": every export was written; the C++ headers compile
together into one program whose values agree with actforge's; every LaTeX
export is non-empty and every JSON export has the formula, parameters and
tree; the PyTorch and SymPy exports run with actforge's values.

Usage: check_exports.py samples.json
Exits 77 (a skip) when torch or sympy is absent and the checks that need
neither passed.
"""
import json
import subprocess
import sys
import tempfile

try:
    import sympy
    import torch
    missing = None
except ImportError as e:
    missing = e.name


def close(got, want):
    return abs(got - want) <= 1e-6 * (1 + abs(want))


def check_pytorch(s, problems):
    scope = {}
    try:
        exec(compile(s["pytorch"], "<export>", "exec"), scope)
        module = scope["Activation"]().double()
        xs = torch.tensor([p["x"] for p in s["points"]] + [-2.5, 0.0, 1.5], dtype=torch.float64, requires_grad=True)
        y = module(xs)
        if y.requires_grad:  # a constant function's output does not depend on x
            y.sum().backward()
    except Exception as e:  # noqa: BLE001 - any failure of an export is the finding
        problems.append(f"pytorch export of {s['formula']!r} fails: {type(e).__name__}: {e}")
        return
    for p, got in zip(s["points"], y.tolist()):
        if not close(got, p["f"]):
            problems.append(f"pytorch {s['formula']!r} at x={p['x']}: {got} != {p['f']}")


def check_sympy(s, problems):
    x = sympy.Symbol("x")
    try:
        e = sympy.sympify(s["sympy"])
        if not e.free_symbols <= {x}:
            problems.append(f"sympy export of {s['formula']!r} has symbols {e.free_symbols}")
            return
        values = [complex(e.subs(x, p["x"]).evalf()) for p in s["points"]]
    except Exception as ex:  # noqa: BLE001
        # SymPy's Max, Min and Piecewise refuse to compare complex values;
        # a function actforge leaves undefined everywhere has no real ones.
        refused_comparison = isinstance(ex, (ValueError, TypeError)) and "compar" in str(ex)
        if s["defined"] or not refused_comparison:
            problems.append(f"sympy export of {s['formula']!r} fails: {type(ex).__name__}: {ex}")
        return
    for p, got in zip(s["points"], values):
        if not (close(got.real, p["f"]) and abs(got.imag) <= 1e-9 * (1 + abs(p["f"]))):
            problems.append(f"sympy {s['formula']!r} at x={p['x']}: {got} != {p['f']}")


def near(got, want):
    """The constant-argument checks' tolerance."""
    return abs(got - want) <= 1e-5 * max(1, abs(want))


def check_constant_text(constants, problems):
    """Every export was written; the LaTeX is non-empty, the JSON has the formula, parameters and tree."""
    for s in constants:
        if "error" in s:
            problems.append(f"export of {s['formula']!r} fails: {s['error']}")
            continue
        if not s["latex"].strip():
            problems.append(f"the LaTeX export of {s['formula']!r} is empty")
        try:
            if not set(json.loads(s["json"])) >= {"formula", "parameters", "tree"}:
                problems.append(f"the JSON export of {s['formula']!r} lacks formula, parameters or tree")
        except ValueError as e:
            problems.append(f"the JSON export of {s['formula']!r} is not JSON: {e}")


def check_constant_cpp(constants, problems):
    """All C++ headers in one program, each in a namespace of its own (its
    helpers' guard macro undefined after it), run at the reference points."""
    constants = [s for s in constants if "error" not in s]
    with tempfile.TemporaryDirectory() as work:
        src = ["#include <algorithm>", "#include <cmath>", "#include <cstdio>"]
        for i, s in enumerate(constants):
            open(f"{work}/c{i}.hpp", "w").write(s["cpp"])
            src += [f"namespace f{i} {{", f'#include "c{i}.hpp"', "}", "#undef AF_BESSEL_IE"]
        src.append("int main() {")
        for i, s in enumerate(constants):
            xs = ", ".join(f"{p['x']!r}f" for p in s["points"])
            src.append(f'    for (float x : {{{xs}}}) std::printf("{i} %.9g\\n", f{i}::activation(x));')
        src.append("}")
        open(f"{work}/all.cpp", "w").write("\n".join(src) + "\n")
        cc = subprocess.run(["c++", "-std=c++20", "-o", f"{work}/all", f"{work}/all.cpp"], capture_output=True, text=True)
        if cc.returncode != 0:
            problems.append("the C++ exports with constant arguments do not compile: " + "".join(cc.stderr.splitlines(True)[:5]))
            return
        out = subprocess.run([f"{work}/all"], capture_output=True, text=True, check=True).stdout
    got = {}
    for line in out.splitlines():
        i, v = line.split()
        got.setdefault(int(i), []).append(float(v))
    for i, s in enumerate(constants):
        if len(got.get(i, [])) != len(s["points"]):
            problems.append(f"C++ {s['formula']!r}: {len(got.get(i, []))} values for {len(s['points'])} points")
            continue
        for g, p in zip(got[i], s["points"]):
            want = p["f"]
            if want is not None and abs(want) < 1e30 and not near(g, want):
                problems.append(f"C++ {s['formula']!r} at x={p['x']}: {g} != {want}")


def check_constant_python(constants, problems):
    """The PyTorch module (float64) and the SymPy expression's real part agree
    with actforge wherever its value is finite."""
    x = sympy.Symbol("x")
    for s in constants:
        if "error" in s:
            continue
        try:
            scope = {}
            exec(compile(s["pytorch"], "<export>", "exec"), scope)
            y = scope["Activation"]().double()(torch.tensor([p["x"] for p in s["points"]], dtype=torch.float64))
            e = sympy.sympify(s["sympy"])
            values = [(float(a), complex(e.subs(x, p["x"]).evalf())) for a, p in zip(y, s["points"])]
        except Exception as ex:  # noqa: BLE001 - any failure of an export is the finding
            problems.append(f"exports of {s['formula']!r} fail in PyTorch or SymPy: {type(ex).__name__}: {ex}")
            continue
        for (a, sym), p in zip(values, s["points"]):
            want = p["f"]
            if want is not None and not (near(a, want) and near(sym.real, want)):
                problems.append(f"{s['formula']!r} at x={p['x']}: pytorch {a}, sympy {sym} != {want}")


def report(what, problems):
    print(f"{what}, {len(problems)} problems")
    for p in problems[:20]:
        print("  " + p)


def main():
    doc = json.load(open(sys.argv[1]))
    samples, constants = doc["samples"], doc["constant_arguments"]
    problems = []
    check_constant_text(constants, problems)
    check_constant_cpp(constants, problems)
    if missing:
        report(f"{len(constants)} formulas with constant arguments in C++, LaTeX and JSON", problems)
        print(f"skip: {missing} is not installed for {sys.executable}", file=sys.stderr)
        sys.exit(1 if problems else 77)
    check_constant_python(constants, problems)
    for s in samples:
        check_pytorch(s, problems)
        check_sympy(s, problems)
    compared = sum(len(s["points"]) for s in samples)
    report(f"{len(samples)} formulas, {compared} points compared in PyTorch and SymPy; "
           f"{len(constants)} formulas with constant arguments in C++, LaTeX, JSON, PyTorch and SymPy", problems)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
