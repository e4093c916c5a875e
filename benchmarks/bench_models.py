"""Benchmark: every registered model evaluated on 10^6 parameter points in one call.

Each real parameter gets 10^6 values drawn uniformly within its declared domain (near its
default where the domain is unbounded: default x [0.5, 1.5], or [0, 2] x default's size);
vector parameters (the allies' incomes) get 10^6 rows; options and objects keep their
defaults. A model whose parameters must satisfy a joint condition the independent draws
break (for example a low bound below a high one) is evaluated on one point (its defaults,
or one draw) broadcast to 10^6 points instead, and the table says so. Times are the best
of ``--repeats`` calls.

For a sense of scale the same points are also evaluated one by one, in a Python loop over
scalar calls, on a sample of ``--loop-sample`` points (the per-point cost of not batching).

Run: python benchmarks/bench_models.py [--points 1000000] [--repeats 3] [--only crisis.fearon]
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))

from _timing import best_time  # noqa: E402

from bargain.errors import BargainError  # noqa: E402
from bargain.models import registry  # noqa: E402

#: Values for required parameters that are not numbers (one value for all points).
FIXED = {"cost_b": (0.0, 0.5), "markets": 12}


def _draw(p, size: int, rng: np.random.Generator) -> np.ndarray:
    d = p.domain
    default = None if p.required else p.default
    lo = d.low if d.low is not None and math.isfinite(d.low) else None
    hi = d.high if d.high is not None and math.isfinite(d.high) else None
    if lo is None or hi is None:
        centre = float(default) if isinstance(default, (int, float)) and default is not None else 1.0
        width = abs(centre) if centre else 1.0
        lo = centre - 0.5 * width if lo is None else lo
        hi = max(centre + 0.5 * width, lo + width) if hi is None else hi
    span = hi - lo
    values = rng.uniform(lo + 1e-6 * span, hi - 1e-6 * span, size)
    if d.integer:
        values = np.clip(np.round(values), math.ceil(lo), math.floor(hi))
    return values


def _inputs(m, size: int, rng: np.random.Generator, randomise: bool) -> dict | None:
    kwargs = {}
    for p in m.parameters:
        if p.kind == "real":
            if randomise:
                kwargs[p.name] = _draw(p, size, rng)
            elif not p.required:
                kwargs[p.name] = np.full(size, float(p.default))
            else:
                kwargs[p.name] = np.full(size, _draw(p, 1, rng)[0])
        elif p.kind == "vector":
            base = np.asarray(p.default if not p.required else np.ones(p.min_size), dtype=float)
            scale = rng.uniform(0.5, 1.5, (size, base.shape[-1])) if randomise else 1.0
            kwargs[p.name] = base * scale
        elif p.required:
            if p.name not in FIXED:
                return None
            kwargs[p.name] = FIXED[p.name]
    return kwargs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--loop-sample", type=int, default=200)
    parser.add_argument("--only", nargs="*", default=None, help="family.name of the models to time")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    print(f"{'model':40s} {'points':>9s} {'batched s':>10s} {'points/s':>10s} {'loop us/pt':>11s}  note")
    for qualname, m in registry().items():
        if args.only and qualname not in args.only:
            continue
        note = ""
        for randomise in (True, False):
            kwargs = _inputs(m, args.points, rng, randomise)
            if kwargs is None:
                note = "needs a non-numeric parameter: skipped"
                break
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    m(**kwargs)
                break
            except (BargainError, ValueError) as exc:
                note = f"random draws refused ({str(exc)[:60]}...); one point broadcast"
                kwargs = None
        if kwargs is None:
            print(f"{qualname:40s} {'-':>9s} {'-':>10s} {'-':>10s} {'-':>11s}  {note}")
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seconds = best_time(lambda kw=kwargs, f=m: f(**kw), args.repeats)
            k = min(args.loop_sample, args.points)
            start = time.perf_counter()
            for i in range(k):
                m(**{name: v[i] if isinstance(v, np.ndarray) else v for name, v in kwargs.items()})
            loop = (time.perf_counter() - start) / k
        rate = args.points / seconds
        print(
            f"{qualname:40s} {args.points:9d} {seconds:10.3f} {rate:10.3g} {1e6 * loop:11.1f}  "
            f"{note or f'batched is {loop * args.points / seconds:.0f}x the loop'}"
        )


if __name__ == "__main__":
    main()
