"""``nash_equilibria``: all Nash equilibria of one bimatrix game, certified.

The dispatcher validates the input, picks a method, and hands the candidates to
:func:`bargain.solvers._assemble.assemble_result`, which certifies every profile.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._validate import check_choice, check_tol
from bargain.core.game import Game, as_game
from bargain.core.two_by_two import PATTERNS, sign_pattern_2x2
from bargain.errors import InvalidGameError
from bargain.solvers._assemble import assemble_result
from bargain.solvers.pure import pure_equilibrium_profiles
from bargain.solvers.result import NashResult
from bargain.solvers.verify import DEFAULT_TOL

__all__ = ["nash_equilibria", "METHODS"]


def _solve_2x2(g: Game, exact: bool, tol: float) -> NashResult:
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


def _solve_pure(g: Game, exact: bool, tol: float) -> NashResult:
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


#: Registered methods: name -> (solver(game, exact, tol, **options), applies(game)).
METHODS: dict[str, Callable[..., NashResult]] = {
    "2x2": _solve_2x2,
    "pure": _solve_pure,
}


def _auto(g: Game) -> str:
    if g.shape == (2, 2):
        return "2x2"
    return "pure"


def nash_equilibria(
    game: Any, method: str = "auto", exact: bool = False, tol: float = DEFAULT_TOL
) -> NashResult:
    """Nash equilibria of a single bimatrix game, every one certified.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game (index a batch first, or use the batched kernels).
    method : {"auto", "2x2", "pure"}
        ``"auto"`` picks the fastest method that is complete for the input and names it
        in ``result.method``; ``"2x2"`` is the closed form for 2x2 games (complete, also
        on degenerate games); ``"pure"`` returns the pure equilibria only.
    exact : bool
        Compute and certify with :class:`fractions.Fraction` (attaches ``row_exact``,
        ``col_exact`` and ``payoffs_exact`` to each equilibrium).
    tol : float
        Largest regret accepted, relative to the game's payoff scale (float path).

    Returns
    -------
    NashResult

    Examples
    --------
    >>> import bargain as bg
    >>> res = bg.nash_equilibria(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]), exact=True)
    >>> res.method, res.complete, len(res.equilibria)
    ('2x2', True, 3)
    >>> res.equilibria[2]
    Equilibrium(row=(2/3, 1/3), col=(1/3, 2/3), payoffs=(2/3, 2/3))
    """
    func = "nash_equilibria"
    g = as_game(game, func)
    if g.batch_shape:
        raise InvalidGameError(
            f"{func}: takes a single game, got a batch of shape {g.batch_shape}; use "
            "equilibria_2x2 / pure_equilibria for batches or index the batch (g[i])"
        )
    method = check_choice(method, ("auto", *METHODS), "method", func)
    tol = check_tol(tol, func)
    if not isinstance(exact, bool | np.bool_):
        raise InvalidGameError(f"{func}: exact must be True or False, got {exact!r}")
    if method == "auto":
        method = _auto(g)
    if method == "2x2" and g.shape != (2, 2):
        raise InvalidGameError(f"{func}: method '2x2' needs a 2x2 game, got shape {g.shape}")
    return METHODS[method](g, bool(exact), tol)
