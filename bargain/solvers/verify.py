"""Certificates: regret of a strategy profile, float and exact. Every solver uses these.

A profile ``(x, y)`` is a Nash equilibrium iff neither player gains by deviating, i.e.
its regret (best deviation payoff minus current payoff) is zero for both players. The
float check allows ``tol`` times the game's payoff scale
(:func:`bargain.core.kernels.payoff_scale`), which makes it invariant to positive affine
payoff changes; the exact check uses :class:`fractions.Fraction` and allows nothing.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from bargain._validate import as_strategy, check_tol
from bargain.core import kernels
from bargain.core.exact import exact_regret, to_fraction_vector
from bargain.core.game import Game, as_game
from bargain.errors import InvalidGameError

__all__ = ["max_regret", "is_equilibrium", "exact_max_regret", "regret_tolerance"]

DEFAULT_TOL = 1e-9


def regret_tolerance(game: Game, tol: float = DEFAULT_TOL) -> np.ndarray | float:
    """Absolute regret allowed for ``game``: ``tol`` times its payoff scale (per game of a batch)."""
    scale = kernels.payoff_scale(game.A, game.B)
    return float(scale) * tol if scale.ndim == 0 else scale * tol


def max_regret(game: Any, x: Any, y: Any) -> float | np.ndarray:
    """Largest regret of the two players at ``(x, y)``; 0 at an exact equilibrium.

    Batched: ``x`` (..., m) and ``y`` (..., n) broadcast against the game's batch.

    >>> import bargain as bg
    >>> g = bg.Game([[1, -1], [-1, 1]])                # matching pennies
    >>> float(bg.max_regret(g, [.5, .5], [.5, .5])), float(bg.max_regret(g, [1, 0], [1, 0]))
    (0.0, 2.0)
    """
    g = as_game(game, "max_regret")
    m, n = g.shape
    xs = as_strategy(x, m, "x", "max_regret")
    ys = as_strategy(y, n, "y", "max_regret")
    r = kernels.regret(g.A, g.B, xs, ys).max(axis=-1)
    return float(r) if r.ndim == 0 else r


def exact_max_regret(game: Any, x: Any, y: Any) -> Fraction:
    """Exact regret (a :class:`~fractions.Fraction`) of a single game at ``(x, y)``.

    Strategies may be given as fractions, integers or floats (converted exactly).

    >>> from fractions import Fraction as F
    >>> import bargain as bg
    >>> g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])   # battle of the sexes
    >>> bg.exact_max_regret(g, [F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)])
    Fraction(0, 1)
    """
    g = as_game(game, "exact_max_regret")
    if g.batch_shape:
        raise InvalidGameError("exact_max_regret: takes a single game, not a batch; index it first")
    m, n = g.shape
    xe = _exact_strategy(x, m, "x")
    ye = _exact_strategy(y, n, "y")
    Ae, Be = g.exact_payoffs()
    return max(exact_regret(Ae, Be, xe, ye))


def _exact_strategy(v: Any, size: int, name: str) -> tuple[Fraction, ...]:
    func = "exact_max_regret"
    out = to_fraction_vector(v, func)
    if len(out) != size:
        raise InvalidGameError(f"{func}: {name} must have {size} entries, got {len(out)}")
    if any(p < 0 for p in out) or sum(out) != 1:
        raise InvalidGameError(
            f"{func}: {name} must be an exact probability vector (nonnegative, summing to 1), "
            f"got {tuple(str(p) for p in out)}"
        )
    return out


def is_equilibrium(
    game: Any, x: Any, y: Any, tol: float = DEFAULT_TOL, *, exact: bool = False
) -> bool | np.ndarray:
    """Whether ``(x, y)`` is a Nash equilibrium: regret <= ``tol`` x payoff scale (or exactly 0).

    >>> import bargain as bg
    >>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])   # Prisoner's Dilemma
    >>> bool(bg.is_equilibrium(g, [0, 1], [0, 1])), bool(bg.is_equilibrium(g, [1, 0], [1, 0]))
    (True, False)
    """
    tol = check_tol(tol, "is_equilibrium")
    if exact:
        return exact_max_regret(game, x, y) == 0
    g = as_game(game, "is_equilibrium")
    r = max_regret(g, x, y)
    ok = np.asarray(r) <= regret_tolerance(g, tol)
    return bool(ok) if ok.ndim == 0 else ok
