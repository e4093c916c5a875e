"""All equilibria of a batch of 2x2 games in closed form (public wrapper of the kernel)."""

from __future__ import annotations

from typing import Any

from bargain._validate import check_tol
from bargain.core import kernels
from bargain.core.game import as_game
from bargain.core.two_by_two import sign_pattern_2x2
from bargain.errors import InvalidGameError
from bargain.solvers.nash.result import Equilibria2x2

__all__ = ["equilibria_2x2"]


def equilibria_2x2(game: Any, tol: float = 0.0) -> Equilibria2x2:
    """The complete equilibrium set of each game in a batch of 2x2 games.

    Every extreme equilibrium is returned (pure ones first), degenerate games included:
    ties are detected, and a continuum of equilibria is reported by its endpoints and
    its maximal convex components. Outputs are fixed-shape arrays padded to 4 slots;
    there is no Python loop over the batch.

    Parameters
    ----------
    game : Game or nashpy.Game
        Payoffs of shape ``(..., 2, 2)``.
    tol : float, default 0
        Payoff differences within ``tol`` x payoff scale count as ties (0: exact ties only,
        which is right for integer and rational payoffs).

    Returns
    -------
    Equilibria2x2
        ``count``, ``p``/``q`` (probability of the first action per slot), ``row``/``col``
        strategies, ``payoffs``, ``valid``, ``degenerate``, ``continuum``, ``components``,
        and the certificate ``regret``.

    Examples
    --------
    >>> import bargain as bg
    >>> bos = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])      # battle of the sexes
    >>> res = bg.equilibria_2x2(bos)
    >>> int(res.count), res.p.round(4).tolist(), res.q.round(4).tolist()
    (3, [1.0, 0.0, 0.6667, nan], [1.0, 0.0, 0.3333, nan])
    >>> entry = bg.Game([[0, 0], [-1, 2]], [[2, 2], [-1, 1]])  # entry deterrence: a continuum
    >>> r = bg.equilibria_2x2(entry)
    >>> bool(r.degenerate), bool(r.continuum), int(r.count)
    (True, True, 3)
    """
    g = as_game(game, "equilibria_2x2")
    if g.shape != (2, 2):
        raise InvalidGameError(f"equilibria_2x2: needs 2x2 games, got shape {g.shape}")
    tol = check_tol(tol, "equilibria_2x2")
    atol = kernels.payoff_scale(g.A, g.B) * tol if tol else 0.0
    code, p_star, q_star = sign_pattern_2x2(g.A, g.B, atol)
    return Equilibria2x2(code=code, raw_p_star=p_star, raw_q_star=q_star, A=g.A, B=g.B)
