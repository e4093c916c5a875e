"""Pure-strategy Nash equilibria of any m x n game, batched."""

from __future__ import annotations

from typing import Any

import numpy as np

from bargain._thresholds import DEFAULT_TOL
from bargain._validate import check_tol
from bargain.core import kernels
from bargain.core.game import as_game, as_single_game

__all__ = ["pure_equilibria", "pure_equilibrium_profiles"]


def pure_equilibria(game: Any, *, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Boolean mask ``(..., m, n)`` of the pure Nash equilibria of a game or a batch of games.

    Cell ``(i, j)`` is true when ``i`` is a best response to ``j`` and ``j`` to ``i``
    (ties count, so degenerate games keep all their pure equilibria): each player's regret
    at ``(i, j)`` is at most ``tol`` times that player's payoff range. Decided on the
    payoffs normalised to [0, 1] per player, so no scale or shift changes the mask.

    Examples
    --------
    >>> import bargain as bg
    >>> chicken = bg.Game([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> bg.pure_equilibria(chicken).tolist()
    [[False, True], [True, False]]
    """
    func = "pure_equilibria"
    g = as_game(game, func)
    tol = check_tol(tol, func)
    norm = g.normalized
    return kernels.pure_equilibrium_mask(norm.A, norm.B, tol)


def pure_equilibrium_profiles(game: Any, *, tol: float = DEFAULT_TOL) -> list[tuple[int, int]]:
    """The pure equilibria of a single game as a list of ``(row action, column action)``.

    >>> import bargain as bg
    >>> bg.pure_equilibrium_profiles(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    [(0, 0), (1, 1)]
    """
    func = "pure_equilibrium_profiles"
    g = as_single_game(game, func)
    tol = check_tol(tol, func)
    norm = g.normalized
    mask = kernels.pure_equilibrium_mask(norm.A, norm.B, tol)
    return [(int(i), int(j)) for i, j in np.argwhere(mask)]
