"""Benchmark: all Nash equilibria of random n x n games, bargain vs nashpy, lrsnash, QuantEcon.

For each size and payoff kind (uniform floats in [0, 1), integers in 0..9 which tie often,
integers in 0..999) the same games are solved by

* bargain: ``nash_equilibria`` (auto), ``vertex_enumeration`` float and exact,
  ``support_enumeration`` (small sizes only: its cost grows like binomial(2n, n));
* nashpy: ``support_enumeration`` and ``vertex_enumeration`` (each under a time cap);
* lrsnash (exact, C; Debian package ``lrslib``) when it is on PATH;
* QuantEcon's ``vertex_enumeration`` and ``support_enumeration`` when ``quantecon`` is
  importable (``pip install quantecon``; not a dependency of bargain; numba compiles
  on first use, so it is warmed up before timing).

Every tool's answer is compared with bargain's exact result: ``count`` is the number of
distinct profiles returned, ``miss`` how many true extreme equilibria it lacks, ``bad``
how many returned profiles are not equilibria. Times are medians over ``--repeats``
runs in seconds (a call under 50 ms timed over a loop of calls, as ``timeit`` does);
ratios are peer time / bargain time (> 1: bargain is faster).

Sizes above ``--exact-max`` (default 16; the defaults add 20 and 25) run with budgets:
bargain under ``max_time=--budget`` (partial, certified results; no ratio), lrsnash under
``--cap``, QuantEcon skipped (its qhull cannot be stopped). Peers are timed interleaved
with bargain, round by round, so that the ratios survive a drifting machine load.

Run ``python benchmarks/bench_nash.py --quick`` for a run under a minute, or e.g.
``python benchmarks/bench_nash.py --sizes 8 12 14 --repeats 3`` for the table of issue 16.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from fractions import Fraction

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import bargain as bg  # noqa: E402

KINDS = {
    "float": lambda rng, n: rng.random((n, n)),
    "int0-9": lambda rng, n: rng.integers(0, 10, (n, n)),
    "int0-999": lambda rng, n: rng.integers(0, 1000, (n, n)),
}


def timed(repeats: int, fn, *args, **kwargs):
    """Median wall time of ``fn(*args, **kwargs)`` over ``repeats`` runs, and its result."""
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn(*args, **kwargs)
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def interleaved(repeats: int, calls: dict, min_time: float = 0.05):
    """Median wall time per call and last result of each named call, the calls run in turn
    per round.

    On a shared machine the load drifts; alternating the tools in every round keeps their
    ratios fair even when the absolute times are inflated. A call faster than ``min_time``
    is timed over a loop of calls that lasts about ``min_time`` (as ``timeit`` does; one
    call of a few milliseconds is mostly timer and scheduler noise); the first call of each
    tool is the warm-up (a second one sets the loop length of a fast tool), and is one of
    the samples of a tool too slow to loop.
    """
    times: dict = {k: [] for k in calls}
    outs: dict = {}
    loops: dict = {}

    def run(name):
        fn, args, kwargs = calls[name]
        with warnings.catch_warnings():  # budgeted rows warn by design
            warnings.simplefilter("ignore")
            outs[name] = fn(*args, **kwargs)

    for name in calls:
        t = time.perf_counter()
        run(name)
        dt = time.perf_counter() - t
        if dt < min_time:  # warm: time a second call to set the loop
            t = time.perf_counter()
            run(name)
            dt = time.perf_counter() - t
        loops[name] = max(1, min(1000, int(min_time / max(dt, 1e-6))))
        if loops[name] == 1:
            times[name].append(dt)
    for _ in range(repeats):
        for name in calls:
            if len(times[name]) >= repeats:
                continue
            t = time.perf_counter()
            for _ in range(loops[name]):
                run(name)
            times[name].append((time.perf_counter() - t) / loops[name])
    return {k: statistics.median(v) for k, v in times.items()}, outs


def capped_generator(gen, cap: float):
    """Drain a generator of profiles, stopping after ``cap`` seconds (None when capped)."""
    start = time.perf_counter()
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for item in gen:
            out.append(item)
            if time.perf_counter() - start > cap:
                return None
    return out


def lrsnash(A, B, cap: float):
    """Run lrsnash on integer or float payoffs (written exactly as fractions)."""
    m, n = A.shape

    def block(M):
        return "\n".join(" ".join(str(Fraction(v)) for v in row) for row in M.tolist())

    with tempfile.NamedTemporaryFile("w", suffix=".nash", delete=False) as fh:
        fh.write(f"{m} {n}\n\n{block(A)}\n\n{block(B)}\n")
        path = fh.name
    try:
        out = subprocess.run(["lrsnash", path], capture_output=True, text=True, timeout=cap).stdout
    except subprocess.TimeoutExpired:
        return None
    finally:
        os.unlink(path)
    eqs, ys = [], []
    for line in out.splitlines():
        tok = line.split()
        if not tok or tok[0].startswith("*"):
            continue
        if tok[0] == "2":
            ys.append([float(Fraction(v)) for v in tok[1 : 1 + n]])
        elif tok[0] == "1":
            x = [float(Fraction(v)) for v in tok[1 : 1 + m]]
            eqs.extend((x, y) for y in ys)
            ys = []
    return eqs


def score(profiles, truth, g):
    """(count, missed, not-an-equilibrium) of a list of profiles against the exact truth."""
    if profiles is None:
        return None
    from bargain.core import kernels

    got: dict[tuple, tuple] = {}
    for x, y in profiles:
        x, y = np.asarray(x, float), np.asarray(y, float)
        got.setdefault((tuple(np.round(x, 6) + 0.0), tuple(np.round(y, 6) + 0.0)), (x, y))
    scale = max(np.ptp(g.A), np.ptp(g.B), 1e-300)
    bad = 0
    for x, y in got.values():
        ok = x.min() >= -1e-9 and y.min() >= -1e-9 and abs(x.sum() - 1) < 1e-6 and abs(y.sum() - 1) < 1e-6
        if not ok or kernels.regret(g.A, g.B, x, y).max() > 1e-6 * scale:
            bad += 1
    return len(got), len(truth - set(got)), bad


def fmt_time(t):
    return "   cap" if t is None else (f"{t:6.3f}" if t < 100 else f"{t:6.0f}")


def _print_summary(rows) -> None:
    """Issue 16's criteria in one block: the ratios per row and bargain's missed/bad counts."""
    print("\nsummary (ratio = peer time / bargain time; want >= 1; bargain auto misses/bad vs exact):")
    print(f"  {'row':>18} {'QuantEcon/auto':>15} {'lrsnash/exact':>14} {'auto miss/bad':>14}")
    for name, qe, lrs, own in rows:
        q = "-" if qe is None else f"{qe:.2f}"
        r = "-" if lrs is None else f"{lrs:.2f}"
        o = "-" if own is None else f"{own[1]}/{own[2]}"
        print(f"  {name:>18} {q:>15} {r:>14} {o:>14}")
    qes = [q for _, q, _, _ in rows if q is not None]
    lrss = [r for _, _, r, _ in rows if r is not None]
    if qes:
        print(f"  smallest QuantEcon/auto ratio {min(qes):.2f}; ", end="")
    if lrss:
        print(f"smallest lrsnash/exact ratio {min(lrss):.2f}", end="")
    print()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[*range(4, 15, 2), 20, 25])
    ap.add_argument("--kinds", nargs="*", default=list(KINDS), choices=list(KINDS))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--cap", type=float, default=20.0, help="time cap per peer call (s)")
    ap.add_argument("--nashpy-support-max", type=int, default=7)
    ap.add_argument("--nashpy-vertex-max", type=int, default=10)
    ap.add_argument("--support-max", type=int, default=8)
    ap.add_argument("--exact-max", type=int, default=16,
                    help="larger sizes: bargain under --budget, lrsnash under --cap, no QuantEcon")
    ap.add_argument("--budget", type=float, default=10.0, help="bargain max_time for sizes > --exact-max")
    ap.add_argument("--quick", action="store_true", help="sizes 4..8, one repeat, small caps")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.repeats, args.cap = [4, 6, 8], 1, 5.0
        args.nashpy_support_max, args.nashpy_vertex_max = 6, 8
    have_lrs = shutil.which("lrsnash") is not None
    try:
        import quantecon.game_theory as qe_gt
    except ImportError:  # pragma: no cover - optional peer
        qe_gt = None
    if qe_gt is not None:  # numba warm-up
        warm = qe_gt.NormalFormGame((qe_gt.Player(np.eye(3)), qe_gt.Player(np.eye(3))))
        qe_gt.vertex_enumeration(warm)
        qe_gt.support_enumeration(warm)
    # bargain's compiled kernels (the jit extra) load on first use: warm them up too, on a
    # simple and a doubly degenerate 6x6 game, float and exact
    warm_rng = np.random.default_rng(0)
    for M in (warm_rng.random((2, 6, 6)), warm_rng.integers(0, 3, (2, 6, 6))):
        for exact in (False, True):
            bg.vertex_enumeration(bg.Game(M[0], M[1]), exact=exact)
    print(f"bargain {bg.__version__}; lrsnash: {'yes' if have_lrs else 'no'}; "
          f"quantecon: {'yes' if qe_gt is not None else 'no'}; median of {args.repeats} run(s); "
          "count/miss/bad vs bargain's exact answer")
    header = (f"{'n':>3} {'kind':>8} {'#eq':>4} | {'auto':>6} {'vertex':>6} {'exact':>6} {'support':>7} |"
              f" {'lrs':>6} {'ratio':>6} | {'npSupp':>6} {'ratio':>6} {'npVert':>6} {'ratio':>6} |"
              f" {'qeVert':>6} {'ratio':>6} {'qeSupp':>6} | peer count/miss/bad")
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(args.seed)
    summary: list[tuple[str, float | None, float | None, tuple | None]] = []  # row, qe, lrs, own
    for n in args.sizes:
        for kind in args.kinds:
            A, B = KINDS[kind](rng, n), KINDS[kind](rng, n)
            g = bg.Game(A, B)
            big = n > args.exact_max
            budget = args.budget if big else None
            calls = {
                "auto": (bg.nash_equilibria, (g,), {"max_time": budget}),
                "exact": (bg.vertex_enumeration, (g,), {"exact": True, "max_time": budget}),
            }
            if qe_gt is not None:
                qg = qe_gt.NormalFormGame((qe_gt.Player(np.asarray(A, float)),
                                           qe_gt.Player(np.asarray(B, float).T)))
                if not big:
                    calls["qe"] = (qe_gt.vertex_enumeration, (qg,), {})
            if have_lrs:
                calls["lrs"] = (lrsnash, (A, B, args.cap), {})
            reps = 1 if big else args.repeats
            t, out = interleaved(reps, calls)
            res, exact = out["auto"], out["exact"]
            t_vert = None
            if not big and res.stats.get("engine") is not None:
                t_vert = t["auto"]
            complete = exact.complete
            truth = {(tuple(np.round(e.row, 6) + 0.0), tuple(np.round(e.col, 6) + 0.0)) for e in exact}
            own = score([(e.row, e.col) for e in res.equilibria], truth, g) if complete else None
            found = f"{len(res)}/{len(exact)} found by auto/exact in {args.budget:g} s budgets"
            notes = [f"auto {res.method} {own if complete else found}"]
            t_lrs = t.get("lrs") if have_lrs and out.get("lrs") is not None else None
            if have_lrs:
                lrs_out = out["lrs"]
                if complete:
                    lrs_note = score(lrs_out, truth, g)
                elif lrs_out is not None:
                    lrs_note = f"{len(lrs_out)} in {t['lrs']:.1f} s"
                else:
                    lrs_note = f"capped at {args.cap:g} s"
                notes.append(f"lrs {lrs_note}")
            t_qv = t.get("qe")
            if "qe" in out:
                notes.append(f"qeV {score(out['qe'], truth, g)}")
            t_sup = t_nps = t_npv = t_qs = None
            if n <= args.support_max:
                t_sup, _ = timed(args.repeats, bg.support_enumeration, g, max_time=None)
            ng = g.to_nashpy()
            if n <= args.nashpy_support_max:
                t_nps, o = timed(1, capped_generator, ng.support_enumeration(), args.cap)
                t_nps = None if o is None else t_nps
                notes.append(f"npS {score(o, truth, g)}")
            if n <= args.nashpy_vertex_max:
                t_npv, o = timed(1, capped_generator, ng.vertex_enumeration(), args.cap)
                t_npv = None if o is None else t_npv
                notes.append(f"npV {score(o, truth, g)}")
            if qe_gt is not None and n <= args.nashpy_vertex_max:
                t_qs, o = timed(1, qe_gt.support_enumeration, qg)
                notes.append(f"qeS {score(o, truth, g)}")
            t_auto, t_ex = t["auto"], t["exact"]
            if not complete:
                t_auto = t_ex = None

            def ratio(tp, ref=t_auto):
                return "     -" if tp is None or ref is None else f"{tp / ref:6.2f}"

            print(
                f"{n:>3} {kind:>8} {len(exact) if complete else '-':>4} | {fmt_time(t_auto)} "
                f"{fmt_time(t_vert) if t_vert is not None else '     -'} "
                f"{fmt_time(t_ex)} {fmt_time(t_sup) if t_sup is not None else '      -':>7} |"
                f" {fmt_time(t_lrs) if t_lrs is not None else '     -'} {ratio(t_lrs, t_ex)} |"
                f" {fmt_time(t_nps) if t_nps is not None else '     -'} {ratio(t_nps)}"
                f" {fmt_time(t_npv) if t_npv is not None else '     -'} {ratio(t_npv)} |"
                f" {fmt_time(t_qv) if t_qv is not None else '     -'} {ratio(t_qv)}"
                f" {fmt_time(t_qs) if t_qs is not None else '     -'} | {'; '.join(notes)}",
                flush=True,
            )
            if complete:
                assert res.complete and len(res) == len(exact), "auto disagrees with exact"
            summary.append((
                f"{n}x{n} {kind}",
                None if t_qv is None or t_auto is None else t_qv / t_auto,
                None if t_lrs is None or t_ex is None else t_lrs / t_ex,
                own,
            ))
    print("\nratios: lrs column = lrsnash / bargain exact; others = peer / bargain auto (float).")
    # von Stengel's 6x6 game with 75 equilibria
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "solvers"))
    from reference_games import REFERENCE_GAMES

    ref = next(r for r in REFERENCE_GAMES if r.name == "von_stengel_75")
    g = ref.game()
    A, B = np.array(ref.A), np.array(ref.B)
    print("\nvon Stengel (1999) 6x6 game, 75 extreme equilibria (interleaved):")
    calls = {
        "auto": (bg.nash_equilibria, (g,), {"max_time": None}),
        "exact": (bg.vertex_enumeration, (g,), {"exact": True, "max_time": None}),
    }
    if have_lrs:
        calls["lrs"] = (lrsnash, (A, B, args.cap), {})
    if qe_gt is not None:
        qg = qe_gt.NormalFormGame((qe_gt.Player(A.astype(float)), qe_gt.Player(B.astype(float).T)))
        calls["qe"] = (qe_gt.vertex_enumeration, (qg,), {})
    t, out = interleaved(args.repeats, calls)
    res = out["exact"]
    truth = {(tuple(np.round(e.row, 6) + 0.0), tuple(np.round(e.col, 6) + 0.0)) for e in res}
    auto = out["auto"]
    engine = auto.stats.get("engine", "-")
    print(f"  bargain auto        {t['auto']:8.4f} s  {len(auto)} equilibria ({engine})"
          f" count/miss/bad {score([(e.row, e.col) for e in auto.equilibria], truth, g)}")
    engine = res.stats.get("engine", "-")
    print(f"  bargain exact       {t['exact']:8.4f} s  {len(res)} equilibria ({engine})")
    if have_lrs:
        print(f"  lrsnash             {t['lrs']:8.4f} s  count/miss/bad {score(out['lrs'], truth, g)}"
              f"  ratio lrs/exact {t['lrs'] / t['exact']:.2f}")
    if qe_gt is not None:
        print(f"  quantecon vertex    {t['qe']:8.4f} s  count/miss/bad {score(out['qe'], truth, g)}"
              f"  ratio qe/auto {t['qe'] / t['auto']:.2f}")
    summary.append((
        "von Stengel 6x6",
        t["qe"] / t["auto"] if qe_gt is not None else None,
        t["lrs"] / t["exact"] if have_lrs else None,
        score([(e.row, e.col) for e in auto.equilibria], truth, g),
    ))
    for scale in (1.0, 1e-6):
        ng = bg.Game(A * scale, B * scale).to_nashpy()
        t, out = timed(1, capped_generator, ng.support_enumeration(), args.cap)
        print(f"  nashpy support x{scale:g} {t:8.4f} s  count/miss/bad {score(out, truth, g)}")
        t, out = timed(1, capped_generator, ng.vertex_enumeration(), args.cap)
        print(f"  nashpy vertex x{scale:g}  {t:8.4f} s  count/miss/bad {score(out, truth, g)}")
    _print_summary(summary)


if __name__ == "__main__":
    main()
