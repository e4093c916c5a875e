"""All equilibria of N random 2x2 games: bargain's batched closed form vs nashpy one game at a time.

For each N and payoff kind it prints games/s for
  - ``kernel``: bargain.equilibria_2x2 (sign pattern + indifference probabilities: the complete
    equilibrium set in compact form, everything else is a table look-up),
  - ``materialized``: the same plus the padded (N, 4) arrays of p, q and the count,
and nashpy's ``support_enumeration`` (all equilibria, one game at a time) on a subsample, scaled
to games/s, with the ratio. numpy's elementwise kernels run on one core.

Run: python benchmarks/bench_2x2.py [max_exponent] [nashpy_sample]
"""

from __future__ import annotations

import os
import sys
import time
import warnings

import numpy as np
from _timing import best_time

import bargain as bg


def random_games(rng: np.random.Generator, n: int, kind: str) -> bg.Game:
    if kind == "int":
        A = rng.integers(-5, 6, (n, 2, 2)).astype(float)
        B = rng.integers(-5, 6, (n, 2, 2)).astype(float)
    else:
        A = rng.standard_normal((n, 2, 2))
        B = rng.standard_normal((n, 2, 2))
    return bg.Game(A, B)


def nashpy_rate(game: bg.Game, sample: int) -> float:
    import nashpy

    games = [nashpy.Game(np.array(game.A[i]), np.array(game.B[i])) for i in range(sample)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for g in games:
            list(g.support_enumeration())
        elapsed = time.perf_counter() - start
    return sample / elapsed


def main() -> None:
    max_exp = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = np.random.default_rng(0)
    print(f"cores: {os.cpu_count()}, numpy {np.__version__}; nashpy subsample: {sample} games")
    header = (f"{'N':>9} {'payoffs':>7} {'kernel games/s':>15} {'materialized/s':>15} "
              f"{'nashpy games/s':>15} {'ratio kernel':>13} {'ratio mat.':>11}")
    print(header)
    print("-" * len(header))
    for kind in ("int", "float"):
        rate_np = nashpy_rate(random_games(rng, sample, kind), sample)
        for exp in range(4, max_exp + 1):
            n = 10**exp
            game = random_games(rng, n, kind)
            t_kernel = best_time(lambda game=game: bg.equilibria_2x2(game), 5)

            def full(game: bg.Game = game) -> None:
                res = bg.equilibria_2x2(game)
                res.p, res.q, res.count  # noqa: B018

            t_full = best_time(full, 5)
            rk, rf = n / t_kernel, n / t_full
            print(f"{n:>9,} {kind:>7} {rk:>15,.0f} {rf:>15,.0f} {rate_np:>15,.0f} "
                  f"{rk / rate_np:>13,.0f} {rf / rate_np:>11,.0f}")


if __name__ == "__main__":
    main()
