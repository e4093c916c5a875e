"""Tests of bargain.solvers.dynamics.replicator: replicator dynamics, one and two populations."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import ConvergenceWarning, InvalidArgumentError, InvalidGameError
from bargain.testing import strategies as bst


def hawk_dove(V: int, C: int) -> list[list[F]]:
    """Maynard Smith (1982, ch. 2): Hawk v Hawk (V - C)/2, Hawk v Dove V, Dove v Hawk 0, Dove v Dove V/2."""
    return [[F(V - C, 2), F(V)], [F(0), F(V, 2)]]


# ---------------------------------------------------------------------------- replicator


def test_hawk_dove_converges_to_the_ess() -> None:
    """An ESS is asymptotically stable under the replicator dynamics (Taylor & Jonker 1978)."""
    res = bg.replicator(hawk_dove(4, 6), [[0.01, 0.99], [0.5, 0.5], [0.99, 0.01]], np.linspace(0, 60, 7))
    np.testing.assert_allclose(res.final_strategies, [[2 / 3, 1 / 3]] * 3, atol=1e-8)
    assert res.converged.all() and res.populations == 1
    assert res.strategies.shape == (3, 7, 2) and res.row is res.col is res.strategies
    assert res.success and res.status is bg.Status.SUCCESS


def test_agrees_with_nashpy() -> None:
    """nashpy integrates the same equations with scipy's odeint: an independent oracle."""
    A = np.array([[0.0, -1, 2], [2, 0, -1], [-1, 2, 0]])
    B = np.array([[1.0, 0, 2], [0, 3, 1], [2, 1, 0]])
    t = np.linspace(0, 10, 51)
    x0, y0 = np.array([0.2, 0.3, 0.5]), np.array([0.6, 0.3, 0.1])
    one = bg.replicator(A, x0, t)
    expected = nashpy.Game(A).replicator_dynamics(y0=x0, timepoints=t)
    np.testing.assert_allclose(one.strategies, expected, atol=1e-6)
    xs, ys = nashpy.Game(A, B).asymmetric_replicator_dynamics(x0=x0, y0=y0, timepoints=t)
    two = bg.replicator(bg.Game(A, B), x0, t, y0=y0)
    assert two.populations == 2
    np.testing.assert_allclose(two.row, xs, atol=1e-6)
    np.testing.assert_allclose(two.col, ys, atol=1e-6)
    assert two.strategies is None and two.final_strategies is None
    ivp = bg.replicator(bg.Game(A, B), x0, t, y0=y0, method="solve_ivp", rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ivp.row, two.row, atol=1e-7)
    assert np.isnan(ivp.step) and ivp.method == "solve_ivp"


def test_zero_sum_rps_conserves_the_product() -> None:
    """Zero-sum RPS: x1 x2 x3 is a constant of motion (Hofbauer & Sigmund 1998, rock-scissors-paper).

    Check: d/dt log(x1 x2 x3) = sum_i ((Ax)_i - xAx) = sum(Ax) - 3 xAx = 0, since the columns of A
    sum to 0 and xAx = 0 for antisymmetric A."""
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    res = bg.replicator(A, [0.5, 0.3, 0.2], np.linspace(0, 50, 101))
    prod = res.strategies.prod(axis=-1)
    np.testing.assert_allclose(prod, 0.03, rtol=1e-7)
    assert not bool(res.converged)


def test_two_population_pennies_conserve_the_relative_entropy() -> None:
    """Zero-sum bimatrix game with interior equilibrium (p*, q*): sum p* log x + sum q* log y is
    constant along two-population replicator orbits (Hofbauer & Sigmund 1998, bimatrix games).

    Check: d/dt sum p* log x = p*.Ay - x.Ay and d/dt sum q* log y = x.Bq* - x.By; with B = -A
    the sum is p*.Ay - x.Aq*, and at an interior equilibrium of a zero-sum game A q* and p* A
    are constant vectors with the game's value v, so the sum is v - v = 0."""
    g = bg.Game([[1, -1], [-1, 1]])
    res = bg.replicator(g, [0.8, 0.2], np.linspace(0, 30, 61), y0=[0.3, 0.7])
    H = 0.5 * np.log(res.row).sum(axis=-1) + 0.5 * np.log(res.col).sum(axis=-1)
    np.testing.assert_allclose(H, H[0], rtol=1e-8)


