"""Tests of rubinstein(): closed forms from the sources, equilibrium conditions, limits, batching.

Independent oracles: the closed forms of the papers (computed here in Fractions) and a
plain-Python backward induction over the game tree (``_tree_value``) that shares no code
with the vectorized solver.
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import bargain as bg
from bargain.bargaining.rubinstein import RubinsteinResult, rubinstein, rubinstein_rates
from bargain.errors import InvalidArgumentError

# ---------------------------------------------------------------------------- helpers

deltas = st.floats(min_value=0.05, max_value=0.99)
fractions01 = st.fractions(min_value=F(1, 20), max_value=F(39, 40), max_denominator=40)


def rub_share(d_own: F, d_other: F) -> F:
    """Rubinstein (1982), fixed discount factors: the first proposer's share of a unit pie."""
    return (1 - d_other) / (1 - d_own * d_other)


def _tree_value(T, delta, p, b, w, pie, first):
    """Subgame-perfect payoffs of the T-period game, solved from the last period back.

    Written independently of the library: a period is a proposer's choice between the
    best acceptable offer and an unacceptable one, after which the responder opts out
    (when that is better for her) or continues into the breakdown lottery.
    Returns (payoffs, first agreement period or -1). ``w`` may be None (no options).
    """
    value = None
    period_of_agreement = -1
    for t in reversed(range(T)):
        i = first if t % 2 == 0 else 1 - first
        j = 1 - i
        if value is None:
            cont = list(b)
        else:
            cont = [p * b[k] + (1 - p) * delta[k] * value[k] for k in (0, 1)]
        opt_out = w is not None and w[j] > cont[j]
        need = max(w[j], cont[j]) if w is not None else cont[j]
        fallback = list(w) if opt_out else cont
        new = [None, None]
        if pie - need >= fallback[i]:
            new[i], new[j] = pie - need, need
            period_of_agreement = 0
        else:
            new = fallback
            if opt_out or period_of_agreement < 0:
                period_of_agreement = -1
            else:
                period_of_agreement += 1
        value = new
    return tuple(value), period_of_agreement


def _check_stationary(res: RubinsteinResult, delta, p, b, w, pie) -> None:
    """The stationary SPE conditions of the infinite game (module docstring):

    each responder is offered exactly max(option, value of continuing), and a proposer
    cannot gain by making an unacceptable offer.
    """
    x0, y1 = res.demands  # proposer demands of players 0 and 1
    g = [(1 - p) * delta[0], (1 - p) * delta[1]]
    cont1 = p * b[1] + g[1] * y1  # player 1 rejecting 0's offer and continuing
    cont0 = p * b[0] + g[0] * x0
    need1 = max(w[1], cont1) if w is not None else cont1
    need0 = max(w[0], cont0) if w is not None else cont0
    tol = 1e-9 * pie
    assert abs((pie - x0) - need1) <= tol
    assert abs((pie - y1) - need0) <= tol
    # proposer 0 deviating to an unacceptable offer gets the option or 0's continuation
    alt0 = w[0] if (w is not None and w[1] > cont1) else p * b[0] + g[0] * (pie - y1)
    alt1 = w[1] if (w is not None and w[0] > cont0) else p * b[1] + g[1] * (pie - x0)
    assert x0 >= alt0 - tol
    assert y1 >= alt1 - tol


# ---------------------------------------------------------------------------- reference values

REFERENCE = [
    {
        "source": "Rubinstein 1982, Econometrica 50, fixed discounting (common delta): 1/(1+delta)",
        "kwargs": {"delta1": F(9, 10), "delta2": F(9, 10)},
        "shares": (F(10, 19), F(9, 19)),
    },
    {
        "source": "Rubinstein 1982, fixed discounting: (1-d2)/(1-d1 d2)",
        "kwargs": {"delta1": F(9, 10), "delta2": F(4, 5)},
        "shares": (F(5, 7), F(2, 7)),
    },
    {
        "source": "Rubinstein 1982, fixed discounting, player 1 proposing first: (1-d1)/(1-d1 d2)",
        "kwargs": {"delta1": F(9, 10), "delta2": F(4, 5), "first": 1},
        "shares": (F(9, 14), F(5, 14)),
    },
    {
        "source": "Osborne-Rubinstein 1990, section 3.12: option b=1/2 > delta/(1+delta) binds: (1-b, b)",
        "kwargs": {"delta1": F(1, 2), "delta2": F(1, 2), "outside_options": (0, F(1, 2))},
        "shares": (F(1, 2), F(1, 2)),
    },
    {
        "source": "Osborne-Rubinstein 1990, section 3.12: option b=1/4 < delta/(1+delta) is irrelevant",
        "kwargs": {"delta1": F(1, 2), "delta2": F(1, 2), "outside_options": (0, F(1, 4))},
        "shares": (F(2, 3), F(1, 3)),
    },
    {
        "source": "Osborne-Rubinstein 1990, section 3.12, the option holder proposing: 1 - delta(1-b)",
        "kwargs": {"delta1": F(1, 2), "delta2": F(1, 2), "outside_options": (0, F(1, 2)), "first": 1},
        "shares": (F(1, 4), F(3, 4)),
    },
    {
        "source": "Osborne-Rubinstein 1990, section 4.2: no discounting, breakdown alpha: 1/(2-alpha)",
        "kwargs": {"delta1": 1, "delta2": 1, "breakdown": F(1, 10)},
        "shares": (F(10, 19), F(9, 19)),
    },
    {
        "source": "Binmore-Rubinstein-Wolinsky 1986, time preference: Delta -> 0 gives r2/(r1+r2)",
        "kwargs": {"rates": (F(1, 10), F(3, 10)), "period": 0},
        "shares": (F(3, 4), F(1, 4)),
    },
    {
        "source": "Binmore-Rubinstein-Wolinsky 1986, risk of breakdown: Delta -> 0 with breakdown rate only "
        "gives the Nash split of the surplus over b",
        "kwargs": {"rates": (0, 0), "period": 0, "breakdown_rate": 1, "disagreement": (F(1, 5), F(2, 5))},
        "shares": (F(2, 5), F(3, 5)),
    },
    {
        "source": "Binmore-Shaked-Sutton 1989 with BRW 1986: in the Delta -> 0 limit a binding option "
        "clips the Nash split",
        "kwargs": {"rates": (1, 1), "period": 0, "outside_options": (0, F(7, 10))},
        "shares": (F(3, 10), F(7, 10)),
    },
    {
        "source": "Stahl 1972; Osborne-Rubinstein 1990 ch. 3: T periods, common delta: "
        "(1-(-delta)^T)/(1+delta)",
        "kwargs": {"delta1": F(1, 2), "delta2": F(1, 2), "horizon": 3},
        "shares": (F(3, 4), F(1, 4)),
    },
]


