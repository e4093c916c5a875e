"""Critical discount factor of grim trigger with Nash reversion on N random 2x2 games.

bargain: ``bg.repeated.critical_delta(batch)`` (one call, the batched 2x2 kernel: the sign
pattern of every game, its worst stage equilibrium for each deviator, pure or mixed, and
the threshold ``max_i (D_i - R_i) / (D_i - P_i)``, no Python loop over the games).

Peers (no library computes this threshold, so the naive route is timed, in the same run, on
a subsample and scaled to N): a Python loop over the games that enumerates every stage
equilibrium with nashpy's ``support_enumeration`` (or, as a second peer, bargain's own
single-game ``nash_equilibria``), takes each player's worst equilibrium payoff and applies
the same formula. The two routes are checked to agree on the subsample.

Target (issue 11): 10**6 games in at most 0.2 s on one core (numpy's elementwise kernels run
on one core). Run: python benchmarks/bench_repeated_delta.py [N] [sample]
"""

from __future__ import annotations

import os
import sys
import time
import warnings

import numpy as np
from _timing import best_time

import bargain as bg


def naive_thresholds(A: np.ndarray, B: np.ndarray, solver: str) -> np.ndarray:
    """The per-game loop: all equilibria of each game, worst payoff per player, the formula."""
    out = np.empty(len(A))
    if solver == "nashpy":
        import nashpy
    for i in range(len(A)):
        a, b = A[i], B[i]
        if solver == "nashpy":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                eqs = list(nashpy.Game(a, b).support_enumeration())
            pay = np.array([[x @ a @ y, x @ b @ y] for x, y in eqs])
        else:
            res = bg.nash_equilibria(bg.Game(a, b))
            pay = np.array([e.payoffs for e in res.equilibria])
        worst = pay.min(axis=0)
        R = np.array([a[0, 0], b[0, 0]])
        D = np.array([a[:, 0].max(), b[0, :].max()])
        per = []
        for k in (0, 1):
            gain, loss = D[k] - R[k], R[k] - worst[k]
            if gain <= 1e-9 * np.ptp([a, b][k]):
                per.append(0.0)
            elif loss <= 1e-9 * np.ptp([a, b][k]):
                per.append(np.inf)
            else:
                r = gain / (gain + loss)
                per.append(r if r < 1 else np.inf)
        out[i] = max(per)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = np.random.default_rng(0)
    A = rng.standard_normal((n, 2, 2))
    B = rng.standard_normal((n, 2, 2))
    g = bg.Game(A, B)
    print(f"cores: {os.cpu_count()}, numpy {np.__version__}; N = {n:,} random 2x2 games (normal payoffs)")
    x = rng.random(10**6)
    t_add = best_time(lambda: np.add(x, x), repeats=20)
    print(f"machine load check: one 10**6-element numpy add takes {t_add * 1e3:.2f} ms "
          "(about 1 ms on an idle core; the machine is shared, so read the figures below relative to it)")
    res = bg.repeated.critical_delta(g)  # warm-up
    t_bargain = best_time(lambda: bg.repeated.critical_delta(g), repeats=5)
    sustainable = int(np.count_nonzero(res.sustainable))
    print(f"bargain critical_delta (grim, Nash reversion): {t_bargain:.3f} s for {n:,} games "
          f"({n / t_bargain:,.0f} games/s); target <= 0.2 s for 10**6: "
          f"{'met' if t_bargain * 1e6 / n <= 0.2 else 'NOT met'}")
    print(f"  {sustainable:,} of {n:,} targets (r0, c0) sustainable")
    for solver in ("nashpy", "bargain.nash_equilibria"):
        try:
            start = time.perf_counter()
            ref = naive_thresholds(A[:sample], B[:sample], "nashpy" if solver == "nashpy" else "own")
            elapsed = time.perf_counter() - start
        except ImportError:
            print(f"  {solver}: not installed")
            continue
        per_game = elapsed / sample
        agree = np.allclose(ref, res.delta[:sample], rtol=1e-7, atol=1e-9)
        scaled = per_game * n
        print(f"naive loop over {solver} ({sample:,}-game sample): {per_game * 1e3:.3f} ms/game, "
              f"{scaled:,.1f} s scaled to N; ratio {scaled / t_bargain:,.0f}x; agree: {agree}")


if __name__ == "__main__":
    main()
