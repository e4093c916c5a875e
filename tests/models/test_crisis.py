"""Crisis bargaining models (bargain.models.crisis): Fearon's range, risk-return, the commitment problem."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

import bargain as bg
from bargain.models import crisis
from bargain.models.crisis import GRID_POINTS, fearon, power_shift, risk_return

unit = st.fractions(min_value=0, max_value=1, max_denominator=50)
costs = st.fractions(min_value=0, max_value=F(3, 2), max_denominator=50)
discounts = st.fractions(min_value=0, max_value=F(49, 50), max_denominator=50)


# ------------------------------------------------------------------------------ fearon
def test_fearon_range_and_take_it_or_leave_it_offers_exact():
    # Fearon (1995): range [p - c_A, p + c_B]; A proposing takes p + c_B, B proposing leaves p - c_A
    r = fearon(p=F(3, 5), cost_a=F(1, 10), cost_b=F(1, 5), status_quo=F(7, 10), exact=True)
    assert list(r.range) == [F(1, 2), F(4, 5)]
    assert list(r.war_payoffs) == [F(1, 2), F(1, 5)]
    assert r.a_proposes == F(4, 5) and r.b_proposes == F(1, 2)
    assert bool(r.status_quo_in_range) and r.message == ""


def test_fearon_clips_the_range_to_the_pie():
    r = fearon(p=[F(1, 10), F(19, 20)], cost_a=F(1, 5), cost_b=F(1, 5), exact=True)
    assert r.range.tolist() == [[0, F(3, 10)], [F(3, 4), 1]]
    assert r.war_payoffs.tolist() == [[F(-1, 10), F(7, 10)], [F(3, 4), F(-3, 20)]]
    assert not r.status_quo_in_range.any() and "no status quo" in r.message


@settings(max_examples=40, deadline=None)
@given(unit, costs, costs, costs, costs)
def test_fearon_range_widens_with_war_costs(p, ca, cb, extra_a, extra_b):
    small = fearon(p=p, cost_a=ca, cost_b=cb, exact=True)
    big = fearon(p=p, cost_a=ca + extra_a, cost_b=cb + extra_b, exact=True)
    assert big.range[0] <= small.range[0] <= p <= small.range[1] <= big.range[1]
    assert big.range[1] - big.range[0] >= small.range[1] - small.range[0]


@settings(max_examples=40, deadline=None)
@given(unit, unit, unit)
def test_fearon_unclipped_range_is_as_wide_as_the_total_cost_of_war(p, u, v):
    ca, cb = p * u, (1 - p) * v  # costs small enough that the range stays inside the pie
    r = fearon(p=p, cost_a=ca, cost_b=cb, exact=True)
    assert r.range[1] - r.range[0] == ca + cb


@settings(max_examples=40, deadline=None)
@given(unit, costs, costs, unit)
def test_fearon_status_quo_in_range_iff_both_prefer_it_to_war(p, ca, cb, q):
    r = fearon(p=p, cost_a=ca, cost_b=cb, status_quo=q, exact=True)
    a_war, b_war = r.war_payoffs
    assert bool(r.status_quo_in_range) == (q >= a_war and 1 - q >= b_war)
    # the take-it-or-leave-it offers leave the responder exactly its war payoff (unless clipped)
    assert r.a_proposes == min(1, 1 - b_war) and r.b_proposes == max(0, a_war)


@pytest.mark.parametrize(("p", "ca", "cb"), [(F(3, 5), F(1, 10), F(1, 5)), (F(1, 4), F(1, 2), F(1, 20))])
def test_take_it_or_leave_it_offers_match_the_stackelberg_solver(p, ca, cb):
    # the ultimatum as a commitment game on offers 0, 1/20, ..., 1: the proposer commits to an
    # offer, the responder accepts or fights (ties to the leader, as in the closed form)
    r = fearon(p=p, cost_a=ca, cost_b=cb, exact=True)
    offers = [F(i, 20) for i in range(21)]
    names = tuple(str(x) for x in offers)
    a_rows = bg.Game(
        [[x, p - ca] for x in offers], [[1 - x, 1 - p - cb] for x in offers],
        row_actions=names, col_actions=("accept", "fight"), players=("A", "B"),
    )
    a_leads = bg.stackelberg(a_rows, leader="row", commitment="pure")
    assert offers[int(np.argmax(a_leads.leader_strategy))] == r.a_proposes and a_leads.follower_action == 0
    b_leads = bg.stackelberg(a_rows.transpose(), leader="col", commitment="pure")
    assert offers[int(np.argmax(b_leads.leader_strategy))] == r.a_proposes  # the same game, players swapped
    b_cols = bg.Game(
        [offers, [p - ca] * 21], [[1 - x for x in offers], [1 - p - cb] * 21],
        row_actions=("accept", "fight"), col_actions=names, players=("A", "B"),
    )
    b_offers = bg.stackelberg(b_cols, leader="col", commitment="pure")
    assert offers[int(np.argmax(b_offers.leader_strategy))] == r.b_proposes and b_offers.follower_action == 0


def test_fearon_broadcast_equals_pointwise():
    p = np.array([0.1, 0.5, 0.9])[:, None]
    ca = np.array([0.0, 0.3])
    sq = np.array([[0.2], [0.5], [0.95]])
    r = fearon(p=p, cost_a=ca, cost_b=0.15, status_quo=sq)
    assert r.shape == (3, 2) and r.range.shape == (3, 2, 2)
    for i in range(3):
        for j in range(2):
            one = fearon(p=p[i, 0], cost_a=ca[j], cost_b=0.15, status_quo=sq[i, 0])
            np.testing.assert_allclose(r.range[i, j], one.range)
            np.testing.assert_allclose(r.war_payoffs[i, j], one.war_payoffs)
            assert r.status_quo_in_range[i, j] == one.status_quo_in_range
            assert r.a_proposes[i, j] == one.a_proposes and r.b_proposes[i, j] == one.b_proposes


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"p": 1.5, "cost_a": 0.1, "cost_b": 0.1}, r"crisis\.fearon: p must be in \[0, 1\].*got 1\.5"),
        ({"p": 0.5, "cost_a": -0.1, "cost_b": 0.1}, r"fearon: cost_a must be in \[0, inf\).*-0\.1"),
        ({"p": 0.5, "cost_a": 0.1, "cost_b": 0.1, "status_quo": 1.2}, r"status_quo must be in \[0, 1\].*1\.2"),  # noqa: E501
        ({"p": 0.5, "cost_a": 0.1, "cost_b": 0.1, "status_quo": "x"}, r"crisis\.fearon: status_quo must be"),
        ({"p": 0.5, "cost_a": 0.1, "cost_b": 0.1, "status_quo": [0.1, 0.2]}, r"status_quo of shape \(2,\)"),
    ],
)
def test_fearon_bad_input(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        fearon(**kwargs)


# ------------------------------------------------------------------------------ risk_return
def _expected_utility(x, p, ca, low, high):
    """A's expected utility of demanding x against a uniform cost on [low, high] (x may be an array)."""
    accept = np.clip((high - (x - p)) / (high - low), 0, 1) if high > low else (x - p <= low + 1e-12) * 1.0
    return x * accept + (p - ca) * (1 - accept)


