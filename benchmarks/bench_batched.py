"""All extreme equilibria of N random small games: bargain.batched_equilibria vs nashpy one game at a time.

For each shape (3x3 by default, also 2x2, 2x4, 4x4 with --all) and payoff kind it prints:
  - the time of one ``batched_equilibria`` call on N games (best of ``repeats``) and games/s,
  - nashpy's ``support_enumeration`` on a subsample, one game at a time, scaled to games/s,
  - the speed ratio, and how many equilibria each found on the subsample (nashpy misses some
    on degenerate integer games and, through its tolerance, on some float games),
  - for 2x2, the closed form ``equilibria_2x2`` as a second reference.
numpy's elementwise kernels run on one core.

Run: python benchmarks/bench_batched.py [N] [nashpy_sample] [--all]
     (quick run: python benchmarks/bench_batched.py 10000 100)
"""

from __future__ import annotations

import os
import sys
import time
import warnings

import numpy as np
from _timing import best_time

import bargain as bg


def random_games(rng: np.random.Generator, n: int, m: int, k: int, kind: str) -> bg.Game:
    if kind == "int":
        A = rng.integers(-5, 6, (n, m, k)).astype(float)
        return bg.Game(A, rng.integers(-5, 6, (n, m, k)).astype(float))
    return bg.Game(rng.standard_normal((n, m, k)), rng.standard_normal((n, m, k)))


def nashpy_run(game: bg.Game, sample: int) -> tuple[float, int]:
    import nashpy

    games = [nashpy.Game(np.array(game.A[i]), np.array(game.B[i])) for i in range(sample)]
    found = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for g in games:
            found += len(list(g.support_enumeration()))
        elapsed = time.perf_counter() - start
    return sample / elapsed, found


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    sample = int(args[1]) if len(args) > 1 else 300
    shapes = [(3, 3), (2, 2), (2, 4), (4, 4)] if "--all" in sys.argv else [(3, 3)]
    rng = np.random.default_rng(0)
    print(f"cores: {os.cpu_count()}, numpy {np.__version__}; N = {n:,} games per call; "
          f"nashpy subsample: {sample} games")
    header = (f"{'shape':>5} {'payoffs':>7} {'batched s':>10} {'games/s':>11} {'nashpy games/s':>15} "
              f"{'ratio':>8} {'eq. bargain':>12} {'eq. nashpy':>11} {'degenerate':>11}")
    print(header)
    print("-" * len(header))
    for m, k in shapes:
        for kind in ("float", "int"):
            game = random_games(rng, n, m, k, kind)
            bg.batched_equilibria(game[:10])  # warm-up (imports, caches)
            t = best_time(lambda game=game: bg.batched_equilibria(game))
            res = bg.batched_equilibria(game)
            rate_np, found_np = nashpy_run(game, sample)
            rate = n / t
            ours = int(res.count[:sample].sum())
            print(f"{m}x{k:<3} {kind:>7} {t:>10.3f} {rate:>11,.0f} {rate_np:>15,.0f} {rate / rate_np:>8,.0f} "
                  f"{ours:>12,} {found_np:>11,} {int(res.degenerate.sum()):>11,}")
            if (m, k) == (2, 2):
                t2 = best_time(lambda game=game: bg.equilibria_2x2(game).count)
                print(f"{'':>5} {'':>7} {t2:>10.3f} {n / t2:>11,.0f}   (equilibria_2x2 closed form)")
    print("\nratio = batched games/s over nashpy games/s; eq. columns count equilibria on the subsample")


if __name__ == "__main__":
    main()