def solve(kwargs, **extra):
    """``rubinstein``, or ``rubinstein_rates`` for a case given by ``rates`` (period omitted: the limit)."""
    kwargs = dict(kwargs, **extra)
    if "rates" in kwargs:
        r1, r2 = kwargs.pop("rates")
        if kwargs.get("period") == 0:
            del kwargs["period"]
        return rubinstein_rates(r1, r2, **kwargs)
    return rubinstein(kwargs.pop("delta1"), kwargs.pop("delta2"), **kwargs)


@pytest.mark.parametrize("case", REFERENCE, ids=[c["source"][:60] for c in REFERENCE])
def test_reference_values_exact(case):
    res = solve(case["kwargs"], exact=True)
    assert tuple(res.shares_exact) == case["shares"], case["source"]
    assert res.agreement and res.agreement_period == 0
    assert sum(res.shares_exact) == 1
    np.testing.assert_allclose(res.shares, [float(x) for x in case["shares"]], rtol=1e-14)


@pytest.mark.parametrize("case", REFERENCE, ids=[c["source"][:60] for c in REFERENCE])
def test_reference_values_float(case):
    kwargs = {
        k: (tuple(float(x) for x in v) if isinstance(v, tuple) else float(v) if isinstance(v, F) else v)
        for k, v in case["kwargs"].items()
    }
    res = solve(kwargs)
    np.testing.assert_allclose(res.shares, [float(x) for x in case["shares"]], rtol=1e-12, atol=1e-15)


@given(fractions01, fractions01, st.sampled_from([0, 1]))
def test_exact_closed_form(d1, d2, first):
    res = rubinstein(d1, d2, first=first, exact=True)
    if first == 0:
        expected = (rub_share(d1, d2), 1 - rub_share(d1, d2))
    else:
        expected = (1 - rub_share(d2, d1), rub_share(d2, d1))
    assert tuple(res.shares_exact) == expected
    assert res.proposer_share == pytest.approx(float(expected[first]), rel=1e-14)


@given(fractions01, fractions01, st.integers(1, 12), st.sampled_from([0, 1]))
def test_finite_horizon_exact_matches_tree(d1, d2, T, first):
    res = rubinstein(d1, d2, first=first, horizon=T, exact=True)
    value, period = _tree_value(T, (d1, d2), F(0), (F(0), F(0)), None, F(1), first)
    assert tuple(res.shares_exact) == value
    assert res.agreement_period == period == 0


@given(st.fractions(min_value=F(1, 20), max_value=1, max_denominator=20), st.integers(1, 15))
def test_finite_horizon_common_delta_closed_form(d, T):
    # Stahl (1972); Osborne-Rubinstein (1990) ch. 3, finite horizon
    res = rubinstein(d, d, horizon=T, exact=True)
    assert res.shares_exact[0] == (1 - (-d) ** T) / (1 + d)


def test_last_period_proposer_takes_everything():
    res = rubinstein(0.5, 0.7, horizon=1, first=1)
    np.testing.assert_array_equal(res.shares, [0.0, 1.0])
    # with a disagreement value the responder keeps it
    res = rubinstein(0.5, 0.7, horizon=1, disagreement=(0.1, 0.3))
    np.testing.assert_allclose(res.shares, [0.7, 0.3])


def test_one_patient_player_gets_everything():
    # delta1 = 1 > delta2: unique SPE, the patient player gets the whole pie (Rubinstein 1982)
    res = rubinstein(1.0, 0.8)
    np.testing.assert_allclose(res.shares, [1.0, 0.0])
    res = rubinstein(1.0, 0.8, first=1)
    np.testing.assert_allclose(res.shares, [1.0, 0.0], atol=1e-15)


