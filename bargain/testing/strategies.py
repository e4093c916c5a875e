"""Hypothesis strategies for games and strategies, public so users can test their own models.

Every strategy takes keyword-only, validated arguments (a bad one raises
:class:`~bargain.InvalidArgumentError` at once). Small integer payoff ranges (the default)
tie often, which is how degenerate games arise in practice and what a solver must survive;
``payoffs="exact"`` keeps those integers exactly. :func:`affine_variants` draws copies of a
game with each player's payoffs rescaled by ``10**k`` and shifted, which must change no
answer (DESIGN, Numbers).

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

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from bargain._validate import check_bool, check_choice, check_int, check_real, describe
from bargain.core.game import Game
from bargain.errors import InvalidArgumentError

__all__ = [
    "payoff_arrays",
    "games",
    "zero_sum_games",
    "symmetric_games",
    "mixed_strategies",
    "game_and_profile",
    "affine_maps",
    "affine_variants",
    "AffineMap",
]

_FUNC = "bargain.testing.strategies"


def _size(value: int | tuple[int, int], name: str, func: str) -> tuple[int, int]:
    if isinstance(value, tuple):
        if len(value) != 2:
            raise InvalidArgumentError(f"{func}: {name} must be an int or a (min, max) pair, got {value!r}")
        lo = check_int(value[0], name, func, low=1)
        hi = check_int(value[1], name, func, low=lo)
        return lo, hi
    v = check_int(value, name, func, low=1)
    return v, v


def _batch(value: tuple[int, ...], func: str) -> tuple[int, ...]:
    if not isinstance(value, tuple):
        raise InvalidArgumentError(f"{func}: batch_shape must be a tuple of ints, got {value!r}")
    return tuple(check_int(v, "batch_shape", func, low=1) for v in value)


def payoff_arrays(
    *,
    shape: tuple[int, ...],
    payoffs: str = "int",
    min_value: float = -3,
    max_value: float = 3,
) -> st.SearchStrategy[np.ndarray]:
    """Arrays of the given shape with integer-valued or float payoffs.

    ``payoffs="int"``: float64 arrays of whole numbers; ``"exact"``: the same integers as
    an int64 array (a :class:`~bargain.Game` built from it keeps them exactly, so the exact
    solvers use them as given); ``"float"``: arbitrary float64 values. Whole numbers in a
    small range (default -3..3) tie often, hence make degenerate games often.
    """
    func = f"{_FUNC}.payoff_arrays"
    kind = check_choice(payoffs, ("int", "exact", "float"), "payoffs", func)
    if not isinstance(shape, tuple) or not shape:
        raise InvalidArgumentError(f"{func}: shape must be a non-empty tuple of ints, got {describe(shape)}")
    dims = tuple(check_int(v, "shape", func, low=1) for v in shape)
    lo = check_real(min_value, "min_value", func)
    hi = check_real(max_value, "max_value", func, low=lo)
    if kind == "float":
        elements = st.floats(lo, hi, allow_nan=False, allow_infinity=False, width=64)
        return hnp.arrays(np.float64, dims, elements=elements)
    i_lo, i_hi = int(np.ceil(lo)), int(np.floor(hi))
    if i_lo > i_hi:
        raise InvalidArgumentError(
            f"{func}: no whole number lies between min_value={lo!r} and max_value={hi!r}"
        )
    if max(abs(i_lo), abs(i_hi)) > 2**53:
        raise InvalidArgumentError(
            f"{func}: integer payoffs must stay within 2**53 (exact in float64), got "
            f"min_value={lo!r}, max_value={hi!r}"
        )
    if kind == "exact":
        return hnp.arrays(np.int64, dims, elements=st.integers(i_lo, i_hi))
    return hnp.arrays(np.float64, dims, elements=st.integers(i_lo, i_hi).map(float))


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
    payoffs : {"int", "exact", "float"}
        Whole-number payoffs (degenerate-prone), the same kept exactly (the game then has
        exact payoffs, :attr:`~bargain.Game.has_exact_payoffs`), or arbitrary floats.
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
    sparse = check_bool(sparse, "sparse", func)
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
    game_strategy = games(rows=rows, cols=cols, payoffs=payoffs)  # validates the arguments now

    @st.composite
    def build(draw: Any) -> tuple[Game, np.ndarray, np.ndarray]:
        g = draw(game_strategy)
        m, n = g.shape
        return g, draw(mixed_strategies(size=m)), draw(mixed_strategies(size=n))

    return build()


# ---------------------------------------------------------------------------------------------
# Per-player affine changes of payoffs (the invariance every solver must satisfy)

#: Largest float64 magnitude an affine variant may reach (keeps every payoff range finite).
_MAX_MAGNITUDE = 1e300
#: Where a variant cannot be exact, its shift is at most this many times the scaled payoff
#: range, so that rounding moves a payoff by at most ~1e-12 of that range.
_INEXACT_SHIFT_RATIO = 2**13


@dataclass(frozen=True)
class AffineMap:
    """A positive affine change of each player's payoffs: ``A -> a A + s``, ``B -> b B + t``.

    ``scale = (a, b)`` and ``shift = (s, t)`` are exact :class:`fractions.Fraction`. Such a
    change leaves equilibria, best responses and dominance unchanged, so a solver's answer
    on :meth:`apply` of a game must be the answer on the game itself; payoffs and values
    map by :meth:`map_payoffs`.

    >>> from fractions import Fraction
    >>> m = AffineMap(scale=(Fraction(10**6), Fraction(1)), shift=(Fraction(0), Fraction(10**9)))
    >>> m.apply(Game([[1, 0], [0, 1]], [[2, 0], [0, 1]])).B.tolist()
    [[1000000002.0, 1000000000.0], [1000000000.0, 1000000001.0]]
    >>> m.map_payoffs([1, 2]).tolist()
    [1000000.0, 1000000002.0]
    """

    scale: tuple[Fraction, Fraction]
    shift: tuple[Fraction, Fraction]

    def __post_init__(self) -> None:
        func = "AffineMap"
        for name, pair, positive in (("scale", self.scale, True), ("shift", self.shift, False)):
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise InvalidArgumentError(f"{func}: {name} must be a pair, got {describe(pair)}")
            for v in pair:
                if not isinstance(v, Fraction):
                    raise InvalidArgumentError(
                        f"{func}: {name} must hold fractions.Fraction values, got {describe(v)}"
                    )
                if positive and v <= 0:
                    raise InvalidArgumentError(f"{func}: scale must be positive, got {describe(v)}")

    def apply(self, game: Game) -> Game:
        """The game with each player's payoffs changed (labels kept).

        A game with exact payoffs gets the exact image; a float game gets the exact image
        of its payoffs rounded once to float64 (so equal payoffs stay equal).
        """
        if not isinstance(game, Game):
            raise InvalidArgumentError(f"AffineMap.apply: expected a bargain.Game, got {describe(game)}")
        Ae, Be = game.exact_payoffs()
        a, b = self.scale
        s, t = self.shift
        A2 = Ae * a + s
        B2 = Be * b + t
        if not game.has_exact_payoffs:
            A2 = _to_float(A2)
            B2 = _to_float(B2)
        return Game(A2, B2, row_actions=game.row_actions, col_actions=game.col_actions,
                    players=game.players, name=game.name)

    def map_payoffs(self, payoffs: Any) -> np.ndarray:
        """Map payoff pairs of the original game (shape ``(..., 2)``) to the variant's."""
        arr = np.asarray(payoffs, dtype=np.float64)
        if arr.ndim == 0 or arr.shape[-1] != 2:
            raise InvalidArgumentError(
                f"AffineMap.map_payoffs: payoffs must have shape (..., 2), got {describe(payoffs)}"
            )
        scale = np.array([float(v) for v in self.scale])
        shift = np.array([float(v) for v in self.shift])
        return arr * scale + shift


