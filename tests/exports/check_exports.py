"""Runs the PyTorch and SymPy exports that write_export_samples wrote.

Every PyTorch module must load, run forward in float64 and backward without
an error; every SymPy expression must sympify in the one symbol x and
evaluate (SymPy may refuse to compare complex values only for a function
that actforge leaves undefined at every point tried). Where actforge's
reference is tame, both must agree with it.
Usage: check_exports.py samples.json   (exit 77 when torch or sympy is absent)
"""
import json
import math
import sys

try:
    import sympy
    import torch
except ImportError as e:
    print(f"skip: {e.name} is not installed for {sys.executable}", file=sys.stderr)
    sys.exit(77)


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


def check_sympy(s, problems, x=sympy.Symbol("x")):
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


def main():
    samples = json.load(open(sys.argv[1]))
    problems = []
    for s in samples:
        check_pytorch(s, problems)
        check_sympy(s, problems)
    compared = sum(len(s["points"]) for s in samples)
    print(f"{len(samples)} formulas, {compared} points compared in PyTorch and SymPy, {len(problems)} problems")
    for p in problems[:20]:
        print("  " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
