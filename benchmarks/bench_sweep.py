"""Sweeps at scale: a 2x2 model over a grid (numpy and Dask backends) and Sobol indices.

Three measurements, printed with ratios:

1. A 2x2 model sweep (the game of chicken built from its prize and crash cost, the complete
   equilibrium set per point via ``bg.equilibria_2x2``) with the numpy backend on one
   core: parameter points per second, beside the same grid done point by point with nashpy
   (``support_enumeration`` on a small sample of the grid's games, extrapolated), in the
   same run.
2. The same sweep with the Dask backend on a 2-worker ``LocalCluster`` (one thread each,
   separate processes) over a bigger grid, reduced as it is computed (nothing is
   materialised), timed after a small warm-up sweep (the workers' imports): points per
   second against twice the numpy rate per core, and the peak
   resident memory of the whole process tree (this process, the scheduler, the workers),
   sampled with psutil.
3. First-order and total Sobol indices of a crisis model's war outcome over 4 parameters
   (``crisis.power_shift`` when it exists, else a closed-form risk-return model defined here)
   with ``n`` base samples.

Run: python benchmarks/bench_sweep.py [--numpy-points N] [--dask-points N] [--sobol-n N]
     [--nashpy-sample S] [--skip-dask]
Defaults are modest (4e6 numpy points, 2e7 Dask points, 2**17 Sobol base samples).
"""

from __future__ import annotations

import argparse
import math
import os
import threading
import time
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

import bargain as bg
from bargain.models import POSITIVE, Domain, ModelResult, Parameter, model, output
from bargain.sweep import measures as M


@dataclass(frozen=True, eq=False, repr=False)
class Chicken(ModelResult):
    game: Any = output("the game of chicken (Dare / Swerve)", kind="game")


@model(
    family="bench",
    source="Maynard Smith and Price (1973): hawk-dove payoffs",
    parameters=[
        Parameter("value", "the prize", domain=POSITIVE),
        Parameter("cost", "the cost of a crash", domain=POSITIVE),
    ],
    result=Chicken,
    register=False,
)
def chicken(value, cost):
    """The game of chicken with prize ``value`` and crash cost ``cost`` (builds the 2x2 games only)."""
    A = np.empty(np.broadcast_shapes(np.shape(value), np.shape(cost)) + (2, 2))
    A[..., 0, 0] = (value - cost) / 2
    A[..., 0, 1] = value
    A[..., 1, 0] = 0.0
    A[..., 1, 1] = value / 2
    return {"game": bg.Game(A, np.swapaxes(A, -1, -2))}


@dataclass(frozen=True, eq=False, repr=False)
class RiskReturn(ModelResult):
    war_probability: Any = output("probability of war", unit="probability")


@model(
    family="bench",
    source="Fearon (1995), International Organization 49(3): the risk-return trade-off",
    parameters=[
        Parameter("p", "A's probability of winning", domain=Domain(0, 1)),
        Parameter("cost_a", "A's cost of war", domain=Domain(0)),
        Parameter("low", "lowest cost of war B may have", domain=Domain(0)),
        Parameter("width", "spread of B's cost", domain=Domain(0, low_open=True)),
    ],
    result=RiskReturn,
    register=False,
)
def risk_return(p, cost_a, low, width):
    """A's optimal demand against B's cost uniform on [low, low + width]: war iff B's cost is below it."""
    # demand x = p + (low + width - cost_a) / 2 (uncapped); war probability (x - p - low) / width
    return {"war_probability": np.clip((width - low - cost_a) / (2 * width), 0.0, 1.0)}


