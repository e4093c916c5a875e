"""``nash_equilibria``: all Nash equilibria of one bimatrix game, certified.

The dispatcher validates the input, picks a method from :data:`METHODS`, and every method
hands its candidates to :func:`bargain.solvers.nash._assemble.assemble_result`, which certifies
each profile. A method is a callable ``solver(game, exact, tol, **options)`` returning a
:class:`~bargain.solvers.nash.result.NashResult`; budgets (``max_time``, ``max_iter``) and
method-specific options travel in ``options`` and are only passed when given, and a method
rejects options it does not know with :class:`~bargain.errors.InvalidGameError`.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from bargain._thresholds import DEFAULT_TOL
from bargain._validate import check_choice, check_tol
from bargain.core.game import Game, as_game
from bargain.core.two_by_two import PATTERNS, sign_pattern_2x2
from bargain.errors import InvalidGameError
from bargain.solvers.nash._assemble import assemble_result
from bargain.solvers.nash.lemke_howson import NASH_METHODS as _LEMKE_HOWSON_METHODS
from bargain.solvers.nash.pure import pure_equilibrium_profiles
from bargain.solvers.nash.result import NashResult
from bargain.solvers.nash.support import solve_support
from bargain.solvers.nash.vertex import check_budget, solve_vertex

__all__ = ["nash_equilibria", "METHODS"]


def _no_options(options: dict[str, Any], method: str, allowed: tuple[str, ...] = ()) -> dict[str, Any]:
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise InvalidGameError(f"nash_equilibria: method {method!r} takes no option(s) {unknown}")
    return options


def _solve_2x2(g: Game, exact: bool, tol: float, **options: Any) -> NashResult:
    # closed form: budgets are accepted and have nothing to limit
    _no_options(options, "2x2", ("max_time", "max_iter"))
    if exact:
        Ae, Be = g.exact_payoffs()
        a, b = Ae[0, 0] - Ae[1, 0], Ae[0, 1] - Ae[1, 1]
        c, d = Be[0, 0] - Be[0, 1], Be[1, 0] - Be[1, 1]
        sign = lambda v: (v > 0) - (v < 0) + 1  # noqa: E731
        code = 27 * sign(a) + 9 * sign(b) + 3 * sign(c) + sign(d)
        p_star = d / (d - c) if c != d else Fraction(0)
        q_star = b / (b - a) if a != b else Fraction(0)
    else:
        code_arr, ps, qs = sign_pattern_2x2(g.A, g.B)
        code, p_star, q_star = int(code_arr), float(ps), float(qs)
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    profiles = []
    for s in range(int(PATTERNS["count"][code])):
        p = p_star if PATTERNS["p_star"][code, s] else (one if PATTERNS["p_const"][code, s] else zero)
        q = q_star if PATTERNS["q_star"][code, s] else (one if PATTERNS["q_const"][code, s] else zero)
        profiles.append(((p, one - p), (q, one - q)))
    comps = tuple(
        tuple(s for s in range(4) if (mask >> s) & 1)
        for mask in PATTERNS["components"][code]
        if mask
    )
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
        stacklevel=4,
    )


def _pure_degenerate(g: Game) -> bool:
    """A pure strategy with two or more pure best responses makes the game degenerate."""
    col_best = (g.A == g.A.max(axis=0, keepdims=True)).sum(axis=0)
    row_best = (g.B == g.B.max(axis=1, keepdims=True)).sum(axis=1)
    return bool((col_best > 1).any() or (row_best > 1).any())


def _solve_pure(g: Game, exact: bool, tol: float, **options: Any) -> NashResult:
    _no_options(options, "pure", ("max_time", "max_iter"))
    m, n = g.shape
    profiles = []
    unit = Fraction(1) if exact else 1.0
    zero = Fraction(0) if exact else 0.0
    for i, j in pure_equilibrium_profiles(g, 0.0 if exact else tol):
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
        degenerate=_pure_degenerate(g),
        tol=tol,
        exact=exact,
        message="pure equilibria only; mixed equilibria were not searched",
        stacklevel=4,
    )


def _solve_support(g: Game, exact: bool, tol: float, **options: Any) -> NashResult:
    _no_options(options, "support", ("max_time", "max_iter"))
    return solve_support(g, exact, tol, options.get("max_time"), options.get("max_iter"), stacklevel=4)


def _solve_vertex(g: Game, exact: bool, tol: float, **options: Any) -> NashResult:
    _no_options(options, "vertex", ("max_time", "max_iter"))
    return solve_vertex(g, exact, tol, options.get("max_time"), options.get("max_iter"), stacklevel=4)


#: Registered methods: name -> solver(game, exact, tol, **options) -> NashResult.
METHODS: dict[str, Callable[..., NashResult]] = {
    "2x2": _solve_2x2,
    "pure": _solve_pure,
    "support": _solve_support,
    "vertex": _solve_vertex,
    **_LEMKE_HOWSON_METHODS,  # "lemke_howson", "lemke_howson_all"
}


#: Largest game (m * n) for which ``auto`` prefers support enumeration (measured: below
#: this size it beats the vertex search's fixed cost; both are complete).
_SUPPORT_MAX_CELLS = 12


def _auto(g: Game) -> str:
    """The fastest method that is complete for ``g`` (every one named here is complete)."""
    m, n = g.shape
    if (m, n) == (2, 2):
        return "2x2"
    if m * n <= _SUPPORT_MAX_CELLS:
        return "support"
    return "vertex"


def nash_equilibria(
    game: Any,
    method: str = "auto",
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    *,
    max_time: float | None = None,
    max_iter: int | None = None,
    **options: Any,
) -> NashResult:
    """Nash equilibria of a single bimatrix game, every one certified.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game (index a batch first, or use the batched kernels).
    method : str
        ``"auto"`` (default) picks the fastest method that is complete for the input and
        names it in ``result.method``: the closed form for 2x2 games, support enumeration
        for very small games, vertex enumeration otherwise. Complete methods (every
        extreme equilibrium, degenerate games included): ``"2x2"`` (2x2 games only),
        ``"support"`` (:func:`~bargain.support_enumeration`), ``"vertex"``
        (:func:`~bargain.vertex_enumeration`). Partial methods: ``"pure"`` (pure
        equilibria only), ``"lemke_howson"`` (one equilibrium; option ``initial_label``)
        and ``"lemke_howson_all"`` (those reachable by Lemke-Howson paths).
    exact : bool
        Compute and certify in exact rational arithmetic (attaches ``row_exact``,
        ``col_exact`` and ``payoffs_exact`` to each equilibrium). Float payoffs count as
        the binary fractions they store, so an exact request is always possible.
    tol : float
        Largest regret accepted, relative to the game's payoff scale (float path).
    max_time : float, optional
        Wall-clock budget in seconds for the enumeration methods.
    max_iter : int, optional
        Iteration budget of the method (vertices for ``"vertex"``, support pairs for
        ``"support"``, pivots per path for the Lemke-Howson methods). When a budget runs
        out the certified equilibria found so far are returned with ``status``
        ``MAX_TIME``/``MAX_ITER``, ``complete=False`` and a ``ConvergenceWarning``.
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
    >>> res.method, res.complete, len(res.equilibria)
    ('2x2', True, 3)
    >>> res.equilibria[2]
    Equilibrium(row=(2/3, 1/3), col=(1/3, 2/3), payoffs=(2/3, 2/3))
    >>> rps = bg.Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> res = bg.nash_equilibria(rps, exact=True)
    >>> res.method, res.complete, res.equilibria[0].row_exact
    ('support', True, (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    >>> bg.nash_equilibria(bg.Game(np.eye(4), np.eye(4))).method   # 15 equilibria
    'vertex'
    """
    func = "nash_equilibria"
    g = as_game(game, func)
    if g.batch_shape:
        raise InvalidGameError(
            f"{func}: takes a single game, got a batch of shape {g.batch_shape}; use "
            "equilibria_2x2, batched_equilibria or pure_equilibria for batches, or index the "
            "batch (g[i])"
        )
    method = check_choice(method, ("auto", *METHODS), "method", func)
    tol = check_tol(tol, func)
    exact, max_time, max_iter = check_budget(exact, max_time, max_iter, func)
    if method == "auto":
        method = _auto(g)
    if method == "2x2" and g.shape != (2, 2):
        raise InvalidGameError(f"{func}: method '2x2' needs a 2x2 game, got shape {g.shape}")
    if max_time is not None:
        options["max_time"] = max_time
    if max_iter is not None:
        options["max_iter"] = max_iter
    return METHODS[method](g, exact, tol, **options)
