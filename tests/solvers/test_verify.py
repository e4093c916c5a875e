"""Certificates: float and exact regret, tolerance relative to the payoff scale."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

import bargain as bg
from bargain.testing import strategies as bst

BOS = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])


def test_max_regret_and_is_equilibrium():
    assert bg.max_regret(BOS, [1, 0], [1, 0]) == 0
    assert bg.max_regret(BOS, [1, 0], [0, 1]) == 1
    assert bg.is_equilibrium(BOS, [2 / 3, 1 / 3], [1 / 3, 2 / 3])
    assert not bg.is_equilibrium(BOS, [0.5, 0.5], [0.5, 0.5])


def test_exact_regret():
    assert bg.exact_max_regret(BOS, [F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]) == 0
    assert bg.exact_max_regret(BOS, [F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]) == F(1, 4)
    # a float approximation of the mixed equilibrium is not even exactly on the simplex
    with pytest.raises(bg.InvalidArgumentError, match="is_equilibrium: x must be an exact probability"):
        bg.is_equilibrium(BOS, [2 / 3, 1 / 3], [1 / 3, 2 / 3], exact=True)
    assert not bg.is_equilibrium(BOS, [0.75, 0.25], [0.25, 0.75], exact=True)
    assert bg.is_equilibrium(BOS, [F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)], exact=True)


def test_batched_regret():
    batch = bg.Game(np.stack([BOS.A, 2 * BOS.A]), np.stack([BOS.B, BOS.B]))
    r = bg.max_regret(batch, [0.5, 0.5], [0.5, 0.5])
    assert r.shape == (2,) and np.allclose(r, [0.25, 0.5])
    assert bg.is_equilibrium(batch, [1, 0], [1, 0]).tolist() == [True, True]


@given(bst.game_and_profile())
def test_tolerance_is_scale_invariant(gxy):
    g, x, y = gxy
    big = bg.Game(1e6 * g.A + 3, 1e6 * g.B - 7)
    assert bg.is_equilibrium(g, x, y) == bg.is_equilibrium(big, x, y)


def test_bad_input():
    with pytest.raises(bg.InvalidArgumentError, match="max_regret: x must have 2 entries"):
        bg.max_regret(BOS, [1, 0, 0], [1, 0])
    with pytest.raises(bg.InvalidArgumentError, match="max_regret: y must sum to 1"):
        bg.max_regret(BOS, [1, 0], [1, 1])
    with pytest.raises(bg.InvalidArgumentError, match="is_equilibrium: tol must be >= 0"):
        bg.is_equilibrium(BOS, [1, 0], [1, 0], tol=-1)
    with pytest.raises(bg.InvalidArgumentError, match="is_equilibrium: x must be an exact probability"):
        bg.exact_max_regret(BOS, [0.5, 0.6], [1, 0])
    with pytest.raises(bg.InvalidArgumentError, match="exact_max_regret: takes a single game"):
        bg.exact_max_regret(bg.Game(np.zeros((2, 2, 2))), [1, 0], [1, 0])
    with pytest.raises(bg.InvalidArgumentError, match="max_regret: expected a bargain.Game"):
        bg.max_regret([[1, 0], [0, 1]], [1, 0], [1, 0])
