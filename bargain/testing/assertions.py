"""Assertions for tests of code built on bargain: certified equilibria, same equilibria.

They state the invariants the library's own tests check (DESIGN, Tests), so that a user
testing a model built on bargain checks the same thing: every returned profile is an
equilibrium, whatever the solver claimed.

- :func:`assert_equilibrium` -- one profile ``(row, col)`` of one game;
- :func:`assert_certified` -- every equilibrium a result returns (a ``NashResult``, a
  batched result with ``row``/``col``/``valid`` arrays such as ``equilibria_2x2`` or
  ``batched_equilibria``, or any result with ``row``/``col``);
- :func:`assert_same_equilibria` -- two results return the same set of equilibria (two
  methods, or a game and an affine variant of it).

Each raises :class:`AssertionError` with a message naming the offending profile, so they
work under pytest, unittest or plain ``assert``-free scripts alike.

>>> import bargain as bg
>>> from bargain.testing import assertions as bas
>>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])   # Prisoner's Dilemma
>>> bas.assert_certified(bg.nash_equilibria(g, exact=True), g)
>>> bas.assert_equilibrium(g, [1, 0], [1, 0])
Traceback (most recent call last):
...
AssertionError: not an equilibrium: (row=[1.0, 0.0], col=[1.0, 0.0]) has relative regret 0.4 > tol 1e-09
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._thresholds import DEFAULT_TOL
from bargain._validate import check_real, check_tol, describe
from bargain.core import kernels
from bargain.core.game import Game, as_game
from bargain.errors import InvalidArgumentError
from bargain.solvers.verify import exact_max_regret, max_regret

__all__ = ["assert_certified", "assert_equilibrium", "assert_same_equilibria"]

#: Default distance (largest probability difference) at which two float equilibria are the same.
SAME_ATOL = 1e-6


def assert_equilibrium(game: Any, row: Any, col: Any, *, tol: float = DEFAULT_TOL) -> None:
    """Assert that ``(row, col)`` is a Nash equilibrium of the single game ``game``.

    Float strategies: each player's regret is at most ``tol`` times that player's payoff
    range (the certificate every solver checks). Exact strategies (every entry a
    :class:`~fractions.Fraction` or int): the exact regret is 0.
    """
    func = "assert_equilibrium"
    g = as_game(game, func)
    tol = check_tol(tol, func)
    if g.batch_shape:
        raise InvalidArgumentError(f"{func}: takes a single game, got a batch of shape {g.batch_shape}")
    if _is_exact(row) and _is_exact(col):
        regret = exact_max_regret(g, row, col)
        if regret != 0:
            raise AssertionError(
                f"not an exact equilibrium: (row={_fmt(row)}, col={_fmt(col)}) has exact regret {regret}"
            )
        return
    rel = float(max_regret(g, row, col, relative=True))
    if not rel <= tol:
        raise AssertionError(
            f"not an equilibrium: (row={_fmt(row)}, col={_fmt(col)}) has relative regret "
            f"{rel:.3g} > tol {tol:g}"
        )


def assert_certified(result: Any, game: Any, *, tol: float = DEFAULT_TOL) -> None:
    """Assert that every equilibrium ``result`` returns is one of ``game``.

    Each profile's regret must be at most ``tol`` times each player's payoff range, and
    an exact profile (``row_exact``/``col_exact``, from ``exact=True``) must have exact
    regret 0. ``result`` is a ``NashResult`` (anything with ``.equilibria``), a batched
    result with ``row``/``col`` arrays of shape ``batch + (K, m)`` and a ``valid`` mask
    (``equilibria_2x2``, ``batched_equilibria``; checked in one vectorized pass), or a
    single profile with ``row``/``col``.

    >>> import bargain as bg
    >>> batch = bg.Game(np.random.default_rng(0).normal(size=(100, 2, 2)), np.eye(2))
    >>> assert_certified(bg.equilibria_2x2(batch), batch)
    """
    func = "assert_certified"
    g = as_game(game, func)
    tol = check_tol(tol, func)
    if hasattr(result, "equilibria"):
        if g.batch_shape:
            raise InvalidArgumentError(
                f"{func}: a result with .equilibria belongs to a single game, got a batch of shape "
                f"{g.batch_shape}"
            )
        for i, eq in enumerate(result.equilibria):
            _check_one(g, eq, tol, f"equilibrium {i}")
        return
    if hasattr(result, "valid") and hasattr(result, "row") and hasattr(result, "col"):
        _check_batched(g, result, tol)
        return
    if hasattr(result, "row") and hasattr(result, "col"):
        _check_one(g, result, tol, "the profile")
        return
    raise InvalidArgumentError(
        f"{func}: result must have .equilibria, or .row and .col (and .valid for a batch), got "
        f"{type(result).__name__}"
    )


def assert_same_equilibria(first: Any, second: Any, *, atol: float = SAME_ATOL) -> None:
    """Assert that two results return the same set of equilibria (in any order).

    Each equilibrium of one must match one of the other within ``atol`` in every
    probability (exactly, when both carry exact strategies); duplicates count once. Use
    it to compare two methods, a float and an exact run, or a game and an affine variant
    of it (:func:`bargain.testing.strategies.affine_variants`).

    >>> import bargain as bg
    >>> g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> assert_same_equilibria(bg.nash_equilibria(g, method="support"),
    ...                        bg.nash_equilibria(g, method="vertex"))
    """
    func = "assert_same_equilibria"
    atol = check_real(atol, "atol", func, low=0.0)
    a, b = _profiles(first, func, "first"), _profiles(second, func, "second")
    exact = all(p[2] is not None for p in a + b)
    missing = [p for p in a if not any(_same(p, q, atol, exact) for q in b)]
    extra = [q for q in b if not any(_same(q, p, atol, exact) for p in a)]
    if missing or extra:
        lines = [f"the equilibria differ ({len(a)} and {len(b)} returned):"]
        lines += [f"  only in the first:  row={_fmt(p[0])}, col={_fmt(p[1])}" for p in missing]
        lines += [f"  only in the second: row={_fmt(q[0])}, col={_fmt(q[1])}" for q in extra]
        raise AssertionError("\n".join(lines))


# ---------------------------------------------------------------------------------------------

def _check_one(g: Game, profile: Any, tol: float, what: str) -> None:
    row_exact = getattr(profile, "row_exact", None)
    col_exact = getattr(profile, "col_exact", None)
    try:
        assert_equilibrium(g, profile.row, profile.col, tol=tol)
        if row_exact is not None and col_exact is not None:
            assert_equilibrium(g, row_exact, col_exact)
    except AssertionError as exc:
        raise AssertionError(f"{what}: {exc}") from None


def _check_batched(g: Game, result: Any, tol: float) -> None:
    row, col, valid = (np.asarray(result.row), np.asarray(result.col), np.asarray(result.valid, dtype=bool))
    m, n = g.shape
    if row.shape[-1] != m or col.shape[-1] != n or row.shape[:-1] != valid.shape:
        raise InvalidArgumentError(
            f"assert_certified: result arrays (row {row.shape}, col {col.shape}, valid {valid.shape}) "
            f"do not fit a game of shape {g.shape}"
        )
    try:
        np.broadcast_shapes(valid.shape[:-1], g.batch_shape)
    except ValueError:
        raise InvalidArgumentError(
            f"assert_certified: the result's batch {valid.shape[:-1]} does not match the game's "
            f"{g.batch_shape}"
        ) from None
    x = np.where(valid[..., None], row, 1.0 / m)  # unused slots: any strategy, ignored below
    y = np.where(valid[..., None], col, 1.0 / n)
    bad_prob = valid & ~(
        np.isfinite(x).all(-1) & np.isfinite(y).all(-1)
        & (np.abs(x.sum(-1) - 1) <= 1e-9 * m) & (np.abs(y.sum(-1) - 1) <= 1e-9 * n)
        & (x >= -1e-12).all(-1) & (y >= -1e-12).all(-1)
    )
    if bad_prob.any():
        idx = tuple(int(i) for i in np.argwhere(bad_prob)[0])
        raise AssertionError(
            f"slot {idx}: not a pair of probability vectors (row={row[idx]}, col={col[idx]})"
        )
    norm = g.normalized
    rel = kernels.relative_regret(norm.A[..., None, :, :], norm.B[..., None, :, :], x, y).max(axis=-1)
    bad = valid & ~(rel <= tol)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise AssertionError(
            f"slot {idx} (of {int(bad.sum())} failing): (row={_fmt(row[idx])}, col={_fmt(col[idx])}) has "
            f"relative regret {float(rel[idx]):.3g} > tol {tol:g}"
        )


def _profiles(result: Any, func: str, name: str) -> list[tuple[np.ndarray, np.ndarray, Any]]:
    if not hasattr(result, "equilibria"):
        raise InvalidArgumentError(
            f"{func}: {name} must be a result with .equilibria (e.g. a NashResult), got {describe(result)}"
        )
    out = []
    for eq in result.equilibria:
        exact = None
        if getattr(eq, "row_exact", None) is not None and getattr(eq, "col_exact", None) is not None:
            exact = (tuple(eq.row_exact), tuple(eq.col_exact))
        out.append((np.asarray(eq.row, dtype=float), np.asarray(eq.col, dtype=float), exact))
    return out


def _same(p: tuple[Any, ...], q: tuple[Any, ...], atol: float, exact: bool) -> bool:
    if exact:
        return bool(p[2] == q[2])
    return (
        p[0].shape == q[0].shape
        and p[1].shape == q[1].shape
        and bool(np.abs(p[0] - q[0]).max() <= atol)
        and bool(np.abs(p[1] - q[1]).max() <= atol)
    )


def _is_exact(v: Any) -> bool:
    if isinstance(v, np.ndarray) and v.dtype != object:
        return False
    try:
        items = list(v)
    except TypeError:
        return False
    return (
        any(isinstance(t, Fraction) for t in items)
        and all(isinstance(t, Fraction | int) and not isinstance(t, bool) for t in items)
    )


def _fmt(v: Sequence[Any] | np.ndarray) -> str:
    if _is_exact(v):
        return "(" + ", ".join(str(t) for t in v) + ")"
    return str([round(float(t), 12) for t in np.asarray(v, dtype=float).ravel()])
