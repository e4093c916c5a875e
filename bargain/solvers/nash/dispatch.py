"""``nash_equilibria``: all Nash equilibria of one bimatrix game, certified.

The dispatcher validates the input, picks a method from :data:`METHODS`, and every method
hands its candidates to :func:`bargain.solvers.nash._assemble.assemble_result`, which certifies
each profile. A method is a callable ``solver(game, exact, tol, *, max_iter=, max_time=,
**options)`` returning a :class:`~bargain.solvers.nash.result.NashResult`; method-specific
options travel in ``options``, and a method rejects options it does not know with
:class:`~bargain.errors.InvalidArgumentError`.

Every method has a default wall-clock budget (:data:`~bargain._thresholds.NASH_MAX_TIME`);
when an enumeration's budget ends before any equilibrium was found, one Lemke-Howson path
supplies one, so a budgeted result is never empty.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._thresholds import (
    DEFAULT_TOL,
    NASH_MAX_TIME,
    SUPPORT_MAX_CELLS,
    SUPPORT_MAX_CELLS_EXACT,
    SUPPORT_MAX_CELLS_EXACT_TIED,
)
from bargain._validate import check_bool, check_budget, check_choice, check_tol
from bargain.core.game import Game, as_single_game
from bargain.core.two_by_two import PATTERNS, pattern_profiles, sign_pattern_2x2, sign_pattern_exact
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.solvers.nash._assemble import assemble_result
from bargain.solvers.nash.lemke_howson import NASH_METHODS as _LEMKE_HOWSON_METHODS
from bargain.solvers.nash.lemke_howson import budgeted_enumeration
from bargain.solvers.nash.result import NashResult
from bargain.solvers.nash.support import solve_support
from bargain.solvers.nash.vertex import ENGINES, check_engine, compiled_applies, solve_vertex

__all__ = ["nash_equilibria", "METHODS"]


def _no_options(options: dict[str, Any], method: str) -> None:
    unknown = sorted(options)
    if unknown:
        raise InvalidArgumentError(f"nash_equilibria: method {method!r} takes no option(s) {unknown}")


def _solve_2x2(
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None = None,
    max_time: float | None = None,
    **options: Any,
) -> NashResult:
    """The closed form of :mod:`bargain.core.two_by_two` (budgets have nothing to limit)."""
    _no_options(options, "2x2")
    if exact:
        code, p_star, q_star = sign_pattern_exact(*g.exact_payoffs())
        one, zero = Fraction(1), Fraction(0)
    else:
        norm = g.normalized
        code_arr, ps, qs = sign_pattern_2x2(norm.A, norm.B, tol)
        code, p_star, q_star = int(code_arr), float(ps), float(qs)
        one, zero = 1.0, 0.0
    profiles, comps = pattern_profiles(code, p_star, q_star, one, zero)
    return assemble_result(
        g,
        profiles,
        method="2x2",
        complete=True,
        degenerate=bool(PATTERNS["degenerate"][code]),
        tol=tol,
        exact=exact,
        components=comps,
        message="closed form over the 81 sign patterns of a 2x2 game",
    )


def _pure_profiles(g: Game, exact: bool, tol: float) -> tuple[list[tuple[int, int]], bool]:
    """Pure equilibria (exact ties, or within ``tol`` on normalised payoffs) and degeneracy.

    A pure strategy with two or more pure best responses makes the game degenerate.
    """
    if exact:
        A, B = g.exact_payoffs()
    else:
        A, B = g.normalized.A, g.normalized.B
    col_max = A.max(axis=0)
    row_max = B.max(axis=1)
    if exact:
        row_ok = A == col_max[None, :]
        col_ok = B == row_max[:, None]
    else:
        row_ok = A >= col_max[None, :] - tol
        col_ok = B >= row_max[:, None] - tol
    mask = np.asarray(row_ok & col_ok, dtype=bool)
    col_best = np.asarray(A == col_max[None, :], dtype=bool).sum(axis=0)
    row_best = np.asarray(B == row_max[:, None], dtype=bool).sum(axis=1)
    degenerate = bool((col_best > 1).any() or (row_best > 1).any())
    return [(int(i), int(j)) for i, j in np.argwhere(mask)], degenerate


def _solve_pure(
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None = None,
    max_time: float | None = None,
    **options: Any,
) -> NashResult:
    _no_options(options, "pure")
    m, n = g.shape
    unit = Fraction(1) if exact else 1.0
    zero = Fraction(0) if exact else 0.0
    cells, degenerate = _pure_profiles(g, exact, tol)
    profiles = []
    for i, j in cells:
        x = [zero] * m
        y = [zero] * n
        x[i] = unit
        y[j] = unit
        profiles.append((x, y))
    return assemble_result(
        g,
        profiles,
        method="pure",
        complete=False,
        degenerate=degenerate,
        tol=tol,
        exact=exact,
        message="pure equilibria only; mixed equilibria were not searched",
    )


def _solve_support(
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None = None,
    max_time: float | None = None,
    **options: Any,
) -> NashResult:
    _no_options(options, "support")
    return budgeted_enumeration(solve_support, g, exact, tol, max_iter=max_iter, max_time=max_time)


def _vertex_method(engine: str) -> Callable[..., NashResult]:
    """The method ``"vertex"`` (``engine="auto"``) or ``"vertex/<engine>"``."""

    def solve(
        g: Game,
        exact: bool,
        tol: float,
        *,
        max_iter: int | None = None,
        max_time: float | None = None,
        **options: Any,
    ) -> NashResult:
        _no_options(options, "vertex" if engine == "auto" else f"vertex/{engine}")
        checked = check_engine(engine, exact, "nash_equilibria")
        return budgeted_enumeration(
            solve_vertex, g, exact, tol, max_iter=max_iter, max_time=max_time, engine=checked
        )

    return solve


#: Registered methods: name -> solver(game, exact, tol, *, max_iter, max_time, **options).
METHODS: dict[str, Callable[..., NashResult]] = {
    "2x2": _solve_2x2,
    "pure": _solve_pure,
    "support": _solve_support,
    "vertex": _vertex_method("auto"),
    **{f"vertex/{engine}": _vertex_method(engine) for engine in ENGINES if engine != "auto"},
    **_LEMKE_HOWSON_METHODS,  # "lemke_howson", "lemke_howson_all"
}

def _auto(g: Game, exact: bool, tol: float) -> str:
    """The fastest method that is complete for ``g`` (every one named here is complete).

    Measured (:data:`~bargain._thresholds.SUPPORT_MAX_CELLS` and the two after it): the 2x2
    closed form; vertex enumeration wherever compiled kernels carry it (numba installed:
    float games up to 20 actions, exact games with small integer payoffs; 2-8x and 1.2-8x
    support enumeration's speed from 2x3 up); otherwise support enumeration on small games,
    up to a size that depends on the arithmetic and on whether a pure strategy has two best
    responses (ties slow vertex enumeration down more than support enumeration); vertex
    enumeration beyond, which itself
    picks its engine by measured cost (one polytope by qhull and the partners solved, both
    by qhull, or the lexicographic search) and names it in ``result.method``
    (``"vertex/<engine>"``).
    """
    m, n = g.shape
    if (m, n) == (2, 2):
        return "2x2"
    if compiled_applies(g, exact):  # measured: 1.2-8x support enumeration from 2x3 up
        return "vertex"
    cells = m * n
    if cells > max(SUPPORT_MAX_CELLS, SUPPORT_MAX_CELLS_EXACT_TIED if exact else 0):
        return "vertex"
    tied = min(m, n) == 1 or _pure_profiles(g, exact, tol)[1]
    if exact:
        limit = SUPPORT_MAX_CELLS_EXACT_TIED if tied else SUPPORT_MAX_CELLS_EXACT
        return "support" if cells <= limit else "vertex"
    return "support" if tied and cells <= SUPPORT_MAX_CELLS else "vertex"


def nash_equilibria(
    game: Any,
    *,
    method: str = "auto",
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    max_iter: int | None = None,
    max_time: float | None = NASH_MAX_TIME,
    **options: Any,
) -> NashResult:
    """Nash equilibria of a single bimatrix game, every one certified.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game (index a batch first, or use the batched kernels).
    method : str
        ``"auto"`` (default) picks the fastest method that is complete for the input
        (measured) and names it in ``result.method``: the closed form for 2x2 games,
        vertex enumeration on the games its compiled kernels carry (numba installed: the
        ``jit`` extra), support enumeration for other small games (tied or exact ones
        mostly), vertex enumeration otherwise, which itself picks its engine
        by measured cost and names it: ``result.method`` is then ``"vertex/<engine>"``.
        Complete methods (every extreme equilibrium, degenerate games included):
        ``"2x2"`` (2x2 games only), ``"support"`` (:func:`~bargain.support_enumeration`),
        ``"vertex"`` (:func:`~bargain.vertex_enumeration`, engine chosen by cost) and
        ``"vertex/walk+partners"``, ``"vertex/qhull+partners"``, ``"vertex/qhull"``,
        ``"vertex/lex"`` (that engine,
        or the lexicographic search where it cannot run; see ``vertex_enumeration``'s
        ``engine``). Partial methods: ``"pure"`` (pure
        equilibria only), ``"lemke_howson"`` (one equilibrium; option ``initial_label``)
        and ``"lemke_howson_all"`` (those reachable by Lemke-Howson paths).
    exact : bool
        Compute and certify in exact rational arithmetic (attaches ``row_exact``,
        ``col_exact`` and ``payoffs_exact`` to each equilibrium). Float payoffs are read as
        the decimals they print as (``0.1`` is ``1/10``), so an exact request is always
        possible.
    tol : float
        Largest regret accepted, relative to each player's payoff range (float path). The
        float methods work on payoffs normalised to [0, 1] per player, so no scale or
        shift of either player's payoffs changes the answer.
    max_iter : int, optional
        Iteration budget of the method (vertices for ``"vertex"``, support pairs for
        ``"support"``, pivots per path for the Lemke-Howson methods).
    max_time : float or None, default 10
        Wall-clock budget in seconds (``None`` lifts it). When a budget runs out the
        certified equilibria found so far are returned with ``status``
        ``MAX_TIME``/``MAX_ITER``, ``complete=False`` and a ``ConvergenceWarning``; an
        enumeration that found none by then returns the end point of one Lemke-Howson
        path, so the result always holds at least one equilibrium.
    **options
        Method-specific options (``initial_label`` for ``"lemke_howson"``).

    Returns
    -------
    NashResult
        ``complete`` is True only when the method guarantees every extreme equilibrium.

    Examples
    --------
    >>> import bargain as bg
    >>> res = bg.nash_equilibria(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]), exact=True)
    >>> res.method, res.complete, len(res)
    ('2x2', True, 3)
    >>> res.equilibria[2]
    Equilibrium(Row: r0 2/3, r1 1/3; Column: c0 1/3, c1 2/3  payoffs (2/3, 2/3))
    >>> rps = bg.Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> res = bg.nash_equilibria(rps, exact=True)
    >>> res.complete, res.equilibria[0].row_exact
    (True, (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    >>> res = bg.nash_equilibria(bg.Game(np.eye(4), np.eye(4)))
    >>> len(res), res.method in ("vertex/walk+partners", "vertex/qhull+partners")
    (15, True)
    >>> rng = np.random.default_rng(0)   # ties in both players' payoffs: both polytopes
    >>> res = bg.nash_equilibria(bg.Game(rng.integers(0, 3, (4, 4)), rng.integers(0, 3, (4, 4))))
    >>> res.method in ("vertex/lex", "vertex/qhull")  # compiled search with numba, else qhull
    True
    """
    func = "nash_equilibria"
    g = as_single_game(game, func)
    method = check_choice(method, ("auto", *METHODS), "method", func)
    exact = check_bool(exact, "exact", func)
    tol = check_tol(tol, func)
    max_iter, max_time = check_budget(max_iter, max_time, func)
    if method == "auto":
        method = _auto(g, exact, tol)
    if method == "2x2" and g.shape != (2, 2):
        raise InvalidGameError(f"{func}: method '2x2' needs a 2x2 game, got shape {g.shape}")
    budgets: dict[str, Any] = {"max_time": max_time}
    if max_iter is not None:
        budgets["max_iter"] = max_iter
    return METHODS[method](g, exact, tol, **budgets, **options)
