"""Cooperation models (bargain.models.cooperation): the stag hunt and Barrett's climate agreement."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.cooperation import climate_agreement, stag_hunt

payoffs = st.integers(-6, 6)
positive = st.fractions(min_value=F(1, 10), max_value=10, max_denominator=20)
interior = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)


# ------------------------------------------------------------------------------ stag hunt
def test_stag_hunt_closed_form_exact():
    # Jervis (1978) ordering R > T > P > S; q* = (P - S) / ((R - T) + (P - S))
    r = stag_hunt(mutual_cooperation=5, unilateral_defection=3, mutual_defection=2, exploited=-1, exact=True)
    assert r.threshold == F(3, 5) and r.basin == F(2, 5) and r.mixed_equilibrium == F(3, 5)
    assert r.mixed_payoff == (5 * 2 - 3 * -1) / F(5)  # (RP - TS) / (R - T + P - S)
    assert bool(r.payoff_dominant) and not bool(r.risk_dominant)
    assert r.game.A.tolist() == [[5, -1], [3, 2]] and r.game.B.tolist() == [[5, 3], [-1, 2]]


def test_equal_deviation_losses_neither_risk_dominates():
    r = stag_hunt(mutual_cooperation=4, unilateral_defection=3, mutual_defection=1, exploited=0, exact=True)
    assert r.threshold == F(1, 2) and not bool(r.risk_dominant)


@settings(max_examples=60, deadline=None)
@given(payoffs, payoffs, payoffs, payoffs)
def test_stag_hunt_equilibria_agree_with_solvers(R, T, P, S):
    assume(R > T and P > S)
    r = stag_hunt(mutual_cooperation=R, unilateral_defection=T, mutual_defection=P, exploited=S, exact=True)
    res = bg.nash_equilibria(r.game, exact=True)
    assert len(res.equilibria) == 3
    mixed = [e for e in res.equilibria if 0 < e.row_exact[0] < 1]
    assert len(mixed) == 1
    assert mixed[0].row_exact[0] == r.mixed_equilibrium == mixed[0].col_exact[0]
    assert mixed[0].payoffs_exact[0] == r.mixed_payoff
    batch = bg.equilibria_2x2(r.game)
    assert int(batch.count) == 3
    assert np.nanmax(np.where((batch.p > 0) & (batch.p < 1), batch.p, np.nan)) == pytest.approx(
        float(r.threshold)
    )


@settings(max_examples=60, deadline=None)
@given(payoffs, payoffs, payoffs, payoffs)
def test_risk_and_payoff_dominance_match_their_definitions(R, T, P, S):
    assume(R > T and P > S)
    r = stag_hunt(mutual_cooperation=R, unilateral_defection=T, mutual_defection=P, exploited=S, exact=True)
    # Harsanyi-Selten: product of the deviation losses (symmetric game: squares)
    assert bool(r.risk_dominant) == ((R - T) ** 2 > (P - S) ** 2)
    assert bool(r.risk_dominant) == (r.basin > F(1, 2))
    assert bool(r.payoff_dominant) == (R > P)
    assert r.basin + r.threshold == 1 and 0 < r.basin < 1


@settings(max_examples=40, deadline=None)
@given(payoffs, payoffs, payoffs, payoffs, st.integers(1, 4))
def test_a_smaller_loss_when_exploited_widens_the_basin(R, T, P, S, d):
    assume(R > T and P > S + d)
    game = {"mutual_cooperation": R, "unilateral_defection": T, "mutual_defection": P}
    worse = stag_hunt(**game, exploited=S, exact=True)
    better = stag_hunt(**game, exploited=S + d, exact=True)
    assert better.basin > worse.basin


def test_stag_hunt_broadcast_equals_pointwise():
    R = np.array([4.0, 5.0, 6.0])[:, None]
    S = np.array([-1.0, 0.0, 1.0, 1.5])
    r = stag_hunt(mutual_cooperation=R, exploited=S)
    assert r.shape == (3, 4) and r.game.batch_shape == (3, 4)
    for i in range(3):
        for j in range(4):
            one = stag_hunt(mutual_cooperation=float(R[i, 0]), exploited=float(S[j]))
            assert r.basin[i, j] == pytest.approx(one.basin)
            assert r.risk_dominant[i, j] == one.risk_dominant
            assert np.array_equal(r.game.A[i, j], one.game.A)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            {"mutual_cooperation": 3},
            r"cooperation\.stag_hunt: mutual_cooperation must exceed unilateral_defection.*"
            r"got mutual_cooperation=3, unilateral_defection=3",
        ),
        ({"exploited": [0, 2]}, r"cooperation\.stag_hunt: mutual_defection must exceed exploited.*"
                                r"exploited=2 at index \(1,\)"),
        ({"exploited": np.nan}, r"cooperation\.stag_hunt: exploited must be finite"),
    ],
)
def test_stag_hunt_bad_input(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        stag_hunt(**kwargs)


# ------------------------------------------------------------------------------ climate
def test_barrett_closed_forms_exact():
    # Barrett (1994), N = 2: Q0 = a / (1 + gamma), Q* = a N / (N + gamma), gamma = c / b
    a, b, c = F(3), F(2), F(5)
    gamma = c / b
    r = climate_agreement(benefit_slope=b, cost_slope=c, abatement_cap=a, exact=True)
    assert r.noncooperative_total == a / (1 + gamma)
    assert r.cooperative_total == 2 * a / (2 + gamma)
    assert r.cooperative_abatement.tolist() == [a / (2 + gamma)] * 2
    # welfare by hand: pi_i = B(Q)/2 - c q_i^2 / 2
    Q = r.cooperative_total
    assert r.cooperative_welfare[0] == b * (a * Q - Q * Q / 2) / 2 - c * (Q / 2) ** 2 / 2
    # symmetric grim-trigger threshold: 2 (1 + gamma)^2 / (4 gamma^2 + 9 gamma + 4)
    assert r.critical_delta == 2 * (1 + gamma) ** 2 / (4 * gamma**2 + 9 * gamma + 4)
    assert r.transfer == 0


def test_linear_benefits_exact():
    r = climate_agreement(benefit_slope=2, cost_slope=4, benefits="linear", exact=True)
    assert r.noncooperative_abatement.tolist() == [F(1, 4), F(1, 4)]  # theta b / c
    assert r.cooperative_abatement.tolist() == [F(1, 2), F(1, 2)]  # b / c
    assert r.critical_delta == F(1, 2)


@settings(max_examples=40, deadline=None)
@given(positive, positive, positive, interior)
def test_cooperative_abatement_exceeds_noncooperative(a, b, c, theta):
    r = climate_agreement(benefit_slope=b, cost_slope=c, abatement_cap=a, benefit_share=theta, exact=True)
    assert r.cooperative_total > r.noncooperative_total > 0
    assert r.gains > 0
    lin = climate_agreement(benefit_slope=b, cost_slope=c, benefit_share=theta, benefits="linear", exact=True)
    assert lin.cooperative_total > lin.noncooperative_total


@settings(max_examples=40, deadline=None)
@given(positive, positive, positive, interior, interior)
def test_the_outcomes_are_what_they_claim(a, b, c, theta, w):
    """Nash abatement is a mutual best reply, Q* maximises joint welfare, deviations are best replies."""
    r = climate_agreement(benefit_slope=b, cost_slope=c, abatement_cap=a, benefit_share=theta,
                          bargaining_power=w, exact=True)
    shares = (theta, 1 - theta)

    def pi(i, own, other):
        Q = own + other
        return shares[i] * b * (a * Q - Q * Q / 2) - c * own * own / 2

    q0, qs = r.noncooperative_abatement, r.cooperative_abatement
    eps = F(1, 1000)
    for i in (0, 1):
        base = pi(i, q0[i], q0[1 - i])
        assert base == r.noncooperative_welfare[i]
        assert base >= pi(i, q0[i] + eps, q0[1 - i]) and base >= pi(i, q0[i] - eps, q0[1 - i])
        dev = r.deviation_welfare[i]
        assert dev >= pi(i, qs[i], qs[1 - i])
        assert dev >= pi(i, qs[i] - eps, qs[1 - i])
    total = r.cooperative_welfare.sum()
    for d0, d1 in ((eps, 0), (0, eps), (-eps, eps)):
        assert total >= pi(0, qs[0] + d0, qs[1] + d1) + pi(1, qs[1] + d1, qs[0] + d0)
    assert 0 <= r.critical_delta < 1


@settings(max_examples=25, deadline=None)
@given(positive, positive, positive, interior, interior)
def test_splits_are_efficient_individually_rational_and_match_the_solvers(a, b, c, theta, w):
    r = climate_agreement(benefit_slope=b, cost_slope=c, abatement_cap=a, benefit_share=theta,
                          bargaining_power=w, exact=True)
    d = r.noncooperative_welfare
    total = r.cooperative_welfare.sum()
    for split in (r.nash_split, r.kalai_smorodinsky_split, r.egalitarian_split):
        assert split.sum() == total  # efficient
        assert split[0] > d[0] and split[1] > d[1]  # individually rational
    assert r.nash_split[0] == r.cooperative_welfare[0] + r.transfer
    # the library's solvers on the transferable-utility set {u >= d, u1 + u2 <= W*}
    points = [[d[0], d[1]], [total - d[1], d[1]], [d[0], total - d[0]]]
    P = bg.BargainingProblem.from_points(points, disagreement=(d[0], d[1]))
    assert bg.nash_bargaining(P, weights=(w, 1 - w)).payoffs_exact == tuple(r.nash_split)
    assert bg.kalai_smorodinsky(P).payoffs_exact == tuple(r.kalai_smorodinsky_split)
    assert bg.egalitarian(P).payoffs_exact == tuple(r.egalitarian_split)
    assert sum(bg.utilitarian(P).payoffs_exact) == total


def test_the_transfer_goes_to_the_country_that_gains_less():
    r = climate_agreement(benefit_share=[F(1, 5), F(1, 2), F(4, 5)], exact=True)
    assert r.transfer[0] > 0 and r.transfer[1] == 0 and r.transfer[2] < 0


def test_grim_threshold_agrees_with_critical_delta_of_the_two_action_game():
    """Barrett's symmetric case against bargain.repeated on the two-action game {q*, deviate}."""
    r = climate_agreement(exact=True)
    # D = deviation, u = cooperative, d = punishment payoffs: delta* = (D - u) / (D - d)
    D, u, d = r.deviation_welfare[0], r.cooperative_welfare[0], r.noncooperative_welfare[0]
    assert r.critical_delta == (D - u) / (D - d) == F(8, 17)
    # a 2x2 stage game whose mutual punishment is the Nash reversion gives the same threshold
    A = np.array([[u, u - 1], [D, d]], dtype=object)  # the sucker payoff is irrelevant under grim
    res = bg.repeated.critical_delta(bg.Game(A, A.T), target=(0, 0), strategy="grim", exact=True)
    assert res.delta_exact == F(8, 17)


def test_climate_broadcast_equals_pointwise():
    b = np.array([0.5, 1.0, 2.0])[:, None]
    theta = np.array([0.2, 0.5, 0.7])
    r = climate_agreement(benefit_slope=b, benefit_share=theta, benefits="linear")
    assert r.shape == (3, 3) and r.nash_split.shape == (3, 3, 2)
    for i in range(3):
        for j in range(3):
            one = climate_agreement(benefit_slope=float(b[i, 0]), benefit_share=float(theta[j]),
                                    benefits="linear")
            assert r.critical_delta[i, j] == pytest.approx(one.critical_delta)
            assert r.nash_split[i, j] == pytest.approx(one.nash_split)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"cost_slope": 0}, r"cooperation\.climate_agreement: cost_slope must be in \(0, inf\).*got 0"),
        ({"benefit_share": [0.5, 1]}, r"benefit_share must be in \(0, 1\).*got 1 at index \(1,\)"),
        ({"bargaining_power": -0.1}, r"bargaining_power must be in \(0, 1\).*got -0.1"),
        ({"benefits": "cubic"}, r"cooperation\.climate_agreement: benefits must be one of"),
    ],
)
def test_climate_bad_input(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        climate_agreement(**kwargs)
