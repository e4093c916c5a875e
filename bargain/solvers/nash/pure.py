"""Pure-strategy Nash equilibria of any m x n game, batched."""

from __future__ import annotations

from typing import Any

import numpy as np

from bargain._validate import check_tol
from bargain.core import kernels
from bargain.core.game import as_game

__all__ = ["pure_equilibria", "pure_equilibrium_profiles"]


def pure_equilibria(game: Any, tol: float = 0.0) -> np.ndarray:
    """Boolean mask ``(..., m, n)`` of the pure Nash equilibria of a game or a batch of games.

    Cell ``(i, j)`` is true when ``i`` is a best response to ``j`` and ``j`` to ``i``
    (ties count, so degenerate games keep all their pure equilibria). ``tol`` is relative
    to each game's payoff scale.

    Examples
    --------
    >>> import bargain as bg
    >>> chicken = bg.Game([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> bg.pure_equilibria(chicken).tolist()
    [[False, True], [True, False]]
    """
    g = as_game(game, "pure_equilibria")
    tol = check_tol(tol, "pure_equilibria")
    atol = kernels.payoff_scale(g.A, g.B) * tol if tol else 0.0
    return kernels.pure_equilibrium_mask(g.A, g.B, atol)


def pure_equilibrium_profiles(game: Any, tol: float = 0.0) -> list[tuple[int, int]]:
    """The pure equilibria of a single game as a list of ``(row action, column action)``.

    >>> import bargain as bg
    >>> bg.pure_equilibrium_profiles(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    [(0, 0), (1, 1)]
    """
    g = as_game(game, "pure_equilibrium_profiles")
    if g.batch_shape:
        from bargain.errors import InvalidGameError

        raise InvalidGameError(
            "pure_equilibrium_profiles: takes a single game; use pure_equilibria for a batch"
        )
    mask = pure_equilibria(g, tol)
    return [(int(i), int(j)) for i, j in np.argwhere(mask)]
