"""Great-power balance models: hawk-dove (ESS), the crisis channel (correlated equilibrium), arms control."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.spheres import arms_control, crisis_channel, hawk_dove

positive = st.fractions(min_value=F(1, 10), max_value=20, max_denominator=30)
payoff = st.fractions(min_value=-10, max_value=10, max_denominator=12)


# ------------------------------------------------------------------------------ hawk-dove
def test_hawk_dove_closed_form_exact():
    r = hawk_dove(value=[4, 6, 8], cost=6, exact=True)
    assert r.ess.tolist() == [F(2, 3), 1, 1] and r.escalation.tolist() == r.ess.tolist()
    assert r.fight_prob.tolist() == [F(4, 9), 1, 1]
    assert r.payoff.tolist() == [F(2, 3), 0, 1]  # (V/2)(1 - V/C); (V - C)/2
    np.testing.assert_array_equal(r.game.A[0], [[-1, 4], [0, 2]])
    assert r.game.row_actions == ("Hawk", "Dove") and r.game.batch_shape == (3,)


@settings(max_examples=30, deadline=None)
@given(v=positive, c=positive)
def test_hawk_dove_agrees_with_ess_and_2x2_equilibria(v, c):
    r = hawk_dove(value=v, cost=c, exact=True)
    found = bg.ess(r.game)
    assert len(found.strategies_exact) == 1
    assert found.strategies_exact[0][0] == r.ess  # the unique ESS plays Hawk with probability ess
    eq = bg.equilibria_2x2(r.game)
    symmetric = [i for i in range(int(eq.count)) if eq.p[i] == pytest.approx(eq.q[i])]
    assert any(eq.p[i] == pytest.approx(float(r.ess)) for i in symmetric)
    p = float(r.ess)
    x = np.array([p, 1 - p])
    assert x @ r.game.A @ x == pytest.approx(float(r.payoff))


@settings(max_examples=40, deadline=None)
@given(v=positive, c1=positive, step=positive)
def test_escalation_falls_as_the_cost_of_conflict_rises(v, c1, step):
    c2 = c1 + step
    low, high = hawk_dove(value=v, cost=[c1, c2], exact=True).escalation.tolist()
    assert high <= low
    if v < c2:  # a costly enough war strictly cuts escalation
        assert high < low


def test_hawk_dove_broadcast_equals_pointwise_and_float_matches_exact():
    v, c = np.array([[1.0], [3.0], [5.0]]), np.array([0.5, 2.0, 4.0, 10.0])
    r = hawk_dove(value=v, cost=c)
    assert r.shape == (3, 4) and r.game.batch_shape == (3, 4)
    for i in range(3):
        for j in range(4):
            one = hawk_dove(value=v[i, 0], cost=c[j])
            exact = hawk_dove(value=v[i, 0], cost=c[j], exact=True)
            for name, value in one.arrays().items():
                assert r.arrays()[name][i, j] == value
                assert value == pytest.approx(exact.arrays()[name])
            np.testing.assert_array_equal(r.game.A[i, j], one.game.A)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"value": 0, "cost": 1}, r"spheres\.hawk_dove: value must be in \(0, inf\).*got 0"),
        ({"value": 1, "cost": [1, -1]}, r"spheres\.hawk_dove: cost must be in \(0, inf\).*got -1"),
        ({"value": "x", "cost": 1}, r"spheres\.hawk_dove: value must be real"),
    ],
)
def test_hawk_dove_bad_input(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        hawk_dove(**kwargs)


# ------------------------------------------------------------------------------ crisis channel
def test_crisis_channel_aumann_chicken_exact():
    r = crisis_channel(exact=True)
    assert r.firm_prob == F(1, 3) and r.nash_welfare == F(28, 3)  # 2 x 14/3
    assert r.channel_welfare == F(21, 2) and r.mediator_value == F(7, 6)
    assert r.alternation_welfare == 9
    assert r.distribution.tolist() == [[F(1, 2), F(1, 4)], [F(1, 4), 0]]


def test_crisis_channel_coin_between_pure_equilibria_when_compromise_is_poor():
    # 2R = 6 < S + T = 11: the mediator can do no better than a fair coin over (firm, yield)
    r = crisis_channel(win=10, compromise=3, lose=1, disaster=0, exact=True)
    assert r.distribution.tolist() == [[0, F(1, 2)], [F(1, 2), 0]]
    assert r.channel_welfare == 11 == r.alternation_welfare


chicken = st.lists(payoff, min_size=4, max_size=4, unique=True).map(lambda v: sorted(v, reverse=True))


@settings(max_examples=15, deadline=None)
@given(tsrp=chicken)
def test_crisis_channel_agrees_with_the_correlated_equilibrium_lp(tsrp):
    t, r_, s, p = tsrp
    r = crisis_channel(win=t, compromise=r_, lose=s, disaster=p, exact=True)
    ce = bg.correlated_equilibrium(r.game, exact=True)
    assert ce.value_exact == r.channel_welfare
    # the reported distribution is itself a correlated equilibrium with that welfare
    d = r.distribution
    A = np.array([[r_, s], [t, p]], dtype=object)
    for told, other in ((0, 1), (1, 0)):
        obey = sum(d[told, j] * A[told, j] for j in range(2))
        deviate = sum(d[told, j] * A[other, j] for j in range(2))
        assert obey >= deviate
    assert sum(d.ravel()) == 1 and min(d.ravel()) >= 0
    assert 2 * sum(d[i, j] * A[i, j] for i in range(2) for j in range(2)) == r.channel_welfare
    # the symmetric Nash equilibrium: firm with probability firm_prob, welfare nash_welfare
    f = r.firm_prob
    x = np.array([1 - f, f], dtype=object)
    assert (A @ x)[0] == (A @ x)[1]  # indifference
    assert 2 * (x @ A @ x) == r.nash_welfare
    assert r.mediator_value >= 0


def test_crisis_channel_broadcast_equals_pointwise():
    win = np.array([7.0, 9.0])
    lose = np.array([[2.0], [1.0], [3.0]])
    r = crisis_channel(win=win, lose=lose)
    assert r.shape == (3, 2) and r.distribution.shape == (3, 2, 2, 2)
    for i in range(3):
        for j in range(2):
            one = crisis_channel(win=win[j], lose=lose[i, 0])
            for name, value in one.arrays().items():
                np.testing.assert_array_equal(r.arrays()[name][i, j], value)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"win": 6}, r"spheres\.crisis_channel: chicken needs win > compromise; got win=6, compromise=6"),
        ({"lose": [2, 7]}, r"needs compromise > lose; got compromise=6, lose=7 at index \(1,\)"),
        ({"disaster": 2}, r"crisis_channel: chicken needs lose > disaster; got lose=2, disaster=2"),
        ({"disaster": np.inf}, r"crisis_channel: disaster must be finite"),
    ],
)
def test_crisis_channel_bad_input(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        crisis_channel(**kwargs)


# ------------------------------------------------------------------------------ arms control
def test_arms_control_closed_form_exact():
    r = arms_control(arms_cost=[1, 2, 5, 3], superiority=4, vulnerability=[3, 3, 3, 1], exact=True)
    assert r.critical_delta.tolist() == [F(3, 4), F(1, 2), 0, F(1, 2)]  # 1 - c/g; g <= c; (g-c)/(g-c+l)
    assert r.restraint_equilibrium.tolist() == [False, False, True, False]
    assert r.arms_race_equilibrium.tolist() == [True, True, False, False]
    assert r.security_dilemma.tolist() == [True, True, False, False]
    np.testing.assert_array_equal(r.game.A[0], [[0, -3], [3, -1]])


@settings(max_examples=30, deadline=None)
@given(c=positive, g=positive | st.just(F(0)), loss=positive)
def test_arms_control_agrees_with_critical_delta_and_stage_equilibria(c, g, loss):
    r = arms_control(arms_cost=c, superiority=g, vulnerability=loss, exact=True)
    cd = bg.repeated.critical_delta(r.game, target=(0, 0), strategy="grim", exact=True)
    assert cd.delta_exact == r.critical_delta and r.critical_delta < 1
    pure = bg.pure_equilibria(r.game)
    assert bool(pure[0, 0]) == bool(r.restraint_equilibrium)
    assert bool(pure[1, 1]) == bool(r.arms_race_equilibrium)


def test_arms_control_batch_matches_critical_delta_on_the_batch():
    c = np.array([0.5, 1.0, 2.0, 4.0])[:, None]
    g = np.array([0.0, 1.0, 3.0])
    r = arms_control(arms_cost=c, superiority=g, vulnerability=1.5)
    cd = bg.repeated.critical_delta(r.game, target=(0, 0), strategy="grim")
    np.testing.assert_allclose(r.critical_delta, cd.delta, rtol=1e-12, atol=1e-15)
    for i in range(4):
        for j in range(3):
            one = arms_control(arms_cost=c[i, 0], superiority=g[j], vulnerability=1.5)
            for name, value in one.arrays().items():
                assert r.arrays()[name][i, j] == value


@settings(max_examples=40, deadline=None)
@given(c1=positive, step=positive, g=positive, loss=positive)
def test_costlier_arms_make_restraint_easier_to_sustain(c1, step, g, loss):
    c2 = c1 + step
    low_cost, high_cost = arms_control(arms_cost=[c1, c2], superiority=g, vulnerability=loss,
                                       exact=True).critical_delta.tolist()
    assert high_cost <= low_cost


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"arms_cost": 0}, r"spheres\.arms_control: arms_cost must be in \(0, inf\).*got 0"),
        ({"superiority": -1}, r"spheres\.arms_control: superiority must be in \[0, inf\).*got -1"),
        ({"vulnerability": [1, 0]}, r"arms_control: vulnerability must be in \(0, inf\).*got 0 at index"),
    ],
)
def test_arms_control_bad_input(kwargs, match):
    base = {"arms_cost": 1, "superiority": 2, "vulnerability": 3}
    with pytest.raises(bg.InvalidModelError, match=match):
        arms_control(**{**base, **kwargs})