def test_risk_return_interior_closed_form_exact():
    # interior case: demand p + (h - c_A)/2, war probability (h - c_A - 2l) / (2(h - l)),
    # utility p - c_A + (h + c_A)^2 / (4 (h - l))
    p, ca, lo, hi = F(2, 5), F(1, 10), F(1, 20), F(1, 2)
    r = risk_return(p=p, cost_a=ca, cost_b=(lo, hi), exact=True)
    assert r.demand == p + (hi - ca) / 2 == F(3, 5)
    assert r.war_probability == (hi - ca - 2 * lo) / (2 * (hi - lo)) == F(1, 3)
    assert r.expected_utility == p - ca + (hi + ca) ** 2 / (4 * (hi - lo))


@pytest.mark.parametrize(
    ("p", "ca", "bounds", "demand", "war"),
    [
        (F(1, 2), F(3, 10), (F(1, 10), F(2, 5)), F(3, 5), 0),  # c_A >= h - 2l: the safe demand p + l
        (F(9, 10), 0, (0, F(1, 2)), 1, F(1, 5)),  # the pie's edge: A demands everything
        (F(1, 2), F(1, 10), (F(1, 5), F(1, 5)), F(7, 10), 0),  # no uncertainty: p + c_B, peace
        (F(9, 10), F(1, 10), (F(1, 5), F(1, 5)), 1, 0),  # no uncertainty, clipped at the edge
    ],
)
def test_risk_return_corner_cases_exact(p, ca, bounds, demand, war):
    r = risk_return(p=p, cost_a=ca, cost_b=bounds, exact=True)
    assert r.demand == demand and r.war_probability == war
    assert r.expected_utility == demand * (1 - war) + (p - ca) * war