# ---------------------------------------------------------------------------- equilibrium conditions


options = st.one_of(
    st.none(),
    st.tuples(st.floats(0, 0.6), st.floats(0, 0.6)),
)


@given(
    deltas,
    deltas,
    st.floats(0, 1),
    st.tuples(st.floats(0, 0.5), st.floats(0, 0.5)),
    options,
    st.floats(0.5, 3),
    st.sampled_from([0, 1]),
)
def test_stationary_equilibrium_conditions(d1, d2, p, b, w, pie, first):
    b = (b[0] * pie, b[1] * pie)
    w = None if w is None else (w[0] * pie, w[1] * pie)
    if w is not None and w[0] + w[1] > pie:
        # value of rejecting for ever; the no-agreement outcome needs w_i >= d_i (domain)
        d = [p * b[k] / (1 - (1 - p) * (d1, d2)[k]) for k in (0, 1)]
        if w[0] < d[0] * (1 - 1e-12) or w[1] < d[1] * (1 - 1e-12):
            with pytest.raises(InvalidArgumentError, match="rubinstein: .*outside the model's domain"):
                rubinstein(d1, d2, first=first, pie=pie, breakdown=p, disagreement=b, outside_options=w)
            return
    res = rubinstein(d1, d2, first=first, pie=pie, breakdown=p, disagreement=b, outside_options=w)
    if w is not None and w[0] + w[1] > pie:
        assert not res.agreement and res.agreement_period == -1
        np.testing.assert_allclose(res.shares, w)
        return
    assert res.agreement and res.agreement_period == 0
    assert res.shares.sum() == pytest.approx(pie, rel=1e-12)
    assert (res.shares >= -1e-12).all()
    _check_stationary(res, (d1, d2), p, b, w, pie)
    assert res.proposer_share == res.shares[first]


@given(
    fractions01,
    fractions01,
    st.fractions(0, 1, max_denominator=10),
    st.tuples(st.fractions(0, F(1, 2), max_denominator=10), st.fractions(0, F(1, 2), max_denominator=10)),
    st.one_of(
        st.none(),
        st.tuples(st.fractions(0, F(3, 5), max_denominator=10), st.fractions(0, F(3, 5), max_denominator=10)),
    ),
    st.integers(1, 10),
    st.sampled_from([0, 1]),
)
def test_finite_horizon_matches_tree_with_options_and_breakdown(d1, d2, p, b, w, T, first):
    res = rubinstein(
        d1, d2, first=first, breakdown=p, disagreement=b, outside_options=w, horizon=T, exact=True
    )
    value, period = _tree_value(T, (d1, d2), p, b, w, F(1), first)
    assert tuple(res.shares_exact) == value
    assert int(res.agreement_period) == period
    # float path agrees with the exact path
    resf = rubinstein(
        float(d1), float(d2), first=first, breakdown=float(p), disagreement=tuple(map(float, b)),
        outside_options=None if w is None else tuple(map(float, w)), horizon=T,
    )
    np.testing.assert_allclose(resf.shares, [float(v) for v in value], atol=1e-12)


# ---------------------------------------------------------------------------- comparative statics


@given(deltas, deltas, st.floats(0.001, 0.2), st.sampled_from([0, 1]))
def test_share_increases_with_own_patience_and_decreases_with_other(d1, d2, eps, first):
    assume(d1 + eps < 1 and d2 + eps < 1)
    base = rubinstein(d1, d2, first=first).shares
    more_patient_0 = rubinstein(d1 + eps, d2, first=first).shares
    more_patient_1 = rubinstein(d1, d2 + eps, first=first).shares
    assert more_patient_0[0] > base[0]  # own patience helps
    assert more_patient_1[0] < base[0]  # the other's patience hurts
    assert more_patient_1[1] > base[1]


@given(st.floats(0.05, 0.98), st.floats(0.001, 0.5))
def test_first_mover_advantage_vanishes_as_delta_tends_to_one(d, eps):
    assume(d + eps * (1 - d) < 1)
    d_hi = d + eps * (1 - d)
    adv = np.diff(rubinstein(d, d).shares[::-1])[0]
    adv_hi = np.diff(rubinstein(d_hi, d_hi).shares[::-1])[0]
    assert adv == pytest.approx((1 - d) / (1 + d), rel=1e-12)
    assert 0 < adv_hi < adv
    assert adv <= 1 - d


@given(st.floats(0.01, 2), st.floats(0.01, 2), st.floats(0, 1))
def test_shares_tend_to_asymmetric_nash_as_period_shrinks(r0, r1, lam):
    nash0 = (r1 + lam) / (r0 + r1 + 2 * lam)  # weights 1/(r_i + lambda), b = 0
    errors = []
    for dt in (1.0, 0.1, 0.01, 0.001):
        res = rubinstein_rates(r0, r1, period=dt, breakdown_rate=lam)
        other = rubinstein_rates(r0, r1, period=dt, breakdown_rate=lam, first=1)
        errors.append(abs(res.shares[0] - nash0))
        # first-mover advantage is O(period)
        assert res.shares[0] - other.shares[0] <= (max(r0, r1) + lam) * dt + 1e-12
    assert errors[-1] <= (r0 + r1 + 2 * lam) * 0.001 + 1e-12
    assert errors[-1] <= errors[0] + 1e-15
    limit = rubinstein_rates(r0, r1, breakdown_rate=lam).shares
    assert limit[0] == pytest.approx(nash0, rel=1e-12)


