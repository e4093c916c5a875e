"""The batched Nash bargaining solution over games' correlated outcomes (bargain.bargaining.game_batch)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bargain as bg
from bargain.bargaining.game_batch import nash_bargaining_games


def reference(A: np.ndarray, B: np.ndarray, weights: tuple[int, int]) -> np.ndarray:
    """One game at a time through BargainingProblem.from_game and nash_bargaining."""
    g = bg.Game(A, B)
    try:
        problem = bg.BargainingProblem.from_game(g, disagreement="security")
    except bg.NoAgreementError:
        return np.array([np.nan, np.nan])
    return np.asarray(bg.nash_bargaining(problem, weights=weights).payoffs, dtype=float)


@pytest.mark.parametrize("weights", [(1, 1), (2, 1), (1, 3)])
@pytest.mark.parametrize("kind", ["float", "int"])
def test_batch_equals_the_one_game_solver(weights, kind):
    rng = np.random.default_rng(5)
    shape = (40, 2, 3) if kind == "float" else (60, 3, 2)
    if kind == "float":
        A, B = rng.normal(size=shape), rng.normal(size=shape)
    else:
        A, B = rng.integers(-3, 4, shape).astype(float), rng.integers(-3, 4, shape).astype(float)
    d = bg.maxmin(bg.Game(A, B)).values
    got = nash_bargaining_games(A, B, d, weights[0] / sum(weights))
    want = np.stack([reference(a, b, weights) for a, b in zip(A, B)])
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_allclose(got, want, atol=1e-9, rtol=1e-9)
    if kind == "int":
        assert np.isnan(want).any()  # ties make some games without a gain from agreement


@given(
    st.integers(0, 2**32 - 1),
    st.floats(-1e3, 1e3),
    st.floats(1e-6, 1e6),
    st.floats(-1e3, 1e3),
    st.floats(1e-6, 1e6),
)
def test_each_players_affine_change_maps_the_solution(seed, c1, k1, c2, k2):
    # shifts in units of the scale (a shift of 64 on payoffs scaled by 1e-6 would keep only
    # 8 of their digits, and the answer could move by that much)
    s1, s2 = c1 * k1, c2 * k2
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-3, 4, (8, 2, 2)).astype(float), rng.integers(-3, 4, (8, 2, 2)).astype(float)
    d = bg.maxmin(bg.Game(A, B)).values
    base = nash_bargaining_games(A, B, d, 0.4)
    d_moved = np.stack([s1 + k1 * d[:, 0], s2 + k2 * d[:, 1]], -1)
    moved = nash_bargaining_games(s1 + k1 * A, s2 + k2 * B, d_moved, 0.4)
    np.testing.assert_array_equal(np.isnan(moved), np.isnan(base))
    np.testing.assert_allclose((moved[:, 0] - s1) / k1, base[:, 0], atol=1e-9)
    np.testing.assert_allclose((moved[:, 1] - s2) / k2, base[:, 1], atol=1e-9)


def test_known_agreements_and_no_gain():
    pd = np.array([[3.0, 0.0], [5.0, 1.0]])
    bos_a, bos_b = np.array([[2.0, 0.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [0.0, 2.0]])
    A = np.stack([pd, bos_a, np.ones((2, 2))])
    B = np.stack([pd.T, bos_b, np.array([[0.0, 2.0], [0.0, 0.0]])])
    d = np.array([[1.0, 1.0], [2 / 3, 2 / 3], [1.0, 0.0]])
    got = nash_bargaining_games(A, B, d)
    assert got[0].tolist() == [3.0, 3.0]  # a vertex comes back exactly
    np.testing.assert_allclose(got[1], [1.5, 1.5])  # a fair coin between the two pure equilibria
    assert np.isnan(got[2]).all()  # the row player cannot gain: no agreement