@settings(max_examples=40, deadline=None)
@given(unit, costs, st.fractions(0, 1, max_denominator=20), st.fractions(0, 1, max_denominator=20))
def test_risk_return_demand_beats_every_demand_on_a_grid(p, ca, a, b):
    lo, hi = float(min(a, b)), float(max(a, b))
    r = risk_return(p=float(p), cost_a=float(ca), cost_b=(lo, hi))
    xs = np.linspace(0, 1, 2001)
    best = _expected_utility(xs, float(p), float(ca), lo, hi).max()
    assert r.expected_utility >= best - 1e-12
    assert r.expected_utility == pytest.approx(
        _expected_utility(np.array(r.demand), float(p), float(ca), lo, hi), abs=1e-12
    )


@settings(max_examples=40, deadline=None)
@given(
    st.fractions(0, F(1, 2), max_denominator=40),
    st.fractions(F(1, 50), F(1, 5), max_denominator=50),
    st.fractions(0, F(1, 10), max_denominator=40),
    st.fractions(0, 1, max_denominator=20),
    st.fractions(0, 1, max_denominator=20),
)
def test_war_probability_rises_with_uncertainty_about_the_cost(p, mean, ca, u, v):
    # the same mean cost, a wider uniform support: in the interior case war becomes likelier.
    # Interior for half-width s: c_A < h - 2 l = 3 s - mean (and the pie's edge is not reached).
    assume(ca < 2 * mean)
    small = (mean + ca) / 3 + u * (mean - (mean + ca) / 3)
    big = small + v * (mean - small)
    assume(small < big and (mean + ca) / 3 < small)
    pair = [(mean - small, mean + small), (mean - big, mean + big)]
    r = risk_return(p=[p, p], cost_a=ca, cost_b=pair, exact=True)  # cost_b adds no axes of its own
    assert r.war_probability[0] < r.war_probability[1]
    assert r.war_probability[1] == F(3, 4) - (mean + ca) / (4 * big)


def test_risk_return_broadcast_equals_pointwise():
    p = np.array([0.2, 0.5, 0.95])[:, None]
    ca = np.array([0.0, 0.1, 0.4])
    bounds = np.array([[0.0, 0.4], [0.1, 0.3], [0.2, 0.2]])[None, :, :]
    r = risk_return(p=p, cost_a=ca, cost_b=bounds)
    assert r.shape == (3, 3)
    for i in range(3):
        for j in range(3):
            one = risk_return(p=p[i, 0], cost_a=ca[j], cost_b=tuple(bounds[0, j]))
            assert r.demand[i, j] == pytest.approx(one.demand)
            assert r.war_probability[i, j] == pytest.approx(one.war_probability)
            assert r.expected_utility[i, j] == pytest.approx(one.expected_utility)


def test_risk_return_distribution_matches_the_uniform_closed_form():
    p = np.array([0.0, 0.3, 0.6, 0.9])[:, None]
    ca = np.array([0.0, 0.05, 0.2, 0.5])
    closed = risk_return(p=p, cost_a=ca, cost_b=(0.1, 0.5))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        num = risk_return(p=p, cost_a=ca, cost_b=stats.uniform(loc=0.1, scale=0.4))
    assert num.success and "within" in num.message
    np.testing.assert_allclose(num.expected_utility, closed.expected_utility, atol=1e-9)
    np.testing.assert_allclose(num.demand, closed.demand, atol=1e-6)
    np.testing.assert_allclose(num.war_probability, closed.war_probability, atol=1e-5)


def test_risk_return_distribution_against_brute_force():
    dist = stats.gamma(2.0, scale=0.1)
    p, ca = np.array([0.2, 0.55, 0.8]), np.array([0.05, 0.0, 0.3])
    r = risk_return(p=p, cost_a=ca, cost_b=dist)
    for i in range(3):
        xs = np.linspace(p[i], 1, 200_001)
        eu = xs * dist.sf(xs - p[i]) + (p[i] - ca[i]) * dist.cdf(xs - p[i])
        assert r.expected_utility[i] == pytest.approx(eu.max(), abs=1e-9)
        assert r.demand[i] == pytest.approx(xs[eu.argmax()], abs=1e-4)
        assert r.war_probability[i] == pytest.approx(dist.cdf(r.demand[i] - p[i]))


