"""Money models (bargain.models.money): the dollar/challenger coordination game and its tipping point."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.money import currency_coordination, currency_tipping

# tenths (integers mapped to Fractions: cheaper to draw than st.fractions)
positive = st.integers(1, 50).map(lambda k: F(k, 10))
nonneg = st.integers(0, 30).map(lambda k: F(k, 10))
real = st.integers(-30, 30).map(lambda k: F(k, 10))


def _params(n_d, n_c, a, s, e):
    return {"dollar_network": n_d, "challenger_network": n_c, "network_advantage": a, "switching_cost": s,
            "challenger_premium": e}


def test_closed_form_exact():
    r = currency_coordination(**_params(2, 3, F(1, 2), 1, F(1, 4)), exact=True)
    edge = F(1, 2) + 1 - F(1, 4)  # Delta = a + s - e = 5/4
    assert r.critical_share == (2 + edge) / 5 == F(13, 20)
    assert r.dollar_basin == F(13, 20) and r.mixed_equilibrium == F(7, 20)
    assert r.switch_threshold == F(1, 2) + 1 - 3 and r.collapse_threshold == F(1, 2) + 1 + 2
    assert bool(r.dollar_equilibrium) and bool(r.switch_equilibrium)
    # deviation losses n_D + Delta = 13/4 > n_C - Delta = 7/4: the dollar risk-dominates
    assert bool(r.dollar_risk_dominant) and not bool(r.challenger_risk_dominant)
    # payoffs a + n_D = 5/2 > e - s + n_C = 9/4: the dollar is also payoff dominant
    assert bool(r.dollar_payoff_dominant) and not bool(r.challenger_payoff_dominant)
    assert r.game.A.tolist() == [[F(5, 2), F(1, 2)], [F(-3, 4), F(9, 4)]]


def test_dominant_regions():
    r = currency_coordination(challenger_premium=[-2, 0, 3], exact=True)  # a + s = 3/4, n = 1
    assert r.dollar_equilibrium.tolist() == [True, True, False]
    assert r.switch_equilibrium.tolist() == [False, True, True]
    assert r.dollar_basin.tolist() == [1, F(7, 8), 0]
    assert np.isnan(float(r.mixed_equilibrium[0])) and np.isnan(float(r.mixed_equilibrium[2]))
    assert not r.dollar_risk_dominant[0] and not r.challenger_payoff_dominant[2]


@settings(max_examples=30, deadline=None)
@given(positive, positive, nonneg, nonneg, real)
def test_equilibria_agree_with_the_solvers(n_d, n_c, a, s, e):
    p = _params(n_d, n_c, a, s, e)
    edge = a + s - e
    assume(-n_d < edge < n_c)  # a strict coordination game (both pure equilibria strict)
    r = currency_coordination(**p, exact=True)
    res = bg.nash_equilibria(r.game, exact=True)
    pure = {(e_.row_exact, e_.col_exact) for e_ in res.equilibria if e_.row_exact[0] in (0, 1)}
    assert pure == {((1, 0), (1, 0)), ((0, 1), (0, 1))}
    mixed = [e_ for e_ in res.equilibria if 0 < e_.row_exact[0] < 1]
    assert len(mixed) == 1 and mixed[0].row_exact[0] == r.mixed_equilibrium
    mask = bg.pure_equilibria(r.game)
    assert bool(mask[0, 0]) == bool(r.dollar_equilibrium) and bool(mask[1, 1]) == bool(r.switch_equilibrium)


@settings(max_examples=30, deadline=None)
@given(positive, positive, nonneg, nonneg, real)
def test_pure_equilibria_and_thresholds(n_d, n_c, a, s, e):
    r = currency_coordination(**_params(n_d, n_c, a, s, e), exact=True)
    mask = bg.pure_equilibria(r.game)
    assert bool(mask[0, 0]) == bool(r.dollar_equilibrium) == (e <= r.collapse_threshold)
    assert bool(mask[1, 1]) == bool(r.switch_equilibrium) == (e >= r.switch_threshold)


@settings(max_examples=30, deadline=None)
@given(positive, positive, nonneg, nonneg, real)
def test_risk_and_payoff_dominance_match_their_definitions(n_d, n_c, a, s, e):
    r = currency_coordination(**_params(n_d, n_c, a, s, e), exact=True)
    assume(bool(r.dollar_equilibrium) and bool(r.switch_equilibrium))
    A = r.game.A
    loss_dollar = A[0][0] - A[1][0]  # deviation loss at (Dollar, Dollar)
    loss_challenger = A[1][1] - A[0][1]
    assert bool(r.dollar_risk_dominant) == (loss_dollar**2 > loss_challenger**2)
    assert bool(r.challenger_risk_dominant) == (loss_challenger**2 > loss_dollar**2)
    assert bool(r.dollar_risk_dominant) == (r.dollar_basin > F(1, 2))  # the larger basin
    assert bool(r.challenger_payoff_dominant) == (A[1][1] > A[0][0])
    assert bool(r.dollar_payoff_dominant) == (A[0][0] > A[1][1])


@settings(max_examples=30, deadline=None)
@given(positive, positive, nonneg, nonneg, real, st.integers(1, 20).map(lambda k: F(k, 10)))
def test_a_larger_network_advantage_widens_the_dollar_basin(n_d, n_c, a, s, e, more):
    low = currency_coordination(**_params(n_d, n_c, a, s, e), exact=True)
    high = currency_coordination(**_params(n_d, n_c, a + more, s, e), exact=True)
    assert high.critical_share > low.critical_share
    assert high.dollar_basin >= low.dollar_basin
    assert high.dollar_basin > low.dollar_basin or low.dollar_basin in (0, 1) or high.dollar_basin == 1


def test_broadcast_equals_pointwise():
    a = np.array([0.0, 0.5, 1.0, 2.0])[:, None]
    e = np.array([-1.0, 0.0, 0.5])
    r = currency_coordination(network_advantage=a, challenger_premium=e, challenger_network=1.5)
    assert r.shape == (4, 3) and r.game.batch_shape == (4, 3)
    for i in range(4):
        for j in range(3):
            one = currency_coordination(network_advantage=float(a[i, 0]), challenger_premium=float(e[j]),
                                        challenger_network=1.5)
            assert r.dollar_basin[i, j] == pytest.approx(one.dollar_basin)
            assert r.dollar_risk_dominant[i, j] == one.dollar_risk_dominant
            np.testing.assert_array_equal(r.mixed_equilibrium[i, j], one.mixed_equilibrium)
    t = currency_tipping(network_advantage=a, challenger_share=np.array([0.2, 0.6, 0.95]))
    for i in range(4):
        for j, x0 in enumerate((0.2, 0.6, 0.95)):
            one = currency_tipping(network_advantage=float(a[i, 0]), challenger_share=x0)
            assert t.tips[i, j] == one.tips and t.time_to_target[i, j] == pytest.approx(one.time_to_target)


@pytest.mark.parametrize(
    ("model", "kwargs", "match"),
    [
        (
            currency_coordination,
            {"dollar_network": 0},
            r"money\.currency_coordination: dollar_network must be in \(0, inf\).*got 0",
        ),
        (currency_coordination, {"switching_cost": [0, -1]}, r"switching_cost must be in \[0, inf\).*"
                                                             r"got -1 at index \(1,\)"),
        (currency_tipping, {"challenger_share": 1}, r"money\.currency_tipping: challenger_share must be in "
                                                    r"\(0, 1\).*got 1"),
        (currency_tipping, {"target_share": np.inf}, r"target_share must be finite"),
    ],
)
def test_bad_input(model, kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        model(**kwargs)


# ------------------------------------------------------------------------------ tipping
@settings(max_examples=25, deadline=None)
@given(positive, positive, nonneg, nonneg, real, st.floats(0.02, 0.98))
def test_tipping_point_is_the_dollar_basin(n_d, n_c, a, s, e, x0):
    p = _params(n_d, n_c, a, s, e)
    game = currency_coordination(**p)
    tip = currency_tipping(**{k: float(v) for k, v in p.items()}, challenger_share=x0)
    assert tip.critical_share == pytest.approx(float(game.dollar_basin))
    assert bool(tip.tips) == (x0 > float(game.critical_share))


def test_replicator_confirms_tipping_and_the_closed_form_path():
    """bg.replicator on the game: shares above x* go to the challenger, below it back to the dollar."""
    p = {"challenger_network": 1.5, "network_advantage": 0.5, "switching_cost": 0.5}
    game = currency_coordination(**p).game
    x_star = float(currency_tipping(**p).critical_share)  # (1 + 1) / 2.5 = 0.8
    assert x_star == pytest.approx(0.8)
    starts = np.array([0.7, 0.78, 0.82, 0.9])
    x0 = np.stack([1 - starts, starts], axis=-1)  # (dollar share, challenger share)
    res = bg.replicator(game, x0, np.linspace(0, 60, 3))
    final = res.final_strategies[:, 1]
    np.testing.assert_allclose(final, [0, 0, 1, 1], atol=1e-4)
    # the closed-form arrival time against the integrated path
    tip = currency_tipping(**p, challenger_share=0.9, target_share=0.99)
    t = float(tip.time_to_target)
    path = bg.replicator(game, [0.1, 0.9], np.array([0.0, t]), max_step=1e-2)
    assert path.final_strategies[1] == pytest.approx(0.99, abs=1e-7)


@settings(max_examples=15, deadline=None)
@given(st.floats(-0.5, 0.9), st.floats(0.05, 0.95), st.floats(0.05, 0.95))
def test_time_to_target_solves_the_ode(x_star, u, v):
    """The closed form against scipy's integration of dx/dt = K x (1 - x)(x - x*)."""
    from scipy.integrate import solve_ivp

    x0 = max(x_star, 0.0) + u * (1 - max(x_star, 0.0))  # in (max(x*, 0), 1)
    target = x0 + v * (1 - x0)  # in (x0, 1)
    assume(x0 > x_star + 0.05 and target > x0 + 0.01 and target < 0.999)
    n_d = n_c = 1.0
    edge = x_star * (n_d + n_c) - n_d  # x* = (n_D + Delta) / (n_D + n_C)
    tip = currency_tipping(network_advantage=0, switching_cost=0, challenger_premium=-edge,
                           challenger_share=x0, target_share=target)
    t = float(tip.time_to_target)
    sol = solve_ivp(lambda _, x: 2 * x * (1 - x) * (x - x_star), (0, t), [x0], rtol=1e-9, atol=1e-12)
    assert sol.y[0, -1] == pytest.approx(target, rel=1e-6)


def test_time_is_infinite_without_tipping_and_zero_at_the_target():
    r = currency_tipping(challenger_share=[0.5, 0.95, 0.95], target_share=[0.9, 0.9, 0.99])
    assert r.time_to_target[0] == np.inf and r.time_to_target[1] == 0 and 0 < r.time_to_target[2] < np.inf
