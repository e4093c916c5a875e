"""Certificates: regret of a strategy profile, float and exact. Every solver uses these.

A profile ``(x, y)`` is a Nash equilibrium iff neither player gains by deviating, i.e.
its regret (best deviation payoff minus current payoff) is zero for both players. The
float check allows each player ``tol`` times that player's own payoff range
(:func:`bargain.core.kernels.relative_regret`, evaluated on the payoffs normalised to
[0, 1] per player so that a shift of 1e9 costs no precision), which makes it invariant to
a positive affine change of either player's payoffs separately; the exact check uses
:class:`fractions.Fraction` and allows nothing.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from bargain._thresholds import DEFAULT_TOL
from bargain._validate import as_strategy, check_bool, check_tol
from bargain.core import kernels
from bargain.core.exact import exact_regret, to_fraction_vector
from bargain.core.game import Game, as_game, as_single_game
from bargain.errors import InvalidArgumentError

__all__ = ["max_regret", "is_equilibrium", "exact_max_regret", "regret_tolerance", "DEFAULT_TOL"]


def regret_tolerance(game: Game, *, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Absolute regret allowed each player of ``game``: ``tol`` times that player's payoff range.

    Shape ``batch + (2,)``.
    """
    return tol * np.asarray(game.payoff_range)


def max_regret(game: Any, x: Any, y: Any, *, relative: bool = False) -> float | np.ndarray:
    """Largest regret of the two players at ``(x, y)``; 0 at an exact equilibrium.

    Batched: ``x`` (..., m) and ``y`` (..., n) broadcast against the game's batch. With
    ``relative=True`` each player's regret is divided by that player's payoff range (the
    quantity every solver certifies against ``tol``).

    >>> import bargain as bg
    >>> g = bg.Game([[1, -1], [-1, 1]])                # matching pennies
    >>> float(bg.max_regret(g, [.5, .5], [.5, .5])), float(bg.max_regret(g, [1, 0], [1, 0]))
    (0.0, 2.0)
    >>> float(bg.max_regret(g, [1, 0], [1, 0], relative=True))
    1.0
    """
    func = "max_regret"
    g = as_game(game, func)
    relative = check_bool(relative, "relative", func)
    r = _regrets(g, x, y, func, relative).max(axis=-1)
    return float(r) if r.ndim == 0 else r


def _regrets(g: Game, x: Any, y: Any, func: str, relative: bool) -> np.ndarray:
    m, n = g.shape
    xs = as_strategy(x, m, "x", func)
    ys = as_strategy(y, n, "y", func)
    if relative:  # on normalised payoffs: no cancellation against a large shift
        norm = g.normalized
        return kernels.relative_regret(norm.A, norm.B, xs, ys)
    return kernels.regret(g.A, g.B, xs, ys)


def exact_max_regret(game: Any, x: Any, y: Any) -> Fraction:
    """Exact regret (a :class:`~fractions.Fraction`) of a single game at ``(x, y)``.

    Strategies may be given as fractions, integers or floats (converted exactly).

    >>> from fractions import Fraction as F
    >>> import bargain as bg
    >>> g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])   # battle of the sexes
    >>> bg.exact_max_regret(g, [F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)])
    Fraction(0, 1)
    """
    return _exact_regret(as_single_game(game, "exact_max_regret"), x, y, "exact_max_regret")


def _exact_regret(g: Game, x: Any, y: Any, func: str) -> Fraction:
    m, n = g.shape
    xe = _exact_strategy(x, m, "x", func)
    ye = _exact_strategy(y, n, "y", func)
    Ae, Be = g.exact_payoffs()
    return max(exact_regret(Ae, Be, xe, ye))


def _exact_strategy(v: Any, size: int, name: str, func: str) -> tuple[Fraction, ...]:
    out = to_fraction_vector(v, func)
    if len(out) != size:
        raise InvalidArgumentError(f"{func}: {name} must have {size} entries, got {len(out)}")
    if any(p < 0 for p in out) or sum(out) != 1:
        raise InvalidArgumentError(
            f"{func}: {name} must be an exact probability vector (nonnegative, summing to 1), "
            f"got {tuple(str(p) for p in out)}"
        )
    return out


def is_equilibrium(
    game: Any, x: Any, y: Any, *, tol: float = DEFAULT_TOL, exact: bool = False
) -> bool | np.ndarray:
    """Whether ``(x, y)`` is a Nash equilibrium: each player's regret <= ``tol`` x that player's
    payoff range (or exactly 0 with ``exact=True``).

    >>> import bargain as bg
    >>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])   # Prisoner's Dilemma
    >>> bool(bg.is_equilibrium(g, [0, 1], [0, 1])), bool(bg.is_equilibrium(g, [1, 0], [1, 0]))
    (True, False)
    """
    func = "is_equilibrium"
    tol = check_tol(tol, func)
    if check_bool(exact, "exact", func):
        return _exact_regret(as_single_game(game, func), x, y, func) == 0
    g = as_game(game, func)
    ok = _regrets(g, x, y, func, True).max(axis=-1) <= tol
    return bool(ok) if ok.ndim == 0 else ok