@pytest.mark.parametrize(
    "dist", [stats.gamma(2.0, scale=0.1), stats.beta(0.5, 0.5, scale=0.4), stats.uniform(0.3, 1e-6)]
)
def test_risk_return_envelope_path_equals_the_table_path(monkeypatch, dist):
    # many distinct cost_a values switch from per-value tables to upper envelopes of lines
    rng = np.random.default_rng(3)
    p, ca = rng.random(600), rng.random(600) * 0.6
    p[:50], p[50:100], ca[100:150] = 1.0, 0.0, 0.0
    monkeypatch.setattr(crisis, "_TABLE_MAX_DISTINCT", 10**9)
    table = risk_return(p=p, cost_a=ca, cost_b=dist)
    monkeypatch.setattr(crisis, "_TABLE_MAX_DISTINCT", 0)
    envelope = risk_return(p=p, cost_a=ca, cost_b=dist)
    np.testing.assert_allclose(envelope.demand, table.demand, atol=1e-12)
    np.testing.assert_allclose(envelope.expected_utility, table.expected_utility, atol=1e-12)
    assert envelope.message == table.message


def test_risk_return_narrow_distribution_is_still_within_the_proved_gap():
    # a cost known to within 1e-6: the grid cannot see inside the support, the bound still holds
    narrow = stats.uniform(loc=0.3, scale=1e-6)
    r = risk_return(p=0.2, cost_a=0.1, cost_b=narrow)
    gap = float(r.message.split("within ")[1].split(" ")[0])
    assert r.success and gap <= 1 / (GRID_POINTS - 1)
    best = 0.2 + 0.3 + 1e-6  # no demand is worth more than the pie up to the toughest type
    assert best - gap - 1e-12 <= r.expected_utility <= best


def test_risk_return_gap_above_the_tolerance_is_uncertified_and_warns(monkeypatch):
    monkeypatch.setattr(crisis, "VALUE_TOL", 1e-12)
    with pytest.warns(bg.ConvergenceWarning, match="more than 1e-12"):
        r = risk_return(p=0.2, cost_a=0.1, cost_b=stats.expon(scale=0.2))
    assert r.status is bg.Status.UNCERTIFIED and not r.success


@pytest.mark.parametrize(
    ("cost_b", "kwargs", "match"),
    [
        ((0.3, 0.1), {}, r"crisis\.risk_return: cost_b must be \(low, high\).*got low=0\.3, high=0\.1"),
        ((-0.1, 0.2), {}, r"cost_b must be \(low, high\).*got low=-0\.1, high=0\.2"),
        ((0.1, 0.2, 0.3), {}, r"cost_b must be .*shape \(3,\)"),
        (0.2, {}, r"cost_b must be .*shape \(\)"),
        ("low", {}, r"crisis\.risk_return: cost_b must be"),
        (stats.poisson(1), {}, "continuous distribution, got the discrete poisson"),
        (stats.norm(), {}, "non-negative support"),
        (stats.uniform(0, 1), {"exact": True}, "exact=True needs cost_b as"),
        ([[0, 0.2], [0, 0.3]], {"p": [0.1, 0.2, 0.3]}, r"cost_b of shape \(2, 2\) must broadcast"),
    ],
)
def test_risk_return_bad_input(cost_b, kwargs, match):
    args = {"p": 0.5, "cost_a": 0.1} | kwargs
    with pytest.raises(bg.InvalidModelError, match=match):
        risk_return(cost_b=cost_b, **args)


# ------------------------------------------------------------------------------ power_shift
def test_power_shift_closed_form_exact():
    # delta 9/10, p_now 1/2, cost 1: A's war value now 5 - 1 = 4; B can give at most 1 today
    r = power_shift(delta=F(9, 10), p_now=F(1, 2), p_later=F(1, 5), cost=1, exact=True)
    assert r.offer_later == F(1, 5) - F(1, 10)  # p_later - (1 - delta) cost
    assert r.offer_now == 4 - F(9, 10) * (r.offer_later / F(1, 10))
    assert r.critical_p_later == (F(1, 2) - F(1, 10) - F(1, 100)) / F(9, 10) == F(13, 30)
    assert bool(r.war)
    at = power_shift(delta=F(9, 10), p_now=F(1, 2), p_later=F(13, 30), cost=1, exact=True)
    assert not bool(at.war) and at.offer_now == 1  # at the critical value B's whole pie just buys peace