def _to_float(values: np.ndarray) -> np.ndarray:
    return np.array([float(v) for v in values.ravel()], dtype=np.float64).reshape(values.shape)


def _player_bounds(
    exact: np.ndarray, max_exponent: int, max_shift: float
) -> tuple[int, int, Any]:
    """Exponent range for one player's scale 10**k and a function k -> largest |j| (shift = j 10**k)."""
    flat = [Fraction(v) for v in exact.ravel()]
    top = max(abs(v) for v in flat)
    nonzero = [abs(v) for v in flat if v != 0]
    spread = max(flat) - min(flat)
    integral = all(v.denominator == 1 for v in flat)
    k_hi = max_exponent
    if top > 0:
        k_hi = min(k_hi, math.floor(math.log10(_MAX_MAGNITUDE / 2) - math.log10(top)))
    k_lo = -max_exponent
    if nonzero:
        k_lo = max(k_lo, math.ceil(math.log10(1e-290) - math.log10(min(nonzero))))

    def shift_bound(k: int) -> int:
        unit = Fraction(10) ** k
        limit = math.floor(Fraction(max_shift) / unit)  # |shift| <= max_shift
        limit = min(limit, math.floor(Fraction(_MAX_MAGNITUDE / 2) / unit - top))
        if spread == 0:  # a constant player: every shift is faithful
            return max(limit, 0)
        if integral and k >= 0:  # (P + j) 10**k are integers: exact while below 2**53
            return max(min(limit, math.floor(Fraction(2**53 - 1) / unit - top)), 0)
        return max(min(limit, math.floor(spread * _INEXACT_SHIFT_RATIO)), 0)

    return k_lo, max(k_hi, k_lo), shift_bound


