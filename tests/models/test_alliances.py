"""bargain.models.alliances: Olson-Zeckhauser burden sharing (Nash, leader) and conditional guarantees."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.alliances import conditional_guarantee, olson_zeckhauser

fractions_ = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=12)
alphas = st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20), max_denominator=20)
float_incomes = st.lists(st.floats(0.1, 10.0), min_size=2, max_size=5)
float_alphas = st.floats(0.05, 0.95)


def _followers_total(g, others, a):
    """The followers' Nash total given the leader's g: root of G = g + sum max(w_j - bG, 0), by bisection."""
    b = (1 - a) / a
    g = np.asarray(g, dtype=float)
    lo, hi = np.zeros_like(g), g + others.sum() + 1.0
    for _ in range(100):
        mid = (lo + hi) / 2
        over = mid - g - np.maximum(others - b * mid[..., None], 0).sum(-1) > 0
        hi, lo = np.where(over, mid, hi), np.where(over, lo, mid)
    return (lo + hi) / 2


# ------------------------------------------------------------------------------ Nash (BBV)
@settings(max_examples=40, deadline=None)
@given(st.lists(fractions_, min_size=2, max_size=5), alphas)
def test_nash_contributions_satisfy_the_bbv_conditions_exactly(incomes, alpha):
    r = olson_zeckhauser(incomes=incomes, alpha=alpha, exact=True)
    g, G = list(r.contributions), r.total
    assert all(isinstance(x, Fraction) for x in g) and isinstance(G, Fraction)
    assert G == sum(g)
    contributors = [i for i, x in enumerate(g) if x > 0]
    for w, x in zip(incomes, g):
        if x > 0:  # interior first-order condition: g_i = alpha w_i - (1 - alpha) G_{-i}
            assert x == alpha * w - (1 - alpha) * (G - x)
        else:  # giving nothing is optimal: the marginal utility of the first unit is <= 0
            assert alpha * w <= (1 - alpha) * G
    # the closed form on the active set, and the active set is the richest allies
    W_c = sum(incomes[i] for i in contributors)
    assert G == alpha * W_c / (alpha + len(contributors) * (1 - alpha))
    assert min(incomes[i] for i in contributors) >= max(
        [incomes[i] for i in range(len(incomes)) if i not in contributors], default=0
    )
    assert r.efficient_total == alpha * sum(incomes)
    assert list(r.income_shares) == [w / sum(incomes) for w in incomes]
    assert list(r.burden_shares) == [x / G for x in g]
    assert list(r.contributors) == [x > 0 for x in g]


@settings(max_examples=30, deadline=None)
@given(fractions_, alphas, st.fractions(Fraction(1, 100), 1, max_denominator=100))
def test_two_allies_both_contributing_reproduce_g_equals_alpha_w_over_two_minus_alpha(w1, alpha, t):
    # the smaller ally contributes iff w2 > (1 - alpha) w1: take w2 in ((1 - alpha) w1, w1]
    w2 = w1 * (1 - alpha + t * alpha)
    r = olson_zeckhauser(incomes=[w1, w2], alpha=alpha, exact=True)
    W = w1 + w2
    G = alpha * W / (2 - alpha)
    assert r.total == G
    assert list(r.contributions) == [w - (1 - alpha) / alpha * G for w in (w1, w2)]
    assert all(x > 0 for x in r.contributions)
    # and at the boundary the smaller ally gives nothing
    edge = olson_zeckhauser(incomes=[w1, (1 - alpha) * w1], alpha=alpha, exact=True)
    assert edge.contributions[1] == 0 and edge.total == alpha * w1


@settings(max_examples=25, deadline=None)
@given(float_incomes, float_alphas)
def test_each_nash_contribution_is_a_best_reply_on_a_grid(incomes, alpha):
    w = np.array(incomes)
    r = olson_zeckhauser(incomes=w, alpha=alpha)
    for i in range(len(w)):
        others = np.delete(np.asarray(r.contributions), i).sum()
        grid = np.linspace(0, w[i], 4001)[:-1]
        best = np.max((w[i] - grid) ** (1 - alpha) * (grid + others) ** alpha)
        assert r.utilities[i] >= best * (1 - 1e-12)


@settings(max_examples=50, deadline=None)
@given(float_incomes, float_alphas)
def test_the_largest_ally_carries_at_least_its_income_share(incomes, alpha):
    r = olson_zeckhauser(incomes=incomes, alpha=alpha)
    big = int(np.argmax(incomes))
    assert r.burden_shares[big] >= r.income_shares[big] - 1e-12
    assert r.total <= r.efficient_total * (1 + 1e-12)  # Nash under-provides (Samuelson)


def test_exploitation_of_the_great_by_the_small_exactly():
    r = olson_zeckhauser(incomes=[8, 2], alpha=Fraction(1, 2), exact=True)
    # the small ally free-rides completely: the great one pays everything with 80% of income
    assert list(r.contributions) == [4, 0] and list(r.burden_shares) == [1, 0]
    assert list(r.income_shares) == [Fraction(4, 5), Fraction(1, 5)]


# ------------------------------------------------------------------------------ leader
@settings(max_examples=30, deadline=None)
@given(fractions_, st.fractions(Fraction(2, 5), Fraction(19, 20), max_denominator=20),
       st.fractions(Fraction(1, 100), Fraction(99, 100), max_denominator=100))
def test_two_allies_leader_closed_form_when_the_follower_contributes(w_follow, alpha, t):
    # the leader gives g_L = alpha w_L - (1 - alpha) w_F > 0 and the follower still contributes iff
    # (1 - alpha) / alpha w_F < w_L < w_F / (1 - alpha) (an interval when alpha > (3 - sqrt 5) / 2)
    low, high = (1 - alpha) / alpha * w_follow, w_follow / (1 - alpha)
    w_lead = low + t * (high - low)
    r = olson_zeckhauser(incomes=[w_lead, w_follow], alpha=alpha, leader=0, exact=True)
    g_lead = alpha * w_lead - (1 - alpha) * w_follow
    assert r.contributions[0] == g_lead > 0
    assert r.contributions[1] == alpha * w_follow - (1 - alpha) * g_lead > 0
    assert r.total == alpha**2 * (w_lead + w_follow)


@settings(max_examples=60, deadline=None)
@given(float_incomes, float_alphas, st.integers(0, 4))
def test_moving_first_lowers_the_leaders_contribution_and_the_total(incomes, alpha, leader):
    leader %= len(incomes)
    nash = olson_zeckhauser(incomes=incomes, alpha=alpha)
    led = olson_zeckhauser(incomes=incomes, alpha=alpha, leader=leader)
    tol = 1e-9 * sum(incomes)
    assert led.contributions[leader] <= nash.contributions[leader] + tol
    assert led.total <= nash.total + tol
    assert led.utilities[leader] >= nash.utilities[leader] * (1 - 1e-12)  # first-mover advantage


@settings(max_examples=20, deadline=None)
@given(float_incomes, float_alphas, st.integers(0, 4))
def test_leader_choice_against_brute_force_over_its_contribution(incomes, alpha, leader):
    leader %= len(incomes)
    w = np.array(incomes)
    r = olson_zeckhauser(incomes=w, alpha=alpha, leader=leader)
    others = np.delete(w, leader)
    # the followers' response to the leader's contribution is their Nash equilibrium
    assert r.total == pytest.approx(float(_followers_total(r.contributions[leader], others, alpha)), rel=1e-9)
    followers = np.delete(np.asarray(r.contributions), leader)
    np.testing.assert_allclose(followers, np.maximum(others - (1 - alpha) / alpha * r.total, 0), atol=1e-9)
    # and no contribution on a fine grid does better for the leader
    grid = np.linspace(0, w[leader], 3001)[:-1]
    utility = (w[leader] - grid) ** (1 - alpha) * _followers_total(grid, others, alpha) ** alpha
    assert r.utilities[leader] >= utility.max() * (1 - 1e-9)


def test_leader_with_two_local_optima_picks_the_better_one():
    # alpha = 1/2, follower income 1: for w_L in (2, 1 + sqrt 2) the leader prefers to give less and let
    # the follower contribute; above 1 + sqrt 2 it prefers to pay alpha w_L alone (as in Nash)
    low = olson_zeckhauser(incomes=[2.2, 1.0], alpha=0.5, leader=0)
    high = olson_zeckhauser(incomes=[2.6, 1.0], alpha=0.5, leader=0)
    assert low.contributions.tolist() == pytest.approx([0.6, 0.2]) and low.total == pytest.approx(0.8)
    assert high.contributions.tolist() == pytest.approx([1.3, 0.0])


# ------------------------------------------------------------------------------ arrays and errors
def test_broadcast_arrays_equal_elementwise_scalar_calls():
    incomes = np.array([[5.0, 4.0, 1.0], [1.0, 1.0, 1.0], [9.0, 0.5, 3.0]])[:, None, :]
    alpha = np.array([0.2, 0.5, 0.8, 0.95])
    for leader in (None, 1):
        r = olson_zeckhauser(incomes=incomes, alpha=alpha, leader=leader)
        assert r.shape == (3, 4) and r.contributions.shape == (3, 4, 3)
        for i in range(3):
            for j in range(4):
                one = olson_zeckhauser(incomes=incomes[i, 0], alpha=alpha[j], leader=leader)
                assert r.contributions[i, j].tolist() == one.contributions.tolist()
                assert r.total[i, j] == one.total and r.utilities[i, j].tolist() == one.utilities.tolist()


def test_exact_and_float_paths_agree():
    incomes = [[Fraction(7, 2), 3, Fraction(1, 3)], [2, 2, 2]]
    for leader in (None, 0, 2):
        ex = olson_zeckhauser(incomes=incomes, alpha=[[Fraction(1, 3)], [Fraction(3, 4)]], leader=leader,
                              exact=True)
        fl = olson_zeckhauser(incomes=np.array(incomes, dtype=float), alpha=[[1 / 3], [0.75]], leader=leader)
        np.testing.assert_allclose(ex.contributions.astype(float), fl.contributions, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(ex.total.astype(float), fl.total, rtol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"incomes": [1.0], "alpha": 0.5}, r"alliances\.olson_zeckhauser: incomes needs at least 2 entries"),
        ({"incomes": [1.0, -2.0], "alpha": 0.5}, r"incomes must be in \(0, inf\).*got -2 at index \(1,\)"),
        ({"incomes": [1.0, 2.0], "alpha": 1.0}, r"alpha must be in \(0, 1\).*got 1"),
        ({"incomes": [1.0, 2.0], "alpha": 0.5, "leader": 2}, r"leader must be the index of an ally "
                                                               r"\(0 to 1\), got 2"),
        ({"incomes": [1.0, 2.0], "alpha": 0.5, "leader": True}, "leader must be one of"),
        ({"incomes": [[1.0, 2.0]] * 2, "alpha": [0.1, 0.2, 0.3]}, "parameter shapes do not broadcast"),
    ],
)
def test_olson_zeckhauser_bad_input_names_model_parameter_and_value(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        olson_zeckhauser(**kwargs)


# ------------------------------------------------------------------------------ conditional guarantee
@settings(max_examples=40, deadline=None)
@given(fractions_, fractions_, fractions_, fractions_)
def test_guarantee_threshold_is_the_larger_of_c_over_mk_and_k_over_v(v, c, k, m):
    r = conditional_guarantee(protection_value=v, protection_cost=c, contribution=k, contribution_worth=m,
                              exact=True)
    guarantor = Fraction(c, m * k) if m * k > c else np.inf
    ally = Fraction(k, v) if v > k else np.inf
    assert list(r.player_deltas) == [guarantor, ally]
    assert r.critical_delta == max(guarantor, ally)


@settings(max_examples=40, deadline=None)
@given(fractions_, fractions_, fractions_, fractions_, st.fractions(0, Fraction(9, 10), max_denominator=50))
def test_guarantee_sustained_iff_the_contribution_is_inside_the_credible_range(v, c, k, m, delta):
    r = conditional_guarantee(protection_value=v, protection_cost=c, contribution=k, contribution_worth=m,
                              delta=delta, exact=True)
    assert bool(r.sustained) == (r.min_contribution <= k <= r.max_contribution)
    assert r.max_contribution == delta * v


@settings(max_examples=15, deadline=None)
@given(fractions_, fractions_, fractions_, fractions_)
def test_guarantee_stage_game_has_withdraw_free_ride_as_its_only_equilibrium(v, c, k, m):
    g = conditional_guarantee(protection_value=v, protection_cost=c, contribution=k, contribution_worth=m,
                              exact=True).game
    (eq,) = bg.nash_equilibria(g, exact=True).equilibria
    assert eq.row_exact == (0, 1) and eq.col_exact == (0, 1)


def test_guarantee_broadcast_equals_scalar_calls_and_exact_agrees():
    k = np.array([0.5, 1.0, 2.0, 3.0, 4.0])[:, None]
    delta = np.array([0.0, 0.5, 0.9])
    r = conditional_guarantee(contribution=k, delta=delta)
    ex = conditional_guarantee(contribution=k, delta=delta, exact=True)
    assert r.shape == (5, 3) and r.game.batch_shape == (5, 3)
    for i in range(5):
        for j in range(3):
            one = conditional_guarantee(contribution=float(k[i, 0]), delta=float(delta[j]))
            for name in ("critical_delta", "sustained", "min_contribution", "max_contribution"):
                assert getattr(r, name)[i, j] == getattr(one, name)
                assert float(getattr(ex, name)[i, j]) == pytest.approx(float(getattr(one, name)))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"delta": 1.0}, r"alliances\.conditional_guarantee: delta must be in \[0, 1\).*got 1"),
        ({"contribution": 0}, r"contribution must be in \(0, inf\).*got 0"),
        ({"protection_cost": [1, -1]}, r"protection_cost must be in \(0, inf\).*got -1 at index \(1,\)"),
    ],
)
def test_guarantee_bad_input_names_model_parameter_and_value(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        conditional_guarantee(**kwargs)


def test_declared_in_the_registry():
    for name in ("olson_zeckhauser", "conditional_guarantee"):
        m = bg.models.get_model(name)
        assert m.family == "alliances" and m.exact and m.source
