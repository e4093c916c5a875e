"""Logit QRE of many 2x2 games at once, and replicator dynamics against nashpy.

1. ``bargain.logit_qre`` on N random 2x2 games (payoffs uniform on [-1, 1]) at fixed
   precisions ``lam`` (``scale="none"``): wall and CPU time, games/s, how many converged and
   the largest fixed-point residual. The target of issue 5 is N = 10^6 at one lambda in
   <= 1 s. For comparison, the same solver called one game at a time on a subsample.
2. ``bargain.replicator`` (batched RK4 in log coordinates) on R initial states of a 3x3
   rock-paper-scissors variant, against nashpy's ``Game.replicator_dynamics`` (scipy odeint,
   one trajectory per call), measured in the same run, with the largest difference between
   the two and each one's error against a tight ``solve_ivp`` reference.

Peers for QRE: Gambit's ``gambit-logit`` / pygambit is the reference implementation, but
pygambit ships no wheel for this Python and its source build did not finish within 5 minutes
on this machine, so it is not compared; nashpy, QuantEcon and OpenSpiel (without its
optional solvers) have no logit QRE. numpy runs on one core.

Run: python benchmarks/bench_qre.py [--size N] [--lams 1,10,100] [--states R] [--quick]
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

import numpy as np

import bargain as bg


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def bench_qre(n: int, lams: list[float], loop_sample: int) -> None:
    rng = np.random.default_rng(0)
    game = bg.Game(rng.uniform(-1, 1, (n, 2, 2)), rng.uniform(-1, 1, (n, 2, 2)))
    print(f"\n1. logit_qre of {n:,} random 2x2 games (payoffs U[-1, 1], scale='none')")
    head = (f"{'lambda':>8} {'wall s':>8} {'cpu s':>8} {'games/s':>12} {'converged':>12} "
            f"{'max resid':>10} {'loop games/s':>13} {'batch/loop':>11}")
    print(head)
    print("-" * len(head))
    small = game[:loop_sample]
    for lam in lams:
        bg.logit_qre(game[:1000], lam)                      # warm-up
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res, wall, cpu = timed(lambda lam=lam: bg.logit_qre(game, lam))

            def loop(lam: float = lam) -> None:
                for i in range(loop_sample):
                    bg.logit_qre(small[i], lam)

            _, wall_loop, _ = timed(loop)
        rate, rate_loop = n / wall, loop_sample / wall_loop
        print(f"{lam:>8g} {wall:>8.3f} {cpu:>8.3f} {rate:>12,.0f} "
              f"{int(res.converged.sum()):>12,} {float(np.max(res.residual)):>10.1e} "
              f"{rate_loop:>13,.0f} {rate / rate_loop:>11,.0f}")


def bench_replicator(states: int) -> None:
    import nashpy

    A = np.array([[0.0, -1.0, 2.0], [2.0, 0.0, -1.0], [-1.0, 2.0, 0.0]])   # RPS, win 2 loss 1
    t = np.linspace(0.0, 10.0, 101)
    x0 = np.random.default_rng(1).dirichlet(np.ones(3), size=states)
    print(f"\n2. replicator dynamics: {states:,} initial states, 3x3 RPS variant, t in [0, 10], 101 points")
    ours, wall, cpu = timed(lambda: bg.replicator(A, x0, t))
    ng = nashpy.Game(A)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref, wall_np, cpu_np = timed(
            lambda: np.array([ng.replicator_dynamics(y0=x, timepoints=t) for x in x0])
        )
    diff = float(np.abs(ours.strategies - ref).max())
    # accuracy of both against a tight error-controlled reference on a subsample
    sub = slice(0, min(states, 100))
    tight = bg.replicator(A, x0[sub], t, method="solve_ivp", rtol=1e-12, atol=1e-14).strategies
    err_ours = float(np.abs(ours.strategies[sub] - tight).max())
    err_np = float(np.abs(ref[sub] - tight).max())
    head = f"{'method':>32} {'wall s':>8} {'cpu s':>8} {'trajectories/s':>15}"
    print(head)
    print("-" * len(head))
    print(f"{'bargain.replicator (rk4, batched)':>32} {wall:>8.3f} {cpu:>8.3f} {states / wall:>15,.0f}")
    print(f"{'nashpy replicator_dynamics':>32} {wall_np:>8.3f} {cpu_np:>8.3f} {states / wall_np:>15,.0f}")
    print(f"ratio (nashpy time / bargain time): {wall_np / wall:.1f}x;  max |difference|: {diff:.1e}")
    print(f"max error against solve_ivp(rtol=1e-12) on {sub.stop} states: bargain {err_ours:.1e}, "
          f"nashpy {err_np:.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10**6, help="number of 2x2 games (default 10^6)")
    parser.add_argument("--lams", default="1,10,100", help="comma-separated precisions")
    parser.add_argument("--states", type=int, default=1000, help="replicator initial states")
    parser.add_argument("--loop", type=int, default=2000, help="games solved one at a time")
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.size, args.states, args.loop = 20_000, 100, 200
    lams = [float(v) for v in args.lams.split(",")]
    print(f"cores: {os.cpu_count()}, numpy {np.__version__}, bargain {bg.__version__}")
    bench_qre(args.size, lams, min(args.loop, args.size))
    bench_replicator(args.states)


if __name__ == "__main__":
    main()