@given(st.floats(0.01, 0.3), st.tuples(st.floats(0, 0.5), st.floats(0, 0.5)))
def test_breakdown_limit_is_nash_split_over_breakdown_payoffs(p, b):
    pie = 1.0
    nash0 = b[0] + (pie - b[0] - b[1]) / 2
    res = rubinstein(1, 1, breakdown=p, disagreement=b)
    # Osborne-Rubinstein 1990 section 4.2: proposer keeps b0 + (pie - b0 - b1)/(2 - p)
    assert res.shares[0] == pytest.approx(b[0] + (pie - b[0] - b[1]) / (2 - p), rel=1e-12)
    assert abs(res.shares[0] - nash0) <= p * (pie - b[0] - b[1]) / 2 + 1e-12
    small = rubinstein(1, 1, breakdown=p * 1e-4, disagreement=b)
    assert abs(small.shares[0] - nash0) < abs(res.shares[0] - nash0) + 1e-15
    assert small.shares[0] == pytest.approx(nash0, abs=1e-4)


@given(deltas, deltas, st.sampled_from([0, 1]))
def test_finite_horizon_converges_to_infinite(d1, d2, first):
    inf = rubinstein(d1, d2, first=first).shares
    prev = None
    for T in (10, 40, 160):
        fin = rubinstein(d1, d2, first=first, horizon=T).shares
        err = np.abs(fin - inf).max()
        bound = (d1 * d2) ** ((T - 1) // 2) + 1e-12
        assert err <= bound
        if prev is not None:
            assert err <= prev + 1e-15
        prev = err


@given(
    st.floats(0.05, 0.95),
    st.floats(0.05, 0.95),
    st.floats(0, 0.5),
    st.tuples(st.floats(0, 0.4), st.floats(0, 0.4)),
    st.tuples(st.floats(0, 0.5), st.floats(0, 0.5)),
    st.sampled_from([0, 1]),
)
def test_finite_horizon_with_options_converges_to_infinite(d1, d2, p, b, w, first):
    kwargs = {"first": first, "breakdown": p, "disagreement": b, "outside_options": w}
    inf = rubinstein(d1, d2, **kwargs)
    fin = rubinstein(d1, d2, horizon=401, **kwargs)
    np.testing.assert_allclose(fin.shares, inf.shares, atol=1e-8)
    assert fin.agreement and fin.agreement_period == 0


@given(deltas, deltas, st.floats(0.0, 0.999), st.sampled_from([0, 1]))
def test_outside_option_principle(d1, d2, frac, first):
    base = rubinstein(d1, d2, first=first)
    x0, y1 = base.demands
    responder_share = d2 * y1  # what player 1 gets as the responder (= 1 - x0)
    assert responder_share == pytest.approx(1 - x0, abs=1e-12)
    # an option worth no more than the Rubinstein responder share of player 1 changes nothing
    w_low = frac * responder_share
    low = rubinstein(d1, d2, first=first, outside_options=(0.0, w_low))
    np.testing.assert_allclose(low.shares, base.shares, rtol=1e-12, atol=1e-15)
    assert not low.binding.any()
    # above it, it binds: when player 0 proposes, player 1 gets exactly the option
    w_high = responder_share + frac * (1 - responder_share)
    assume(w_high > responder_share * (1 + 1e-9))
    high = rubinstein(d1, d2, first=0, outside_options=(0.0, w_high))
    np.testing.assert_allclose(high.shares, [1 - w_high, w_high], rtol=1e-12, atol=1e-15)
    assert high.binding[1] and not high.binding[0]


def test_both_options_bind():
    # Muthoo 1999 ch. 5 case: both options exceed the continuation values
    res = rubinstein(0.5, 0.5, outside_options=(0.4, 0.45), exact=False)
    np.testing.assert_allclose(res.shares, [0.55, 0.45])
    np.testing.assert_allclose(res.demands, [0.55, 0.6])
    assert res.binding.all()


def test_options_exceeding_the_pie_mean_no_agreement():
    res = rubinstein(0.9, 0.8, outside_options=(0.6, 0.5))
    assert not res.agreement and res.agreement_period == -1
    np.testing.assert_allclose(res.shares, [0.6, 0.5])
    assert np.isnan(res.demands).all()
    assert "no agreement" in repr(res)
    fin = rubinstein(0.9, 0.8, outside_options=(0.6, 0.5), horizon=7)
    assert not fin.agreement
    np.testing.assert_allclose(fin.shares, [0.6, 0.5])


def test_limit_agrees_with_nash_bargaining_float():
    # BRW 1986: the Delta -> 0 limit is the asymmetric Nash solution with weights 1/r_i
    P = bg.BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)], disagreement=(0, 0))
    for r0, r1 in [(1.0, 1.0), (0.1, 0.3), (2.0, 0.5)]:
        nb = bg.nash_bargaining(P, weights=(1 / r0, 1 / r1))
        res = rubinstein_rates(r0, r1)
        np.testing.assert_allclose(res.shares, nb.payoffs, atol=1e-12)
        near = rubinstein_rates(r0, r1, period=1e-4)
        np.testing.assert_allclose(near.shares, nb.payoffs, atol=1e-4)
    Pb = bg.BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)], disagreement=(0.2, 0.1))
    nb = bg.nash_bargaining(Pb)
    res = rubinstein(1, 1, breakdown=1e-6, disagreement=(0.2, 0.1))
    np.testing.assert_allclose(res.shares, nb.payoffs, atol=1e-6)


