"""bargain.models.trade: the tariff war (Johnson 1953; Bagwell-Staiger) and tariff talks (Nash 1953)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.trade import tariff_talks, tariff_war

positive = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=12)
economy = st.tuples(positive, positive, positive)


def welfare_from_definitions(a, b, s, own, partner):
    """A country's welfare computed from the market equations (not the model's helpers).

    Import market: solve a - b M = p* + t with M = s p*; consumer surplus is the triangle
    under linear demand, revenue t M. Export market (mirror): producer surplus is the
    triangle above M = s p*.
    """

    def solve(t):
        world = (a - t) / (1 + b * s)
        imports = s * world
        assert a - b * imports == world + t  # the market clears
        return world, imports

    world, imports = solve(own)
    consumer = (a - (world + own)) * imports / 2
    revenue = own * imports
    world_x, exports = solve(partner)
    producer = world_x * exports / 2
    return consumer + revenue + producer


def closed_forms(a, b, s):
    x, c = b * s, s * a * a / 2
    return {
        "tariff": a / (2 + x),
        "free_trade": c / (1 + x),
        "unilateral": c * (1 / (2 + x) + 1 / (1 + x) ** 2),
        "sucker": c * (x / (1 + x) ** 2 + 1 / (2 + x) ** 2),
        "war": c * (3 + x) / (2 + x) ** 2,
        "delta": (2 + x) / (3 + 2 * x),
    }


# ------------------------------------------------------------------------------ closed forms
def test_defaults_reproduce_the_closed_forms_exactly():
    r = tariff_war(exact=True)
    assert r.optimal_tariff == Fraction(1, 3) and r.world_price == Fraction(1, 3)
    assert dict(r.welfare) == {
        "free_trade": Fraction(1, 4), "war": Fraction(2, 9),
        "unilateral": Fraction(7, 24), "sucker": Fraction(13, 72),
    }
    assert r.critical_delta == Fraction(3, 5)
    assert r.game.row_actions == ("Free trade", "Tariff") and r.game.players == ("Home", "Foreign")


@settings(max_examples=40, deadline=None)
@given(economy)
def test_closed_forms_exactly_for_rational_parameters(params):
    a, b, s = params
    r = tariff_war(demand_intercept=a, demand_slope=b, supply_slope=s, exact=True)
    cf = closed_forms(a, b, s)
    assert r.optimal_tariff == cf["tariff"]
    for key in ("free_trade", "unilateral", "sucker", "war"):
        assert r.welfare[key] == cf[key]
    assert r.critical_delta == cf["delta"]
    # the welfare in each regime from the market equations themselves
    t = r.optimal_tariff
    assert r.welfare["free_trade"] == welfare_from_definitions(a, b, s, 0, 0)
    assert r.welfare["unilateral"] == welfare_from_definitions(a, b, s, t, 0)
    assert r.welfare["sucker"] == welfare_from_definitions(a, b, s, 0, t)
    assert r.welfare["war"] == welfare_from_definitions(a, b, s, t, t)


@settings(max_examples=40, deadline=None)
@given(economy)
def test_optimal_tariff_is_the_inverse_export_supply_elasticity_ad_valorem(params):
    """Johnson (1953): t / p* = 1 / eps*, eps* = (dM / dp*) (p* / M) for M = s p*."""
    a, b, s = params
    r = tariff_war(demand_intercept=a, demand_slope=b, supply_slope=s, exact=True)
    world = r.world_price
    assert world == (a - r.optimal_tariff) / (1 + b * s)
    exports = s * world
    elasticity = s * world / exports
    assert r.optimal_tariff / world == 1 / elasticity == 1


@settings(max_examples=30, deadline=None)
@given(economy, st.fractions(min_value=Fraction(-1, 2), max_value=Fraction(1, 2), max_denominator=50))
def test_optimal_tariff_maximises_welfare_whatever_the_partner_does(params, step):
    a, b, s = params
    assume(step != 0)
    r = tariff_war(demand_intercept=a, demand_slope=b, supply_slope=s, exact=True)
    t = r.optimal_tariff
    other = t + step * a
    assume(0 <= other <= a)
    for partner in (0, t, a / 2):
        best = welfare_from_definitions(a, b, s, t, partner)
        assert best > welfare_from_definitions(a, b, s, other, partner)


# ------------------------------------------------------------------------------ properties
@settings(max_examples=40, deadline=None)
@given(economy)
def test_tariff_is_dominant_and_the_war_lowers_joint_welfare(params):
    a, b, s = params
    r = tariff_war(demand_intercept=a, demand_slope=b, supply_slope=s, exact=True)
    A, B = r.game.exact_payoffs()
    assert A[1, 0] > A[0, 0] and A[1, 1] > A[0, 1]  # Tariff strictly dominant for Home
    assert B[0, 1] > B[0, 0] and B[1, 1] > B[1, 0]  # and for Foreign
    w = r.welfare
    assert w["unilateral"] > w["free_trade"] > w["war"] > w["sucker"]  # T > R > P > S
    assert 2 * w["free_trade"] > w["unilateral"] + w["sucker"]
    assert 2 * w["war"] < 2 * w["free_trade"]  # joint welfare falls in the war
    assert 0 < r.critical_delta < 1


@settings(max_examples=25, deadline=None)
@given(economy, economy)
def test_free_trades_threshold_rises_with_the_tariffs_gain(p1, p2):
    """The larger the unilateral tariff's gain relative to free-trade welfare, the more patience needed."""
    r1 = tariff_war(demand_intercept=p1[0], demand_slope=p1[1], supply_slope=p1[2], exact=True)
    r2 = tariff_war(demand_intercept=p2[0], demand_slope=p2[1], supply_slope=p2[2], exact=True)

    def gain(r):
        return (r.welfare["unilateral"] - r.welfare["free_trade"]) / r.welfare["free_trade"]

    assume(gain(r1) != gain(r2))
    assert (gain(r1) > gain(r2)) == (r1.critical_delta > r2.critical_delta)


