"""Benchmark: Stackelberg commitment and (coarse) correlated equilibria on random games.

Times bargain's LP solvers on random ``size x size`` games (default 50 x 50, payoffs
uniform on [0, 1)), the vectorised two-action-leader Stackelberg closed form on a large
batch of 2 x 2 games, and compares with any installed peer that has these concepts:

* nashpy and QuantEcon (installed with bargain's dependencies) have neither Stackelberg
  nor correlated equilibria; the script checks and says so.
* OpenSpiel has both (``algorithms.stackelberg_lp.solve_stackelberg`` with cvxopt, and the
  maximum-welfare CE / CCE of ``algorithms.jpsro`` with cvxpy + ECOS). It is not a
  dependency of bargain; point ``--peer-python`` (or ``BARGAIN_BENCH_PEER_PYTHON``) at an
  interpreter of a separate environment with ``open-spiel cvxopt cvxpy ecos matplotlib``
  installed and the peer runs there on the same games, in the same run.

Usage::

    python benchmarks/bench_stackelberg_ce.py                 # 50 x 50, 3 games
    python benchmarks/bench_stackelberg_ce.py --quick         # 10 x 10, 2 games
    python benchmarks/bench_stackelberg_ce.py --peer-python /path/to/venv/bin/python
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable

import numpy as np

import bargain as bg

PEER_SCRIPT = r"""
import json, sys, time
import numpy as np
data = np.load(sys.argv[1])
A, B = data["A"], data["B"]
ce_games = int(sys.argv[2])
out = {}
try:
    import pyspiel
    from open_spiel.python.algorithms import stackelberg_lp
    times, values = [], []
    for a, b in zip(A, B):
        g = pyspiel.create_matrix_game(a.tolist(), b.tolist())
        t = time.perf_counter()
        res = stackelberg_lp.solve_stackelberg(g)
        times.append(time.perf_counter() - t)
        values.append(float(res[2]))
    out["stackelberg"] = dict(times=times, values=values)
except Exception as exc:  # report, do not crash the benchmark
    out["stackelberg_error"] = repr(exc)
for key, name in (("ce", "_mwce"), ("cce", "_mwcce")):
    try:
        from open_spiel.python.algorithms import jpsro
        solver = getattr(jpsro, name)
        times, values = [], []
        for a, b in list(zip(A, B))[:ce_games]:
            t = time.perf_counter()
            dist, _ = solver(np.stack([a, b]), [np.ones(a.shape[0]), np.ones(a.shape[1])])
            times.append(time.perf_counter() - t)
            values.append(float((dist * (a + b)).sum()))
        out[key] = dict(times=times, values=values)
    except Exception as exc:
        out[key + "_error"] = repr(exc)
