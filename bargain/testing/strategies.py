"""Hypothesis strategies for games and strategies, public so users can test their own models.

Every strategy takes keyword-only, validated arguments. Small integer payoff ranges (the
default) tie often, which is how degenerate games arise in practice and what a solver
must survive.

Examples
--------
>>> from hypothesis import given
>>> import bargain as bg
>>> from bargain.testing import strategies as bst
>>> @given(bst.games(rows=2, cols=2))
... def test_every_2x2_game_has_an_equilibrium(g):
...     assert int(bg.equilibria_2x2(g).count) >= 1
>>> test_every_2x2_game_has_an_equilibrium()
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from bargain._validate import check_choice, check_int, check_real
from bargain.core.game import Game
from bargain.errors import InvalidGameError

__all__ = [
    "payoff_arrays",
    "games",
    "zero_sum_games",
    "symmetric_games",
    "mixed_strategies",
    "game_and_profile",
]

_FUNC = "bargain.testing.strategies"


def _size(value: int | tuple[int, int], name: str, func: str) -> tuple[int, int]:
    if isinstance(value, tuple):
        if len(value) != 2:
            raise InvalidGameError(f"{func}: {name} must be an int or a (min, max) pair, got {value!r}")
        lo = check_int(value[0], name, func, low=1)
        hi = check_int(value[1], name, func, low=lo)
        return lo, hi
    v = check_int(value, name, func, low=1)
    return v, v


def _batch(value: tuple[int, ...], func: str) -> tuple[int, ...]:
    if not isinstance(value, tuple):
        raise InvalidGameError(f"{func}: batch_shape must be a tuple of ints, got {value!r}")
    return tuple(check_int(v, "batch_shape", func, low=1) for v in value)


def payoff_arrays(
    *,
    shape: tuple[int, ...],
    payoffs: str = "int",
    min_value: float = -3,
    max_value: float = 3,
) -> st.SearchStrategy[np.ndarray]:
    """Float64 arrays of the given shape with integer-valued (``"int"``) or float payoffs.

    Integer-valued payoffs in a small range (default -3..3) produce ties, hence degenerate
    games, often.
    """
    func = f"{_FUNC}.payoff_arrays"
    kind = check_choice(payoffs, ("int", "float"), "payoffs", func)
    lo = check_real(min_value, "min_value", func)
    hi = check_real(max_value, "max_value", func, low=lo)
    if kind == "int":
        elements = st.integers(int(np.ceil(lo)), int(np.floor(hi))).map(float)
    else:
        elements = st.floats(lo, hi, allow_nan=False, allow_infinity=False, width=64)
    return hnp.arrays(np.float64, shape, elements=elements)


def _game_strategy(
    func: str,
    rows: int | tuple[int, int],
    cols: int | tuple[int, int] | None,
    batch_shape: tuple[int, ...],
    payoffs: str,
    min_value: float,
    max_value: float,
    kind: str,
) -> st.SearchStrategy[Game]:
    """Shared body of the game strategies: validate once, then draw sizes and payoffs."""
    r_lo, r_hi = _size(rows, "actions" if cols is None else "rows", func)
    c_lo, c_hi = (r_lo, r_hi) if cols is None else _size(cols, "cols", func)
    batch = _batch(batch_shape, func)
    payoff_arrays(shape=(1, 1), payoffs=payoffs, min_value=min_value, max_value=max_value)

    @st.composite
    def build(draw: Any) -> Game:
        m = draw(st.integers(r_lo, r_hi))
        n = m if cols is None else draw(st.integers(c_lo, c_hi))

        def matrix() -> np.ndarray:
            return draw(payoff_arrays(shape=batch + (m, n), payoffs=payoffs, min_value=min_value,
                                      max_value=max_value))

        if kind == "zero_sum":
            return Game.zero_sum(matrix())
        if kind == "symmetric":
            return Game.symmetric(matrix())
        return Game(matrix(), matrix())

    return build()


def games(
    *,
    rows: int | tuple[int, int] = (1, 4),
    cols: int | tuple[int, int] = (1, 4),
    batch_shape: tuple[int, ...] = (),
    payoffs: str = "int",
    min_value: float = -3,
    max_value: float = 3,
) -> st.SearchStrategy[Game]:
    """Games (or batches of games) with ``rows`` x ``cols`` actions.

    Parameters
    ----------
    rows, cols : int or (min, max)
        Number of actions of each player (a fixed number or an inclusive range).
    batch_shape : tuple of int
        Leading batch axes (``()`` for a single game).
    payoffs : {"int", "float"}
        Integer-valued payoffs (degenerate-prone) or arbitrary floats.
    min_value, max_value : float
        Payoff range.
    """
    return _game_strategy(f"{_FUNC}.games", rows, cols, batch_shape, payoffs, min_value, max_value,
                          "general")


def zero_sum_games(
    *,
    rows: int | tuple[int, int] = (1, 4),
    cols: int | tuple[int, int] = (1, 4),
    batch_shape: tuple[int, ...] = (),
    payoffs: str = "int",
    min_value: float = -3,
    max_value: float = 3,
) -> st.SearchStrategy[Game]:
    """Zero-sum games (``B = -A``) with the same options as :func:`games`."""
    return _game_strategy(f"{_FUNC}.zero_sum_games", rows, cols, batch_shape, payoffs, min_value,
                          max_value, "zero_sum")


def symmetric_games(
    *,
    actions: int | tuple[int, int] = (1, 4),
    batch_shape: tuple[int, ...] = (),
    payoffs: str = "int",
    min_value: float = -3,
    max_value: float = 3,
) -> st.SearchStrategy[Game]:
    """Symmetric games (``B = A.T``) with ``actions`` actions per player."""
    return _game_strategy(f"{_FUNC}.symmetric_games", actions, None, batch_shape, payoffs, min_value,
                          max_value, "symmetric")


def mixed_strategies(
    *, size: int, batch_shape: tuple[int, ...] = (), sparse: bool = True
) -> st.SearchStrategy[np.ndarray]:
    """Points of the simplex with ``size`` entries (shape ``batch_shape + (size,)``).

    With ``sparse=True`` some entries are exactly zero (small supports, pure strategies).
    """
    func = f"{_FUNC}.mixed_strategies"
    k = check_int(size, "size", func, low=1)
    batch = _batch(batch_shape, func)
    weight = st.integers(0, 4).map(float) if sparse else st.floats(0.01, 1.0)
    count = int(np.prod(batch, dtype=np.int64))

    @st.composite
    def build(draw: Any) -> np.ndarray:
        rows = []
        for _ in range(count):
            w = np.array(draw(st.lists(weight, min_size=k, max_size=k)))
            if w.sum() == 0:
                w[draw(st.integers(0, k - 1))] = 1.0
            rows.append(w / w.sum())
        return np.array(rows).reshape(batch + (k,))

    return build()


def game_and_profile(
    *,
    rows: int | tuple[int, int] = (1, 4),
    cols: int | tuple[int, int] = (1, 4),
    payoffs: str = "int",
) -> st.SearchStrategy[tuple[Game, np.ndarray, np.ndarray]]:
    """A single game together with a mixed strategy for each player."""

    @st.composite
    def build(draw: Any) -> tuple[Game, np.ndarray, np.ndarray]:
        g = draw(games(rows=rows, cols=cols, payoffs=payoffs))
        m, n = g.shape
        return g, draw(mixed_strategies(size=m)), draw(mixed_strategies(size=n))

    return build()