@settings(max_examples=30, deadline=None)
@given(st.fractions(min_value=0, max_value=5, max_denominator=100),
       st.fractions(min_value=Fraction(1, 100), max_value=5, max_denominator=100))
def test_threshold_falls_with_b_times_s_between_one_half_and_two_thirds(x, dx):
    lo = tariff_war(supply_slope=x + Fraction(1, 100), exact=True).critical_delta
    hi = tariff_war(supply_slope=x + Fraction(1, 100) + dx, exact=True).critical_delta
    assert Fraction(1, 2) < hi < lo < Fraction(2, 3)


# ------------------------------------------------------------------------------ solvers
@settings(max_examples=20, deadline=None)
@given(economy)
def test_agrees_with_the_game_solvers_exactly(params):
    a, b, s = params
    r = tariff_war(demand_intercept=a, demand_slope=b, supply_slope=s, exact=True)
    cd = bg.repeated.critical_delta(r.game, target=(0, 0), strategy="grim", exact=True)
    assert cd.delta_exact == r.critical_delta
    eqs = bg.nash_equilibria(r.game, exact=True).equilibria
    assert len(eqs) == 1
    assert eqs[0].row_exact == (0, 1) and eqs[0].col_exact == (0, 1)
    assert eqs[0].payoffs_exact == (r.welfare["war"], r.welfare["war"])


def test_batch_threshold_matches_the_repeated_game_kernel():
    a = np.array([0.5, 1.0, 3.0])[:, None, None]
    b = np.array([0.2, 1.0, 7.0])[None, :, None]
    s = np.array([0.1, 1.0, 2.5, 40.0])
    r = tariff_war(demand_intercept=a, demand_slope=b, supply_slope=s)
    assert r.game.batch_shape == (3, 3, 4)
    cd = bg.repeated.critical_delta(r.game, target=(0, 0), strategy="grim")
    np.testing.assert_allclose(cd.delta, r.critical_delta, rtol=1e-9)  # the kernel works on differences
    np.testing.assert_allclose(r.critical_delta, (2 + b * s) / (3 + 2 * b * s) + 0 * a, rtol=1e-12)
    mask = bg.pure_equilibria(r.game)
    assert mask[..., 1, 1].all() and mask.sum(axis=(-1, -2)).max() == 1


