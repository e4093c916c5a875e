"""Batched kernels equal a loop over single games, and mean what they say."""

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bargain as bg
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
    ranges = k.payoff_ranges(g.A, g.B)
    normal = k.normalise(g.A, g.B)
    for i in range(4):
        A, B = g.A[i], g.B[i]
        assert np.allclose(pay[i], [x[i] @ A @ y[i], x[i] @ B @ y[i]])
        assert np.allclose(reg[i], [max(A @ y[i]) - x[i] @ A @ y[i], max(x[i] @ B) - x[i] @ B @ y[i]],
                           atol=1e-12)
        assert np.array_equal(mask[i], k.pure_equilibrium_mask(A, B))
        assert np.array_equal(ranges[i], k.payoff_ranges(A, B))
        assert all(np.array_equal(n[i], m) for n, m in zip(normal, k.normalise(A, B)))


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


def test_constant_player_has_range_zero_and_normalises_to_zero():
    assert k.payoff_ranges(np.ones((2, 2)), np.eye(2)).tolist() == [0.0, 1.0]
    An, Bn = k.normalise(np.ones((2, 2)), 5 * np.eye(2) + 7)
    assert An.tolist() == [[0, 0], [0, 0]] and Bn.tolist() == [[1, 0], [0, 1]]


def test_big_batches_take_the_cell_by_cell_bounds():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(5000, 2, 3)) * 1e9 + 1e12
    B = rng.normal(size=(5000, 2, 3)) * 1e-9
    ranges = k.payoff_ranges(A, B)
    assert np.array_equal(ranges[:, 0], np.ptp(A.reshape(5000, -1), axis=1))
    An, Bn = k.normalise(A, B)
    assert An.min() == 0 and An.max() == 1 and Bn.min() == 0 and Bn.max() == 1
    assert np.allclose(k.relative_regret(A, B, np.full((5000, 2), 0.5), np.full((5000, 3), 1 / 3)),
                       k.regret(An, Bn, np.full((5000, 2), 0.5), np.full((5000, 3), 1 / 3)), atol=1e-12)


def test_normalise_survives_a_subnormal_range():
    """A range of 2.2e-313 (subnormal) has an overflowing reciprocal; it used to give NaN payoffs
    (found by the replicator's rest-point property test)."""
    import warnings

    B = np.array([[2.22507386e-313, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, Bn = k.normalise(np.zeros((1, 2)), B)
    assert Bn.tolist() == [[1.0, 0.0]]
    res = bg.replicator(bg.Game(np.zeros((1, 2)), B), [1.0], [0.0, 3.0], y0=[0.0, 1.0], populations=2)
    assert bool(res.converged) and res.final_col.tolist() == [0.0, 1.0]


def test_without_array_api_compat_numpy_works_and_other_arrays_say_what_to_install(monkeypatch):
    """The ``array`` extra is optional: numpy input never needs it; another library's array names it."""
    monkeypatch.setitem(sys.modules, "array_api_compat", None)  # `import array_api_compat` now fails
    assert k.payoff_ranges(np.eye(2), np.ones((2, 2))).tolist() == [1.0, 0.0]
    assert k.logit_response(np.zeros(2), 1.0).tolist() == [0.5, 0.5]

    class GpuArray:  # stands for a CuPy or torch array
        shape = (2, 2)

    hint = r'payoff_ranges: got a .*GpuArray; .*need array-api-compat: pip install "bargain-games\[array\]"'
    with pytest.raises(ImportError, match=hint):
        k.payoff_ranges(GpuArray(), GpuArray())
    with pytest.raises(ImportError, match="logit_response"):
        k.logit_response(np.zeros(2), GpuArray())


def test_numpy_kernels_never_import_array_api_compat():
    """``import bargain`` and numpy calls stay free of the optional array-API machinery."""
    code = (
        "import sys, numpy as np, bargain as bg\n"
        "from bargain.core import kernels as k\n"
        "g = bg.Game(np.array([[3., 0.], [5., 1.]]), np.array([[3., 5.], [0., 1.]]))\n"
        "bg.nash_equilibria(g); k.normalise(g.A, g.B); k.regret(g.A, g.B, np.ones(2) / 2, np.ones(2) / 2)\n"
        "assert 'array_api_compat' not in sys.modules, 'array_api_compat was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