@given(
    bst.symmetric_games(actions=(2, 4), payoffs="float", min_value=-5, max_value=5),
    st.integers(0, 2**32 - 1),
)
def test_states_stay_on_the_simplex_and_faces_are_invariant(g: bg.Game, seed: int) -> None:
    k = g.shape[0]
    rng = np.random.default_rng(seed)
    x0 = rng.dirichlet(np.ones(k), size=5)
    x0[0] = np.concatenate([[0.0], rng.dirichlet(np.ones(k - 1))])     # a start on a face
    res = bg.replicator(g, x0, np.linspace(0, 5, 11))
    assert np.all(res.strategies >= 0)
    np.testing.assert_allclose(res.strategies.sum(axis=-1), 1.0, atol=1e-12)
    assert np.all(res.strategies[0, :, 0] == 0.0)                 # extinct stays extinct


@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="float"), st.integers(0, 2**32 - 1))
def test_rest_points_stay_fixed(g: bg.Game, seed: int) -> None:
    """Vertices are rest points; so is a mixed equilibrium (every action in its support earns the same)."""
    m, n = g.shape
    rng = np.random.default_rng(seed)
    i, j = int(rng.integers(m)), int(rng.integers(n))
    x0, y0 = np.eye(m)[i], np.eye(n)[j]
    res = bg.replicator(g, x0, [0.0, 3.0], y0=y0, populations=2)
    np.testing.assert_array_equal(res.final_row, x0)
    np.testing.assert_array_equal(res.final_col, y0)
    assert bool(res.converged)


def test_interior_rest_point_of_rps_stays() -> None:
    res = bg.replicator([[0, -1, 2], [2, 0, -1], [-1, 2, 0]], [1 / 3] * 3, np.linspace(0, 20, 5))
    np.testing.assert_allclose(res.strategies, 1 / 3, atol=1e-14)
    assert bool(res.converged)


@settings(max_examples=20)
@given(bst.symmetric_games(actions=(2, 3), batch_shape=(3,), payoffs="float"), st.integers(0, 2**32 - 1))
def test_batched_equals_loop(g: bg.Game, seed: int) -> None:
    k = g.shape[0]
    x0 = np.random.default_rng(seed).dirichlet(np.ones(k), size=3)
    t = np.linspace(0, 2, 5)
    batch = bg.replicator(g, x0, t, max_step=0.01)
    for i in range(3):
        one = bg.replicator(g[i], x0[i], t, max_step=0.01)
        np.testing.assert_allclose(batch.row[i], one.row, atol=1e-12)
        assert bool(batch.converged[i]) == bool(one.converged)


def test_broadcasting_states_against_games() -> None:
    rng = np.random.default_rng(5)
    g = bg.Game.symmetric(rng.normal(size=(4, 3, 3)))
    res = bg.replicator(g, [0.2, 0.3, 0.5], [0, 1, 2])
    assert res.row.shape == (4, 3, 3) and res.speed.shape == (4,)
    single_game = bg.replicator(g[0], rng.dirichlet(np.ones(3), size=(2, 5)), [0, 1])
    assert single_game.row.shape == (2, 5, 2, 3)
    assert "batch of shape (2, 5)" in repr(single_game)
    assert "at t=1" in repr(bg.replicator(g[0], [0.2, 0.3, 0.5], [0, 1]))


