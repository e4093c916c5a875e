"""bargain.models.industrial.brander_spencer: export subsidies in a Cournot duopoly (Brander-Spencer 1985)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.industrial import brander_spencer

positive = st.fractions(min_value=Fraction(1, 10), max_value=20, max_denominator=12)
share = st.fractions(min_value=0, max_value=Fraction(9, 10), max_denominator=10)


def market(params):
    """(a, b, c) with 0 <= c < a, from a draw of a, b and c as a share of a."""
    a, b, k = params
    return a, b, k * a


markets = st.tuples(positive, positive, share).map(market)


def cournot(a, b, c, s1, s2):
    """The Cournot equilibrium found from the best replies q_i = (a - c + s_i - b q_j) / (2 b)."""
    # the two best replies are linear: solve the 2x2 system by substitution
    q1 = ((a - c + s1) - (a - c + s2) / 2) / (2 * b - b / 2)
    q2 = (a - c + s2 - b * q1) / (2 * b)
    price = a - b * (q1 + q2)
    profit1 = (price - c + s1) * q1
    return q1, q2, profit1, profit1 - s1 * q1


def test_a_textbook_case_exactly():
    r = brander_spencer(demand_intercept=10, demand_slope=1, marginal_cost=4, exact=True)
    assert r.optimal_subsidy == Fraction(3, 2) and r.equilibrium_subsidy == Fraction(6, 5)
    assert dict(r.quantities) == {"free_trade": 2, "unilateral": 3, "sucker": Fraction(3, 2),
                                  "war": Fraction(5, 2)}
    assert dict(r.welfare) == {"free_trade": 4, "unilateral": Fraction(9, 2), "sucker": Fraction(9, 4),
                               "war": Fraction(5, 2)}
    assert r.profits["unilateral"] == 9 and r.game.row_actions == ("No subsidy", "Subsidy")


@settings(max_examples=40, deadline=None)
@given(markets)
def test_closed_forms_exactly_for_rational_parameters(params):
    a, b, c = params
    A = a - c
    r = brander_spencer(demand_intercept=a, demand_slope=b, marginal_cost=c, exact=True)
    assert r.optimal_subsidy == A / 4 and r.equilibrium_subsidy == A / 5
    assert r.quantities["unilateral"] == A / (2 * b)  # the Stackelberg leader's output
    assert r.quantities["sucker"] == A / (4 * b)
    assert r.welfare["free_trade"] == A * A / (9 * b)
    assert r.welfare["unilateral"] == A * A / (8 * b)
    assert r.welfare["sucker"] == A * A / (16 * b)
    assert r.welfare["war"] == 5 * A * A / (72 * b)
    war = brander_spencer(demand_intercept=a, demand_slope=b, marginal_cost=c, subsidy="equilibrium",
                          exact=True)
    assert war.quantities["war"] == 2 * A / (5 * b)
    assert war.welfare["war"] == 2 * A * A / (25 * b)
    assert war.welfare["unilateral"] == 28 * A * A / (225 * b)
    assert war.welfare["sucker"] == 16 * A * A / (225 * b)


@settings(max_examples=30, deadline=None)
@given(markets)
def test_outputs_are_the_cournot_equilibrium_of_each_regime(params):
    a, b, c = params
    for level in ("unilateral", "equilibrium"):
        r = brander_spencer(demand_intercept=a, demand_slope=b, marginal_cost=c, subsidy=level, exact=True)
        sigma = r.optimal_subsidy if level == "unilateral" else r.equilibrium_subsidy
        for key, (s1, s2) in {"free_trade": (0, 0), "unilateral": (sigma, 0), "sucker": (0, sigma),
                              "war": (sigma, sigma)}.items():
            q1, _, profit, welfare = cournot(a, b, c, s1, s2)
            assert (r.quantities[key], r.profits[key], r.welfare[key]) == (q1, profit, welfare)


@settings(max_examples=30, deadline=None)
@given(markets, st.fractions(min_value=Fraction(-1, 2), max_value=Fraction(1, 2), max_denominator=40))
def test_subsidies_are_best_replies(params, step):
    """A / 4 is the best subsidy against none; A / 5 is a best reply to A / 5 (the war's equilibrium)."""
    a, b, c = params
    assume(step != 0)
    r = brander_spencer(demand_intercept=a, demand_slope=b, marginal_cost=c, exact=True)
    A = a - c
    for own, rival in ((r.optimal_subsidy, 0), (r.equilibrium_subsidy, r.equilibrium_subsidy)):
        other = own + step * A
        q_other = cournot(a, b, c, other, rival)
        assume(q_other[0] > 0 and q_other[1] > 0)
        assert cournot(a, b, c, own, rival)[3] > q_other[3]


@settings(max_examples=30, deadline=None)
@given(markets, st.sampled_from(("unilateral", "equilibrium")))
def test_subsidy_war_is_a_prisoners_dilemma(params, level):
    a, b, c = params
    r = brander_spencer(demand_intercept=a, demand_slope=b, marginal_cost=c, subsidy=level, exact=True)
    w = r.welfare
    assert w["unilateral"] > w["free_trade"] > w["war"] > w["sucker"]  # T > R > P > S
    assert 2 * w["free_trade"] > w["unilateral"] + w["sucker"]
    A, B = r.game.exact_payoffs()
    assert A[1, 0] > A[0, 0] and A[1, 1] > A[0, 1]  # subsidising is dominant
    assert (B == A.T).all()
    # subsidies raise output and profit but the outlay exceeds the profit shifted in the war
    assert r.profits["war"] > r.profits["free_trade"] > r.welfare["war"]


@settings(max_examples=15, deadline=None)
@given(markets, st.sampled_from(("unilateral", "equilibrium")))
def test_the_only_equilibrium_of_the_game_is_the_subsidy_war(params, level):
    a, b, c = params
    r = brander_spencer(demand_intercept=a, demand_slope=b, marginal_cost=c, subsidy=level, exact=True)
    eqs = bg.nash_equilibria(r.game, exact=True).equilibria
    assert len(eqs) == 1
    assert eqs[0].row_exact == (0, 1) and eqs[0].col_exact == (0, 1)
    assert eqs[0].payoffs_exact == (r.welfare["war"], r.welfare["war"])
    cd = bg.repeated.critical_delta(r.game, target=(0, 0), exact=True)
    w = r.welfare
    expected = (w["unilateral"] - w["free_trade"]) / (w["unilateral"] - w["war"])
    assert cd.delta_exact == expected == (Fraction(1, 4) if level == "unilateral" else Fraction(3, 10))


def test_broadcast_equals_elementwise_calls():
    a = np.array([2.0, 5.0])[:, None]
    c = np.array([0.0, 0.5, 1.5])
    r = brander_spencer(demand_intercept=a, marginal_cost=c, demand_slope=0.3)
    assert r.shape == (2, 3) and r.game.batch_shape == (2, 3)
    for i in range(2):
        for j in range(3):
            one = brander_spencer(demand_intercept=float(a[i, 0]), marginal_cost=float(c[j]),
                                  demand_slope=0.3)
            assert r.optimal_subsidy[i, j] == one.optimal_subsidy
            for key in r.welfare:
                assert r.welfare[key][i, j] == one.welfare[key]
                assert r.quantities[key][i, j] == one.quantities[key]
            np.testing.assert_array_equal(r.game[i, j].A, one.game.A)
    mask = bg.pure_equilibria(r.game)
    assert mask[..., 1, 1].all() and mask.sum(axis=(-1, -2)).max() == 1


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"marginal_cost": [0.5, 1]},
         r"industrial\.brander_spencer: marginal_cost must be below demand_intercept .*"
         r"got marginal_cost=1, demand_intercept=1 at index \(1,\)"),
        ({"marginal_cost": -1}, r"industrial\.brander_spencer: marginal_cost must be in \[0, inf\).*got -1"),
        ({"demand_slope": 0}, r"industrial\.brander_spencer: demand_slope must be in \(0, inf\).*got 0"),
        ({"subsidy": "half"},
         r"industrial\.brander_spencer: subsidy must be one of 'unilateral', 'equilibrium'; got 'half'"),
    ],
)
def test_bad_parameters_name_model_parameter_and_value(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        brander_spencer(**kwargs)


@settings(max_examples=20, deadline=None)
@given(markets)
def test_float_path_agrees_with_the_exact_path(params):
    a, b, c = params
    exact = brander_spencer(demand_intercept=a, demand_slope=b, marginal_cost=c, exact=True)
    floats = brander_spencer(demand_intercept=float(a), demand_slope=float(b), marginal_cost=float(c))
    assert float(floats.optimal_subsidy) == pytest.approx(float(exact.optimal_subsidy), rel=1e-12)
    for key in exact.welfare:
        assert float(floats.welfare[key]) == pytest.approx(float(exact.welfare[key]), rel=1e-9)
