"""Strategic unpredictability models: brinkmanship, the chain store (Kreps-Wilson), the value of ambiguity."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.unpredictability import ambiguity_value, brinkmanship, chain_store
from bargain.testing.strategies import games

positive = st.fractions(min_value=F(1, 20), max_value=20, max_denominator=50)
unit_open = st.fractions(min_value=F(1, 100), max_value=F(99, 100), max_denominator=100)


# ------------------------------------------------------------------------------ brinkmanship
def test_brinkmanship_closed_form_exact():
    r = brinkmanship(challenger_gain=3, challenger_disaster_cost=5, defender_concession_cost=2,
                     defender_disaster_cost=7, exact=True)
    assert r.minimal_risk == F(2, 7) and r.madman_prior == F(2, 7)
    assert bool(r.deterrable) and bool(r.challenges)
    assert r.challenger_payoff == 3 and r.defender_payoff == -2
    assert not bool(r.certain_threat_credible)


def test_brinkmanship_undeterrable_defender_is_left_alone():
    r = brinkmanship(challenger_gain=3, challenger_disaster_cost=5, defender_concession_cost=8,
                     defender_disaster_cost=7, exact=True)
    assert r.minimal_risk == 1 and not bool(r.deterrable) and not bool(r.challenges)
    assert r.challenger_payoff == 0 and r.defender_payoff == 0


def test_certain_threat_is_credible_only_for_a_challenger_indifferent_to_disaster():
    r = brinkmanship(challenger_gain=1, challenger_disaster_cost=[0, F(1, 10)], defender_concession_cost=1,
                     defender_disaster_cost=2, exact=True)
    assert r.certain_threat_credible.tolist() == [True, False]


@settings(max_examples=60, deadline=None)
@given(k=positive, d1=positive, d2=positive)
def test_minimal_risk_falls_as_defender_disaster_cost_rises(k, d1, d2):
    assume(d1 < d2)
    r = brinkmanship(challenger_gain=1, challenger_disaster_cost=1, defender_concession_cost=k,
                     defender_disaster_cost=[d1, d2], exact=True)
    low, high = r.minimal_risk.tolist()
    assert high <= low
    if k <= d1:  # both uncapped: strictly lower
        assert high < low


@settings(max_examples=60, deadline=None)
@given(g=positive, c=positive, k=positive, d=positive)
def test_brinkmanship_equilibrium_conditions(g, c, k, d):
    r = brinkmanship(challenger_gain=g, challenger_disaster_cost=c, defender_concession_cost=k,
                     defender_disaster_cost=d, exact=True)
    q = r.minimal_risk
    if r.deterrable:
        assert q * d >= k  # the defender concedes at q*
        assert q == 0 or (q - F(1, 10**6)) * d < k  # and not at any smaller risk
        assert r.challenger_payoff == g > 0
    else:
        assert d < k  # not even a certain disaster makes the defender concede
        assert r.challenger_payoff == 0  # so the challenger stays out (challenging costs q * c >= 0)
    # the madman prior pi deters iff pi * d >= k: the same number
    assert r.madman_prior == q


def test_brinkmanship_broadcast_equals_pointwise():
    g, c = np.array([1.0, 2.0]), np.array([[0.5], [3.0], [0.0]])
    k, d = np.array([0.5, 4.0]), 2.0
    r = brinkmanship(challenger_gain=g, challenger_disaster_cost=c, defender_concession_cost=k,
                     defender_disaster_cost=d)
    assert r.shape == (3, 2)
    for i in range(3):
        for j in range(2):
            one = brinkmanship(challenger_gain=g[j], challenger_disaster_cost=c[i, 0],
                               defender_concession_cost=k[j], defender_disaster_cost=d)
            for name, value in one.arrays().items():
                assert r.arrays()[name][i, j] == value


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"challenger_gain": 0}, r"unpredictability\.brinkmanship: challenger_gain must be in \(0, inf\)"),
        ({"challenger_disaster_cost": -1}, r"challenger_disaster_cost must be in \[0, inf\).*got -1"),
        ({"defender_disaster_cost": [1, -2]}, r"brinkmanship: defender_disaster_cost must be in .*got -2"),
        ({"defender_concession_cost": np.nan}, r"brinkmanship: defender_concession_cost must be finite"),
    ],
)
def test_brinkmanship_bad_input(kwargs, match):
    base = {"challenger_gain": 1, "challenger_disaster_cost": 1, "defender_concession_cost": 1,
            "defender_disaster_cost": 2}
    with pytest.raises(bg.InvalidModelError, match=match):
        brinkmanship(**{**base, **kwargs})


# ------------------------------------------------------------------------------ chain store
def _kreps_wilson_reference(a, b, prior, n):
    """The Kreps-Wilson (1982, Section 3) equilibrium, played market by market in Fractions.

    Returns rows (k, p_k, stay-out probability, weak fight probability, posterior after a
    fight), following the branch on which every entry (where entry has positive
    probability) is fought.
    """
    rows, p = [], prior
    for k in range(n, 0, -1):
        if p > b**k:
            out = F(1)
        elif p == b**k:
            out = 1 / a
        else:
            out = F(0)
        if k == 1:
            beta = F(0)
        elif p >= b ** (k - 1):
            beta = F(1)
        else:  # Bayes: p / (p + (1 - p) beta) = b^(k-1)
            beta = p * (1 - b ** (k - 1)) / ((1 - p) * b ** (k - 1))
        fight_total = p + (1 - p) * beta
        post = p / fight_total
        rows.append((k, p, out, beta, post))
        if out < 1:  # entry has positive probability: follow entry and a fight
            p = post
    return rows


@pytest.mark.parametrize(
    ("a", "b", "prior", "n"),
    [(2, F(1, 2), F(1, 10), 5), (3, F(2, 3), F(1, 100), 14), (F(3, 2), F(1, 3), F(1, 9), 4),
     (5, F(1, 2), F(1, 4), 4), (2, F(9, 10), F(1, 2), 1)],
)
def test_chain_store_reproduces_kreps_wilson_exactly(a, b, prior, n):
    r = chain_store(a=a, b=b, prior=prior, markets=n, exact=True)
    path = r.path
    ref = _kreps_wilson_reference(F(a), b, prior, n)
    assert path.markets_remaining.tolist() == [row[0] for row in ref]
    assert path.reputation.tolist() == [row[1] for row in ref]
    assert path.stay_out_prob.tolist() == [row[2] for row in ref]
    assert path.fight_prob.tolist() == [row[3] for row in ref]
    assert path.posterior_after_fight.tolist() == [row[4] for row in ref]
    assert r.thresholds.tolist() == [b**k for k in range(n, 0, -1)]
    assert all(isinstance(v, F) for v in path.reputation.tolist() + path.fight_prob.tolist())


def test_chain_store_textbook_numbers():
    # a = 2, b = 1/2, prior = 1/10, five markets: thresholds 1/32 ... 1/2; deterrence in the
    # first two markets, entry at k = 3 (1/10 < 1/8), then the reputations b^2, b.
    r = chain_store(a=2, b=F(1, 2), prior=F(1, 10), markets=5, exact=True)
    assert r.deterred_markets == 2
    assert r.path.fight_prob.tolist() == [1, F(7, 9), F(1, 3), F(1, 3), 0]
    assert r.path.stay_out_prob.tolist() == [1, 1, 0, F(1, 2), F(1, 2)]


@settings(max_examples=40, deadline=None)
@given(a=st.fractions(min_value=F(11, 10), max_value=10, max_denominator=20), b=unit_open, prior=unit_open)
def test_chain_store_indifference_conditions(a, b, prior):
    n = 6
    path = chain_store(a=a, b=b, prior=prior, markets=n, exact=True).path
    for i in range(n):
        k, p = n - i, path.reputation[i]
        beta, post = path.fight_prob[i], path.posterior_after_fight[i]
        fight_total = p + (1 - p) * beta
        assert post == p / fight_total  # Bayes' rule on a fight
        if 0 < beta < 1:
            assert post == b ** (k - 1)  # the weak type mixes to make the next entrant indifferent
            if path.stay_out_prob[i] < 1:
                # the weak type's indifference: fighting costs 1 now and buys reputation b^(k-1),
                # at which the next entrant stays out with probability 1/a (worth a): 1 in all
                assert path.reputation[i + 1] == b ** (k - 1)
                assert path.stay_out_prob[i + 1] * a == 1
        if p == b**k:  # the entrant mixes exactly when fighting is as likely as b (its indifference)
            assert fight_total == b and path.stay_out_prob[i] == 1 / a


@settings(max_examples=50, deadline=None)
@given(b=st.floats(0.05, 0.95), prior=st.floats(1e-6, 0.99), early=st.integers(1, 5))
def test_chain_store_deters_early_markets_for_any_prior_once_the_horizon_is_long(b, prior, early):
    horizon = math.floor(math.log(prior) / math.log(b)) + 1 + early
    assume(horizon <= 2000)
    r = chain_store(a=2, b=b, prior=prior, markets=horizon)
    assert np.all(r.path.stay_out_prob[:early] == 1)
    assert np.all(r.path.reputation[:early] == prior)
    assert r.deterred_markets >= early


def test_chain_store_float_matches_exact_and_broadcast_matches_pointwise():
    a = np.array([2.0, 4.0])[:, None]
    b = np.array([0.5, 0.25, 0.75])
    r = chain_store(a=a, b=b, prior=0.1, markets=6)
    assert r.shape == (2, 3) and r.path.reputation.shape == (2, 3, 6) and r.thresholds.shape == (2, 3, 6)
    for i in range(2):
        for j in range(3):
            one = chain_store(a=float(a[i, 0]), b=float(b[j]), prior=0.1, markets=6)
            exact = chain_store(a=float(a[i, 0]), b=float(b[j]), prior=0.1, markets=6, exact=True)
            for field in ("reputation", "stay_out_prob", "fight_prob", "posterior_after_fight"):
                batch_row = getattr(r.path, field)[i, j]
                np.testing.assert_array_equal(batch_row, getattr(one.path, field))
                np.testing.assert_allclose(batch_row, getattr(exact.path, field).astype(float), rtol=1e-12)
            assert r.deterred_markets[i, j] == one.deterred_markets


def test_chain_store_path_is_frozen_and_prints():
    r = chain_store(a=2, b=0.5, prior=0.1, markets=3)
    with pytest.raises(ValueError):
        r.path.reputation[0] = 0.5
    assert repr(r.path) == "ChainStorePath(3 markets)"
    assert r.path.table().splitlines()[0].split()[0] == "k"
    with pytest.raises(bg.InvalidArgumentError, match="index one parameter point"):
        chain_store(a=[2, 3], b=0.5, prior=0.1, markets=3).path.table()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"a": 1}, r"unpredictability\.chain_store: a must be in \(1, inf\).*got 1"),
        ({"b": 1}, r"chain_store: b must be in \(0, 1\).*got 1"),
        ({"prior": 0}, r"chain_store: prior must be in \(0, 1\).*got 0"),
        ({"markets": 0}, r"chain_store: markets must be in integers >= 1.*got 0"),
        ({"markets": 2.5}, r"chain_store: markets must be in integers >= 1.*got 2.5"),
        ({"markets": [3, 4]}, r"chain_store: markets must be one number .*3 and 4"),
    ],
)
def test_chain_store_bad_input(kwargs, match):
    base = {"a": 2, "b": 0.5, "prior": 0.1, "markets": 3}
    with pytest.raises(bg.InvalidModelError, match=match):
        chain_store(**{**base, **kwargs})


# ------------------------------------------------------------------------------ ambiguity value
def test_ambiguity_value_conitzer_sandholm_example():
    g = bg.Game([[2, 4], [1, 3]], [[1, 0], [0, 1]], players=("US", "Rival"))
    r = ambiguity_value(g)
    assert (r.mixed, r.pure, r.best_nash) == (3.5, 3.0, 2.0)
    assert r.value_of_ambiguity == 0.5 and r.value_of_commitment == 1.5 and bool(r.complete)
    np.testing.assert_allclose(r.leader_strategy, [0.5, 0.5])
    assert r.labels.players == ("US", "Rival") and r.success


@settings(max_examples=25, deadline=None)
@given(g=games(rows=(2, 3), cols=(2, 3)), leader=st.sampled_from(["row", "col"]))
def test_ambiguity_value_agrees_with_commitment_value(g, leader):
    r = ambiguity_value(g, leader=leader)
    cv = bg.commitment_value(g, leader=leader)
    assert r.mixed == cv.mixed and r.pure == cv.pure
    assert r.value_of_ambiguity == cv.value_of_ambiguity
    assert r.value_of_ambiguity >= -1e-9  # randomising never hurts a committed leader
    if cv.complete:
        assert r.value_of_commitment >= -1e-9
    # the reported commitment earns the leader its mixed payoff against a best response
    x = np.asarray(r.leader_strategy)
    L, Fm = (g.A, g.B) if leader == "row" else (g.B.T, g.A.T)
    follower = x @ Fm
    best = np.flatnonzero(follower >= follower.max() - 1e-9 * max(np.ptp(Fm), 1e-300))
    assert max(float(x @ L[:, j]) for j in best) == pytest.approx(r.mixed, abs=1e-7 * max(1, np.ptp(L)))


def test_ambiguity_value_bad_input():
    with pytest.raises(bg.InvalidModelError, match=r"unpredictability\.ambiguity_value: game: .*got list"):
        ambiguity_value([[1, 2], [3, 4]])
    batch = bg.Game(np.zeros((3, 2, 2)), np.zeros((3, 2, 2)))
    with pytest.raises(bg.InvalidModelError, match=r"ambiguity_value: game: takes a single game"):
        ambiguity_value(batch)
    with pytest.raises(bg.InvalidModelError, match=r"ambiguity_value: leader must be one of 'row', 'col'"):
        ambiguity_value(bg.Game([[1]], [[1]]), leader="both")