rational_rates = st.fractions(min_value=0, max_value=3, max_denominator=12)


@given(
    rational_rates,
    rational_rates,
    rational_rates,
    st.tuples(
        st.fractions(min_value=0, max_value=F(2, 5), max_denominator=10),
        st.fractions(min_value=0, max_value=F(2, 5), max_denominator=10),
    ),
)
def test_limit_is_exactly_the_weighted_nash_solution(r0, r1, lam, b):
    # BRW 1986: rates r_i and breakdown rate lambda, Delta -> 0: the Nash solution
    # with weights 1/(r_i + lambda) and disagreement point d_i = lambda b_i / (r_i + lambda)
    assume(r0 + lam > 0 and r1 + lam > 0)
    res = rubinstein_rates(r0, r1, breakdown_rate=lam, disagreement=b, exact=True)
    d = tuple(lam * b[i] / ((r0, r1)[i] + lam) for i in (0, 1))
    P = bg.BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)], disagreement=d)
    nb = bg.nash_bargaining(P, weights=(1 / (r0 + lam), 1 / (r1 + lam)))
    assert nb.payoffs_exact is not None
    assert tuple(res.shares_exact) == tuple(nb.payoffs_exact)
    # and the first proposer's identity does not matter in the limit
    other = rubinstein_rates(r0, r1, breakdown_rate=lam, disagreement=b, first=1, exact=True)
    assert tuple(other.shares_exact) == tuple(res.shares_exact)


# ---------------------------------------------------------------------------- batching


@given(
    st.lists(deltas, min_size=1, max_size=4),
    st.lists(deltas, min_size=1, max_size=3),
    st.floats(0, 0.5),
    st.one_of(st.none(), st.tuples(st.floats(0, 0.6), st.floats(0, 0.6))),
    st.one_of(st.none(), st.integers(1, 6)),
)
def test_batched_equals_loop(d1s, d2s, p, w, T):
    d1 = np.array(d1s)[:, None]
    d2 = np.array(d2s)[None, :]
    first = (np.arange(len(d1s))[:, None] + np.arange(len(d2s))[None, :]) % 2
    pie = 1.0 + np.arange(len(d2s))[None, :]
    wb = None if w is None else (w[0] * pie, w[1])
    res = rubinstein(d1, d2, first=first, pie=pie, breakdown=p, disagreement=(0.1, 0.2),
                     outside_options=wb, horizon=T)
    assert res.shares.shape == (len(d1s), len(d2s), 2)
    assert res.batch_shape == (len(d1s), len(d2s))
    for i, a in enumerate(d1s):
        for j, c in enumerate(d2s):
            one = rubinstein(a, c, first=int(first[i, j]), pie=float(pie[0, j]), breakdown=p,
                             disagreement=(0.1, 0.2),
                             outside_options=None if w is None else (w[0] * pie[0, j], w[1]), horizon=T)
            np.testing.assert_allclose(res.shares[i, j], one.shares, rtol=1e-13, atol=1e-15)
            np.testing.assert_array_equal(res.demands[i, j], one.demands)
            assert res.agreement_period[i, j] == one.agreement_period
            np.testing.assert_array_equal(res.binding[i, j], one.binding)
            assert res.proposer_share[i, j] == one.proposer_share


def test_batched_rates_and_periods():
    periods = np.array([1.0, 0.1, 1e-3])
    res = rubinstein_rates(np.array([0.1, 0.2]), 0.3, period=periods[:, None])
    assert res.shares.shape == (3, 2, 2)
    for k, dt in enumerate(periods):
        for m, r0 in enumerate([0.1, 0.2]):
            one = rubinstein_rates(r0, 0.3, period=dt)
            np.testing.assert_allclose(res.shares[k, m], one.shares, rtol=1e-13)
    np.testing.assert_allclose(res.delta1[0], np.exp(-np.array([0.1, 0.2])))


def test_pairs_as_arrays_are_read_along_the_first_axis():
    w = np.array([[0.0, 0.0], [0.3, 0.7]])  # w0 = (0, 0), w1 = (0.3, 0.7)
    res = rubinstein(0.5, 0.5, outside_options=w)
    assert res.shares.shape == (2, 2)
    np.testing.assert_allclose(res.shares[:, 1], [1 / 3, 0.7])


def test_result_is_frozen_and_readonly():
    res = rubinstein([0.5, 0.9], 0.9)
    with pytest.raises(AttributeError):
        res.shares = None  # type: ignore[misc]
    for name in ("shares", "proposer_share", "demands", "agreement", "agreement_period", "binding", "delta1"):
        with pytest.raises(ValueError):
            getattr(res, name)[..., 0] = 0
    text = repr(res)
    assert "batch of shape (2,)" in text and "agreement in 2 of 2" in text


