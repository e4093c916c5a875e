"""Batched kernels on payoff arrays of shape ``(..., m, n)``.

These functions take plain numpy arrays (the ``A`` and ``B`` of a :class:`~bargain.Game`)
and work on a whole batch of games at once, with no Python loop over the batch. They do
no validation: the public functions that call them validate first. Sweeps and solvers are
built on them.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "payoff_ranges",
    "normalise",
    "relative_regret",
    "expected_payoffs",
    "row_action_payoffs",
    "col_action_payoffs",
    "best_response_mask",
    "regret",
    "pure_equilibrium_mask",
    "logit_response",
]


def _bounds(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Minimum and maximum of each game's matrix (over the last two axes).

    Small games of a large batch (up to 16 cells) are reduced cell by cell, several times
    faster than numpy's reduction over a tuple of short axes.
    """
    cells = M.shape[-2] * M.shape[-1]
    batch = M.shape[:-2]
    if cells > 16 or M.ndim == 2 or M.size < 4096:
        return M.min(axis=(-2, -1)), M.max(axis=(-2, -1))
    flat = M.reshape(-1, cells)
    lo, hi = flat[:, 0].copy(), flat[:, 0].copy()
    for c in range(1, cells):
        np.minimum(lo, flat[:, c], out=lo)
        np.maximum(hi, flat[:, c], out=hi)
    return lo.reshape(batch), hi.reshape(batch)


def payoff_ranges(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Each player's payoff range ``max - min``, shape ``(..., 2)`` (0 for a constant player).

    Tolerances are relative to these ranges, player by player, so one player's scale never
    sets the other's tolerance.

    >>> payoff_ranges(np.array([[0., 4.], [1., 2.]]), np.array([[0., 1e-3], [0., 0.]])).tolist()
    [4.0, 0.001]
    """
    lo_a, hi_a = _bounds(A)
    lo_b, hi_b = _bounds(B)
    return np.stack(np.broadcast_arrays(hi_a - lo_a, hi_b - lo_b), axis=-1)


def normalise(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each player's payoffs shifted and scaled to [0, 1], separately (the solvers' input).

    A positive affine change of either player's payoffs leaves the result unchanged (up to
    rounding), so no scale or shift changes an answer. A constant player gets all zeros.
    Ranges must be finite (:class:`~bargain.Game` refuses payoffs whose range overflows).

    >>> An, Bn = normalise(np.array([[1e9, 1e9 + 2], [1e9 + 1, 1e9]]), np.array([[5., 5.], [5., 5.]]))
    >>> An.tolist(), Bn.tolist()
    ([[0.0, 1.0], [0.5, 0.0]], [[0.0, 0.0], [0.0, 0.0]])
    >>> normalise(np.zeros((1, 2)), np.array([[2.2e-313, 0.0]]))[1].tolist()  # a subnormal range
    [[1.0, 0.0]]
    """

    def scaled(M: np.ndarray) -> np.ndarray:
        lo, hi = _bounds(M)
        rng = hi - lo
        out = np.subtract(M, lo[..., None, None])
        with np.errstate(over="ignore"):
            inv = np.divide(1.0, rng, out=np.ones_like(rng), where=rng > 0)
        if np.isfinite(inv).all():
            out *= inv[..., None, None]
        else:  # a subnormal range: its reciprocal overflows, so divide instead
            out /= np.where(rng > 0, rng, 1.0)[..., None, None]
        return np.clip(out, 0.0, 1.0, out=out)

    return scaled(np.asarray(A, dtype=np.float64)), scaled(np.asarray(B, dtype=np.float64))


def relative_regret(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each player's regret divided by that player's payoff range, shape ``(..., 2)``.

    The certificate every solver checks against ``tol``: it equals the regret on the
    normalised game, and is exactly invariant to positive affine changes per player.

    >>> A = np.array([[1e6, 0.], [0., 1e6]]); B = np.array([[1e-6, 0.], [0., 1e-6]])
    >>> relative_regret(A, B, np.array([1., 0.]), np.array([0., 1.])).tolist()
    [1.0, 1.0]
    """
    r = regret(A, B, x, y)
    ranges = payoff_ranges(A, B)
    return r / np.where(ranges > 0, ranges, 1.0)


def row_action_payoffs(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Payoff of each row action against column strategy ``y``: ``A @ y``, shape ``(..., m)``."""
    return np.einsum("...ij,...j->...i", A, y)


def col_action_payoffs(B: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Payoff of each column action against row strategy ``x``: ``x @ B``, shape ``(..., n)``."""
    return np.einsum("...i,...ij->...j", x, B)


def expected_payoffs(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Expected payoffs ``(x A y, x B y)`` stacked in the last axis, shape ``(..., 2)``.

    >>> A = np.array([[3., 0.], [5., 1.]]); B = A.T
    >>> expected_payoffs(A, B, np.array([.5, .5]), np.array([1., 0.])).tolist()
    [4.0, 1.5]
    """
    u1 = np.einsum("...i,...i->...", x, row_action_payoffs(A, y))
    u2 = np.einsum("...j,...j->...", y, col_action_payoffs(B, x))
    return np.stack(np.broadcast_arrays(u1, u2), axis=-1)


def best_response_mask(values: np.ndarray, atol: float | np.ndarray = 0.0) -> np.ndarray:
    """Boolean mask of the maximisers of ``values`` along the last axis (ties kept).

    ``atol`` (scalar or broadcastable to ``values.shape[:-1]``) widens the maximum.

    >>> best_response_mask(np.array([1., 3., 3.])).tolist()
    [False, True, True]
    """
    best = values.max(axis=-1, keepdims=True)
    return values >= best - np.expand_dims(np.asarray(atol, dtype=float), -1)


def regret(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each player's gain from the best deviation, shape ``(..., 2)`` (0 at an equilibrium).

    >>> A = np.array([[1., -1.], [-1., 1.]])
    >>> regret(A, -A, np.array([.5, .5]), np.array([1., 0.])).tolist()
    [1.0, 0.0]
    """
    ay = row_action_payoffs(A, y)
    xb = col_action_payoffs(B, x)
    r1 = ay.max(axis=-1) - np.einsum("...i,...i->...", x, ay)
    r2 = xb.max(axis=-1) - np.einsum("...j,...j->...", y, xb)
    r1, r2 = np.broadcast_arrays(r1, r2)
    return np.maximum(np.stack([r1, r2], axis=-1), 0.0)


def pure_equilibrium_mask(A: np.ndarray, B: np.ndarray, atol: float | np.ndarray = 0.0) -> np.ndarray:
    """Mask ``(..., m, n)`` of pure Nash equilibria: each action is a best response to the other.

    >>> A = np.array([[2., 0.], [0., 1.]])
    >>> pure_equilibrium_mask(A, A).tolist()
    [[True, False], [False, True]]
    """
    tol = np.asarray(atol, dtype=float)[..., None, None]
    row_ok = A >= A.max(axis=-2, keepdims=True) - tol
    col_ok = B >= B.max(axis=-1, keepdims=True) - tol
    return row_ok & col_ok


def logit_response(values: np.ndarray, lam: float | np.ndarray) -> np.ndarray:
    """Logit (softmax) choice probabilities ``exp(lam v) / sum exp(lam v)`` along the last axis.

    Stable for large ``lam`` (the maximum is subtracted first); ``lam`` broadcasts
    against ``values.shape[:-1]``.

    >>> logit_response(np.array([0., 0.]), 5.0).tolist()
    [0.5, 0.5]
    """
    z = np.asarray(lam, dtype=float)[..., None] * values
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
