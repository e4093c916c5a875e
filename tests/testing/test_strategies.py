"""The public hypothesis strategies: shapes, kinds, and validated keyword arguments."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.testing import strategies as bst


@given(bst.games(rows=(2, 3), cols=3, batch_shape=(2, 2)))
def test_games_shapes_and_integer_payoffs(g):
    assert g.batch_shape == (2, 2) and g.shape[0] in (2, 3) and g.shape[1] == 3
    assert np.array_equal(g.A, np.round(g.A)) and (np.abs(g.A) <= 3).all()


@given(bst.games(payoffs="float", min_value=-1, max_value=1))
def test_float_games_in_range(g):
    assert (np.abs(g.A) <= 1).all() and (np.abs(g.B) <= 1).all()


@given(bst.zero_sum_games(rows=2, cols=3))
def test_zero_sum(g):
    assert g.is_zero_sum() and g.shape == (2, 3)


@given(bst.symmetric_games(actions=3))
def test_symmetric(g):
    assert np.array_equal(g.B, g.A.T)


@given(bst.mixed_strategies(size=4, batch_shape=(3,)))
def test_mixed_strategies_on_simplex(x):
    assert x.shape == (3, 4) and (x >= 0).all() and np.allclose(x.sum(axis=-1), 1)


@given(bst.game_and_profile(rows=2, cols=2))
def test_game_and_profile(gxy):
    g, x, y = gxy
    assert g.payoffs(x, y).shape == (2,)


@pytest.mark.parametrize(
    "factory, kwargs, fragment",
    [
        (bst.games, {"rows": 0}, "rows must be >= 1"),
        (bst.games, {"rows": (3, 2)}, "rows must be >= 3"),
        (bst.games, {"payoffs": "complex"}, "payoffs must be one of"),
        (bst.games, {"batch_shape": 3}, "batch_shape must be a tuple"),
        (bst.games, {"min_value": 2, "max_value": 1}, "max_value must be >= 2"),
        (bst.mixed_strategies, {"size": 0}, "size must be >= 1"),
        (bst.symmetric_games, {"actions": "3"}, "actions must be an integer"),
        (bst.games, {"rows": (1, 2, 3)}, "rows must be an int or a \\(min, max\\) pair"),
        (bst.games, {"min_value": 0.2, "max_value": 0.8}, "no whole number"),
        (bst.games, {"min_value": float("nan")}, "min_value must be finite"),
        (bst.games, {"max_value": 1e300}, "within 2\\*\\*53"),
        (bst.payoff_arrays, {"shape": ()}, "shape must be a non-empty tuple"),
        (bst.payoff_arrays, {"shape": (2, 0)}, "shape must be >= 1"),
        (bst.payoff_arrays, {"shape": [2, 2]}, "shape must be a non-empty tuple"),
        (bst.game_and_profile, {"payoffs": "nope"}, "payoffs must be one of"),
        (bst.mixed_strategies, {"size": 2, "sparse": 1}, "sparse must be True or False"),
    ],
)
def test_bad_arguments(factory, kwargs, fragment):
    with pytest.raises(bg.InvalidArgumentError, match=fragment):
        factory(**kwargs)


@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="exact"))
def test_exact_games_keep_integer_payoffs(g):
    assert g.has_exact_payoffs and all(v.denominator == 1 for v in g.exact_payoffs()[0].ravel())


@given(bst.zero_sum_games(rows=2, cols=2, payoffs="exact"), bst.symmetric_games(actions=2, payoffs="exact"))
def test_exact_zero_sum_and_symmetric(z, s):
    assert z.has_exact_payoffs and s.has_exact_payoffs


def test_integer_games_are_often_degenerate():
    """A pure strategy with two pure best responses (a tie) is found quickly: degenerate games are drawn."""

    def degenerate(g):
        best = g.B == g.B.max(axis=1, keepdims=True)
        return bool((best.sum(axis=1) >= 2).any())

    g = find(bst.games(rows=2, cols=2), degenerate, settings=settings(max_examples=50, derandomize=True,
                                                                         database=None))
    assert degenerate(g)


def test_strategies_are_keyword_only():
    with pytest.raises(TypeError):
        bst.games(2, 2)  # type: ignore[misc]
    assert set(bst.__all__) >= {"games", "zero_sum_games", "symmetric_games", "mixed_strategies"}
    assert isinstance(bst.games(), st.SearchStrategy)


# --- affine variants ----------------------------------------------------------------------------

def _int_game(g):
    return bg.Game(g.A.astype(np.int64), g.B.astype(np.int64), row_actions=g.row_actions,
                   col_actions=g.col_actions)


@given(bst.games(rows=(1, 3), cols=(1, 3)), st.data())
def test_affine_maps_scale_by_powers_of_ten_and_keep_labels(g, data):
    m = data.draw(bst.affine_maps(g))
    for a, s in zip(m.scale, m.shift):
        k = round(np.log10(float(a)))
        assert a == Fraction(10) ** k and -9 <= k <= 9
        assert abs(s) <= 10**12 and (s / a).denominator == 1
    v = m.apply(g)
    assert v.labels == g.labels and v.shape == g.shape
    assert v.has_exact_payoffs == g.has_exact_payoffs
    assert np.isfinite(v.payoff_range).all()


@given(bst.games(rows=(1, 3), cols=(1, 3)), st.data())
def test_affine_variant_of_integer_game_is_its_exact_image(g, data):
    g = _int_game(g)
    m = data.draw(bst.affine_maps(g))
    v = m.apply(g)
    (Ae, Be), (Ve, We) = g.exact_payoffs(), v.exact_payoffs()
    assert (Ve == Ae * m.scale[0] + m.shift[0]).all() and (We == Be * m.scale[1] + m.shift[1]).all()
    # equal payoffs stay equal and the order is kept, player by player, in the float copy too
    for P, Q in ((g.A, v.A), (g.B, v.B)):
        order = np.argsort(P, axis=None, kind="stable")
        assert (np.diff(Q.ravel()[order]) >= 0).all()
        p, q = P.ravel(), Q.ravel()
        assert ((p[:, None] == p[None, :]) <= (q[:, None] == q[None, :])).all()


@given(bst.games(rows=(1, 3), cols=(1, 3)), st.data())
def test_pure_equilibria_unchanged_on_affine_variants(g, data):
    v = data.draw(bst.affine_variants(g))
    assert np.array_equal(bg.pure_equilibria(v), bg.pure_equilibria(g))


def test_affine_variants_reach_large_shifts_and_scales():
    g = bg.Game([[1, 2], [2, 0]], [[1, 1], [1, 1]])
    maps = bst.affine_maps(g)
    search = settings(max_examples=2000, derandomize=True, database=None)
    assert find(maps, lambda m: m.scale[0] == Fraction(1, 10**9), settings=search)
    assert find(maps, lambda m: m.scale[1] == 10**9, settings=search)
    big = find(maps, lambda m: abs(m.shift[0]) >= 10**9, settings=search)
    assert abs(big.shift[0]) <= 10**12


def test_affine_map_apply_and_map_payoffs():
    m = bst.AffineMap(scale=(Fraction(1, 10**9), Fraction(10**3)), shift=(Fraction(7), Fraction(-5)))
    g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("C", "D"))
    v = m.apply(g)
    assert v.exact_payoffs()[0][1, 0] == Fraction(5, 10**9) + 7 and v.row_actions == ("C", "D")
    assert m.map_payoffs([1.0, 1.0]).tolist() == [7 + 1e-9, 995.0]


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"max_exponent": -1}, "max_exponent must be >= 0"),
        ({"max_exponent": 2.5}, "max_exponent must be an integer"),
        ({"max_shift": -1.0}, "max_shift must be >= 0"),
        ({"max_shift": float("nan")}, "max_shift must be finite"),
    ],
)
def test_affine_bad_arguments(kwargs, fragment):
    g = bg.Game([[1, 0], [0, 1]])
    with pytest.raises(bg.InvalidArgumentError, match=fragment):
        bst.affine_variants(g, **kwargs)


def test_affine_bad_game_and_map():
    with pytest.raises(bg.InvalidArgumentError, match="game must be a bargain.Game"):
        bst.affine_maps([[1, 0], [0, 1]])
    with pytest.raises(bg.InvalidArgumentError, match="scale must be positive"):
        bst.AffineMap(scale=(Fraction(0), Fraction(1)), shift=(Fraction(0), Fraction(0)))
    with pytest.raises(bg.InvalidArgumentError, match="Fraction"):
        bst.AffineMap(scale=(1.0, Fraction(1)), shift=(Fraction(0), Fraction(0)))
