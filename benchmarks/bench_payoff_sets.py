"""Subgame-perfect payoff sets: bargain.repeated.equilibrium_payoffs vs QuantEcon (Abreu-Sannikov).

On N random stage games (sizes 2x2, 3x3, 4x4 in turn; half small integers in 0..9, half
uniform floats) at one discount factor it prints
  - failures: calls that raised or did not converge (bargain: status other than SUCCESS),
  - agreement: the Hausdorff distance between bargain's polygon and the convex hull of
    QuantEcon's points, relative to the larger payoff range, where QuantEcon succeeds
    (counted within 1e-6),
  - median and total time per game; QuantEcon's time is warm (its numba compilation is
    done on one game first and reported separately),
and a grid of 50 discount factors in one call vs 50 separate calls, on a few games.

QuantEcon is not a dependency: install it in a scratch environment to compare
(``pip install quantecon==0.11.4``); without it only bargain's figures are printed.

Run: python benchmarks/bench_payoff_sets.py [games] [delta]
"""

from __future__ import annotations

import sys
import time
import warnings
from typing import Any

import numpy as np

import bargain as bg
from bargain.repeated._polygon import hausdorff, hull


def random_games(rng: np.random.Generator, n: int) -> list[bg.Game]:
    games = []
    for i in range(n):
        m = 2 + i % 3
        if (i // 3) % 2 == 0:
            A, B = rng.integers(0, 10, (2, m, m))
        else:
            A, B = rng.random((2, m, m))
        games.append(bg.Game(A, B))
    return games


def ours(games: list[bg.Game], delta: float) -> tuple[list, list[float], int]:
    sets, times, failures = [], [], 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for g in games:
            start = time.perf_counter()
            try:
                r = bg.repeated.equilibrium_payoffs(g, delta)
            except Exception as exc:  # a failure is what we count, whatever it is
                times.append(time.perf_counter() - start)
                failures += 1
                sets.append(None)
                print(f"  bargain raised {type(exc).__name__}: {exc}")
                continue
            times.append(time.perf_counter() - start)
            failures += not r.success
            sets.append(r.vertices if r.success else None)
    return sets, times, failures


def _quantecon_worker(payoffs: list[tuple[np.ndarray, np.ndarray]], delta: float, start_at: int,
                      queue: Any) -> None:
    """QuantEcon's sets and warm times from game ``start_at`` on, sent one by one on ``queue``."""
    try:
        import quantecon.game_theory as gt
    except ImportError:
        queue.put(("missing",))
        return

    def solve(A: np.ndarray, B: np.ndarray) -> np.ndarray:
        nfg = gt.NormalFormGame(np.stack([A, B], axis=-1))
        res = gt.RepeatedGame(nfg, delta).equilibrium_payoffs()  # a scipy ConvexHull
        return np.asarray(res.points)[res.vertices]

    start = time.perf_counter()
    solve(np.array([[3.0, 0.0], [5.0, 1.0]]), np.array([[3.0, 5.0], [0.0, 1.0]]))  # numba compiles
    queue.put(("compile", time.perf_counter() - start))
    warnings.simplefilter("ignore")
    for i in range(start_at, len(payoffs)):
        A, B = payoffs[i]
        start = time.perf_counter()
        try:
            pts = solve(A, B)
        except Exception:  # QhullError on points and segments, among others
            pts = None
        queue.put(("game", i, pts, time.perf_counter() - start))
    queue.put(("done",))


def quantecon(games: list[bg.Game], delta: float) -> tuple[list, list[float], int, float, int] | None:
    """QuantEcon's results, computed in spawned child processes.

    QuantEcon's runs (numba and Qhull) were seen to corrupt the heap of their process
    ("corrupted size vs. prev_size", "double free or corruption") and kill it; the games run
    in a child that reports each result as it goes, and when it dies the game it was on
    counts as a QuantEcon failure and a new child (which compiles again) goes on from the
    next game. Timing is inside the child; compilation is reported, not counted.
    """
    import multiprocessing
    import queue as queue_module

    ctx = multiprocessing.get_context("spawn")
    payoffs = [(np.array(g.A), np.array(g.B)) for g in games]
    sets: list = [None] * len(games)
    times = [float("nan")] * len(games)
    failed = [False] * len(games)
    compile_time = float("nan")
    crashes = 0
    nxt = 0
    while nxt < len(games):
        q = ctx.Queue()
        proc = ctx.Process(target=_quantecon_worker, args=(payoffs, delta, nxt, q))
        proc.start()
        finished = False
        while True:
            try:
                msg = q.get(timeout=5)
            except queue_module.Empty:
                if not proc.is_alive():
                    break
                continue
            if msg[0] == "missing":
                proc.join()
                return None
            if msg[0] == "compile":
                compile_time = msg[1] if np.isnan(compile_time) else compile_time
            elif msg[0] == "game":
                _, i, pts, t = msg
                sets[i], times[i], failed[i] = pts, t, pts is None
                nxt = i + 1
            else:
                finished = True
                break
        proc.join(timeout=10)
        if not finished and nxt < len(games):  # the child died on game nxt
            crashes += 1
            failed[nxt] = True
            nxt += 1
    return sets, [t for t in times if not np.isnan(t)], sum(failed), compile_time, crashes


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    delta = float(sys.argv[2]) if len(sys.argv) > 2 else 0.9
    rng = np.random.default_rng(2014)
    games = random_games(rng, n)
    print(f"{n} random games (2x2, 3x3, 4x4; integer and float payoffs), delta = {delta}")
    mine, my_times, my_fail = ours(games, delta)
    kinds = {-1: 0, 0: 0, 1: 0, 2: 0}
    for v in mine:
        if v is not None:
            kinds[min(len(v), 3) - 1] += 1
    print(f"bargain:   failures {my_fail}/{n}; median {np.median(my_times) * 1e3:.2f} ms/game, "
          f"total {sum(my_times):.2f} s; sets: {kinds[-1]} empty, {kinds[0]} points, "
          f"{kinds[1]} segments, {kinds[2]} polygons")
    qe = quantecon(games, delta)
    if qe is None:
        print("QuantEcon not importable: bargain's figures only")
    else:
        theirs, qe_times, qe_fail, compile_time, crashes = qe
        print(f"QuantEcon: failures {qe_fail}/{n} (of which {crashes} killed the process); median "
              f"{np.median(qe_times) * 1e3:.2f} ms/game (warm), total {sum(qe_times):.2f} s; "
              f"first call (numba compilation) {compile_time:.1f} s")
        by_size = {m: [0, 0] for m in (2, 3, 4)}
        for g, t in zip(games, theirs):
            by_size[g.shape[0]][0] += t is None
            by_size[g.shape[0]][1] += 1
        print("QuantEcon failures by size: " + ", ".join(f"{m}x{m} {f}/{c}" for m, (f, c) in by_size.items()))
        dists = []
        for g, a, b in zip(games, mine, theirs):
            if a is None or b is None:
                continue
            scale = float(np.max(g.payoff_range)) or 1.0
            dists.append(hausdorff(a / scale, hull(np.asarray(b, dtype=float) / scale, 1e-12)))
        dists_arr = np.array(dists)
        print(f"agreement where QuantEcon succeeds ({len(dists)} games): "
              f"{int((dists_arr <= 1e-6).sum())} within 1e-6 (relative Hausdorff distance), "
              f"largest {dists_arr.max():.2e}, median {np.median(dists_arr):.2e}")
        print(f"median time ratio bargain/QuantEcon(warm): {np.median(my_times) / np.median(qe_times):.3f}")
    # a grid of discount factors: one call vs one call per factor
    grid = np.linspace(0.3, 0.95, 50)
    sample = games[: min(12, n)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        unconverged_one = 0
        for g in sample:
            unconverged_one += sum(not r.success for r in bg.repeated.equilibrium_payoffs(g, grid))
        one = time.perf_counter() - start
        start = time.perf_counter()
        unconverged_many = 0
        for g in sample:
            for d in grid:
                unconverged_many += not bg.repeated.equilibrium_payoffs(g, float(d)).success
        many = time.perf_counter() - start
    print(f"grid of 50 deltas in [0.3, 0.95] on {len(sample)} games: one call {one:.2f} s, 50 calls "
          f"{many:.2f} s (ratio {one / many:.2f}); runs that hit the iteration budget: "
          f"{unconverged_one} and {unconverged_many} of {50 * len(sample)}")


if __name__ == "__main__":
    main()