def test_power_shift_no_shift_means_peace_and_small_stakes_mean_peace():
    r = power_shift(delta=[0, 0.5, 0.99], p_now=0.8, p_later=0.8, cost=0)
    assert not r.war.any()
    assert power_shift(delta=0, p_now=1, p_later=0, cost=0).critical_p_later == 0


def _brute_force_war(delta, p_now, p_later, cost, horizon=3000):
    """Backward induction on a long finite horizon: does A fight in period 0?"""
    value = 0.0  # A's continuation value after the last period
    tail = 0.0  # A's value of a war that began earlier is not needed: war is absorbing
    for t in range(horizon, 0, -1):
        periods_left = horizon - t + 1
        war_value = p_later * (1 - delta**periods_left) / (1 - delta) - cost
        need = war_value - delta * value
        value = max(need, 0.0) + delta * value if need <= 1 else war_value
        tail = value
    war_now = p_now * (1 - delta ** (horizon + 1)) / (1 - delta) - cost
    return war_now - delta * tail > 1


@settings(max_examples=50, deadline=None)
@given(discounts, unit, unit, costs)
def test_power_shift_war_iff_the_shift_is_large_enough(delta, p_now, p_later, cost):
    r = power_shift(delta=delta, p_now=p_now, p_later=p_later, cost=cost, exact=True)
    assert bool(r.war) == (p_later < r.critical_p_later)
    assert r.critical_p_later <= p_now  # without a shift there is no war
    # value comparison: A fights iff its war value beats the best peace B can promise
    later_value = max(0, p_later / (1 - delta) - cost)
    assert bool(r.war) == (p_now / (1 - delta) - cost > 1 + delta * later_value)
    # war is monotone in the shift: a smaller p_later never restores peace
    if r.war:
        assert bool(power_shift(delta=delta, p_now=p_now, p_later=p_later / 2, cost=cost, exact=True).war)


@settings(max_examples=30, deadline=None)
@given(
    st.floats(0.05, 0.95), st.floats(0, 1), st.floats(0, 1), st.floats(0, 2)
)
def test_power_shift_agrees_with_backward_induction(delta, p_now, p_later, cost):
    r = power_shift(delta=delta, p_now=p_now, p_later=p_later, cost=cost)
    margin = p_now / (1 - delta) - cost - 1 - delta * max(0.0, p_later / (1 - delta) - cost)
    assume(abs(margin) > 1e-6)
    assert bool(r.war) == _brute_force_war(delta, p_now, p_later, cost)


def test_power_shift_broadcast_equals_pointwise():
    delta = np.array([0.5, 0.9, 0.95])[:, None, None]
    p_later = np.array([0.1, 0.4])[None, :, None]
    cost = np.array([0.0, 0.5, 2.0])
    r = power_shift(delta=delta, p_now=0.6, p_later=p_later, cost=cost)
    assert r.shape == (3, 2, 3)
    for idx in np.ndindex(3, 2, 3):
        i, j, k = idx
        one = power_shift(delta=delta[i, 0, 0], p_now=0.6, p_later=p_later[0, j, 0], cost=cost[k])
        assert r.war[idx] == one.war
        for name in ("critical_p_later", "offer_now", "offer_later"):
            assert getattr(r, name)[idx] == pytest.approx(getattr(one, name))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"delta": 1.0}, r"crisis\.power_shift: delta must be in \[0, 1\).*got 1"),
        ({"p_later": -0.2}, r"crisis\.power_shift: p_later must be in \[0, 1\].*got -0\.2"),
        ({"cost": np.nan}, r"crisis\.power_shift: cost must be finite"),
    ],
)
def test_power_shift_bad_input(kwargs, match):
    args = {"delta": 0.9, "p_now": 0.5, "p_later": 0.3, "cost": 0.2} | kwargs
    with pytest.raises(bg.InvalidModelError, match=match):
        power_shift(**args)


def test_crisis_models_are_registered():
    models = bg.models.registry()
    for name in ("crisis.fearon", "crisis.risk_return", "crisis.power_shift"):
        assert name in models and models[name].source
