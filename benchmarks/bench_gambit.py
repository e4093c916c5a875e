"""Benchmark: all extreme equilibria of one game, bargain vs Gambit's enummixed (pygambit).

Gambit is GPL-licensed and not a dependency: install pygambit in a separate environment
(``python -m venv /tmp/gambit && /tmp/gambit/bin/pip install pygambit numpy``) and pass its
interpreter with ``--gambit-python``. This script sends the same games (as JSON) to a child
process that times ``pygambit.nash.enummixed_solve`` (float and rational), while bargain's
``nash_equilibria`` (auto, float) and ``nash_equilibria(exact=True)`` are timed here, in the
same run. Each tool's equilibria are compared with bargain's exact set: ``miss`` counts true
extreme equilibria a tool did not return, ``bad`` returned profiles with regret above 1e-6.

Times are medians over ``--repeats`` runs in seconds; ratio = Gambit time / bargain time
(> 1: bargain is faster).

Run: python benchmarks/bench_gambit.py --gambit-python /tmp/gambit/bin/python [--sizes 4 8 12]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import bargain as bg  # noqa: E402

KINDS = {
    "float": lambda rng, n: np.round(rng.random((n, n)), 6),
    "int0-9": lambda rng, n: rng.integers(0, 10, (n, n)),
}

CHILD = textwrap.dedent(
    """
    import json, statistics, sys, time
    import pygambit as gbt
    import numpy as np
    jobs = json.load(sys.stdin)
    out = []
    for job in jobs:
        A, B = np.array(job["A"]), np.array(job["B"])
        row = {}
        for rational in (False, True) if job["rational"] else (False,):
            times, eqs = [], []
            for _ in range(job["repeats"]):
                g = gbt.Game.from_arrays(A, B)
                t = time.perf_counter()
                res = gbt.nash.enummixed_solve(g, rational=rational)
                times.append(time.perf_counter() - t)
            eqs = [[float(eq[p][s]) for p in g.players for s in p.strategies] for eq in res.equilibria]
            row["rational" if rational else "float"] = {"time": statistics.median(times), "eqs": eqs}
        row.setdefault("rational", {"time": float("nan"), "eqs": []})
        out.append(row)
    json.dump(out, sys.stdout)
    """
)


def timed(repeats: int, fn, *args, **kwargs):
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def compare(g: bg.Game, truth: list, profiles: list) -> tuple[int, int]:
    """(missed, bad): true equilibria absent from ``profiles``; profiles that are not equilibria."""
    m = g.shape[0]
    found = [(np.asarray(p[:m]), np.asarray(p[m:])) for p in profiles]
    bad = sum(1 for x, y in found if bg.max_regret(g, x, y) > 1e-6)
    missed = sum(
        1 for tx, ty in truth if not any(np.allclose(tx, x, atol=1e-6) and np.allclose(ty, y, atol=1e-6)
                                         for x, y in found)
    )
    return missed, bad


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gambit-python", required=True, help="a Python interpreter with pygambit")
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 8, 12])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rational-max", type=int, default=8,
                        help="largest n for Gambit's rational enumeration (slow: minutes at 12x12)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    games, jobs = [], []
    for n in args.sizes:
        for kind, draw in KINDS.items():
            A, B = draw(rng, n), draw(rng, n)
            games.append((f"{n}x{n} {kind}", bg.Game(A, B)))
            jobs.append({"A": A.tolist(), "B": B.tolist(), "repeats": args.repeats,
                         "rational": n <= args.rational_max})
    child = subprocess.run(
        [args.gambit_python, "-c", CHILD], input=json.dumps(jobs), capture_output=True, text=True, check=False
    )
    if child.returncode != 0:
        raise SystemExit(f"the pygambit child failed:\n{child.stderr}")
    gambit = json.loads(child.stdout)
    print(f"{'game':14s} {'eq':>4s} {'bargain auto':>13s} {'exact':>9s} {'gambit float':>13s} "
          f"{'(miss/bad)':>10s} {'gambit rational':>16s} {'(miss/bad)':>10s} {'ratio float':>12s} "
          f"{'ratio exact':>12s}")
    bg.nash_equilibria(bg.Game(np.eye(3), np.eye(3)), exact=True)  # imports and caches, untimed
    for (label, g), row in zip(games, gambit, strict=True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t_auto, _ = timed(args.repeats, bg.nash_equilibria, g, max_time=None)
            t_exact, exact = timed(args.repeats, bg.nash_equilibria, g, exact=True, max_time=None)
        truth = [(np.asarray(e.row, float), np.asarray(e.col, float)) for e in exact.equilibria]
        mf, bf = compare(g, truth, row["float"]["eqs"])
        mr, br = compare(g, truth, row["rational"]["eqs"]) if row["rational"]["eqs"] else ("-", "-")
        gf, gr = row["float"]["time"], row["rational"]["time"]
        print(f"{label:14s} {len(truth):4d} {t_auto:13.4f} {t_exact:9.4f} {gf:13.4f} {f'{mf}/{bf}':>10s} "
              f"{gr:16.4f} {f'{mr}/{br}':>10s} {gf / t_auto:12.2f} {gr / t_exact:12.2f}")


if __name__ == "__main__":
    main()