def test_symmetric_game_can_run_as_two_populations() -> None:
    g = bg.Game.symmetric(hawk_dove(4, 6))
    one = bg.replicator(g, [0.3, 0.7], [0, 5])
    two = bg.replicator(g, [0.3, 0.7], [0, 5], populations=2)
    assert one.populations == 1 and two.populations == 2
    np.testing.assert_allclose(two.row, two.col, atol=1e-14)     # same start: the populations stay equal
    np.testing.assert_allclose(two.row, one.row, atol=1e-14)


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        (([[1, 2, 3], [4, 5, 6]], [0.5, 0.5], [0, 1]), {}, "replicator: a payoff matrix alone must be"),
        (([[1, 2], [3, 4]], [0.6, 0.6], [0, 1]), {}, "replicator: x0 must sum to 1"),
        (([[1, 2], [3, 4]], [1.2, -0.2], [0, 1]), {}, "replicator: x0 has a negative"),
        (([[1, 2], [3, 4]], [np.nan, 1.0], [0, 1]), {}, "replicator: x0 must be finite"),
        (([[1, 2], [3, 4]], [0.5, 0.25, 0.25], [0, 1]), {}, "replicator: x0 must have 2 entries"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [1, 0]), {}, "replicator: t must be strictly increasing"),
        (([[1, 2], [3, 4]], [0.5, 0.5], []), {}, "replicator: t is empty"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, np.inf]), {}, "replicator: t must be finite"),
        (([[1, np.nan], [3, 4]], [0.5, 0.5], [0, 1]), {}, "replicator: A contains a non-finite"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(method="euler"), "replicator: method"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(populations=3), "replicator: populations"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(max_step=0.0), "replicator: max_step"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(y0=[0.5, 0.5]), "replicator: y0 is only used"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(rest_tol=-1.0), "replicator: rest_tol"),
    ],
)
def test_bad_replicator_input(args: tuple, kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        bg.replicator(*args, **kwargs)


def test_bad_replicator_games() -> None:
    g = bg.Game([[1, 2, 0], [3, 4, 1]], [[0, 1, 1], [1, 0, 2]])
    with pytest.raises(InvalidArgumentError, match="replicator: y0 .* is required for a 2x3 game"):
        bg.replicator(g, [0.5, 0.5], [0, 1])
    with pytest.raises(InvalidArgumentError, match="replicator: one-population dynamics need a symmetric"):
        bg.replicator(bg.Game([[1, 2], [3, 4]], [[1, 0], [0, 1]]), [0.5, 0.5], [0, 1], populations=1)
    with pytest.raises(InvalidArgumentError, match="replicator: y0 has a negative"):
        bg.replicator(g, [0.5, 0.5], [0, 1], y0=[1.5, -0.5, 0.0])
    with pytest.raises(InvalidArgumentError, match="replicator: the batch shapes"):
        bg.replicator(bg.Game.symmetric(np.zeros((3, 2, 2))), np.full((4, 2), 0.5), [0, 1])




@pytest.mark.parametrize(
    "x0, t, match",
    [
        ([True, False], [0, 1], "replicator: x0 must be real"),
        (np.ma.array([0.5, 0.5], mask=[1, 0]), [0, 1], "replicator: x0 has masked entries"),
        ([], [0, 1], "replicator: x0 is empty"),
        ([0.5, np.inf], [0, 1], "replicator: x0 must be finite"),
        ("half", [0, 1], "replicator: x0 must be real numbers"),
        ([[0.5, 0.5], [0.5]], [0, 1], "replicator: x0 must be a real array"),
        ([0.5, 0.5], [False, True], "replicator: t must be real numbers"),
        ([0.5, 0.5], np.ma.array([0.0, 1.0], mask=[0, 1]), "replicator: t has masked entries"),
        ([0.5, 0.5], [[0, 1]], "replicator: t must have 1 dimension"),
        ([0.5, 0.5], [0, np.nan], "replicator: t must be finite"),
        ([0.5, 0.5], [0, 0], "replicator: t must be strictly increasing"),
    ],
)
def test_bad_starts_and_times(x0, t, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        bg.replicator([[1, 2], [3, 4]], x0, t)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(max_iter=0), "replicator: max_iter must be >= 1"),
        (dict(max_iter=True), "replicator: max_iter must be an integer"),
        (dict(max_time=-1.0), "replicator: max_time must be > 0"),
        (dict(populations=True), "replicator: populations must be"),
        (dict(rtol=float("nan")), "replicator: rtol must be finite"),
        (dict(max_step=float("inf")), "replicator: max_step must be finite"),
    ],
)
def test_bad_options(kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        bg.replicator([[1, 2], [3, 4]], [0.5, 0.5], [0, 1], **kwargs)


def test_bad_games_raise_game_errors() -> None:
    with pytest.raises(InvalidGameError, match="replicator: A contains a non-finite"):
        bg.replicator([[1, np.inf], [0, 1]], [0.5, 0.5], [0, 1])
    with pytest.raises(InvalidGameError, match="replicator: .*overflows float64"):
        bg.replicator([[1e308, -1e308], [0, 1]], [0.5, 0.5], [0, 1])
    with pytest.raises(InvalidGameError, match="replicator: A must be numeric"):
        bg.replicator({"A": 1}, [0.5, 0.5], [0, 1])


# ---------------------------------------------------------------------------- issue 10: time scale, budgets


def test_issue10_large_payoffs_do_not_hang() -> None:
    """replicator(Game.symmetric([[0, 3e6], [1e6, 2e6]]), [0.5, 0.5], [0, 100]) needed about 3e9
    RK4 steps (step 0.1 / payoff range). In normalised time the start is seen to be the rest point
    (the mixed ESS (1/2, 1/2)) at once, and from another start the trajectory converges and is then
    carried at rest to t = 100, in a few thousand steps."""
    g = bg.Game.symmetric([[0, 3e6], [1e6, 2e6]])
    res = bg.replicator(g, [0.5, 0.5], [0, 100])
    assert res.success and res.steps == 0
    np.testing.assert_allclose(res.final_strategies, [0.5, 0.5])
    res = bg.replicator(g, [0.1, 0.9], [0, 1e-6, 100])
    assert res.success and res.steps < 10_000 and bool(res.converged)
    np.testing.assert_allclose(res.final_strategies, [0.5, 0.5], atol=1e-12)
    ivp = bg.replicator(g, [0.1, 0.9], [0, 1e-6, 100], method="solve_ivp")
    assert ivp.success and ivp.steps < 10_000
    np.testing.assert_allclose(ivp.row, res.row, atol=1e-6)


def test_step_budget_reports_max_iter() -> None:
    """Zero-sum RPS cycles for ever: a long horizon runs out of the step budget, reported."""
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    t = np.linspace(0, 1e4, 5)
    with pytest.warns(ConvergenceWarning, match="replicator: max_iter ran out after 500 steps"):
        res = bg.replicator(rps, [0.5, 0.3, 0.2], t, max_iter=500)
    assert res.status is bg.Status.MAX_ITER and not res.success and res.steps == 500
    assert np.isfinite(res.strategies[0]).all() and np.isnan(res.strategies[1:]).all()
    assert "not reached" in repr(res)
    with pytest.warns(ConvergenceWarning, match="max_iter ran out"):
        ivp = bg.replicator(rps, [0.5, 0.3, 0.2], t, max_iter=50, method="solve_ivp")
    assert ivp.status is bg.Status.MAX_ITER and ivp.steps == 50


def test_time_budget_reports_max_time() -> None:
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    with pytest.warns(ConvergenceWarning, match="replicator: max_time ran out"):
        res = bg.replicator(rps, np.full((50, 3), 1 / 3) + [0.1, 0, -0.1], [0, 1e6], max_iter=None,
                            max_time=0.2)
    assert res.status is bg.Status.MAX_TIME and np.isnan(res.final_strategies).all()


def test_rest_points_need_no_steps() -> None:
    """Vertices and the interior rest point stay where they are without integrating."""
    res = bg.replicator([[0, -1, 2], [2, 0, -1], [-1, 2, 0]], [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3]], [0, 1e9])
    assert res.success and res.steps == 0
    np.testing.assert_array_equal(res.final_strategies[0], [1, 0, 0])


