"""The public hypothesis strategies: shapes, kinds, and validated keyword arguments."""

import numpy as np
import pytest
from hypothesis import given
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
    ],
)
def test_bad_arguments(factory, kwargs, fragment):
    with pytest.raises(bg.InvalidArgumentError, match=fragment):
        factory(**kwargs)


def test_strategies_are_keyword_only():
    with pytest.raises(TypeError):
        bst.games(2, 2)  # type: ignore[misc]
    assert set(bst.__all__) >= {"games", "zero_sum_games", "symmetric_games", "mixed_strategies"}
    assert isinstance(bst.games(), st.SearchStrategy)