def test_scalar_repr_mentions_the_parameters():
    text = repr(rubinstein(0.9, 0.8, breakdown=0.1, disagreement=(0.1, 0), outside_options=(0, 0.9),
                           horizon=4))
    for piece in ("shares=", "breakdown=0.1", "disagreement=(0.1, 0)", "outside_options=(0, 0.9)",
                  "binding for player 1", "horizon=4"):
        assert piece in text


def test_exported_from_bargain():
    assert bg.rubinstein is rubinstein
    assert bg.RubinsteinResult is RubinsteinResult


def test_period_zero_is_refused_and_undiscounted_finite_games_use_deltas():
    # before 0.2.0, rates with period=0 and a horizon meant an undiscounted finite game
    with pytest.raises(InvalidArgumentError, match="rubinstein_rates: period must be > 0"):
        rubinstein_rates(0.5, 0.1, period=0, horizon=5)
    with pytest.raises(InvalidArgumentError, match="finite horizon needs a period"):
        rubinstein_rates(0.5, 0.1, horizon=5)
    res = rubinstein(1, 1, horizon=5)
    np.testing.assert_allclose(res.shares, [1.0, 0.0])  # T odd, no discounting: proposer 0 wins
    res = rubinstein(1, 1, horizon=4)
    np.testing.assert_allclose(res.shares, [0.0, 1.0])


# ---------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"delta1": 0.0, "delta2": 0.5}, r"delta1 must be in \(0, 1\]"),
        ({"delta1": 0.5, "delta2": 1.2}, r"delta2 must be in \(0, 1\]"),
        ({"delta1": -0.1, "delta2": 0.5}, "delta1"),
        ({"delta1": [0.5, 1.5], "delta2": 0.5}, r"delta1 .* at index \(1,\)"),
        ({"delta1": float("nan"), "delta2": 0.5}, "delta1 must be finite"),
        ({"delta1": 0.5, "delta2": [0.5, float("nan")]}, "delta2 must be finite"),
        ({"delta1": 1, "delta2": 1}, "continuum|every split"),
        ({"delta1": [0.5, 1], "delta2": 1}, r"index \(1,\)"),
        ({"delta1": 0.9, "delta2": 0.9, "pie": -1}, "pie must be > 0"),
        ({"delta1": 0.9, "delta2": 0.9, "pie": 0}, "pie must be > 0"),
        ({"delta1": 0.9, "delta2": 0.9, "horizon": 0}, "horizon must be >= 1"),
        ({"delta1": 0.9, "delta2": 0.9, "horizon": 2.5}, "horizon must be an integer"),
        ({"delta1": 0.9, "delta2": 0.9, "first": 2}, "first must be 0 or 1"),
        ({"delta1": 0.9, "delta2": 0.9, "first": "row"}, "first must be 0 or 1"),
        ({"delta1": 0.9, "delta2": 0.9, "first": True}, "first must be 0 or 1"),
        ({"delta1": 0.9, "delta2": 0.9, "breakdown": 1.5}, r"breakdown must be in \[0, 1\]"),
        ({"delta1": 0.9, "delta2": 0.9, "breakdown": -0.1}, "breakdown"),
        ({"delta1": 0.9, "delta2": 0.9, "outside_options": 0.3}, "outside_options must be a pair"),
        (
            {"delta1": 0.9, "delta2": 0.9, "outside_options": (0.1, -0.2)},
            r"outside_options\[1\] must be >= 0",
        ),
        ({"delta1": 0.9, "delta2": 0.9, "disagreement": (0.6, 0.5)}, "no gain from agreement"),
        ({"delta1": 0.9, "delta2": 0.9, "disagreement": (-0.1, 0)}, r"disagreement\[0\]"),
        ({"delta1": 0.9, "delta2": "x"}, "delta2 must be a real number"),
        ({"delta1": 0.9, "delta2": 0.9, "rates": (0.1, 0.1), "period": 1}, "not both"),
        ({"rates": (0.1, 0.1)}, "rates needs period"),
        ({"rates": (-0.1, 0.1), "period": 1}, r"rates\[0\] must be >= 0"),
        ({"rates": (0.1, 0.1), "period": -1}, "period must be > 0"),
        ({"rates": (0.1, 0.1), "period": 0}, "period must be > 0"),
        ({"rates": (0, 0), "period": 0.5}, "continuum|every split"),
        ({"rates": (0.1, 0.1), "period": 1, "breakdown": 0.2}, "breakdown_rate"),
        ({"delta1": 0.9, "delta2": 0.9, "period": 1}, "rubinstein_rates"),
        ({"delta1": 0.9, "delta2": 0.9, "breakdown_rate": 1}, "rubinstein_rates"),
        ({"rates": (0.1, 0.1), "period": 1, "exact": True}, "exact=True needs the limit"),
        ({"delta1": [0.5, 0.6], "delta2": [0.5, 0.6, 0.7]}, "broadcast"),
        (
            {"delta1": 0.9, "delta2": 0.9, "breakdown": 0.9, "disagreement": (0, 0.9),
             "outside_options": (0.5, 0.6)},
            "outside the model's domain",
        ),
    ],
)
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_bad_inputs(kwargs, pattern):
    with pytest.raises(InvalidArgumentError, match="rubinstein") as info:
        rubinstein(**kwargs)
    assert info.match(pattern)
    assert not isinstance(info.value, bg.InvalidGameError)  # parameters are not games