def test_broadcast_equals_elementwise_calls():
    a = np.array([1.0, 2.0])[:, None]
    s = np.array([0.5, 1.0, 3.0])
    r = tariff_war(demand_intercept=a, supply_slope=s, demand_slope=0.7)
    assert r.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            one = tariff_war(demand_intercept=float(a[i, 0]), supply_slope=float(s[j]), demand_slope=0.7)
            assert r.optimal_tariff[i, j] == one.optimal_tariff
            assert r.critical_delta[i, j] == one.critical_delta
            for key in r.welfare:
                assert r.welfare[key][i, j] == one.welfare[key]
            np.testing.assert_array_equal(r.game[i, j].A, one.game.A)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"supply_slope": -1}, r"trade\.tariff_war: supply_slope must be in \(0, inf\).*got -1"),
        ({"demand_slope": 0}, r"trade\.tariff_war: demand_slope must be in \(0, inf\).*got 0"),
        ({"demand_intercept": [1, np.nan]}, r"trade\.tariff_war: demand_intercept must be finite"),
        ({"demand_intercept": "x"}, r"trade\.tariff_war: demand_intercept must be real"),
    ],
)
def test_bad_parameters_name_model_parameter_and_value(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        tariff_war(**kwargs)


# ------------------------------------------------------------------------------ tariff talks
threat = st.fractions(min_value=0, max_value=1, max_denominator=8)


def _talks(params, share):
    """tariff_talks with home_threat spread over its whole domain [1, 2 + b s]."""
    a, b, s = params
    return tariff_talks(demand_intercept=a, demand_slope=b, supply_slope=s,
                        home_threat=1 + share * (1 + b * s), exact=True)


@settings(max_examples=20, deadline=None)
@given(economy)
def test_talks_with_the_war_as_fallback_end_in_free_trade(params):
    a, b, s = params
    war = tariff_war(demand_intercept=a, demand_slope=b, supply_slope=s, exact=True)
    r = tariff_talks(demand_intercept=a, demand_slope=b, supply_slope=s, exact=True)
    assert r.threat_tariff == war.optimal_tariff
    assert r.disagreement["Home"] == r.disagreement["Foreign"] == war.welfare["war"]
    for key in r.home_welfare:
        assert r.home_welfare[key] == r.foreign_welfare[key] == war.welfare["free_trade"]
    assert r.game.equals(war.game.relabel(name="tariff talks"))


@settings(max_examples=10, deadline=None)
@given(economy, threat)
def test_talks_agree_with_the_bargaining_solvers_exactly(params, share):
    r = _talks(params, share)
    d = (r.disagreement["Home"], r.disagreement["Foreign"])
    P = bg.BargainingProblem.from_game(r.game, disagreement=d, free_disposal=True)
    for name, solve in (
        ("nash", bg.nash_bargaining), ("kalai_smorodinsky", bg.kalai_smorodinsky),
        ("egalitarian", bg.egalitarian), ("utilitarian", bg.utilitarian),
    ):
        assert solve(P).payoffs_exact == (r.home_welfare[name], r.foreign_welfare[name]), name
    vt = bg.variable_threat(r.game, transferable=True)
    assert vt.payoffs_exact == (r.home_welfare["variable_threat"], r.foreign_welfare["variable_threat"])


@settings(max_examples=30, deadline=None)
@given(economy, threat)
def test_agreements_improve_on_the_fallback_and_the_best_threat_is_optimal(params, share):
    a, b, s = params
    r = _talks(params, share)
    for key in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        assert r.home_welfare[key] > r.disagreement["Home"]
        assert r.foreign_welfare[key] > r.disagreement["Foreign"]
    # Nash (1953) with side payments: no threat buys Home more than the optimal threat 2 a / (3 + b s)
    best = tariff_talks(demand_intercept=a, demand_slope=b, supply_slope=s,
                        home_threat=r.optimal_threat / (a / (2 + b * s)), exact=True)
    assert best.threat_tariff == r.optimal_threat == 2 * a / (3 + b * s)
    assert best.home_welfare["variable_threat"] >= r.home_welfare["variable_threat"]
    assert r.optimal_threat > a / (2 + b * s)  # a threat beyond the optimal tariff


def test_talks_broadcast_equals_elementwise_calls():
    s = np.array([0.5, 2.0])[:, None]
    k = np.array([1.0, 1.5, 2.2])
    r = tariff_talks(supply_slope=s, home_threat=k)
    assert r.shape == (2, 3) and r.game.batch_shape == (2, 3)
    for i in range(2):
        for j in range(3):
            one = tariff_talks(supply_slope=float(s[i, 0]), home_threat=float(k[j]))
            for key in r.home_welfare:
                assert r.home_welfare[key][i, j] == pytest.approx(one.home_welfare[key], rel=1e-14)
                assert r.foreign_welfare[key][i, j] == pytest.approx(one.foreign_welfare[key], rel=1e-14)


def test_talks_refuse_threats_outside_their_domain():
    below = r"trade\.tariff_talks: home_threat must be in \[1, inf\).*got 0.5"
    with pytest.raises(bg.InvalidModelError, match=below):
        tariff_talks(home_threat=0.5)
    above = (r"trade\.tariff_talks: home_threat must be at most 2 \+ demand_slope \* supply_slope "
             r"\(the prohibitive .*got home_threat=4, demand_slope=1, supply_slope=1 at index \(1,\)")
    with pytest.raises(bg.InvalidModelError, match=above):
        tariff_talks(home_threat=[2, 4])


@settings(max_examples=20, deadline=None)
@given(economy, threat)
def test_float_path_agrees_with_the_exact_path(params, share):
    a, b, s = params
    k = 1 + share * (1 + b * s)
    kw = {"demand_intercept": a, "demand_slope": b, "supply_slope": s}
    floats = tariff_war(**{n: float(v) for n, v in kw.items()})
    exact = tariff_war(**kw, exact=True)
    assert float(floats.critical_delta) == pytest.approx(float(exact.critical_delta), rel=1e-12)
    for key in exact.welfare:
        assert float(floats.welfare[key]) == pytest.approx(float(exact.welfare[key]), rel=1e-9)
    talks_f = tariff_talks(**{n: float(v) for n, v in kw.items()}, home_threat=float(k))
    talks_e = tariff_talks(**kw, home_threat=k, exact=True)
    scale = float(exact.welfare["free_trade"])
    for side in ("home_welfare", "foreign_welfare"):
        for key, value in getattr(talks_e, side).items():
            got = float(getattr(talks_f, side)[key])
            assert got == pytest.approx(float(value), abs=1e-9 * scale), (side, key)
