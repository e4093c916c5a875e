"""The Nash bargaining solution over the correlated outcomes of a batch of games, in closed form.

For one game, :meth:`~bargain.BargainingProblem.from_game` builds the problem (the convex
hull of the payoff pairs ``(A[i, j], B[i, j])``, the disagreement point) and
:func:`~bargain.nash_bargaining` solves it. A sweep needs the same answer for millions of
games at once, so here the whole batch is solved with array operations and no Python loop
over games.

The method: the solution lies on the Pareto frontier of the hull, and every edge of the hull
is a segment between two payoff pairs. On a segment ``u(t) = d + g + t h`` (``t`` in
``[0, 1]``, gains ``g + t h`` over the disagreement point ``d``) the weighted Nash product
``g1(t)**w1 * g2(t)**w2`` is log-concave where both gains are positive, so its maximum over
the sub-interval where both gains are non-negative is at one of its ends or at the
stationary point ``t* = -(w1 h1 g2 + w2 h2 g1) / ((w1 + w2) h1 h2)`` clipped to it. The
solution is the best of these candidates over all ``k (k - 1) / 2`` segments of the game's
``k = m n`` payoff pairs (6 for a 2x2 game). Gains are measured in units of each player's
payoff range, so no scale or shift of either player's payoffs changes the answer.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from bargain.core.kernels import payoff_ranges

__all__ = ["nash_bargaining_games"]


def _feasible_interval(g: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``t`` in [0, 1] with ``g + t h >= 0`` as ``(lo, hi)`` (``lo > hi``: none)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        root = -g / h
    lo = np.where(h > 0, np.maximum(root, 0.0), 0.0)
    hi = np.where(h < 0, np.minimum(root, 1.0), 1.0)
    hi = np.where((h == 0) & (g < 0), -1.0, hi)
    return lo, hi


def nash_bargaining_games(
    A: np.ndarray, B: np.ndarray, disagreement: np.ndarray, weight: float = 0.5, tol: float = 1e-9
) -> np.ndarray:
    """Weighted Nash bargaining payoffs over the correlated outcomes of each game in a batch.

    Parameters
    ----------
    A, B : ndarray, shape (..., m, n)
        Payoffs (float).
    disagreement : ndarray, shape (..., 2)
        The disagreement point of each game (broadcasts with the batch).
    weight : float
        Player 1's share ``w1 / (w1 + w2)`` of the bargaining weights, in (0, 1).
    tol : float
        Gains within ``tol`` x a player's payoff range count as none.

    Returns
    -------
    ndarray, shape (..., 2)
        The agreement's payoffs; NaN where no feasible point gives both players more than
        the disagreement point (the library's :class:`~bargain.NoAgreementError` for one
        game).

    Examples
    --------
    The Prisoner's Dilemma from its security levels (1, 1): the players agree on mutual
    cooperation.

    >>> A = np.array([[3.0, 0.0], [5.0, 1.0]])
    >>> nash_bargaining_games(A, A.T, np.array([1.0, 1.0])).tolist()
    [3.0, 3.0]
    """
    batch = np.broadcast_shapes(A.shape[:-2], B.shape[:-2], disagreement.shape[:-1])
    k = A.shape[-2] * A.shape[-1]
    X = np.broadcast_to(A, batch + A.shape[-2:]).reshape(batch + (k,))
    Y = np.broadcast_to(B, batch + B.shape[-2:]).reshape(batch + (k,))
    d = np.broadcast_to(disagreement, batch + (2,))
    # gains in units of each player's range (0 for a constant player: no gain possible)
    ranges = payoff_ranges(A, B)
    scale = np.broadcast_to(np.where(ranges > 0, ranges, 1.0), batch + (2,))
    G1 = (X - d[..., 0:1]) / scale[..., 0:1]
    G2 = (Y - d[..., 1:2]) / scale[..., 1:2]
    pairs = list(combinations(range(k), 2)) or [(0, 0)]
    i, j = (np.array(ix) for ix in zip(*pairs))
    g1, g2 = G1[..., i], G2[..., i]
    h1, h2 = G1[..., j] - g1, G2[..., j] - g2
    lo1, hi1 = _feasible_interval(g1, h1)
    lo2, hi2 = _feasible_interval(g2, h2)
    lo, hi = np.maximum(lo1, lo2), np.minimum(hi1, hi2)
    feasible = lo <= hi
    w1, w2 = weight, 1.0 - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        stationary = -(w1 * h1 * g2 + w2 * h2 * g1) / (h1 * h2)
    stationary = np.clip(np.nan_to_num(stationary, nan=0.0, posinf=1.0, neginf=0.0), lo, hi)
    best_t = np.zeros_like(lo)
    best_v = np.full_like(lo, -1.0)
    for t in (lo, hi, stationary):
        u1 = np.maximum(g1 + t * h1, 0.0)
        u2 = np.maximum(g2 + t * h2, 0.0)
        v = np.where(feasible, u1**w1 * u2**w2, -1.0)
        better = v > best_v
        best_t = np.where(better, t, best_t)
        best_v = np.where(better, v, best_v)
    seg = np.argmax(best_v, axis=-1)[..., None]
    t = np.take_along_axis(best_t, seg, axis=-1)[..., 0]
    value = np.take_along_axis(best_v, seg, axis=-1)[..., 0]
    start1 = np.take_along_axis(X[..., i], seg, axis=-1)[..., 0]
    start2 = np.take_along_axis(Y[..., i], seg, axis=-1)[..., 0]
    end1 = np.take_along_axis(X[..., j], seg, axis=-1)[..., 0]
    end2 = np.take_along_axis(Y[..., j], seg, axis=-1)[..., 0]
    u = np.stack([start1 + t * (end1 - start1), start2 + t * (end2 - start2)], axis=-1)
    # exact at a vertex (t = 0 or 1): the payoff pair itself, no rounding
    u[..., 0] = np.where(t == 1.0, end1, np.where(t == 0.0, start1, u[..., 0]))
    u[..., 1] = np.where(t == 1.0, end2, np.where(t == 0.0, start2, u[..., 1]))
    no_gain = ~(value > tol)
    u[no_gain] = np.nan
    return u