@pytest.mark.parametrize("kwargs", [{"delta1": 0.9}, {}])
def test_missing_discount_factors(kwargs):
    with pytest.raises(TypeError, match="delta"):
        rubinstein(**kwargs)


def test_delta_one_allowed_with_breakdown_or_horizon():
    assert rubinstein(1, 1, breakdown=0.5).agreement
    np.testing.assert_allclose(rubinstein(1, 1, horizon=2).shares, [0.0, 1.0])
    assert math.isfinite(rubinstein_rates(0, 0, breakdown_rate=0.1).shares[0])


# ---------------------------------------------------------------------------- closed form of the finite game


def _loop_reference(T, delta, p, b, w, pie, first):
    """Backward induction period by period (plain Python), with demands and binding flags."""
    V = None
    bind = [False, False]
    demand = [math.nan, math.nan]
    for t in reversed(range(T)):
        i = first if t % 2 == 0 else 1 - first
        j = 1 - i
        R = list(b) if V is None else [p * b[k] + (1 - p) * delta[k] * V[k] for k in (0, 1)]
        tau = max(w[j], R[j]) if w is not None else R[j]
        if w is not None and w[j] > R[j]:
            bind[j] = True
        V = [None, None]
        V[i], V[j] = pie - tau, tau
        if t <= 1:
            demand[i] = V[i]
    return tuple(V), tuple(demand), tuple(bind)


@given(
    fractions01,
    fractions01,
    st.fractions(0, 1, max_denominator=10),
    st.tuples(st.fractions(0, F(1, 2), max_denominator=10), st.fractions(0, F(1, 2), max_denominator=10)),
    st.one_of(
        st.none(),
        st.tuples(st.fractions(0, F(1, 2), max_denominator=10), st.fractions(0, F(1, 2), max_denominator=10)),
    ),
    st.integers(1, 40),
    st.sampled_from([0, 1]),
)
def test_closed_form_equals_the_recursion_exactly(d1, d2, p, b, w, T, first):
    # options summing to at most the pie: the closed form of the backward induction
    res = rubinstein(d1, d2, first=first, breakdown=p, disagreement=b, outside_options=w, horizon=T,
                     exact=True)
    value, demand, bind = _loop_reference(T, (d1, d2), p, b, w, F(1), first)
    assert tuple(res.shares_exact) == value
    np.testing.assert_array_equal(res.demands, [float(x) for x in demand])
    assert tuple(bool(x) for x in res.binding) == bind
    resf = rubinstein(float(d1), float(d2), first=first, breakdown=float(p),
                      disagreement=tuple(map(float, b)),
                      outside_options=None if w is None else tuple(map(float, w)), horizon=T)
    np.testing.assert_allclose(resf.shares, [float(v) for v in value], atol=1e-12)
    assert tuple(bool(x) for x in resf.binding) == bind or w is not None  # float ties may differ


@given(deltas, deltas, st.floats(0, 0.5), st.sampled_from([0, 1]), st.integers(0, 1))
def test_long_horizons_are_closed_forms_that_tend_to_the_infinite_game(d1, d2, p, first, parity):
    inf = rubinstein(d1, d2, first=first, breakdown=p, disagreement=(0.1, 0.2))
    fin = rubinstein(d1, d2, first=first, breakdown=p, disagreement=(0.1, 0.2), horizon=10**8 + parity)
    np.testing.assert_allclose(fin.shares, inf.shares, atol=1e-12)
    assert fin.success and fin.message


def test_issue_10_long_horizons_do_not_loop():
    res = rubinstein(0.9, 0.9, horizon=10**8)
    np.testing.assert_allclose(res.shares, [10 / 19, 9 / 19], rtol=1e-12)
    grid = rubinstein(np.linspace(0.5, 0.99, 50)[:, None], 0.9, horizon=10**8 + 1,
                      outside_options=(0.0, np.linspace(0, 0.5, 7)))
    assert grid.shares.shape == (50, 7, 2)
    # exact: the answer's size is bounded; a horizon whose exact shares would be
    # tens of millions of bits is refused at once, with the reason
    with pytest.raises(InvalidArgumentError, match="rubinstein: exact=True with this horizon .* bits"):
        rubinstein(0.9, 0.9, horizon=10**7, exact=True)
    T = 2001
    res = rubinstein(F(9, 10), F(9, 10), horizon=T, exact=True)
    assert res.shares_exact[0] == (1 - F(-9, 10) ** T) / (1 + F(9, 10))


def test_options_beyond_the_pie_stop_when_the_state_repeats():
    # disagreement is possible: backward induction, which jumps once the state repeats
    for T in (1, 2, 3, 7, 10**9):
        res = rubinstein(0.9, 0.8, outside_options=(0.6, 0.5), horizon=T)
        assert not res.agreement and res.success
        np.testing.assert_allclose(res.shares, [0.6, 0.5])
    for T in range(1, 12):
        exact = rubinstein(F(9, 10), F(4, 5), breakdown=F(1, 10), disagreement=(F(1, 2), F(1, 2)),
                           outside_options=(F(3, 5), F(1, 2)), horizon=T, exact=True)
        value, period = _tree_value(T, (F(9, 10), F(4, 5)), F(1, 10), (F(1, 2), F(1, 2)), (F(3, 5), F(1, 2)),
                                    F(1), 0)
        assert tuple(exact.shares_exact) == value and int(exact.agreement_period) == period