print(json.dumps(out))
"""


def _time(func: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = func()
    return time.perf_counter() - t, out


def _peer_capabilities() -> list[str]:
    lines = []
    import nashpy

    names = [n.lower() for n in dir(nashpy.Game)]
    has = [n for n in names if "stackelberg" in n or "correlated" in n]
    lines.append(
        f"nashpy {nashpy.__version__}: "
        + (f"has {has}" if has else "no Stackelberg and no correlated equilibrium solver")
    )
    try:
        import quantecon
        import quantecon.game_theory as qgt

        names = [n.lower() for n in dir(qgt)]
        has = [n for n in names if "stackelberg" in n or "correlated" in n]
        lines.append(
            f"quantecon {quantecon.__version__}: "
            + (f"has {has}" if has else "no Stackelberg and no correlated equilibrium solver")
        )
    except ImportError:
        lines.append("quantecon: not installed")
    return lines


def _run_peer(python: str, A: np.ndarray, B: np.ndarray, ce_games: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "games.npz")
        np.savez(path, A=A, B=B)
        proc = subprocess.run(
            [python, "-c", PEER_SCRIPT, path, str(ce_games)],
            capture_output=True, text=True, check=False,
        )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=50, help="actions per player (default 50)")
    parser.add_argument("--games", type=int, default=3, help="random games (default 3)")
    parser.add_argument("--batch", type=int, default=100_000, help="2x2 games in the batched run")
    parser.add_argument("--quick", action="store_true", help="10 x 10, 2 games, batch 10^4")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--peer-python", default=os.environ.get("BARGAIN_BENCH_PEER_PYTHON"),
                        help="interpreter of an environment with OpenSpiel (optional)")
    parser.add_argument("--peer-ce-games", type=int, default=1,
                        help="games on which OpenSpiel's CE/CCE run (slow: ECOS); default 1")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.games, args.batch = 10, 2, 10_000
    rng = np.random.default_rng(args.seed)
    n, k = args.size, args.games
    A = rng.random((k, n, n))
    B = rng.random((k, n, n))
    games = [bg.Game(A[i], B[i]) for i in range(k)]

    print(f"bargain {bg.__version__}: {k} random {n}x{n} games (payoffs U[0, 1)), seed {args.seed}")
    for line in _peer_capabilities():
        print("peer check:", line)

    rows: list[tuple[str, float, list[float]]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", bg.ConvergenceWarning)  # every answer must be certified
        tasks = {
            "stackelberg mixed (LP per follower action)": lambda g: bg.stackelberg(g).leader_payoff,
            "stackelberg pure (enumeration)": lambda g: bg.stackelberg(g, commitment="pure").leader_payoff,
            "CE max welfare + uniqueness probe": lambda g: bg.correlated_equilibrium(g).value,
            "CE max welfare, no probe": lambda g: bg.correlated_equilibrium(g, check_unique=False).value,
            "CCE max welfare + uniqueness probe": lambda g: bg.coarse_correlated_equilibrium(g).value,
        }
        for name, task in tasks.items():
            times, values = [], []
            for g in games:
                t, v = _time(lambda g=g, task=task: task(g))
                times.append(t)
                values.append(float(v))
            rows.append((name, float(np.median(times)), values))
        A2 = rng.random((args.batch, 2, 2))
        B2 = rng.random((args.batch, 2, 2))
        g2 = bg.Game(A2, B2)
        t_batch, res2 = _time(lambda: bg.stackelberg(g2))
        t_loop, res_loop = _time(lambda: bg.stackelberg(g2[:200], method="lp"))

    print()
    print(f"{'task':44s} {'bargain s/game':>15s}")
    for name, t, _ in rows:
        print(f"{name:44s} {t:15.4f}")
    agree = np.abs(res2.leader_payoff[:200] - res_loop.leader_payoff).max()
    print(
        f"{'stackelberg 2x2 batch (breakpoints, vectorised)':44s} {t_batch / args.batch:15.2e}"
        f"   ({args.batch} games in {t_batch:.3f} s; LP loop {t_loop / 200:.2e} s/game, "
        f"max |diff| {agree:.1e})"
    )

    if not args.peer_python:
        print("\nno peer with Stackelberg or correlated equilibria is installed here; "
              "pass --peer-python to compare with OpenSpiel")
        return
    peer = _run_peer(args.peer_python, A, B, min(args.peer_ce_games, k))
    print(f"\nOpenSpiel (via {args.peer_python}), same games:")
    print(f"{'task':44s} {'bargain':>10s} {'OpenSpiel':>10s} {'ratio':>8s} {'max |value diff|':>17s}")
    pairs = [
        ("stackelberg", rows[0], "solve_stackelberg (cvxopt)"),
        ("ce", rows[2], "jpsro._mwce (cvxpy+ECOS)"),
        ("cce", rows[4], "jpsro._mwcce (cvxpy+ECOS)"),
    ]
    for key, (_name, t_ours, v_ours), label in pairs:
        if key not in peer:
            print(f"{label:44s} peer failed: {peer.get(key + '_error', peer.get('error'))}")
            continue
        t_peer = float(np.median(peer[key]["times"]))
        vp = np.array(peer[key]["values"])
        diff = np.abs(vp - np.array(v_ours[: len(vp)])).max()
        print(
            f"{label:44s} {t_ours:10.4f} {t_peer:10.4f} {t_peer / t_ours:7.1f}x {diff:17.2e}"
            f"   ({len(vp)} game(s))"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
