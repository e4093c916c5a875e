"""Pure equilibria of m x n games, batched."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.testing import strategies as bst


def test_textbook_games():
    pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])  # Prisoner's Dilemma: (D, D) only
    assert bg.pure_equilibrium_profiles(pd) == [(1, 1)]
    pennies = bg.Game.zero_sum([[1, -1], [-1, 1]])
    assert not bg.pure_equilibria(pennies).any()
    # a 3x3 coordination game: three pure equilibria on the diagonal
    assert bg.pure_equilibrium_profiles(bg.Game(np.eye(3), np.eye(3))) == [(0, 0), (1, 1), (2, 2)]
    # the all-zero game: every profile
    assert bg.pure_equilibria(bg.Game(np.zeros((2, 3)), np.zeros((2, 3)))).all()


@given(bst.games(batch_shape=(5,)))
def test_batch_equals_loop_and_each_is_certified(g):
    mask = bg.pure_equilibria(g)
    m, n = g.shape
    for k in range(5):
        assert np.array_equal(mask[k], bg.pure_equilibria(g[k]))
        for i, j in bg.pure_equilibrium_profiles(g[k]):
            assert bg.max_regret(g[k], np.eye(m)[i], np.eye(n)[j]) == 0


@given(bst.games())
def test_permutation_and_transpose_map_equilibria(g):
    m, n = g.shape
    rows, cols = np.arange(m)[::-1], np.roll(np.arange(n), 1)
    mask = bg.pure_equilibria(g)
    assert np.array_equal(bg.pure_equilibria(g.permute(rows, cols)), mask[np.ix_(rows, cols)])
    assert np.array_equal(bg.pure_equilibria(g.transpose()), mask.T)
    assert np.array_equal(bg.pure_equilibria(bg.Game(2 * g.A + 1, 3 * g.B - 5)), mask)


@settings(max_examples=60)
@given(bst.games(rows=(1, 4), cols=(1, 4), min_value=-2, max_value=2), st.data())
def test_scale_and_shift_of_either_player_change_nothing(g, data):
    """Issue 10: each player's payoffs alone times 10**k (|k| <= 9), shifted by up to 1e12;
    at a 1e9 ratio of ranges the old scale-based tolerance kept strictly worse responses."""
    v = data.draw(bst.affine_variants(g))
    mask = bg.pure_equilibria(g)
    assert np.array_equal(bg.pure_equilibria(v), mask)
    assert np.array_equal(bg.pure_equilibria(v, tol=0.0), bg.pure_equilibria(g, tol=0.0))
    m, n = g.shape
    for i, j in np.argwhere(mask):
        assert bg.is_equilibrium(v, np.eye(m)[i], np.eye(n)[j])


def test_one_players_scale_does_not_set_the_others_tolerance():
    g = bg.Game(np.array([[2, 0], [1, -1]]) * 1e9, np.array([[0, 2], [2, 2]]) * 1e-3)
    assert bg.pure_equilibrium_profiles(g) == [(0, 1)]


def test_tolerance_and_bad_input():
    g = bg.Game([[1.0, 0.0], [1.0 - 1e-12, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    assert bg.pure_equilibrium_profiles(g, tol=0.0) == [(0, 0)]
    # tol is a regret tolerance relative to each player's range, default 1e-9
    assert bg.pure_equilibrium_profiles(g) == [(0, 0), (1, 0)]
    assert bg.pure_equilibrium_profiles(g, tol=1e-9) == [(0, 0), (1, 0)]
    with pytest.raises(bg.InvalidArgumentError, match="pure_equilibria: tol"):
        bg.pure_equilibria(g, tol=2)
    with pytest.raises(bg.InvalidArgumentError, match="pure_equilibrium_profiles: takes a single game"):
        bg.pure_equilibrium_profiles(bg.Game(np.zeros((2, 2, 2))))
    with pytest.raises(bg.InvalidArgumentError, match="pure_equilibria: expected"):
        bg.pure_equilibria(np.eye(2))
    for bad in (True, -1e-9, float("inf"), None):
        with pytest.raises(bg.InvalidArgumentError, match="pure_equilibria: tol"):
            bg.pure_equilibria(g, tol=bad)
    with pytest.raises(TypeError):
        bg.pure_equilibria(g, 0.0)  # type: ignore[misc]
