"""All equilibria of a batch of 2x2 games in closed form (public wrapper of the kernel)."""

from __future__ import annotations

from typing import Any

from bargain._result import Status
from bargain._thresholds import DEFAULT_TOL
from bargain._validate import check_tol
from bargain.core.game import as_game
from bargain.core.two_by_two import sign_pattern_2x2
from bargain.errors import InvalidGameError
from bargain.solvers.nash.result import Equilibria2x2

__all__ = ["equilibria_2x2"]


def equilibria_2x2(game: Any, *, tol: float = DEFAULT_TOL) -> Equilibria2x2:
    """The complete equilibrium set of each game in a batch of 2x2 games.

    Every extreme equilibrium is returned (pure ones first), degenerate games included:
    ties are detected, and a continuum of equilibria is reported by its endpoints and
    its maximal convex components. Outputs are fixed-shape read-only arrays padded to 4
    slots; there is no Python loop over the batch. Signs and ties are decided on the payoffs
    normalised to [0, 1] per player, so no scale or shift of either player's payoffs
    changes the answer (the batch itself is never normalised: the differences are compared
    with each player's range).

    Parameters
    ----------
    game : Game or nashpy.Game
        Payoffs of shape ``(..., 2, 2)``.
    tol : float, default 1e-9
        Regret tolerance relative to each player's payoff range: payoff differences within
        ``tol`` x that player's range count as ties (``0``: exact float ties only).

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
    func = "equilibria_2x2"
    g = as_game(game, func)
    if g.shape != (2, 2):
        raise InvalidGameError(f"{func}: needs 2x2 games, got shape {g.shape}")
    tol = check_tol(tol, func)
    # ties are decided relative to each player's range: the code of the normalised game
    code, p_star, q_star = sign_pattern_2x2(g.A, g.B, tol)
    return Equilibria2x2(
        code=code,
        raw_p_star=p_star,
        raw_q_star=q_star,
        A=g.A,
        B=g.B,
        status=Status.SUCCESS,
        message="closed form over the 81 sign patterns of a 2x2 game",
        labels=g.labels,
    )
