"""Nash bargaining on a parametric frontier over an n x n parameter grid, in one call.

The frontier family is ``u2 = c (1 - u1**a)`` on ``[0, 1]`` (concave for ``a >= 1``), with
``a`` varying along one grid axis and ``c`` along the other, and a disagreement point that
varies with ``c``. One ``BargainingProblem.from_frontier`` call builds (and validates) the
whole batch; one ``nash_bargaining`` call solves it with the vectorised bracketing root
finder (no Python loop over the grid). Timings are the best of ``repeats`` runs and
include building the problem.

Cases
  - weighted / symmetric Nash with the derivative ``df`` given,
  - the same with the built-in central difference for ``f'``,
  - Kalai-Smorodinsky on the same batch (no derivative needed),
  - accuracy: with ``d = 0`` the Nash point has the closed form
    ``u1 = (w1 / (w1 + a w2))**(1 / a)``; the largest error over the grid is reported.

Baseline: scipy's bounded scalar minimiser (``minimize_scalar(method="bounded")``) on the log
Nash product, one problem at a time, measured on a sample and scaled to the grid. Peers:
nashpy, QuantEcon and Gambit have no bargaining solutions. NegMAS (a negotiation library)
picks the best of sampled outcomes; with ``BARGAIN_NEGMAS_PYTHON`` set to an interpreter that
has negmas installed (it is not a dependency), its time and error on a sample (d = 0, 1001
outcomes per problem) are reported too.

Run: python benchmarks/bench_nash_bargaining.py [n] [loop_sample] [repeats]
(defaults 1000 2000 3; ``python benchmarks/bench_nash_bargaining.py 200 200 1`` is quick.)
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

import bargain as bg


def best_time(fn, repeats: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def f(u, a, c):
    return c * (1.0 - u**a)


def df(u, a, c):
    return -c * a * u ** (a - 1.0)


def solve(a, c, d1, d2, weights=(1.0, 1.0), derivative=True, solution=bg.nash_bargaining):
    P = bg.BargainingProblem.from_frontier(
        f, 1.0, disagreement=(d1, d2), params={"a": a, "c": c}, df=df if derivative else None
    )
    if solution is bg.kalai_smorodinsky:
        return solution(P)
    return solution(P, weights=weights)


def scipy_loop(a, c, d1, d2, weights):
    from scipy.optimize import minimize_scalar

    out = np.empty(a.size)
    w1, w2 = weights
    for k, (ak, ck, e1, e2) in enumerate(zip(a, c, d1, d2)):
        hi = (1.0 - e2 / ck) ** (1.0 / ak) if e2 > 0 else 1.0

        def neg(u, ak=ak, ck=ck, e1=e1, e2=e2):
            g = ck * (1.0 - u**ak) - e2
            return np.inf if g <= 0 or u <= e1 else -(w1 * np.log(u - e1) + w2 * np.log(g))

        out[k] = minimize_scalar(neg, bounds=(max(e1, 0.0), hi), method="bounded",
                                 options={"xatol": 1e-12}).x
    return out


NEGMAS_SCRIPT = """
import json, sys, time
import numpy as np
from negmas.preferences.ops import nash_points
data = json.load(sys.stdin)
a, c, k = np.array(data["a"]), np.array(data["c"]), data["outcomes"]
x = np.linspace(0.0, 1.0, k)
out = []
start = time.perf_counter()
for ak, ck in zip(a, c):
    frontier = [(float(u), float(ck * (1 - u ** ak))) for u in x]
    (point, _), *_ = nash_points(None, frontier, ranges=[(0.0, 1.0), (0.0, float(ck))])
    out.append(point[0])
