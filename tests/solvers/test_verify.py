"""Certificates: float and exact regret, tolerance relative to the payoff scale."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

import bargain as bg
from bargain.solvers.verify import regret_tolerance
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


def test_large_shift_costs_no_precision():
    """Issue 10 item 2: the certificate is computed on normalised payoffs, so a shift of 1e9
    (regret cancelling against 1e9) does not make an equilibrium fail."""
    g = bg.Game(np.array([[1, 2], [2, 0]]) + 1e9, np.array([[1, 1], [1, 1]]) + 1e9)
    assert bg.is_equilibrium(g, [1, 0], [2 / 3, 1 / 3])
    assert bg.max_regret(g, [1, 0], [2 / 3, 1 / 3], relative=True) <= 1e-15
    assert not bg.is_equilibrium(g, [1, 0], [0.9, 0.1])


def test_each_players_tolerance_is_his_own():
    g = bg.Game(np.array([[1, 0], [0, 1]]) * 1e6, np.array([[1, 0], [0, 1]]) * 1e-6)
    assert not bg.is_equilibrium(g, [1, 0], [0, 1])  # the column player's regret is all of his range
    assert regret_tolerance(g, tol=1e-9).tolist() == pytest.approx([1e-3, 1e-15])


def test_bad_input():
    with pytest.raises(bg.InvalidArgumentError, match="max_regret: x must have 2 entries"):
        bg.max_regret(BOS, [1, 0, 0], [1, 0])
    with pytest.raises(bg.InvalidArgumentError, match="max_regret: y must sum to 1"):
        bg.max_regret(BOS, [1, 0], [1, 1])
    with pytest.raises(bg.InvalidArgumentError, match="is_equilibrium: tol must be >= 0"):
        bg.is_equilibrium(BOS, [1, 0], [1, 0], tol=-1)
    with pytest.raises(bg.InvalidArgumentError, match="exact_max_regret: x must be an exact probability"):
        bg.exact_max_regret(BOS, [0.5, 0.6], [1, 0])
    with pytest.raises(bg.InvalidArgumentError, match="exact_max_regret: takes a single game"):
        bg.exact_max_regret(bg.Game(np.zeros((2, 2, 2))), [1, 0], [1, 0])
    with pytest.raises(bg.InvalidArgumentError, match="max_regret: expected a bargain.Game"):
        bg.max_regret([[1, 0], [0, 1]], [1, 0], [1, 0])
    with pytest.raises(bg.InvalidArgumentError, match="is_equilibrium: takes a single game"):
        bg.is_equilibrium(bg.Game(np.zeros((2, 2, 2))), [1, 0], [1, 0], exact=True)
    with pytest.raises(bg.InvalidArgumentError, match="is_equilibrium: exact"):
        bg.is_equilibrium(BOS, [1, 0], [1, 0], exact=1)
    with pytest.raises(bg.InvalidArgumentError, match="max_regret: relative"):
        bg.max_regret(BOS, [1, 0], [1, 0], relative=None)
    with pytest.raises(bg.InvalidArgumentError, match="max_regret: x"):
        bg.max_regret(BOS, [np.nan, 1], [1, 0])