def grid_for(points: int) -> dict[str, np.ndarray]:
    side = int(math.isqrt(points))
    return {"value": np.linspace(0.1, 3.0, side), "cost": np.linspace(0.05, 4.0, points // side)}


def numpy_rate(points: int, measure: Any, repeats: int = 3) -> tuple[float, float, int]:
    """Best of ``repeats`` runs: points per second of wall time and of this process's CPU time."""
    grid = grid_for(points)
    n = grid["value"].size * grid["cost"].size
    wall = cpu = float("inf")
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        bg.sweep(chicken, grid=grid, measures=measure, progress=False)
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return n / wall, n / cpu, n


def nashpy_rate(sample: int) -> float:
    import nashpy

    rng = np.random.default_rng(0)
    values = rng.uniform(0.1, 3.0, sample)
    costs = rng.uniform(0.05, 4.0, sample)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for v, c in zip(values, costs):  # the analyst's loop: build the game, solve it
            A = np.array([[(v - c) / 2, v], [0.0, v / 2]])
            list(nashpy.Game(A, A.T).support_enumeration())
        return sample / (time.perf_counter() - start)


class PeakTreeMemory:
    """Peak resident memory of this process and all its descendants, sampled every 50 ms."""

    def __init__(self) -> None:
        import psutil

        self.root = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for proc in [self.root, *self.root.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except Exception:  # a process that just exited
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(0.05)

    def __enter__(self) -> PeakTreeMemory:
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by this process and its live descendants."""
        total = 0.0
        for proc in [self.root, *self.root.children(recursive=True)]:
            try:
                t = proc.cpu_times()
                total += t.user + t.system
            except Exception:
                pass
        return total


def dask_run(points: int, measure: Any, mmap_threshold: int) -> tuple[float, float, float, int]:
    """Points per second of wall time and of CPU time (all processes), peak tree memory.

    distributed starts its workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which also fixes
    glibc's mmap threshold at 128 kB: every temporary array above it is a fresh mmap, zeroed
    page by page (measured: 1.1M points per CPU second instead of 2.5M on this sweep).
    ``MALLOC_MMAP_THRESHOLD_`` (0: leave distributed's default) puts them back on the heap.
    """
    import dask
    import distributed

    grid = grid_for(points)
    n = grid["value"].size * grid["cost"].size
    prefix = "distributed.nanny.pre-spawn-environ."
    environ = {}
    if mmap_threshold:  # and trim only above it: freed blocks stay on the heap for the next task
        environ = {prefix + "MALLOC_MMAP_THRESHOLD_": mmap_threshold,
                   prefix + "MALLOC_TRIM_THRESHOLD_": 4 * mmap_threshold}
    with dask.config.set(environ), distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster), PeakTreeMemory() as mem:
        # warm up: the workers import numpy, scipy and bargain and unpickle the model once
        bg.sweep(chicken, grid=grid_for(10**5), measures=measure, backend="dask").eq_count.sum().compute()
        cpu, start = mem.cpu_seconds(), time.perf_counter()
        ds = bg.sweep(chicken, grid=grid, measures=measure, backend="dask")
        counts = ds.eq_count.mean().compute()
        elapsed = time.perf_counter() - start
        cpu = mem.cpu_seconds() - cpu
    assert 1 <= float(counts) <= 4
    return n / elapsed, n / cpu, mem.peak, n


def sobol(n: int) -> tuple[str, float, Any]:
    try:
        from bargain.models.crisis import power_shift
    except ImportError:
        power_shift = None
    if power_shift is not None:
        m = power_shift
        bounds = {"delta": (0.5, 0.99), "p_now": (0.1, 0.5), "p_later": (0.3, 0.9), "cost": (0.0, 0.3)}
        out = "war"
    else:
        m = risk_return
        bounds = {"p": (0, 1), "cost_a": (0, 0.3), "low": (0, 0.3), "width": (0.1, 1)}
        out = "war_probability"
    start = time.perf_counter()
    s = bg.sweep.sensitivity(m, out, bounds=bounds, n=n, rng=0)
    return m.qualname, time.perf_counter() - start, s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numpy-points", type=float, default=4e6)
    parser.add_argument("--dask-points", type=float, default=2e7)
    parser.add_argument("--sobol-n", type=int, default=2**17)
    parser.add_argument("--nashpy-sample", type=int, default=300)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--mmap-threshold", type=int, default=2**26,
                        help="MALLOC_MMAP_THRESHOLD_ of the Dask workers in bytes (0: distributed's default)")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, numpy {np.__version__}, bargain {bg.__version__}, "
          f"load average {os.getloadavg()[0]:.1f} (wall rates suffer when it exceeds the cores; "
          "rates per CPU second much less)")

    print("\n1. 2x2 sweep, numpy backend, one process (games from parameters + equilibria_2x2)")
    rate_nashpy = nashpy_rate(args.nashpy_sample)
    rates = {}
    for label, measure in (
        ("equilibrium set (count, p, q, degenerate)", M.equilibria(payoffs=False)),
        ("equilibrium set + payoffs", "equilibria"),
    ):
        rate, per_cpu, n = numpy_rate(int(args.numpy_points), measure)
        rates[label] = (rate, per_cpu)
        print(f"  {label:<44} {n:>11,d} points  {rate:>12,.0f} points/s  "
              f"({rate / rate_nashpy:,.0f}x nashpy); {per_cpu:,.0f} per CPU second")
    print(f"  {'nashpy support_enumeration, point by point':<44} {args.nashpy_sample:>11,d} points  "
          f"{rate_nashpy:>12,.0f} points/s  (sample, extrapolated)")

    if not args.skip_dask:
        print("\n2. the same sweep, Dask backend, LocalCluster(2 workers x 1 thread, processes), "
              "reduced lazily")
        measure = M.equilibria(payoffs=False)
        base, base_cpu = rates["equilibrium set (count, p, q, degenerate)"]
        rate, per_cpu, peak, n = dask_run(int(args.dask_points), measure, args.mmap_threshold)
        print(f"  workers' MALLOC_MMAP_THRESHOLD_: {args.mmap_threshold or 'distributed default'}")
        print(f"  {n:,d} points: {rate:,.0f} points/s = {rate / 2:,.0f} per worker "
              f"(2 x the numpy rate per core / this: {(2 * base) / rate:.2f}); "
              f"{per_cpu:,.0f} points per CPU second (numpy's / this: {base_cpu / per_cpu:.2f}); "
              f"peak memory of the process tree {peak / 1e9:.2f} GB")

    print(f"\n3. Sobol indices, 4 parameters, n = {args.sobol_n} base samples")
    name, seconds, s = sobol(args.sobol_n)
    print(f"  {name}: {s.evaluations:,d} model points in {seconds:.2f} s")
    print("\n".join("  " + line for line in repr(s).splitlines()))


if __name__ == "__main__":
    main()
