"""Batched kernels equal a loop over single games, and mean what they say."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from bargain.core import kernels as k
from bargain.testing import strategies as bst


@given(bst.games(batch_shape=(4,), payoffs="float"), st.data())
def test_batched_kernels_equal_loop(g, data):
    m, n = g.shape
    x = data.draw(bst.mixed_strategies(size=m, batch_shape=(4,)))
    y = data.draw(bst.mixed_strategies(size=n, batch_shape=(4,)))
    pay = k.expected_payoffs(g.A, g.B, x, y)
    reg = k.regret(g.A, g.B, x, y)
    mask = k.pure_equilibrium_mask(g.A, g.B)
    scale = k.payoff_scale(g.A, g.B)
    for i in range(4):
        A, B = g.A[i], g.B[i]
        assert np.allclose(pay[i], [x[i] @ A @ y[i], x[i] @ B @ y[i]])
        assert np.allclose(reg[i], [max(A @ y[i]) - x[i] @ A @ y[i], max(x[i] @ B) - x[i] @ B @ y[i]],
                           atol=1e-12)
        assert np.array_equal(mask[i], k.pure_equilibrium_mask(A, B))
        assert scale[i] == k.payoff_scale(A, B)


@given(bst.games())
def test_pure_mask_matches_definition(g):
    m, n = g.shape
    mask = k.pure_equilibrium_mask(g.A, g.B)
    for i in range(m):
        for j in range(n):
            expected = g.A[i, j] == g.A[:, j].max() and g.B[i, j] == g.B[i, :].max()
            assert mask[i, j] == expected


@given(bst.game_and_profile())
def test_regret_is_nonnegative_and_zero_at_pure_equilibria(gxy):
    g, x, y = gxy
    assert (k.regret(g.A, g.B, x, y) >= 0).all()
    m, n = g.shape
    for i, j in np.argwhere(k.pure_equilibrium_mask(g.A, g.B)):
        assert k.regret(g.A, g.B, np.eye(m)[i], np.eye(n)[j]).max() == 0


def test_best_response_mask_keeps_ties_and_tolerance():
    v = np.array([[1.0, 2.0, 2.0], [3.0, 2.999, 0.0]])
    assert k.best_response_mask(v).tolist() == [[False, True, True], [True, False, False]]
    assert k.best_response_mask(v, atol=0.01).tolist() == [[False, True, True], [True, True, False]]


def test_logit_response_limits_and_stability():
    v = np.array([1.0, 0.0, 0.0])
    assert np.allclose(k.logit_response(v, 0.0), 1 / 3)
    assert np.allclose(k.logit_response(v, 1e6), [1, 0, 0])
    batch = k.logit_response(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1.0, 2.0]))
    assert np.allclose(batch.sum(axis=-1), 1)
    assert np.isclose(batch[1, 1], np.exp(2) / (1 + np.exp(2)))


def test_payoff_scale_constant_game_is_one():
    assert k.payoff_scale(np.ones((2, 2)), np.ones((2, 2))) == 1.0