def affine_maps(
    game: Game, *, max_exponent: int = 9, max_shift: float = 1e12
) -> st.SearchStrategy[AffineMap]:
    """Per-player positive affine maps for ``game``: scale ``10**k``, shift up to ``max_shift``.

    ``k`` ranges over ``-max_exponent..max_exponent``.

    Each player gets its own scale and shift (either may be the identity; hypothesis
    shrinks towards it). The shift is a whole multiple of the scale, and is kept where the
    variant still represents the game faithfully in float64: on integer payoffs with
    ``k >= 0`` the variant is exact (every payoff an integer below 2**53, so a shift of 1e12
    is drawn); otherwise the shift is at most 8192 times the scaled payoff range (rounding
    then moves a payoff by less than 1e-12 of its player's range). Scales never push a
    payoff beyond 1e300 or below 1e-290.
    """
    func = f"{_FUNC}.affine_maps"
    if not isinstance(game, Game):
        raise InvalidArgumentError(f"{func}: game must be a bargain.Game, got {describe(game)}")
    kmax = check_int(max_exponent, "max_exponent", func, low=0, high=300)
    smax = check_real(max_shift, "max_shift", func, low=0.0)
    Ae, Be = game.exact_payoffs()
    bounds = [_player_bounds(Ae, kmax, smax), _player_bounds(Be, kmax, smax)]

    @st.composite
    def build(draw: Any) -> AffineMap:
        scales, shifts = [], []
        for k_lo, k_hi, shift_bound in bounds:
            k = draw(st.integers(k_lo, k_hi))
            j_max = shift_bound(k)
            j = draw(st.integers(-j_max, j_max))
            unit = Fraction(10) ** k
            scales.append(unit)
            shifts.append(j * unit)
        return AffineMap(scale=(scales[0], scales[1]), shift=(shifts[0], shifts[1]))

    return build()


def affine_variants(
    game: Game, *, max_exponent: int = 9, max_shift: float = 1e12
) -> st.SearchStrategy[Game]:
    """Copies of ``game`` with each player's payoffs scaled by ``10**k`` and shifted.

    The maps are those of :func:`affine_maps`.

    Every solver's answer (strategies, supports, counts, certification) must be the same on
    a variant as on the game; draw the :class:`AffineMap` with :func:`affine_maps` when
    payoffs or values must be mapped too.

    >>> from hypothesis import given, strategies as st
    >>> import bargain as bg
    >>> @given(games(rows=2, cols=2), st.data())
    ... def test_invariant(g, data):
    ...     v = data.draw(affine_variants(g))
    ...     assert int(bg.equilibria_2x2(v).count) == int(bg.equilibria_2x2(g).count)
    >>> test_invariant()
    """
    return affine_maps(game, max_exponent=max_exponent, max_shift=max_shift).map(
        lambda m: m.apply(game)
    )
