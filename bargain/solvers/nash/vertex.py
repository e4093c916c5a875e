"""All extreme Nash equilibria by vertex enumeration of the best-response polytopes.

Method (von Stengel 2002, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45, Sec. 2.7; Avis, Rosenberg, Savani and von Stengel 2010, Economic
Theory 42): after a positive affine change of payoffs, enumerate the vertices of

    P = {x >= 0 : B^T x <= 1}   and   Q = {y >= 0 : A y <= 1}

and keep the *completely labelled* pairs: every row action is unplayed by ``x`` or a best
response to ``y``, every column action unplayed by ``y`` or a best response to ``x``.
Normalised, these pairs are exactly the extreme equilibria, degenerate games included.

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
  and certified on every game, and the equilibria are then solved exactly.
"""

from __future__ import annotations

import time
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Status
from bargain._thresholds import (
    DEFAULT_TOL,
    MAX_FLOAT_BITS,
    NASH_MAX_TIME,
    POLISH_RTOL,
    SMALL_INTEGER_PAYOFF,
)
from bargain._validate import check_bool, check_budget, check_tol
from bargain.core.exact import solve_integer
from bargain.core.game import Game, as_single_game
from bargain.solvers.nash._assemble import assemble_result
from bargain.solvers.nash._polytope import (
    complete_pairs,
    make_search,
    polytopes,
    popcount,
    run_searches,
    sort_profiles,
    tie_tolerance,
)
from bargain.solvers.nash.lemke_howson import budgeted_enumeration
from bargain.solvers.nash.result import NashResult

__all__ = ["vertex_enumeration", "solve_vertex"]


def _exact_mode(P, Q) -> str:
    """Integer pivoting for small integer data (int64 arithmetic, fast on degenerate games)
    and for data beyond the float range; certified float pivoting with exact fallback
    otherwise."""
    big = max(abs(v) for poly in (P, Q) for row in poly.Gi for v in row)
    return "exact" if big < SMALL_INTEGER_PAYOFF or big.bit_length() > MAX_FLOAT_BITS else "hybrid"


def _solve_strategy(poly, basis) -> tuple[Fraction, ...]:
    """Exact vertex of a nondegenerate polytope from its basis, normalised to a strategy."""
    rows = [int(b) for b in basis]
    sol = solve_integer([poly.Gi[r] for r in rows], [poly.hi[r] for r in rows])
    if sol is None:  # pragma: no cover - certified bases are nonsingular
        raise ArithmeticError("singular certified basis")
    total = sum(sol[0])
    return tuple(Fraction(v, total) for v in sol[0])


def _polish(poly, basis, coords: np.ndarray) -> np.ndarray:
    """Float vertex re-solved from its basis (the pivoted value accumulates rounding)."""
    rows = np.asarray(basis)
    try:
        z = np.linalg.solve(poly.G[rows], poly.h[rows])
    except np.linalg.LinAlgError:  # pragma: no cover - bases of the search are nonsingular
        z = coords
    if not np.isfinite(z).all() or np.abs(z - coords).max() > POLISH_RTOL * max(1.0, np.abs(coords).max()):
        z = coords  # keep the search's value if the re-solve is worse conditioned
    z = np.clip(z, 0.0, None)
    return z / z.sum()


def solve_vertex(
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None = None,
    max_time: float | None = None,
    method: str = "vertex",
    warn: bool = True,
) -> NashResult:
    """Vertex enumeration on a validated single game (shared with ``nash_equilibria``)."""
    m, n = g.shape
    start = time.perf_counter()
    P, Q = polytopes(g, exact)
    eps = tie_tolerance(tol)
    mode = _exact_mode(P, Q) if exact else "float"
    sp, sq = make_search(P, mode, eps), make_search(Q, mode, eps)
    stop, processed = run_searches([sp, sq], max_iter, max_time)
    kP, cP, bP = sp.vertices()
    kQ, cQ, bQ = sq.vertices()
    pairs = complete_pairs(kP, kQ, m, n)
    if exact:
        xs = {i: _solve_strategy(P, bP[i]) for i in {i for i, _ in pairs}}
        ys = {j: _solve_strategy(Q, bQ[j]) for j in {j for _, j in pairs}}
        profiles = [(xs[i], ys[j]) for i, j in pairs]
    else:
        xs = {i: _polish(P, bP[i], cP[i]) for i in {i for i, _ in pairs}}
        ys = {j: _polish(Q, bQ[j], cQ[j]) for j in {j for _, j in pairs}}
        profiles = [(xs[i], ys[j]) for i, j in pairs]
    backend = {
        "float": f"floating point, ties within {eps:g}",
        "exact": "exact integer pivoting",
        "hybrid": (
            f"certified float pivoting, {sp.n_exact + sq.n_exact} bases pivoted exactly; "
            "exact equilibria"
        ),
    }[mode]
    profiles = sort_profiles(profiles)
    degenerate = bool((popcount(kP) > m).any() or (popcount(kQ) > n).any())
    status = Status.SUCCESS
    complete = True
    message = (
        f"{len(kP)} + {len(kQ)} vertices of the best-response polytopes ({backend}); "
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
        "exact_pivots": sp.n_exact + sq.n_exact,
        "seconds": time.perf_counter() - start,
    }
    return assemble_result(
        g,
        profiles,
        method=method,
        complete=complete,
        degenerate=degenerate,
        tol=tol,
        exact=exact,
        status=status,
        message=message,
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

    Returns
    -------
    NashResult
        ``method="vertex"``; ``complete`` is True when the search finished (on the float
        path this assumes ties were decided right at the tie tolerance; ``exact=True``
        decides every tie exactly). ``degenerate`` is True when a vertex of ``P`` or ``Q``
        has more tight constraints than its dimension. ``stats`` counts the vertices of
        each polytope, the bases processed and the bases pivoted in integer arithmetic.

    Notes
    -----
    Complexity is proportional to the number of vertices of the two best-response
    polytopes, which for random n x n games grows roughly like 2.5^n (about 10^4 at
    n = 12); the frontier is pivoted in numpy stacks, a few microseconds per vertex on
    the float path. See the module docstring for the arithmetic of each path.

    Examples
    --------
    >>> import bargain as bg
    >>> g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> res = bg.vertex_enumeration(g, exact=True)
    >>> len(res), res.degenerate, res.complete
    (3, False, True)
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
    return budgeted_enumeration(solve_vertex, g, exact, tol, max_iter=max_iter, max_time=max_time)