# ---------------------------------------------------------------------------- exact decimals, API, bad input


def test_exact_reads_decimals_as_typed():
    assert tuple(rubinstein(0.9, 0.8, exact=True).shares_exact) == (F(5, 7), F(2, 7))
    assert tuple(rubinstein("9/10", "0.8", exact=True).shares_exact) == (F(5, 7), F(2, 7))
    assert tuple(rubinstein(np.float64(0.9), [0.8], exact=True).shares_exact[0]) == (F(5, 7), F(2, 7))
    with pytest.raises(InvalidArgumentError, match="rubinstein: delta1 must be a real number"):
        rubinstein("nine tenths", 0.8, exact=True)
    with pytest.raises(InvalidArgumentError, match="exact=True"):
        rubinstein("9/10", 0.8)


def test_result_contract():
    res = rubinstein(0.9, 0.9)
    assert isinstance(res, bg._result.Result)
    assert res.status is bg.Status.SUCCESS and res.success and res.message == "closed form"
    assert "<pre>" in res._repr_html_()


def test_rates_entry_and_deprecated_keywords():
    new = rubinstein_rates(0.1, 0.3, period=0.5, breakdown_rate=0.2)
    with pytest.warns(DeprecationWarning, match="rubinstein_rates") as rec:
        old = rubinstein(rates=(0.1, 0.3), period=0.5, breakdown_rate=0.2)
    assert rec[0].filename == __file__  # the warning points at the user's line
    np.testing.assert_array_equal(new.shares, old.shares)
    with pytest.raises(InvalidArgumentError, match="rubinstein_rates: period must be > 0"):
        rubinstein_rates(0.1, 0.3, period=0)
    with pytest.raises(TypeError):
        rubinstein(0.9, 0.9, 0)  # everything with a default is keyword-only


@pytest.mark.parametrize(
    "args, pattern",
    [
        (([], []), "delta1 is empty"),
        ((np.ma.array([0.5, 0.6], mask=[0, 1]), 0.5), "masked"),
        ((True, 0.5), "delta1 must be (a )?real"),
        (([[0.5], [0.5, 0.6]], 0.5), "delta1"),
        ((float("inf"), 0.5), "delta1 must be finite"),
        ((0.5, None), "delta2"),
    ],
)
@pytest.mark.parametrize("exact", [False, True])
def test_bad_arrays(args, pattern, exact):
    with pytest.raises(InvalidArgumentError, match=f"rubinstein: .*{pattern}"):
        rubinstein(*args, exact=exact)


def test_bad_flags():
    with pytest.raises(InvalidArgumentError, match="exact must be True or False"):
        rubinstein(0.9, 0.9, exact=1)
    with pytest.raises(InvalidArgumentError, match="horizon must be an integer"):
        rubinstein(0.9, 0.9, horizon=True)


@given(
    fractions01,
    fractions01,
    st.fractions(0, 1, max_denominator=10),
    st.tuples(st.fractions(0, F(1, 2), max_denominator=10), st.fractions(0, F(1, 2), max_denominator=10)),
    st.tuples(st.fractions(0, F(1, 2), max_denominator=10), st.fractions(0, F(1, 2), max_denominator=10)),
    st.integers(1, 40),
    st.sampled_from([0, 1]),
)
def test_exact_clip_path_equals_the_recursion(d1, d2, p, b, w, T, first):
    """Over the size budget, an exact finite game is still solved when an option binds early
    (the sequence stays at the clip); otherwise it is refused. The budget is lowered here so
    that short games take that path."""
    import bargain.bargaining.alternating as alternating

    old = alternating.RUBINSTEIN_EXACT_MAX_BITS
    alternating.RUBINSTEIN_EXACT_MAX_BITS = 40
    try:
        res = rubinstein(d1, d2, first=first, breakdown=p, disagreement=b, outside_options=w, horizon=T,
                         exact=True)
    except InvalidArgumentError as exc:
        assert "exact=True with this horizon" in str(exc)
        res = None
    finally:
        alternating.RUBINSTEIN_EXACT_MAX_BITS = old
    assume(res is not None)
    value, demand, bind = _loop_reference(T, (d1, d2), p, b, w, F(1), first)
    assert tuple(res.shares_exact) == value
    np.testing.assert_array_equal(res.demands, [float(x) for x in demand])
    assert tuple(bool(x) for x in res.binding) == bind


def test_exact_long_horizon_with_a_binding_option():
    # the responder's option binds: the exact answer is small although the horizon is long
    res = rubinstein(0.9, 0.9, outside_options=(0, 0.6), horizon=10**7 + 1, exact=True)
    assert tuple(res.shares_exact) == (F(2, 5), F(3, 5)) and tuple(res.binding) == (False, True)
    res = rubinstein(F(1, 2), F(1, 2), outside_options=(0, F(1, 2)), horizon=10**7, exact=True)
    assert tuple(res.shares_exact) == (F(1, 2), F(1, 2))
    with pytest.raises(InvalidArgumentError, match="exact=True with this horizon"):
        rubinstein(0.9, 0.9, outside_options=(0, 0.1), horizon=10**7, exact=True)  # never binds
