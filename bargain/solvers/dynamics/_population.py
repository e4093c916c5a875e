"""What the replicator dynamics and the ESS share: reading a game or a bare payoff matrix.

Both accept a :class:`~bargain.Game` (or a ``nashpy.Game``) or the square payoff matrix
``A`` of a symmetric game (``B = A.T``). Private to :mod:`bargain.solvers.dynamics`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from bargain._validate import as_payoff_array, check_choice, describe
from bargain.core.game import Game, as_game, as_single_game
from bargain.errors import InvalidArgumentError, InvalidGameError

__all__ = ["as_population_game", "as_symmetric_game", "exact_matrix"]


def _is_game(value: Any) -> bool:
    return isinstance(value, Game) or hasattr(value, "payoff_matrices")


def _from_matrix(value: Any, func: str, *, single: bool) -> Game:
    """The symmetric game of a square payoff matrix ``A`` (``B = A.T``), errors naming ``func``."""
    values, exact = as_payoff_array(value, "A", func)
    if single and values.ndim != 2:
        raise InvalidGameError(f"{func}: A must be a single square matrix, got shape {values.shape}")
    if values.shape[-1] != values.shape[-2]:
        what = "A must be square" if single else "a payoff matrix alone must be square (one population)"
        raise InvalidGameError(
            f"{func}: {what}, got shape {values.shape[-2:]}; pass a bargain.Game for two populations"
        )
    try:
        return Game.symmetric(exact if exact is not None else values)
    except InvalidGameError as exc:
        raise InvalidGameError(f"{func}: {exc}") from None


def _symmetric(g: Game) -> bool:
    m, n = g.shape
    return m == n and bool(np.array_equal(g.B, np.swapaxes(g.A, -1, -2)))


def as_population_game(game: Any, func: str, populations: Any) -> tuple[Game, int]:
    """The game (a batch allowed) and the number of populations (1 needs a symmetric game)."""
    if isinstance(populations, bool | np.bool_):
        raise InvalidArgumentError(f"{func}: populations must be 'auto', 1 or 2, got {describe(populations)}")
    check_choice(populations, ("auto", 1, 2), "populations", func)
    g = as_game(game, func) if _is_game(game) else _from_matrix(game, func, single=False)
    symmetric = _symmetric(g)
    if populations == "auto":
        populations = 1 if symmetric else 2
    if populations == 1 and not symmetric:
        raise InvalidGameError(
            f"{func}: one-population dynamics need a symmetric game (B = A.T); this game is "
            "not symmetric, use populations=2"
        )
    return g, int(populations)


def as_symmetric_game(game: Any, func: str) -> Game:
    """A single symmetric game (exactly: ``B = A.T`` in the exact payoffs)."""
    if not _is_game(game):
        return _from_matrix(game, func, single=True)
    g = as_single_game(game, func)
    m, n = g.shape
    Ae, Be = g.exact_payoffs()
    if m != n or any(Be[i, j] != Ae[j, i] for i in range(m) for j in range(n)):
        raise InvalidGameError(
            f"{func}: the game must be symmetric (B = A.T), got a {m}x{n} game that is not"
        )
    return g


def exact_matrix(g: Game) -> list[list[Fraction]]:
    """The row player's payoffs of a single game as lists of Fractions."""
    Ae, _ = g.exact_payoffs()
    m, n = g.shape
    return [[Fraction(Ae[i, j]) for j in range(n)] for i in range(m)]
