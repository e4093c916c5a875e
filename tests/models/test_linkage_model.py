"""bargain.models.linkage.issue_linkage: two Prisoner's Dilemmas, separately, linked, with transfers."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.linkage import issue_linkage

NAMES = ("temptation", "reward", "punishment", "sucker")


@st.composite
def dilemma(draw, lo=-20, hi=20):
    """Integers T > R > P > S."""
    values = draw(st.lists(st.integers(lo, hi), min_size=4, max_size=4, unique=True))
    return tuple(sorted(values, reverse=True))


stakes = st.fractions(min_value=Fraction(1, 5), max_value=5, max_denominator=6)


def _kwargs(pd1, pd2, s1=1, s2=1):
    out = {f"{n}_1": v for n, v in zip(NAMES, pd1)}
    out.update({f"{n}_2": v for n, v in zip(NAMES, pd2)})
    return {**out, "stake_1": s1, "stake_2": s2}


def test_defaults_reproduce_the_closed_form_exactly():
    r = issue_linkage(exact=True)
    assert r.issue_deltas.tolist() == [Fraction(1, 2), Fraction(3, 4)]
    assert r.separate_delta == Fraction(3, 4)
    assert r.linked_delta == Fraction(2 + 3, 4 + 4)  # sum (T - R) / sum (T - P)
    assert r.transfer_delta == Fraction(5, 8) and not r.transfers_help
    assert r.linked_by_country.tolist() == [Fraction(5, 8)] * 2
    assert bool(r.linking_helps)
    assert r.games[0].shape == (2, 2) and r.linked_game.shape == (4, 4)


@settings(max_examples=40, deadline=None)
@given(dilemma(), dilemma())
def test_linked_threshold_is_the_mediant_sum_gains_over_sum_gains_plus_losses(pd1, pd2):
    r = issue_linkage(**_kwargs(pd1, pd2), exact=True)
    (T1, R1, P1, _), (T2, R2, P2, _) = pd1, pd2
    assert r.issue_deltas.tolist() == [Fraction(T1 - R1, T1 - P1), Fraction(T2 - R2, T2 - P2)]
    assert r.linked_delta == Fraction((T1 - R1) + (T2 - R2), (T1 - P1) + (T2 - P2))
    # symmetric countries: side payments add nothing to linkage
    assert r.transfer_delta == r.linked_delta and not r.transfers_help


@settings(max_examples=40, deadline=None)
@given(dilemma(), dilemma(), stakes, stakes)
def test_with_stakes_each_country_has_its_weighted_mediant_and_transfers_pool_both(pd1, pd2, s1, s2):
    r = issue_linkage(**_kwargs(pd1, pd2, s1, s2), exact=True)
    (T1, R1, P1, _), (T2, R2, P2, _) = pd1, pd2
    g1, g2, t1, t2 = T1 - R1, T2 - R2, T1 - P1, T2 - P2
    d_a, d_b = Fraction(g1 + g2, t1 + t2), (s1 * g1 + s2 * g2) / (s1 * t1 + s2 * t2)
    assert r.issue_deltas.tolist() == [Fraction(g1, t1), Fraction(g2, t2)]  # stakes do not matter alone
    assert r.linked_by_country.tolist() == [d_a, d_b] and r.linked_delta == max(d_a, d_b)
    assert r.transfer_delta == ((1 + s1) * g1 + (1 + s2) * g2) / ((1 + s1) * t1 + (1 + s2) * t2)


@settings(max_examples=40, deadline=None)
@given(dilemma(), dilemma(), stakes, stakes)
def test_linking_never_raises_the_threshold_and_helps_iff_the_issues_differ(pd1, pd2, s1, s2):
    r = issue_linkage(**_kwargs(pd1, pd2, s1, s2), exact=True)
    d1, d2 = r.issue_deltas.tolist()
    assert min(d1, d2) <= r.linked_delta <= max(d1, d2) == r.separate_delta
    assert bool(r.linking_helps) == (d1 != d2)
    d_a, d_b = r.linked_by_country.tolist()
    assert min(d_a, d_b) <= r.transfer_delta <= r.linked_delta
    assert bool(r.transfers_help) == (d_a != d_b)


@settings(max_examples=15, deadline=None)
@given(dilemma(), dilemma(), stakes, stakes)
def test_agrees_with_the_repeated_game_solvers(pd1, pd2, s1, s2):
    r = issue_linkage(**_kwargs(pd1, pd2, s1, s2), exact=True)
    linked = bg.repeated.linked_critical_delta(list(r.games), exact=True)
    assert linked.linked_exact == r.linked_delta
    assert list(linked.deltas_exact) == r.issue_deltas.tolist()
    # side payments on the joint game: Goldlücke-Kranz optimal simple strategies
    transfers = bg.repeated.transfer_equilibria(r.linked_game, exact=True)
    assert transfers.critical_delta((0, 0)) == r.transfer_delta


@settings(max_examples=15, deadline=None)
@given(dilemma(), dilemma(), stakes, stakes)
def test_stage_games_are_dilemmas_with_mutual_defection_the_only_equilibrium(pd1, pd2, s1, s2):
    r = issue_linkage(**_kwargs(pd1, pd2, s1, s2), exact=True)
    for g, last in ((r.games[0], 1), (r.games[1], 1), (r.linked_game, 3)):
        eqs = bg.nash_equilibria(g, exact=True).equilibria
        assert len(eqs) == 1
        assert eqs[0].row_exact[last] == 1 and eqs[0].col_exact[last] == 1


def test_float_path_agrees_with_the_exact_path_and_with_linked_critical_delta_on_a_batch():
    t2 = np.array([3.5, 4.0, 6.0, 11.0])[:, None]
    r1 = np.array([2.5, 3.0])
    r = issue_linkage(temptation_2=t2, reward_1=r1)
    assert r.shape == (4, 2) and r.issue_deltas.shape == (4, 2, 2)
    assert r.games[1].batch_shape == (4, 2) and r.linked_game.batch_shape == (4, 2)
    batch = bg.repeated.linked_critical_delta(list(r.games))
    np.testing.assert_allclose(r.linked_delta, batch.linked, rtol=1e-12)
    exact = issue_linkage(temptation_2=t2, reward_1=r1, exact=True)
    np.testing.assert_allclose(r.linked_delta, exact.linked_delta.astype(float), rtol=1e-15)


def test_broadcast_arrays_equal_elementwise_scalar_calls():
    t1 = np.array([4.0, 5.0, 9.0])[:, None]
    p2 = np.array([0.25, 0.5, 2.0, 2.9])
    r = issue_linkage(temptation_1=t1, punishment_2=p2, stake_1=[[2.0], [1.0], [0.5]])
    for i in range(3):
        for j in range(4):
            one = issue_linkage(temptation_1=float(t1[i, 0]), punishment_2=float(p2[j]),
                                stake_1=[2.0, 1.0, 0.5][i])
            assert r.linked_delta[i, j] == one.linked_delta
            assert r.separate_delta[i, j] == one.separate_delta
            assert r.transfer_delta[i, j] == one.transfer_delta
            assert r.linking_helps[i, j] == one.linking_helps
            assert r.transfers_help[i, j] == one.transfers_help
            assert r.linked_by_country[i, j].tolist() == one.linked_by_country.tolist()
            assert r.issue_deltas[i, j].tolist() == one.issue_deltas.tolist()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"temptation_1": 3}, r"linkage\.issue_linkage: temptation_1 must exceed reward_1 .*"
                              r"got temptation_1=3, reward_1=3"),
        ({"punishment_2": [1, 3]}, r"reward_2 must exceed punishment_2 .*got reward_2=3, "
                                   r"punishment_2=3 at index \(1,\)"),
        ({"sucker_1": 1}, r"punishment_1 must exceed sucker_1"),
        ({"reward_2": np.nan}, r"linkage\.issue_linkage: reward_2 must be finite"),
        ({"temptation_1": "high"}, r"temptation_1 must be real"),
        ({"stake_2": 0}, r"linkage\.issue_linkage: stake_2 must be in \(0, inf\).*got 0"),
        ({"temptation_1": [5, 6], "temptation_2": [6, 7, 8]}, "parameter shapes do not broadcast"),
    ],
)
def test_bad_parameters_name_the_model_parameter_and_value(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        issue_linkage(**kwargs)


def test_declared_in_the_registry():
    m = bg.models.get_model("issue_linkage")
    assert m is issue_linkage and m.exact and "Spagnolo (1999)" in m.source
    assert [p.name for p in m.parameters][:4] == ["temptation_1", "reward_1", "punishment_1", "sucker_1"]