@settings(max_examples=25)
@given(
    bst.games(rows=(2, 3), cols=(2, 3)),
    st.integers(-9, 9),
    st.integers(-(10**12), 10**12),
    st.integers(-(10**12), 10**12),
    st.integers(0, 2**32 - 1),
)
def test_invariant_to_shifts_and_to_scaling_with_time(g: bg.Game, k: int, i: int, j: int, seed: int) -> None:
    """Shifting either player's payoffs changes no trajectory; multiplying all payoffs by 10**k
    gives the same trajectory on the time axis divided by 10**k (degenerate integer games)."""
    unit = 10.0**k
    bound = 10**12 // 10**k if k >= 0 else 8192                 # shifts float64 represents faithfully
    s1, s2 = (max(-bound, min(bound, v)) * unit for v in (i, j))
    variant = bg.Game(g.A * unit + s1, g.B * unit + s2)
    m, n = g.shape
    rng = np.random.default_rng(seed)
    x0, y0 = rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))
    t = np.array([0.0, 0.5, 2.0, 6.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        r1 = bg.replicator(g, x0, t, y0=y0, populations=2)
        r2 = bg.replicator(variant, x0, t / unit, y0=y0, populations=2)
    assert r1.status is r2.status is bg.Status.SUCCESS
    np.testing.assert_allclose(r2.row, r1.row, atol=1e-8)
    np.testing.assert_allclose(r2.col, r1.col, atol=1e-8)
    np.testing.assert_array_equal(r1.converged, r2.converged)
    np.testing.assert_allclose(r2.speed, r1.speed * unit, rtol=1e-6, atol=1e-12 * unit)


def test_deprecated_attribute_names() -> None:
    one = bg.replicator(hawk_dove(4, 6), [0.3, 0.7], [0, 1])
    two = bg.replicator(bg.Game([[1, -1], [-1, 1]]), [0.3, 0.7], [0, 1], y0=[0.5, 0.5])
    for res in (one, two):
        with pytest.warns(DeprecationWarning, match="ReplicatorResult.x is deprecated; use .row"):
            assert res.x is res.row
        with pytest.warns(DeprecationWarning, match="final_x is deprecated"):
            np.testing.assert_array_equal(res.final_x, res.final_row)
    with pytest.warns(DeprecationWarning, match="ReplicatorResult.y is deprecated"):
        assert one.y is None
    with pytest.warns(DeprecationWarning, match="final_y"):
        assert one.final_y is None
    with pytest.warns(DeprecationWarning):
        assert two.y is two.col
    with pytest.warns(DeprecationWarning):
        np.testing.assert_array_equal(two.final_y, two.final_col)


def test_labels_in_the_repr_and_frozen_arrays() -> None:
    g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("Cooperate", "Defect"),
                col_actions=("Cooperate", "Defect"), players=("US", "China"))
    res = bg.replicator(g, [0.9, 0.1], [0, 50], y0=[0.8, 0.2], populations=2)
    text = repr(res)
    assert "2 populations" in text and "US: Defect" in text and "China: Defect" in text
    assert "status=SUCCESS" in text and res.labels == g.labels
    for arr in (res.t, res.row, res.col, res.speed, res.converged, res.final_row):
        assert not arr.flags.writeable


@pytest.mark.parametrize("method", ["rk4", "solve_ivp"])
def test_a_single_time_point_is_the_start(method: str) -> None:
    res = bg.replicator([[1, 2], [3, 4]], [0.25, 0.75], [2.0], method=method)
    assert res.success and res.steps == 0
    np.testing.assert_allclose(res.strategies, [[0.25, 0.75]])


def test_a_player_with_constant_payoffs_does_not_move() -> None:
    g = bg.Game([[1, 2], [3, 4]], [[5, 5], [5, 5]])
    for method in ("rk4", "solve_ivp"):
        res = bg.replicator(g, [0.3, 0.7], [0, 5], y0=[0.2, 0.8], method=method)
        assert res.success
        np.testing.assert_allclose(res.final_col, [0.2, 0.8], atol=1e-12)
        assert res.final_row[1] > 0.99                    # the dominant row action spreads


def test_masked_payoffs_are_refused() -> None:
    masked = np.ma.array([[np.nan, 1], [0, 1]], mask=[[1, 0], [0, 0]])
    with pytest.raises(InvalidGameError, match="replicator: A has masked entries"):
        bg.replicator(masked, [0.5, 0.5], [0, 1])