print(json.dumps({"seconds": time.perf_counter() - start, "u1": out}))
"""


def negmas_sample(python: str, a: np.ndarray, c: np.ndarray, outcomes: int = 1001) -> dict | None:
    """NegMAS' ``nash_points`` on a frontier sampled at ``outcomes`` points (d = 0), run by
    the interpreter ``python`` (a virtual environment with negmas installed)."""
    import json
    import subprocess

    payload = json.dumps({"a": a.tolist(), "c": c.tolist(), "outcomes": outcomes})
    proc = subprocess.run([python, "-c", NEGMAS_SCRIPT], input=payload, capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        print(f"(NegMAS run failed: {proc.stderr.strip().splitlines()[-1:]})")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    a = np.linspace(1.0, 4.0, n)[:, None]
    c = np.linspace(0.5, 2.0, n)[None, :]
    d1 = np.full((n, 1), 0.1)
    d2 = 0.05 * c
    points = n * n
    solve(a[:2], c[:, :2], d1[:2], d2[:, :2])  # warm up

    rows = []
    cases = [
        ("Nash, df given", lambda: solve(a, c, d1, d2)),
        ("weighted Nash (2, 1), df given", lambda: solve(a, c, d1, d2, (2.0, 1.0))),
        ("Nash, central difference", lambda: solve(a, c, d1, d2, derivative=False)),
        ("Kalai-Smorodinsky", lambda: solve(a, c, d1, d2, solution=bg.kalai_smorodinsky)),
    ]
    results = {}
    for name, fn in cases:
        t, res = best_time(fn, repeats)
        results[name] = res
        rows.append((name, t, t / points * 1e6))

    # accuracy against the closed form (d = 0)
    zero = np.zeros((1, 1))
    errors = {}
    for w in [(1.0, 1.0), (2.0, 1.0)]:
        for deriv in (True, False):
            s = solve(a, c, zero, zero, w, deriv)
            exact = (w[0] / (w[0] + a * w[1])) ** (1.0 / a)
            errors[(w, deriv)] = float(np.abs(s.payoffs[..., 0] - exact).max())

    # scipy loop baseline on a sample
    rng = np.random.default_rng(0)
    idx = rng.choice(points, size=min(sample, points), replace=False)
    A = np.broadcast_to(a, (n, n)).ravel()[idx]
    C = np.broadcast_to(c, (n, n)).ravel()[idx]
    D1 = np.broadcast_to(d1, (n, n)).ravel()[idx]
    D2 = np.broadcast_to(d2, (n, n)).ravel()[idx]
    start = time.perf_counter()
    loop_u = scipy_loop(A, C, D1, D2, (1.0, 1.0))
    loop_t = (time.perf_counter() - start) / idx.size
    ours = results["Nash, df given"].payoffs[..., 0].ravel()[idx]
    loop_err = float(np.abs(loop_u - ours).max())

    print(f"Nash bargaining on u2 = c (1 - u1^a), {n} x {n} = {points:,} problems "
          f"(best of {repeats}; build + solve)")
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'case':<{width}}{'seconds':>10}{'us/problem':>12}{'vs scipy loop':>15}")
    for name, t, per in rows:
        print(f"{name:<{width}}{t:>10.3f}{per:>12.3f}{loop_t * 1e6 / per:>14.0f}x")
    print(f"{'scipy minimize_scalar loop':<{width}}{loop_t * points:>10.1f}{loop_t * 1e6:>12.1f}"
          f"{'1':>14}x   (measured on {idx.size} problems, scaled)")
    print()
    print("accuracy, d = 0, max |u1 - (w1 / (w1 + a w2))^(1/a)| over the grid:")
    for (w, deriv), err in errors.items():
        how = "df given" if deriv else "central difference"
        print(f"  weights {w}, {how:<20} {err:.2e}")
    print(f"  scipy loop (xatol 1e-12) vs bargain on the sample: max |diff| = {loop_err:.2e}")
    print()
    print("peers: nashpy, QuantEcon and Gambit have no bargaining solutions.")
    negmas_python = os.environ.get("BARGAIN_NEGMAS_PYTHON")
    if not negmas_python:
        print("NegMAS (samples outcomes, then picks the best sampled point): set "
              "BARGAIN_NEGMAS_PYTHON to an interpreter with negmas installed to compare.")
        return
    k = min(sample, 500)
    res = negmas_sample(negmas_python, A[:k], C[:k])
    if res is None:
        return
    exact = (1.0 / (1.0 + A[:k])) ** (1.0 / A[:k])
    neg_err = float(np.abs(np.array(res["u1"]) - exact).max())
    ours = solve(A[:k], C[:k], np.zeros(k), np.zeros(k))
    our_err = float(np.abs(ours.payoffs[:, 0] - exact).max())
    per = res["seconds"] / k
    print(f"NegMAS nash_points, 1001 sampled outcomes per problem, d = 0, {k} problems:")
    print(f"  {per * 1e6:.0f} us/problem ({per * points:.0f} s scaled to the grid, "
          f"{per * 1e6 / rows[0][2]:.0f}x bargain), max error {neg_err:.1e} "
          f"(bargain on the same problems: {our_err:.1e})")


if __name__ == "__main__":
    main()
