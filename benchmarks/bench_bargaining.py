"""Alternating-offers bargaining (bargain.rubinstein) over an n x n grid of discount factors.

Cases, each solved for the whole grid in one call (best of ``repeats`` runs):
  - infinite horizon (Rubinstein 1982 closed form),
  - infinite horizon with outside options and breakdown risk (clipped closed form),
  - continuous time: an n x n grid of (rate, period length),
  - finite horizon T by backward induction (a loop over the T periods, vectorized over the grid),
  - finite horizon T with outside options and breakdown risk (the general backward induction).

Peers: neither nashpy nor QuantEcon (nor Gambit) has alternating-offers bargaining, so there is
no peer to compare with. The baseline is a naive loop over the grid points, measured on a
sample and scaled to the full grid: (a) the closed form in plain Python, computing the same
outputs per point as the vectorized call (shares, demands, agreement flag and period),
(b) a scalar call of bargain.rubinstein per grid point (what a user looping over parameters
would write, with validation and a result object per point). Timings on a shared machine vary
by up to 2x between runs.

Run: python benchmarks/bench_bargaining.py [n] [horizon] [loop_sample]
(defaults 1000 50 20000; e.g. ``python benchmarks/bench_bargaining.py 200 20 2000`` is quick.)
"""

from __future__ import annotations

import os
import sys

import numpy as np
from _timing import best_time

import bargain as bg


def naive_closed_form(d1: np.ndarray, d2: np.ndarray) -> list[tuple]:
    """The textbook loop, one pair at a time, producing what one vectorized call returns per
    point: both shares, both stationary demands, the agreement flag and period."""
    out = []
    for a in d1.tolist():
        for b in d2.tolist():
            den = 1 - a * b
            x, y = (1 - b) / den, (1 - a) / den
            out.append((x, 1 - x, x, y, True, 0))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    horizon = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    sample = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000
    d = np.linspace(0.01, 0.99, n)
    d1, d2 = d[:, None], d[None, :]
    points = n * n
    bg.rubinstein(0.9, 0.9)  # import and warm up

    cases = [
        ("infinite horizon", lambda: bg.rubinstein(d1, d2)),
        (
            "infinite + options + breakdown",
            lambda: bg.rubinstein(
                d1, d2, outside_options=(0.1, 0.3), breakdown=0.05, disagreement=(0.05, 0.1)
            ),
        ),
        ("continuous time (rate x period)", lambda: bg.rubinstein_rates(d1, 0.5, period=d2)),
        (f"finite horizon T={horizon}", lambda: bg.rubinstein(d1, d2, horizon=horizon)),
        ("finite horizon T=10**8 (closed form)", lambda: bg.rubinstein(d1, d2, horizon=10**8)),
        (
            f"finite T={horizon} + options + breakdown",
            lambda: bg.rubinstein(
                d1, d2, horizon=horizon, outside_options=(0.1, 0.3), breakdown=0.05,
                disagreement=(0.05, 0.1),
            ),
        ),
    ]

    print(f"cores: {os.cpu_count()}, numpy {np.__version__}; grid {n} x {n} = {points:,} points")
    print("peers: nashpy and QuantEcon have no alternating-offers bargaining (no peer to compare)")
    header = f"{'case':<40} {'time (s)':>9} {'points/s':>14}"
    print(header)
    print("-" * len(header))
    t_vec = None
    for name, fn in cases:
        t = best_time(fn)
        if t_vec is None:
            t_vec = t
        print(f"{name:<40} {t:>9.3f} {points / t:>14,.0f}")

    # naive baselines on a sample, scaled to the full grid
    k = max(1, int(np.sqrt(min(sample, points))))
    sub = d[:k]
    t_py = best_time(lambda: naive_closed_form(sub, sub)) * points / (k * k)
    m = max(1, min(sample // 10, points))
    pairs = [(float(d[i % n]), float(d[(7 * i) % n])) for i in range(m)]

    def scalar_calls() -> None:
        for a, b in pairs:
            bg.rubinstein(a, b)

    t_scalar = best_time(scalar_calls, repeats=1) * points / m
    print()
    print("baseline: naive loop over the grid (measured on a sample, scaled to the full grid)")
    print(f"{'loop':<40} {'time (s)':>9} {'vectorized speed-up':>20}")
    print(f"{'plain-Python closed form (same outputs)':<40} {t_py:>9.2f} {t_py / t_vec:>19,.1f}x")
    print(f"{'scalar bg.rubinstein call per point':<40} {t_scalar:>9.1f} {t_scalar / t_vec:>19,.0f}x")


if __name__ == "__main__":
    main()
