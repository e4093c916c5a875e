"""Batched kernels on payoff arrays of shape ``(..., m, n)``.

These functions take the ``A`` and ``B`` of a :class:`~bargain.Game` (and strategies,
values, tolerances) and work on a whole batch of games at once, with no Python loop over
the batch. They do no validation: the public functions that call them validate first.
Sweeps and solvers are built on them.

Any array library: numpy arrays take the numpy code, tuned for speed (in-place
operations, a cell-by-cell reduction for small games). An array of another library that
:mod:`array_api_compat` knows (array-api-strict, CuPy, PyTorch, JAX, Dask; the ``array``
extra, ``pip install "bargain-games[array]"``) takes a second path written only with
functions of the Python array API standard, runs on that array's device (a GPU for CuPy or
a CUDA tensor) and returns that library's arrays. Numpy computes in float64; other
libraries keep a floating input's dtype (float32 stays float32) and compute integer
inputs in float64. Arrays of two libraries cannot be mixed in one call.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from bargain.core._namespace import as_floating, is_scalar, namespace

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

#: A numpy array, or an array of any library :mod:`array_api_compat` knows.
Array = Any


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


def payoff_ranges(A: Array, B: Array) -> Array:
    """Each player's payoff range ``max - min``, shape ``(..., 2)`` (0 for a constant player).

    Tolerances are relative to these ranges, player by player, so one player's scale never
    sets the other's tolerance.

    >>> payoff_ranges(np.array([[0., 4.], [1., 2.]]), np.array([[0., 1e-3], [0., 0.]])).tolist()
    [4.0, 0.001]
    """
    xp, is_numpy = namespace(A, B, func="payoff_ranges")
    if not is_numpy:
        return _xp_payoff_ranges(xp, A, B)
    return _np_payoff_ranges(A, B)


def _np_payoff_ranges(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    lo_a, hi_a = _bounds(A)
    lo_b, hi_b = _bounds(B)
    return np.stack(np.broadcast_arrays(hi_a - lo_a, hi_b - lo_b), axis=-1)


def normalise(A: Array, B: Array) -> tuple[Array, Array]:
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
    xp, is_numpy = namespace(A, B, func="normalise")
    if not is_numpy:
        return _xp_normalise(xp, A), _xp_normalise(xp, B)

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


def relative_regret(A: Array, B: Array, x: Array, y: Array) -> Array:
    """Each player's regret divided by that player's payoff range, shape ``(..., 2)``.

    The certificate every solver checks against ``tol``: it equals the regret on the
    normalised game, and is exactly invariant to positive affine changes per player.

    >>> A = np.array([[1e6, 0.], [0., 1e6]]); B = np.array([[1e-6, 0.], [0., 1e-6]])
    >>> relative_regret(A, B, np.array([1., 0.]), np.array([0., 1.])).tolist()
    [1.0, 1.0]
    """
    xp, is_numpy = namespace(A, B, x, y, func="relative_regret")
    if not is_numpy:
        return _xp_relative_regret(xp, A, B, x, y)
    r = _np_regret(A, B, x, y)
    ranges = _np_payoff_ranges(A, B)
    return r / np.where(ranges > 0, ranges, 1.0)


def row_action_payoffs(A: Array, y: Array) -> Array:
    """Payoff of each row action against column strategy ``y``: ``A @ y``, shape ``(..., m)``."""
    xp, is_numpy = namespace(A, y, func="row_action_payoffs")
    if not is_numpy:
        return _xp_row_action_payoffs(xp, A, y)
    return np.einsum("...ij,...j->...i", A, y)


def col_action_payoffs(B: Array, x: Array) -> Array:
    """Payoff of each column action against row strategy ``x``: ``x @ B``, shape ``(..., n)``."""
    xp, is_numpy = namespace(B, x, func="col_action_payoffs")
    if not is_numpy:
        return _xp_col_action_payoffs(xp, B, x)
    return np.einsum("...i,...ij->...j", x, B)


def expected_payoffs(A: Array, B: Array, x: Array, y: Array) -> Array:
    """Expected payoffs ``(x A y, x B y)`` stacked in the last axis, shape ``(..., 2)``.

    >>> A = np.array([[3., 0.], [5., 1.]]); B = A.T
    >>> expected_payoffs(A, B, np.array([.5, .5]), np.array([1., 0.])).tolist()
    [4.0, 1.5]
    """
    xp, is_numpy = namespace(A, B, x, y, func="expected_payoffs")
    if not is_numpy:
        return _xp_expected_payoffs(xp, A, B, x, y)
    u1 = np.einsum("...i,...i->...", x, np.einsum("...ij,...j->...i", A, y))
    u2 = np.einsum("...j,...j->...", y, np.einsum("...i,...ij->...j", x, B))
    return np.stack(np.broadcast_arrays(u1, u2), axis=-1)


def best_response_mask(values: Array, atol: float | Array = 0.0) -> Array:
    """Boolean mask of the maximisers of ``values`` along the last axis (ties kept).

    ``atol`` (scalar or broadcastable to ``values.shape[:-1]``) widens the maximum.

    >>> best_response_mask(np.array([1., 3., 3.])).tolist()
    [False, True, True]
    """
    xp, is_numpy = namespace(values, atol, func="best_response_mask")
    if not is_numpy:
        return _xp_best_response_mask(xp, values, atol)
    best = values.max(axis=-1, keepdims=True)
    return values >= best - np.expand_dims(np.asarray(atol, dtype=float), -1)


def regret(A: Array, B: Array, x: Array, y: Array) -> Array:
    """Each player's gain from the best deviation, shape ``(..., 2)`` (0 at an equilibrium).

    >>> A = np.array([[1., -1.], [-1., 1.]])
    >>> regret(A, -A, np.array([.5, .5]), np.array([1., 0.])).tolist()
    [1.0, 0.0]
    """
    xp, is_numpy = namespace(A, B, x, y, func="regret")
    if not is_numpy:
        return _xp_regret(xp, A, B, x, y)
    return _np_regret(A, B, x, y)


def _np_regret(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ay = np.einsum("...ij,...j->...i", A, y)
    xb = np.einsum("...i,...ij->...j", x, B)
    r1 = ay.max(axis=-1) - np.einsum("...i,...i->...", x, ay)
    r2 = xb.max(axis=-1) - np.einsum("...j,...j->...", y, xb)
    r1, r2 = np.broadcast_arrays(r1, r2)
    return np.maximum(np.stack([r1, r2], axis=-1), 0.0)


def pure_equilibrium_mask(A: Array, B: Array, atol: float | Array = 0.0) -> Array:
    """Mask ``(..., m, n)`` of pure Nash equilibria: each action is a best response to the other.

    >>> A = np.array([[2., 0.], [0., 1.]])
    >>> pure_equilibrium_mask(A, A).tolist()
    [[True, False], [False, True]]
    """
    xp, is_numpy = namespace(A, B, atol, func="pure_equilibrium_mask")
    if not is_numpy:
        return _xp_pure_equilibrium_mask(xp, A, B, atol)
    tol = np.asarray(atol, dtype=float)[..., None, None]
    row_ok = A >= A.max(axis=-2, keepdims=True) - tol
    col_ok = B >= B.max(axis=-1, keepdims=True) - tol
    return row_ok & col_ok


def logit_response(values: Array, lam: float | Array) -> Array:
    """Logit (softmax) choice probabilities ``exp(lam v) / sum exp(lam v)`` along the last axis.

    Stable for large ``lam`` (the maximum is subtracted first); ``lam`` broadcasts
    against ``values.shape[:-1]``.

    >>> logit_response(np.array([0., 0.]), 5.0).tolist()
    [0.5, 0.5]
    """
    xp, is_numpy = namespace(values, lam, func="logit_response")
    if not is_numpy:
        return _xp_logit_response(xp, values, lam)
    z = np.asarray(lam, dtype=float)[..., None] * values
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


# The array-API paths: only functions of the standard (2023.12), no in-place operation and
# no branch on values, so that they run unchanged on any library and device, lazily too.


def _xp_dot(xp: ModuleType, u: Any, v: Any) -> Any:
    return xp.sum(u * v, axis=-1)


def _xp_payoff_ranges(xp: ModuleType, A: Any, B: Any) -> Any:
    A, B = as_floating(xp, A, B)
    ra = xp.max(A, axis=(-2, -1)) - xp.min(A, axis=(-2, -1))
    rb = xp.max(B, axis=(-2, -1)) - xp.min(B, axis=(-2, -1))
    return xp.stack(xp.broadcast_arrays(ra, rb), axis=-1)


def _xp_normalise(xp: ModuleType, M: Any) -> Any:
    (M,) = as_floating(xp, M)
    lo = xp.min(M, axis=(-2, -1), keepdims=True)
    rng = xp.max(M, axis=(-2, -1), keepdims=True) - lo
    ones = xp.ones_like(rng)
    # multiply by the reciprocal as numpy does, except where it would overflow (a subnormal range)
    normal = rng >= xp.finfo(M.dtype).smallest_normal
    inv = ones / xp.where(normal, rng, ones)
    out = M - lo
    out = xp.where(normal, out * inv, out / xp.where(rng > 0, rng, ones))
    return xp.clip(out, min=0.0, max=1.0)


def _xp_row_action_payoffs(xp: ModuleType, A: Any, y: Any) -> Any:
    A, y = as_floating(xp, A, y)
    return xp.sum(A * y[..., None, :], axis=-1)


def _xp_col_action_payoffs(xp: ModuleType, B: Any, x: Any) -> Any:
    B, x = as_floating(xp, B, x)
    return xp.sum(x[..., None] * B, axis=-2)


def _xp_expected_payoffs(xp: ModuleType, A: Any, B: Any, x: Any, y: Any) -> Any:
    A, B, x, y = as_floating(xp, A, B, x, y)
    u1 = _xp_dot(xp, x, _xp_row_action_payoffs(xp, A, y))
    u2 = _xp_dot(xp, y, _xp_col_action_payoffs(xp, B, x))
    return xp.stack(xp.broadcast_arrays(u1, u2), axis=-1)


def _xp_regret(xp: ModuleType, A: Any, B: Any, x: Any, y: Any) -> Any:
    A, B, x, y = as_floating(xp, A, B, x, y)
    ay = _xp_row_action_payoffs(xp, A, y)
    xb = _xp_col_action_payoffs(xp, B, x)
    r1 = xp.max(ay, axis=-1) - _xp_dot(xp, x, ay)
    r2 = xp.max(xb, axis=-1) - _xp_dot(xp, y, xb)
    r = xp.stack(xp.broadcast_arrays(r1, r2), axis=-1)
    return xp.maximum(r, xp.zeros_like(r))


def _xp_relative_regret(xp: ModuleType, A: Any, B: Any, x: Any, y: Any) -> Any:
    r = _xp_regret(xp, A, B, x, y)
    ranges = _xp_payoff_ranges(xp, A, B)
    return r / xp.where(ranges > 0, ranges, xp.ones_like(ranges))


def _xp_tolerance(xp: ModuleType, values: Any, tol: Any) -> tuple[Any, Any]:
    """``values`` in floating point and ``tol`` as a float or an array of a matching dtype."""
    if is_scalar(tol):
        (values,) = as_floating(xp, values)
        return values, float(tol)
    values, tol = as_floating(xp, values, tol)
    return values, tol


def _xp_best_response_mask(xp: ModuleType, values: Any, atol: Any) -> Any:
    values, tol = _xp_tolerance(xp, values, atol)
    if not is_scalar(tol):
        tol = xp.expand_dims(tol, axis=-1)
    return values >= xp.max(values, axis=-1, keepdims=True) - tol


def _xp_pure_equilibrium_mask(xp: ModuleType, A: Any, B: Any, atol: Any) -> Any:
    A, B = as_floating(xp, A, B)
    A, tol = _xp_tolerance(xp, A, atol)
    if not is_scalar(tol):
        tol = tol[..., None, None]
    row_ok = A >= xp.max(A, axis=-2, keepdims=True) - tol
    col_ok = B >= xp.max(B, axis=-1, keepdims=True) - tol
    return row_ok & col_ok


def _xp_logit_response(xp: ModuleType, values: Any, lam: Any) -> Any:
    values, lam = _xp_tolerance(xp, values, lam)
    z = (lam if is_scalar(lam) else lam[..., None]) * values
    z = z - xp.max(z, axis=-1, keepdims=True)
    e = xp.exp(z)
    return e / xp.sum(e, axis=-1, keepdims=True)
