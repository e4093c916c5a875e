"""All extreme Nash equilibria by vertex enumeration of the best-response polytopes.

Method (von Stengel 2002, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45, Sec. 2.7; Avis, Rosenberg, Savani and von Stengel 2010, Economic
Theory 42): after a positive affine change of payoffs, enumerate the vertices of

    P = {x >= 0 : B^T x <= 1}   and   Q = {y >= 0 : A y <= 1}

and keep the *completely labelled* pairs: every row action is unplayed by ``x`` or a best
response to ``y``, every column action unplayed by ``y`` or a best response to ``x``.
Normalised, these pairs are exactly the extreme equilibria, degenerate games included.

Four engines find the vertices; ``res.method`` is ``"vertex/<engine>"`` and ``engine=``
(or ``nash_equilibria(method="vertex/<engine>")``) names one; by default the cheapest that
applies runs (measured):

* ``"walk+partners"`` (float path, with numba installed: the ``jit`` extra; by default up to
  :data:`~bargain._thresholds.JIT_MAX_ACTIONS` actions in all): as ``"qhull+partners"``
  below, but the simple polytope's vertices come from a compiled walk of its graph from
  the origin, each vertex re-checked from its coordinates and every edge leading to a
  vertex found (the qhull path's certificate), and the partners from compiled solves
  (:mod:`bargain.solvers.nash._compiled`). A tie or near tie stops the walk, and qhull
  runs instead.
* ``"qhull+partners"`` (float path): when one polytope is simple, only its vertices are
  found (by qhull, as below) and each one's partner in the other polytope is solved
  directly (:mod:`bargain.solvers.nash._complement`; in automatic mode with numba, by the
  compiled kernel at any size, ``stats["compiled"]``); the other polytope's degeneracy is
  decided on first read of ``res.degenerate``. A polytope on which some pure strategy has
  two best responses is surely degenerate and is tried last (both such: ``"qhull"``).
* ``"qhull"`` (up to :data:`~bargain._thresholds.HULL_MAX_ACTIONS` actions in all, no
  iteration budget, a time budget of at least ``HULL_MIN_BUDGET`` since qhull cannot be
  interrupted): the vertices of each polytope are the facets of the convex hull of its
  polar points (scipy's qhull), accepted only with a certificate that the vertex set is
  complete: every edge of every vertex (``T(v) - {k}`` at a simple vertex, the extreme
  rays of the tangent cone at a degenerate one) leads to exactly one other vertex of the
  set, so the set is closed in the connected graph of the polytope
  (:mod:`bargain.solvers.nash._hull`). On the exact path each simple vertex is proved
  with error-bounded float solves and each degenerate one, with its edges, in integer
  arithmetic. qhull runs first without pre-merging (faster) and again with it when its
  output is not certified. A failed certificate (a grey-zone slack, a qhull error, a
  missing vertex) hands over to the search below.
* ``"lex"``: the lexicographic pivoting search, complete by construction; also the
  engine of the exact path on small-integer games with fewer than
  ``HULL_SMALL_INTEGER_MIN_ACTIONS`` actions, where int64 pivoting was measured faster,
  and, with numba installed, of the float path on small games where both polytopes are
  surely degenerate (two hulls measured slower). With numba and no iteration budget, the
  search runs compiled (:mod:`bargain.solvers.nash._compiled_lex`: the same rules, bases
  and first basis of each vertex; ``stats["compiled"]``) on float games up to
  ``JIT_MAX_ACTIONS`` actions and int64 games below ``HULL_SMALL_INTEGER_MIN_ACTIONS``;
  past ``JIT_MAX_BASES`` bases or an int64 entry of ``2**31`` the numpy search runs.

Degenerate games are handled by construction: the search pivots with the lexicographic
minimum-ratio rule (as lrs does; Avis 2000), which visits the bases of a perturbed,
simple polytope whose vertices shrink onto the vertices of the real one, so every vertex
is reached and a degenerate vertex is not expanded through all of its bases; vertices
are then identified by their *set of tight constraints*, never by a basis, and the game
is degenerate exactly when some vertex has more tight constraints than its dimension.
Whole frontiers are pivoted as numpy stacks (:mod:`bargain.solvers.nash._polytope_pivot`).

Arithmetic:

* float path (``exact=False``): float64 dictionaries, ties within a tolerance;
* exact path, small integer payoffs (after the positive shift all below 64): fraction-free
  integer pivoting, in int64 while entries fit, Python integers beyond;
* exact path, other payoffs (floats, fractions, large integers): float pivoting that
  carries rigorous error bounds; every decision the bounds cannot settle (exact ties at
  degenerate vertices, ill-conditioning) is taken again with integer pivoting on that
  basis. Either way every combinatorial decision is exact, so the exact path is complete
  and certified on every game, and the equilibria are then solved exactly: in int64 from a
  float solve where the data are small; else, where the vertex's coordinates share a small
  denominator (as they usually do, even when the determinants are huge), read off the
  refined float solution by continued fractions and proved by one int64 product; else by
  fraction-free elimination in Python integers.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from functools import partial
from math import gcd, lcm
from typing import Any

import numpy as np

from bargain._result import Status, warn_if_uncertified
from bargain._thresholds import (
    DEFAULT_TOL,
    EXACT_INT64_SOLVE_MAX,
    EXACT_RATIONAL_ATOL,
    EXACT_RATIONAL_MAX_DEN,
    EXACT_RATIONAL_REFINE,
    EXACT_RATIONAL_SLACK,
    EXACT_RATIONAL_SOLVE_MAX,
    HULL_MAX_ACTIONS,
    HULL_MIN_BUDGET,
    HULL_SMALL_INTEGER_MIN_ACTIONS,
    HULL_THREAD_MIN_ACTIONS,
    MAX_FLOAT_BITS,
    NASH_MAX_TIME,
    POLISH_RTOL,
    SMALL_INTEGER_PAYOFF,
)
from bargain._validate import check_bool, check_budget, check_choice, check_tol
from bargain.core.exact import ratio, ratio_rows, solve_integer
from bargain.core.game import Game, as_single_game
from bargain.errors import InvalidArgumentError
from bargain.solvers.nash import _compiled as compiled
from bargain.solvers.nash._assemble import (
    ExactStackedProfiles,
    StackedProfiles,
    as_floats,
    assemble_result,
    components_of_pairs,
)
from bargain.solvers.nash._complement import partners
from bargain.solvers.nash._hull import (
    HullVertices,
    bareiss_many,
    certified_vertices,
    hull_pairs,
    hull_vertices,
)
from bargain.solvers.nash._polytope import (
    complete_pairs,
    make_search,
    polytopes,
    popcount,
    run_searches,
    tie_tolerance,
)
from bargain.solvers.nash.lemke_howson import budgeted_enumeration
from bargain.solvers.nash.result import NashResult

__all__ = ["vertex_enumeration", "solve_vertex", "ENGINES", "check_engine", "compiled_applies"]

_NONE = np.zeros(0, dtype=np.intp)
_ZERO = Fraction(0)


def _exact_mode(P, Q) -> str:
    """Integer pivoting for small integer data (int64 arithmetic, fast on degenerate games)
    and for data beyond the float range; certified float pivoting with exact fallback
    otherwise."""
    big = max(P.max_abs, Q.max_abs)
    return "exact" if big < SMALL_INTEGER_PAYOFF or big.bit_length() > MAX_FLOAT_BITS else "hybrid"


def compiled_applies(g: Game, exact: bool) -> bool:
    """Whether compiled kernels (numba, the ``jit`` extra) carry the vertex enumeration of
    ``g``: float games up to ``JIT_MAX_ACTIONS`` actions in all, and exact games with small
    integer payoffs (the int64 search) below ``HULL_SMALL_INTEGER_MIN_ACTIONS``."""
    m, n = g.shape
    if not exact:
        return compiled.enabled(m, n)
    if m + n >= HULL_SMALL_INTEGER_MIN_ACTIONS or compiled.kernels() is None:
        return False
    P, Q = polytopes(g, True)
    return max(P.max_abs, Q.max_abs) < SMALL_INTEGER_PAYOFF


def _solve_support(poly, basis) -> tuple[Fraction, ...]:
    """Exact vertex from a nonsingular basis, normalised to a strategy, solved on the support
    only: basis rows ``-z_c <= 0`` fix ``z_c = 0``, so the other basis rows form a square
    system in the remaining coordinates."""
    rows = {int(b) for b in basis}
    free = [c for c, o in enumerate(poly.origin) if o not in rows]
    eqs = [r for r in sorted(rows) if r not in set(poly.origin)]
    sol = solve_integer([[poly.Gi[r][c] for c in free] for r in eqs], [poly.hi[r] for r in eqs])
    if sol is None:  # pragma: no cover - certified bases are nonsingular
        raise ArithmeticError("singular certified basis")
    total = sum(sol[0])
    z = [Fraction(0)] * poly.dim
    for c, v in zip(free, sol[0]):
        z[c] = Fraction(v, total)
    return tuple(z)


def solve_vertex(
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None = None,
    max_time: float | None = None,
    engine: str = "auto",
    warn: bool = True,
) -> NashResult:
    """Vertex enumeration on a validated single game (shared with ``nash_equilibria``).

    ``engine`` is one of :data:`ENGINES` (validated by the caller); the result's ``method``
    is ``"vertex/<engine that ran>"``.
    """
    m, n = g.shape
    start = time.perf_counter()
    P, Q = polytopes(g, exact)
    eps = tie_tolerance(tol)
    mode = _exact_mode(P, Q) if exact else "float"
    budget_ok = max_time is None or max_time >= HULL_MIN_BUDGET
    hull_ok = max_iter is None and m + n <= HULL_MAX_ACTIONS and budget_ok
    if engine == "auto":
        # measured: int64 pivoting beats qhull plus exact certification on small-integer
        # games below HULL_SMALL_INTEGER_MIN_ACTIONS actions
        hull_ok = hull_ok and not (mode == "exact" and m + n < HULL_SMALL_INTEGER_MIN_ACTIONS)
    elif engine == "lex":
        hull_ok = False
    # the compiled search where it is bounded by its budget of bases: floats on small
    # games, int64 where the exact path searches (below HULL_SMALL_INTEGER_MIN_ACTIONS)
    lex_jit = max_iter is None and budget_ok and (
        compiled.enabled(m, n) if mode == "float"
        else mode == "exact" and m + n < HULL_SMALL_INTEGER_MIN_ACTIONS and compiled.kernels() is not None
    )
    surely = (_surely_degenerate(P, eps), _surely_degenerate(Q, eps)) if not exact else (False, False)
    if hull_ok and engine == "auto" and lex_jit and not exact:
        # measured: the compiled search beats two qhull hulls when both polytopes are degenerate
        hull_ok = not all(surely)
    if hull_ok:
        if not exact:
            partner = engine != "qhull"
            walk = engine == "walk+partners" or (engine == "auto" and compiled.enabled(m, n))
            note = _walk_note() if engine == "walk+partners" else ""
            solves = engine in ("auto", "walk+partners") and compiled.partners_enabled(m, n)
            # measured: the compiled search beats qhull when the walk finishes neither polytope
            lex_ok = engine == "auto" and lex_jit
            res = _float_hull_result(
                g, P, Q, tol, eps, start, warn, partner, max_time, walk, note, surely, solves, lex_ok
            )
            if res is not None:
                return res
        else:
            hulls = _hull_pair(*polytopes(g, False), eps, (P, Q))
            coords = _certified_exactly(P, Q, hulls) if hulls is not None else None
            if coords is not None:
                return _hull_result(g, P, Q, hulls, tol, eps, start, warn, exact, coords=coords)
    note = ""
    if engine not in ("auto", "lex"):
        why = "its certificate failed" if hull_ok else (
            f"it needs at most {HULL_MAX_ACTIONS} actions, no max_iter and max_time >= {HULL_MIN_BUDGET:g} s"
        )
        note = f"engine {engine!r} was asked for but {why}; the lexicographic search ran instead; "
    vp = compiled.lex_vertices(P, mode, eps) if lex_jit else None
    vq = compiled.lex_vertices(Q, mode, eps) if vp is not None else None
    if vp is not None and vq is not None:
        stop, processed = "done", vp.processed + vq.processed
        n_exact = processed if exact else 0
        pairs = compiled.labelled_pairs(vp.keys, vq.keys, m, n)
        searched = "compiled search"
    else:
        sp, sq = make_search(P, mode, eps), make_search(Q, mode, eps)
        stop, processed = run_searches([sp, sq], max_iter, max_time)
        vp, vq = (compiled.LexVertices(*s.vertices(), None, 0) for s in (sp, sq))
        n_exact = sp.n_exact + sq.n_exact
        pairs = complete_pairs(vp.keys, vq.keys, m, n)
        searched = "search"
    kP, kQ = vp.keys, vq.keys
    ip, iq = (np.array(sorted(set(v)), dtype=np.intp) for v in zip(*pairs)) if pairs else (_NONE, _NONE)
    components = None  # exact: from the equilibria (their order is _exact_stack's)
    if exact:  # the profiles stay integer rows: from the search's integers, else solved
        xs, ys = (
            _integers_of(v, ids) if v.nums is not None else _solve_support_many(poly, ids, v.bases[ids])
            for poly, v, ids in ((P, vp, ip), (Q, vq, iq))
        )
        profiles: Any = _exact_stack([xs[i] for i, _ in pairs], [ys[j] for _, j in pairs], m, n)
    else:
        ij = np.array(pairs, dtype=np.intp).reshape(len(pairs), 2)
        X = _polish_bases(P, vp.bases[ip], vp.coords[ip])[np.searchsorted(ip, ij[:, 0])]
        Y = _polish_bases(Q, vq.bases[iq], vq.coords[iq])[np.searchsorted(iq, ij[:, 1])]
        order = np.lexsort(-np.concatenate([X, Y], axis=1).T[::-1])  # as sort_profiles
        profiles = StackedProfiles(X[order], Y[order])
        components = components_of_pairs(*(ij[order].T.tolist()))  # vertices by index
    backend = {
        "float": f"floating point, ties within {eps:g}",
        "exact": "exact integer pivoting",
        "hybrid": f"certified float pivoting, {n_exact} bases pivoted exactly; exact equilibria",
    }[mode]
    degenerate = bool((popcount(kP) > m).any() or (popcount(kQ) > n).any())
    status = Status.SUCCESS
    complete = True
    message = (
        f"{note}{len(kP)} + {len(kQ)} vertices of the best-response polytopes (lexicographic "
        f"{searched}, {backend}); "
        f"{len(pairs)} completely labelled pairs"
    )
    if stop != "done":
        status = Status.MAX_ITER if stop == "max_iter" else Status.MAX_TIME
        complete = False
        budget = f"max_iter={max_iter}" if stop == "max_iter" else f"max_time={max_time:g}s"
        message = (
            f"budget {budget} ran out after {processed} vertices; the equilibria found so far "
            f"are certified but the list may be incomplete (degenerate={degenerate} is for the "
            f"part explored); {message}"
        )
    stats = {
        "vertices_p": len(kP),
        "vertices_q": len(kQ),
        "processed": processed,
        "exact_pivots": n_exact,
        "engine": "lex",
        "compiled": searched == "compiled search",
        "seconds": time.perf_counter() - start,
    }
    return assemble_result(
        g,
        profiles,
        method="vertex/lex",
        complete=complete,
        degenerate=degenerate,
        tol=tol,
        exact=exact,
        status=status,
        message=message,
        components=components,
        stats=stats,
        warn=warn,
    )


def _bases(hv: HullVertices, ids: np.ndarray) -> np.ndarray:
    """Rows of a nonsingular basis of each vertex ``ids`` (``(V, d)``; ``hv.basis`` for all)."""
    d = hv.coords.shape[1]
    simple = hv.simple[ids]
    bases = np.empty((len(ids), d), dtype=np.intp)
    if simple.any():  # a simple vertex's basis is its tight set (exactly d rows)
        bases[simple] = np.nonzero(hv.tight[ids[simple]])[1].reshape(-1, d)
    for r in np.flatnonzero(~simple).tolist():
        bases[r] = hv.deg_bases[int(ids[r])]
    return bases


def _solve_support_many(
    poly, ids: np.ndarray, bases: np.ndarray, approx: tuple[np.ndarray, np.ndarray] | None = None
) -> dict[int, tuple[tuple[Fraction, ...], tuple[int, ...], int]]:
    """``_solve_support`` for the vertices ``ids`` with nonsingular ``bases`` (``(V, d)`` rows),
    all their basis systems ``G[basis] z = h[basis]`` eliminated together (a basis row
    ``-z_c <= 0`` fixes ``z_c = 0``; in int64 where a float solve can be proved, else
    fraction-free in Python integers).

    Each vertex comes with its integer form: ``(z, ints, den)`` with ``z == ints / den`` and
    ``den`` the least common denominator of ``z``. ``approx`` holds refined float
    coordinates of the vertices and bounds on their errors, when the caller has them
    (``(Z, E)``, ``(V, d)`` each, rows of NaN where unknown; :func:`_rational_solutions`).
    """
    if not len(ids):
        return {}
    d = poly.dim
    every = np.arange(d)
    J = np.asarray(bases, dtype=np.intp).reshape(len(ids), d)
    out: dict[int, tuple[tuple[Fraction, ...], tuple[int, ...], int]] = {}
    rest = np.arange(len(ids))
    if poly.max_abs < EXACT_RATIONAL_SOLVE_MAX:
        Gs, hs = np.array(poly.Gi, dtype=np.int64), np.array(poly.hi, dtype=np.int64)
        ok = np.zeros(len(ids), dtype=bool)
        if poly.max_abs < EXACT_INT64_SOLVE_MAX:  # float solves proved in int64
            ok, N = _integer_solutions(Gs, hs, np.broadcast_to(every, J.shape), J)
            if ok.any():
                out.update(zip(ids[ok].tolist(), _strategies_from_int64(N[ok])))
        rest = np.flatnonzero(~ok)
        if len(rest):  # small denominators read off the float solution, proved in int64
            near = None if approx is None else (approx[0][rest], approx[1][rest])
            ok, N = _rational_solutions(Gs, hs, J[rest], near)
            if ok.any():
                out.update(zip(ids[rest[ok]].tolist(), _strategies_from_int64(N[ok])))
            rest = rest[~ok]
    if not len(rest):
        return out
    K = poly.n_rows
    Gi = np.empty((K, d), dtype=object)
    Gi[:] = [list(row) for row in poly.Gi]
    hi = np.empty(K, dtype=object)
    hi[:] = list(poly.hi)
    A = np.empty((len(rest), d, d + 1), dtype=object)
    A[:, :, :d] = Gi[J[rest]]
    A[:, :, d] = hi[J[rest]]
    num, singular, _ = bareiss_many(A)
    for r, v in enumerate(ids[rest].tolist()):
        if singular[r] or sum(num[r]) == 0:  # pragma: no cover - vertex bases are nonsingular
            z = _solve_support(poly, bases[rest[r]])
            den = lcm(*(c.denominator for c in z))
            out[v] = (z, tuple(c.numerator * (den // c.denominator) for c in z), den)
            continue
        out[v] = _strategy_from_integers(num[r])
    return out


def _integer_solutions(Gi: np.ndarray, hi: np.ndarray, F: np.ndarray, J: np.ndarray):
    """Exact solutions of the nonsingular integer systems ``Gi[J, F] z = hi[J]``, where a float
    solve can be proved: ``(ok, N)`` with ``N[r] = D z`` for an integer ``D != 0``.

    By Cramer's rule ``det(M) z`` is an integer vector; ``D`` is the float determinant
    rounded and ``N`` the float solution times ``D``, rounded. ``M N == D b`` is then checked
    in int64 where no product can overflow, which proves ``z = N / D`` for a nonsingular
    ``M`` (the callers' bases are). Systems that fail any check are left to the caller.
    """
    M = Gi[J[:, :, None], F[:, None, :]]
    b = hi[J]
    V, s = J.shape
    Mf = M.astype(np.float64)
    with np.errstate(all="ignore"):
        D = np.rint(np.linalg.det(Mf))
        try:
            z = np.linalg.solve(Mf, b.astype(np.float64)[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            return np.zeros(V, dtype=bool), None
        N = np.rint(z * D[:, None])
        ok = (D != 0) & (np.abs(D) < 2.0**52) & np.isfinite(N).all(axis=1)
        ok &= np.abs(N).max(axis=1, initial=0.0) < 2.0**52
        # |M N| and |D b| stay below 2**62: int64 products are exact
        mmax = float(np.abs(M).max(initial=0))
        bmax = float(np.abs(b).max(initial=0))
        ok &= (mmax * np.abs(N).max(axis=1, initial=0.0) * s < 2.0**62) & (np.abs(D) * bmax < 2.0**62)
    Ni = np.where(ok[:, None], N, 0).astype(np.int64)
    Di = np.where(ok, D, 1).astype(np.int64)
    ok &= (np.einsum("vij,vj->vi", M, Ni) == Di[:, None] * b).all(axis=1)
    return ok, Ni


def _rational_solutions(
    Gi: np.ndarray, hi: np.ndarray, J: np.ndarray, approx: tuple[np.ndarray, np.ndarray] | None = None
):
    """Exact solutions of the nonsingular int64 systems ``Gi[J] z = hi[J]`` (one per row of
    ``J``) whose normalised solution ``z / sum(z)`` has a small common denominator:
    ``(ok, N)`` with ``z`` proportional to ``N[r]`` where ``ok[r]``.

    The float solution (``approx = (Z, E)`` where its row is finite: refined coordinates
    ``Z`` within ``E`` of the exact ones, from
    :func:`~bargain.solvers.nash._hull.certified_vertices`; else solved here and refined
    ``EXACT_RATIONAL_REFINE`` times in extended precision) is normalised and each
    coordinate read as its first continued-fraction convergent within the larger of
    ``EXACT_RATIONAL_ATOL`` and the error (twice ``E``, relative to the sum, or
    ``EXACT_RATIONAL_SLACK`` times the last refinement step;
    :func:`_convergent_denominators`). Their least common multiple ``den`` (at most
    ``EXACT_RATIONAL_MAX_DEN``) gives ``N = round(den z / sum z)``. Then ``M N`` is checked,
    in int64 where no product can overflow, to be a positive multiple of the right-hand
    side, which proves ``z = c N`` for the nonsingular ``M`` (the callers' bases are). Rows
    that fail any step are left to the caller.
    """
    V, d = J.shape
    M = Gi[J]
    b = hi[J]
    z = np.full((V, d), np.nan, dtype=np.longdouble) if approx is None else approx[0].astype(np.longdouble)
    err = np.zeros(V) if approx is None else 2.0 * approx[1].sum(axis=1)  # absolute, for now
    last = np.zeros(V)  # the last refinement step, relative to the sum
    todo = ~np.isfinite(z).all(axis=1) | ~np.isfinite(err)
    with np.errstate(all="ignore"):
        if todo.any():
            solved = _refined_solutions(M[todo], b[todo])
            if solved is None:
                return np.zeros(V, dtype=bool), None
            z[todo], last[todo] = solved
        total = z.sum(axis=1, keepdims=True)
        x = z / total
        # within atol of x, p/q is the only fraction with q <= qmax
        err = np.where(todo, 0.0, err / np.abs(total[:, 0]).astype(np.float64))
        atol = np.maximum(np.maximum(EXACT_RATIONAL_SLACK * last, err), EXACT_RATIONAL_ATOL)
        qmax = np.minimum(np.sqrt(0.25 / atol), EXACT_RATIONAL_MAX_DEN)
        ok = np.isfinite(x).all(axis=1) & (x >= -atol[:, None]).all(axis=1) & np.isfinite(atol)
        ok &= qmax >= 1
        q = _convergent_denominators(np.where(ok[:, None], x, 0), atol[:, None], qmax[:, None])
        den = np.ones(V, dtype=np.int64)
        for c in range(d):  # least common multiple, stopping at the bound
            den = den // np.gcd(den, q[:, c]) * q[:, c]
            ok &= (q[:, c] > 0) & (den <= EXACT_RATIONAL_MAX_DEN)
            den = np.where(ok, den, 1)
        N = np.where(ok[:, None], np.rint(x * den[:, None]), 0).astype(np.int64)
    # |M N| <= d max|M| den and |M N| max|b| stay below 2**62: the int64 products are exact
    mmax, bmax = float(np.abs(M).max(initial=0)), float(np.abs(b).max(initial=1))
    ok &= d * mmax * den.astype(np.float64) * bmax < 2.0**62
    N[~ok] = 0
    MN = np.einsum("vij,vj->vi", M, N)
    k = np.argmax(np.abs(b), axis=1)[:, None]
    bk, MNk = np.take_along_axis(b, k, axis=1), np.take_along_axis(MN, k, axis=1)
    ok &= (MN * bk == MNk * b).all(axis=1) & (MNk[:, 0] * bk[:, 0] > 0)
    return ok, N


def _refined_solutions(M: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Solutions of the systems ``M z = b`` (stacked), refined ``EXACT_RATIONAL_REFINE`` times
    with residuals in extended precision: ``(z, last)`` with ``z`` in ``np.longdouble`` and
    ``last`` the size of the last correction relative to ``sum(z)``; ``None`` when a system
    is singular in float."""
    Mf = M.astype(np.float64)
    Ml, bl = M.astype(np.longdouble), b.astype(np.longdouble)
    with np.errstate(all="ignore"):
        try:
            z = np.linalg.solve(Mf, b.astype(np.float64)[:, :, None])[:, :, 0].astype(np.longdouble)
            step = np.zeros(z.shape)
            for _ in range(EXACT_RATIONAL_REFINE):
                r = bl - np.einsum("vij,vj->vi", Ml, z)
                step = np.linalg.solve(Mf, r.astype(np.float64)[:, :, None])[:, :, 0]
                z = z + step.astype(np.longdouble)
        except np.linalg.LinAlgError:
            return None
        last = np.abs(step).max(axis=1, initial=0.0) / np.abs(z.sum(axis=1)).astype(np.float64)
    return z, last


def _convergent_denominators(x: np.ndarray, atol, qmax) -> np.ndarray:
    """Denominator of the first continued-fraction convergent ``p/q`` of each entry of
    ``x`` (any shape, entries in [0, 1]) with ``|x - p/q| <= atol``, or 0 where none has
    ``q <= qmax`` (``atol`` and ``qmax`` broadcast against ``x``); all entries at once, in
    float64 (the convergents are exact there: ``q <= qmax < 2**53``)."""
    shape = np.shape(x)
    flat = np.asarray(x, dtype=np.float64).ravel()
    atol = np.broadcast_to(atol, shape).ravel().astype(np.float64)
    qmax = np.broadcast_to(qmax, shape).ravel().astype(np.float64)
    out = np.zeros(flat.shape, dtype=np.int64)
    idx = np.arange(flat.size)  # the entries still searching
    rem = flat.copy()
    p0, q0 = np.zeros(flat.shape), np.ones(flat.shape)  # convergents k - 2 and k - 1
    p1, q1 = np.ones(flat.shape), np.zeros(flat.shape)
    with np.errstate(all="ignore"):
        while idx.size:
            a = np.floor(rem)
            p2, q2 = a * p1 + p0, a * q1 + q0
            xi = flat[idx]
            small = q2 <= qmax[idx]
            hit = small & (np.abs(xi * q2 - p2) <= atol[idx] * q2)
            out[idx[hit]] = q2[hit]
            frac = rem - a
            go = small & ~hit & (frac > 0)
            idx, rem = idx[go], 1 / frac[go]
            p0, q0, p1, q1 = p1[go], q1[go], p2[go], q2[go]
    return out.reshape(shape)


def _strategy_from_integers(nums: np.ndarray):
    """``(z, ints, den)`` of ``_solve_support_many`` from an integer vector proportional to
    the vertex (int64 or Python integers, one entry per coordinate)."""
    vals = nums.tolist()
    total = sum(vals)
    if total < 0:
        total, vals = -total, [-a for a in vals]
    g = gcd(total, *vals)
    den = total // g
    ints = tuple(a // g for a in vals)
    return tuple(ratio(a, den) if a else _ZERO for a in ints), ints, den


def _strategies_from_int64(N: np.ndarray) -> list:
    """``_strategy_from_integers`` of every row of the int64 array ``N`` (nonzero row sums
    below ``2**63``), in numpy."""
    total = N.sum(axis=1)
    sign = np.where(total < 0, -1, 1)
    N, total = N * sign[:, None], total * sign
    g = np.gcd(np.gcd.reduce(N, axis=1), total)
    ints, den = N // g[:, None], total // g
    return list(zip(ratio_rows(ints, den), map(tuple, ints.tolist()), den.tolist()))


def _exact_stack(xs: list, ys: list, m: int, n: int) -> ExactStackedProfiles:
    """Exact profiles ``(z, ints, den)`` of each player, stacked in the order of ``sort_profiles``."""
    k = len(xs)
    Xi = np.empty((k, m), dtype=object)
    Yi = np.empty((k, n), dtype=object)
    if k:
        Xi[:] = [x[1] for x in xs]
        Yi[:] = [y[1] for y in ys]
    dx, dy = [x[2] for x in xs], [y[2] for y in ys]
    fx, fy = [x[0] for x in xs], [y[0] for y in ys]
    keys = np.concatenate([as_floats(Xi, dx, fx), as_floats(Yi, dy, fy)], axis=1)
    order = np.lexsort(-keys.T[::-1]).tolist() if k else []
    return ExactStackedProfiles(
        [fx[i] for i in order],
        [fy[i] for i in order],
        Xi[order],
        [dx[i] for i in order],
        Yi[order],
        [dy[i] for i in order],
    )


def _polish_many(poly, hv: HullVertices, ids: np.ndarray) -> np.ndarray:
    """:func:`_polish_bases` for the certified hull vertices ``ids``."""
    return _polish_bases(poly, _bases(hv, ids), hv.coords[ids])


def _polish_bases(poly, bases: np.ndarray, coords: np.ndarray) -> np.ndarray:
    """Float vertices re-solved from their ``bases`` (``(V, d)`` rows; the searched values
    ``coords`` accumulate rounding) and normalised to strategies. A vertex keeps its
    searched coordinates where the re-solve fails or moves one by more than ``POLISH_RTOL``."""
    if not len(bases):
        return coords
    done = compiled.polished(poly, bases, coords)
    if done is not None:
        return done
    try:
        z = np.linalg.solve(poly.G[bases], poly.h[bases][:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:  # pragma: no cover - bases of vertices are nonsingular
        z = coords.copy()
    scale = np.maximum(1.0, np.abs(coords).max(axis=1))
    bad = ~np.isfinite(z).all(axis=1) | (np.abs(z - coords).max(axis=1) > POLISH_RTOL * scale)
    z[bad] = coords[bad]
    z = np.clip(z, 0.0, None)
    z /= z.sum(axis=1, keepdims=True)
    return z


def _integers_of(found: compiled.LexVertices, ids: np.ndarray) -> dict:
    """``(z, ints, den)`` of :func:`_solve_support_many` for vertices ``ids`` of the compiled
    int64 search, from their exact coordinates ``nums / delta`` (no solve)."""
    return dict(zip(ids.tolist(), _strategies_from_int64(found.nums[ids]))) if len(ids) else {}


_POOL: list = []  # one lazily created worker thread for the second hull of large games
if hasattr(os, "register_at_fork"):  # a forked child must not reuse the parent's (dead) threads
    os.register_at_fork(after_in_child=_POOL.clear)


def _hull_pair(P, Q, eps: float, exact=None) -> tuple[HullVertices, HullVertices] | None:
    """Certified qhull vertices of both polytopes, or ``None`` (then the lex search runs).

    ``exact``: the exact polytopes, whose integer data decide the degenerate vertices.
    qhull releases the GIL, so on large games Q's hull runs in a worker thread while
    this thread computes P's.
    """
    if exact is not None and max(e.max_abs for e in exact).bit_length() > MAX_FLOAT_BITS:
        return None
    datas = [None, None] if exact is None else [(e.Gi, e.hi) for e in exact]
    polys = (P, Q)
    if P.n_rows >= HULL_THREAD_MIN_ACTIONS and (os.cpu_count() or 1) >= 2:
        if not _POOL:
            _POOL.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="bargain-qhull"))
        # Q's hull in the worker while this thread does P's (no hand-off for P)
        future = _POOL[0].submit(hull_vertices, Q.G, Q.h, eps, datas[1])
        first = hull_vertices(P.G, P.h, eps, datas[0])
        out = [first, future.result()]
    else:
        out = []
        for p, dt in zip(polys, datas):
            out.append(hull_vertices(p.G, p.h, eps, dt))
            if out[-1] is None:
                return None
    if out[0] is None or out[1] is None:
        return None
    return out[0], out[1]


def polytope_degenerate(poly, eps: float, max_time: float | None, walk: bool = False) -> bool:
    """Whether some vertex of ``poly`` has more tight constraints than its dimension (float
    path, ties within ``eps``): from the compiled walk when ``walk`` (all vertices simple),
    else from its certified hull, else from the lexicographic search under ``max_time``.
    When that budget runs out the answer is for the part explored, and a
    ``ConvergenceWarning`` says so (as a budgeted enumeration's ``degenerate`` does)."""
    if walk and compiled.simple_vertices(poly, eps) is not None:
        return False
    hv = hull_vertices(poly.G, poly.h, eps) if poly.n_rows <= HULL_MAX_ACTIONS else None
    if hv is not None:
        return hv.degenerate
    search = make_search(poly, "float", eps)
    stop, processed = run_searches([search], None, max_time)
    keys = search.vertices()[0]
    found = bool((popcount(keys) > poly.dim).any())
    if stop != "done":
        warn_if_uncertified(
            Status.MAX_TIME,
            f"degenerate: the budget max_time={max_time:g}s ran out after {processed} vertices of "
            f"the polytope that the equilibria did not need; degenerate={found} is for the part "
            "explored",
        )
    return found


def _float_hull_result(
    g,
    P,
    Q,
    tol,
    eps,
    start,
    warn,
    partner: bool = True,
    max_time: float | None = None,
    walk: bool = False,
    note: str = "",
    surely: tuple[bool, bool] | None = None,
    compiled_solves: bool = False,
    lex_ok: bool = False,
) -> NashResult | None:
    """The float qhull engine: one polytope's vertices and their partners when it is simple
    (:mod:`bargain.solvers.nash._complement`), else both polytopes' vertices; ``None`` when
    no certificate holds (the lexicographic search runs). With ``walk`` (and numba), a
    simple polytope's vertices come from the compiled walk of its graph and the partners
    from the compiled solves (:mod:`bargain.solvers.nash._compiled`; engine
    ``"walk+partners"``), qhull only where the walk stops; ``note`` then prefixes the message.
    ``surely``: :func:`_surely_degenerate` of ``P`` and ``Q``, when the caller has it.
    ``compiled_solves``: the partners are solved by the compiled kernel (numba), whichever
    way the vertices were found. ``lex_ok``: the compiled search runs when no polytope is
    walked (measured cheaper than qhull's hulls on the small games the walk covers), so a
    polytope the walk cannot finish is not given to qhull and ``None`` is returned when
    neither is.

    A polytope that is surely degenerate (:func:`_surely_degenerate`) is tried last; of
    the others, the one of lower dimension first (``P`` on a tie). When both are surely
    degenerate, or ``partner`` is False (engine ``"qhull"``), both are enumerated at once
    (:func:`_hull_pair`).
    """
    p_deg, q_deg = surely if surely is not None else (_surely_degenerate(P, eps), _surely_degenerate(Q, eps))
    if (p_deg and q_deg) or not partner:
        hulls_pq = _hull_pair(P, Q, eps)
        if hulls_pq is None:
            return None
        return _hull_result(g, P, Q, hulls_pq, tol, eps, start, warn, note=note)
    first, second = (P, Q) if (P.dim <= Q.dim and not p_deg) or q_deg else (Q, P)
    hulls: dict[int, HullVertices | None] = {}
    jit = walk and compiled.kernels() is not None
    for own, other in ((first, second), (second, first)):
        hv = None
        if jit and not (p_deg if own is P else q_deg):
            hv = compiled.simple_vertices(own, eps)
        walked = hv is not None
        if hv is None:
            if lex_ok:
                continue
            hv = hull_vertices(own.G, own.h, eps)
        hulls[id(own)] = hv
        if hv is None or hv.degenerate:
            continue
        solved = compiled_solves or jit
        found = compiled.compiled_partners(own, other, hv, eps) if solved else partners(own, other, hv, eps)
        if found is None:
            continue
        known = hulls.get(id(other))  # the other polytope's certified hull, if it was tried
        if found.degenerate:
            other_degenerate: Any = True
        elif known is not None:
            other_degenerate = known.degenerate
        else:  # never enumerated, or its hull failed: decided on first read
            other_degenerate = partial(polytope_degenerate, other, eps, max_time, jit)
        return _partner_result(
            g, own is P, own, hv, found, other_degenerate, tol, eps, start, warn, walked,
            "" if walked else note,
        )
    hp, hq = hulls.get(id(P)), hulls.get(id(Q))
    if hp is None or hq is None or lex_ok:
        return None
    return _hull_result(g, P, Q, (hp, hq), tol, eps, start, warn, note=note)


def _walk_note() -> str:
    """Why engine ``"walk+partners"``, asked for, did not give the vertices (message prefix)."""
    why = (
        "no polytope was simple with a clear certificate (ties or near ties)"
        if compiled.kernels() is not None
        else "numba is not installed (the jit extra) or BARGAIN_JIT=0"
    )
    return f"engine 'walk+partners' was asked for but {why}, so qhull ran; "


def _surely_degenerate(poly, eps: float) -> bool:
    """Whether a pure strategy has two best responses within ``eps`` (then the polytope has
    a vertex with one tight constraint too many); cheap (once per polytope), and only a
    sufficient condition."""
    return poly.best_response_gap <= eps


def _partner_result(
    g, own_is_p, own, hv, found, other_degenerate, tol, eps, start, warn, walked=False, note=""
) -> NashResult:
    """Equilibria from a simple polytope's vertices and their solved partners (the vertices
    found by the compiled walk when ``walked``, else by qhull)."""
    V = _polish_many(own, hv, found.own_ids) if found.V is None else found.V
    W = found.W / found.W.sum(axis=1, keepdims=True)
    X, Y = (V, W) if own_is_p else (W, V)
    order = np.lexsort(-np.concatenate([X, Y], axis=1).T[::-1])  # as sort_profiles
    profiles = StackedProfiles(X[order], Y[order])
    # own vertices sharing a partner (a degenerate vertex of the other polytope, keyed by
    # its tight set) form a component with it; every other equilibrium is its own component
    components = components_of_pairs(range(len(order)), found.keys[order].tolist())
    deferred = callable(other_degenerate)
    names = ("P", "Q") if own_is_p else ("Q", "P")
    engine = "walk+partners" if walked else "qhull+partners"
    finder = "compiled walk of its graph" if walked else "qhull"
    message = note + (
        f"{len(hv.keys)} vertices of {names[0]} ({finder}, closed under adjacency, all simple; ties "
        f"within {eps:g}, every other slack >= {hv.margin:.2g}); {found.systems} partners solved "
        f"in {names[1]}; {len(profiles)} completely labelled pairs"
    )
    stats = {
        "vertices_p": len(hv.keys) if own_is_p else None,  # None: not enumerated
        "vertices_q": None if own_is_p else len(hv.keys),
        "partner_systems": found.systems,
        "processed": len(hv.keys),
        "exact_pivots": 0,
        "engine": engine,
        "compiled": found.V is not None,  # the partners solved by the compiled kernel
        "degenerate_deferred": deferred,
        "seconds": time.perf_counter() - start,
    }
    return assemble_result(
        g,
        profiles,
        method=f"vertex/{engine}",
        complete=True,
        degenerate=other_degenerate,
        tol=tol,
        exact=False,
        message=message,
        components=components,
        stats=stats,
        warn=warn,
    )


def _certified_exactly(P, Q, hulls) -> tuple[tuple[np.ndarray, np.ndarray], ...] | None:
    """The float hulls' tight sets are exactly those of simple vertices of the exact P, Q:
    then, for each hull, the coordinates of every vertex and their proved error bounds
    (:func:`~bargain.solvers.nash._hull.certified_vertices`; NaN rows at degenerate
    vertices), else ``None``."""
    out = []
    for poly, hv in zip((P, Q), hulls):
        big = poly.max_abs
        if big.bit_length() > MAX_FLOAT_BITS:
            return None
        rounding = 2.0**-53 if big > 2**53 else 0.0
        proved = certified_vertices(poly.G, poly.h, poly.origin, hv.tight[hv.simple], rounding)
        if proved is None:
            return None
        full = tuple(np.full((len(hv.keys), poly.dim), np.nan, dtype=a.dtype) for a in proved)
        for f, a in zip(full, proved):
            f[hv.simple] = a
        out.append(full)
    return tuple(out)


def _hull_result(g, P, Q, hulls, tol, eps, start, warn, exact=False, note="", coords=None) -> NashResult:
    """Equilibria from the certified (simple, closed) vertex sets of P and Q (exact: with
    the refined coordinates ``coords`` of :func:`_certified_exactly`)."""
    m, n = g.shape
    hp, hq = hulls
    pairs = hull_pairs(hp, hq, m, n)
    if exact:
        ip, iq = (np.array(sorted(set(v)), dtype=np.intp) for v in zip(*pairs)) if pairs else ([], [])
        ip, iq = np.asarray(ip, dtype=np.intp), np.asarray(iq, dtype=np.intp)
        (zp, ep), (zq, eq) = coords if coords is not None else ((None, None), (None, None))
        xs = _solve_support_many(P, ip, _bases(hp, ip), None if zp is None else (zp[ip], ep[ip]))
        ys = _solve_support_many(Q, iq, _bases(hq, iq), None if zq is None else (zq[iq], eq[iq]))
        profiles = _exact_stack([xs[i] for i, _ in pairs], [ys[j] for _, j in pairs], m, n)
    else:
        ij = np.array(pairs, dtype=np.intp).reshape(len(pairs), 2)
        ui, inv_i = np.unique(ij[:, 0], return_inverse=True)
        uj, inv_j = np.unique(ij[:, 1], return_inverse=True)
        X = _polish_many(P, hp, ui)[inv_i]
        Y = _polish_many(Q, hq, uj)[inv_j]
        order = np.lexsort(-np.concatenate([X, Y], axis=1).T[::-1])  # as sort_profiles
        profiles = StackedProfiles(X[order], Y[order])
    degenerate = hp.degenerate or hq.degenerate
    n_deg = int((~hp.simple).sum() + (~hq.simple).sum())
    # a nondegenerate game's equilibria are isolated: each is its own component; else the
    # float path has them from the vertices' indices, the exact path from the equilibria
    if not degenerate:
        components: tuple | None = tuple(zip(range(len(profiles))))
    else:
        components = None if exact else components_of_pairs(*(ij[order].T.tolist()))
    how = (
        "simple vertices proved by error-bounded float solves, degenerate ones and their "
        "edges in integer arithmetic; exact equilibria"
        if exact
        else f"ties within {eps:g}, every other slack >= {min(hp.margin, hq.margin):.2g}"
    )
    message = note + (
        f"{len(hp.keys)} + {len(hq.keys)} vertices of the best-response polytopes (qhull, "
        f"closed under adjacency, {n_deg} degenerate; {how}); "
        f"{len(pairs)} completely labelled pairs"
    )
    stats = {
        "vertices_p": len(hp.keys),
        "vertices_q": len(hq.keys),
        "processed": len(hp.keys) + len(hq.keys),
        "exact_pivots": 0,
        "engine": "qhull",
        "seconds": time.perf_counter() - start,
    }
    return assemble_result(
        g,
        profiles,
        method="vertex/qhull",
        complete=True,
        degenerate=degenerate,
        tol=tol,
        exact=exact,
        message=message,
        components=components,
        stats=stats,
        warn=warn,
    )


def vertex_enumeration(
    game: Any,
    *,
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    max_iter: int | None = None,
    max_time: float | None = NASH_MAX_TIME,
    engine: str = "auto",
) -> NashResult:
    """All extreme Nash equilibria of a bimatrix game by vertex enumeration.

    Complete on every game, degenerate ones included: the result lists every extreme
    equilibrium exactly once (no other profile), and ``components`` groups them into the
    maximal convex sets of equilibria (Nash subsets; Winkels 1979, Jansen 1981).

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game.
    exact : bool
        Decide every tie and compute every equilibrium in exact rational arithmetic
        (fraction-free integer pivoting). Float payoffs are read as the decimals they print
        as (``0.1`` is ``1/10``; :meth:`bargain.Game.exact_payoffs`). Always possible,
        never an error.
    tol : float
        Largest regret accepted, relative to each player's payoff range (float path). The
        float search works on payoffs normalised to [0, 1] per player and decides ties
        within ``tol / 4`` (clipped to ``[1e-11, 1e-6]``), so no scale or shift of either
        player's payoffs changes the answer.
    max_iter : int, optional
        Budget in vertices processed (both polytopes together); ``Status.MAX_ITER``.
    max_time : float or None, default 10
        Wall-clock budget in seconds (``None`` lifts it); on expiry the equilibria found so
        far are returned with ``status=Status.MAX_TIME``, ``complete=False`` and a
        ``ConvergenceWarning`` (with the end point of one Lemke-Howson path if none was
        found yet).
    engine : {"auto", "walk+partners", "qhull+partners", "qhull", "lex"}
        How the vertices are found (module docstring). ``"auto"`` picks by measured cost:
        on the float path ``"walk+partners"`` on small games when numba is installed (the
        ``jit`` extra; ``BARGAIN_JIT=0`` switches it off), else ``"qhull+partners"`` (one
        polytope's vertices by qhull, each one's partner solved in the other polytope)
        when one polytope is simple, else ``"qhull"`` (both polytopes by qhull), else
        ``"lex"`` (the lexicographic search); on the exact path ``"qhull"`` or ``"lex"``
        (small integer payoffs). A named engine that cannot run or certify its answer
        hands over (``"walk+partners"`` to qhull, the others to ``"lex"``) and says so in
        the message; the two ``+partners`` engines are float engines, and any
        ``max_iter`` selects ``"lex"``.

    Returns
    -------
    NashResult
        ``method`` is ``"vertex/<engine>"``, the engine that produced the answer (also
        ``stats["engine"]``); ``complete`` is True when the search finished (on the float
        path this assumes ties were decided right at the tie tolerance; ``exact=True``
        decides every tie exactly). ``degenerate`` is True when a vertex of ``P`` or ``Q``
        has more tight constraints than its dimension (decided on first read when the
        engine enumerated one polytope only). ``stats`` counts the vertices of each
        polytope (None for one not enumerated), the bases processed and the bases pivoted
        in integer arithmetic.

    Notes
    -----
    Complexity is proportional to the number of vertices of the two best-response
    polytopes, which for random n x n games grows roughly like 2.5^n (about 10^4 at
    n = 12, 3 x 10^4 at n = 14). qhull (compiled) produces them first; the search pivots
    its frontier in numpy stacks, a few microseconds per vertex on the float path. qhull
    cannot be interrupted, so ``max_time`` binds only the search (used beyond
    ``HULL_MAX_ACTIONS`` actions). See the module docstring for the arithmetic of each
    path.

    Examples
    --------
    >>> import bargain as bg
    >>> g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> res = bg.vertex_enumeration(g, exact=True)
    >>> len(res), res.degenerate, res.complete, res.method
    (3, False, True, 'vertex/lex')
    >>> res.equilibria[2]
    Equilibrium(Row: r1 1/3, r2 2/3; Column: c0 1/3, c1 2/3  payoffs (4, 8/3))

    A degenerate game (the entry game): a pure equilibrium and a continuum.

    >>> entry = bg.Game([[0, 0], [2, -1]], [[2, 2], [1, -1]])
    >>> res = bg.vertex_enumeration(entry, exact=True)
    >>> len(res), res.degenerate, res.components
    (3, True, ((0, 1), (2,)))
    """
    func = "vertex_enumeration"
    g = as_single_game(game, func)
    exact = check_bool(exact, "exact", func)
    tol = check_tol(tol, func)
    max_iter, max_time = check_budget(max_iter, max_time, func)
    engine = check_engine(engine, exact, func)
    return budgeted_enumeration(
        solve_vertex, g, exact, tol, max_iter=max_iter, max_time=max_time, engine=engine
    )


#: Engines of vertex enumeration (``engine=``; ``nash_equilibria(method="vertex/<engine>")``).
ENGINES = ("auto", "walk+partners", "qhull+partners", "qhull", "lex")


def check_engine(engine: Any, exact: bool, func: str) -> str:
    """``engine`` validated against :data:`ENGINES` (the two ``+partners`` engines are float only)."""
    engine = check_choice(engine, ENGINES, "engine", func)
    if exact and engine.endswith("+partners"):
        raise InvalidArgumentError(
            f"{func}: engine {engine!r} solves partners in floating point; with exact=True "
            "use 'qhull', 'lex' or 'auto'"
        )
    return engine
