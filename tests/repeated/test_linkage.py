"""linked_critical_delta: Bernheim-Whinston / Spagnolo linked thresholds, exactly; properties; bad input."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.repeated import LinkedCriticalDelta, critical_delta, linked_critical_delta
from bargain.testing import strategies as bst

F = Fraction


def pd(T, R, P, S, **labels):
    return bg.Game([[R, S], [T, P]], [[R, T], [S, P]], **labels)


@st.composite
def pd_payoffs(draw):
    S = draw(st.integers(-20, 20))
    P = S + draw(st.integers(1, 20))
    R = P + draw(st.integers(1, 20))
    T = R + draw(st.integers(1, 20))
    return T, R, P, S


@given(st.lists(pd_payoffs(), min_size=1, max_size=4))
@settings(max_examples=60)
def test_linked_pd_threshold_is_the_closed_form(issues):
    games = [pd(*p) for p in issues]
    res = linked_critical_delta(games, exact=True)
    expected = F(sum(T - R for T, R, _, _ in issues), sum(T - P for T, _, P, _ in issues))
    assert res.linked_exact == expected and res.sustainable
    assert res.deltas_exact == tuple(F(T - R, T - P) for T, R, P, _ in issues)
    flt = linked_critical_delta(games)
    assert flt.linked == pytest.approx(float(expected), rel=1e-12)
    # a mediant: between the smallest and the largest separate threshold
    assert min(res.deltas_exact) <= res.linked_exact <= max(res.deltas_exact)


def test_slack_in_one_issue_carries_another():
    # trade alone is unsustainable (reversion pays as much as cooperation: R = P); border has slack
    trade = bg.Game([[1, 0], [3, 1]], [[1, 3], [0, 1]], name="trade")
    border = pd(5, 4, 0, -1, name="border")
    res = linked_critical_delta([trade, border], exact=True)
    assert res.deltas[0] == math.inf and res.deltas_exact[0] is None
    assert res.linked_exact == F(2 + 1, 2 + 5)
    text = repr(res)
    assert "trade alone: never" in text and "border alone: delta >= 1/5" in text
    assert "for delta >= 3/7" in text


@st.composite
def asymmetric_pd(draw):
    """A 2x2 game where each player has its own T > R > P > S (unique equilibrium (r1, c1))."""
    cells = []
    for _ in range(2):
        S = draw(st.integers(-9, 9))
        P = S + draw(st.integers(1, 9))
        R = P + draw(st.integers(1, 9))
        T = R + draw(st.integers(1, 9))
        cells.append((T, R, P, S))
    (T1, R1, P1, S1), (T2, R2, P2, S2) = cells
    return bg.Game([[R1, S1], [T1, P1]], [[R2, T2], [S2, P2]])


ISSUES = st.one_of(asymmetric_pd(), asymmetric_pd(), asymmetric_pd(),
                   bst.games(rows=(2, 3), cols=(2, 3), payoffs="exact"))


@given(st.lists(ISSUES, min_size=2, max_size=3), st.data())
@settings(max_examples=40, deadline=None)
def test_linking_never_exceeds_the_larger_separate_threshold(games, data):
    targets = [(data.draw(st.integers(0, g.shape[0] - 1)), data.draw(st.integers(0, g.shape[1] - 1)))
               for g in games]
    res = linked_critical_delta(games, targets=targets, exact=True)
    # the assumption of the result: in every issue the punishment is no better than the target
    for issue in res.issues:
        assume(all(r >= p for r, p in zip(issue.target_payoffs_exact, issue.punishment_exact)))
    assert res.linked <= max(res.deltas)
    assert res.message == ""


def test_linking_an_issue_whose_punishment_rewards_a_player_is_reported():
    # issue 2: the target (r0, c0) is a best reply for the row player, but the column player's
    # gain (3 > 2) makes reversion to the only equilibrium (r1, c1) necessary, and the row
    # player likes that reversion (P = 5 > R = 1): alone, issue 2 needs delta >= 1/3
    issue2 = bg.Game([[1, 0], [0, 5]], [[2, 3], [-1, 0]])
    res = linked_critical_delta([pd(5, 4, 0, -1), issue2], exact=True)
    assert res.deltas_exact == (F(1, 5), F(1, 3))
    assert not res.sustainable and res.linked == math.inf  # row: gain 1, loss 4 + (1 - 5) = 0
    assert "linking raises the threshold" in res.message


@given(st.lists(pd_payoffs(), min_size=2, max_size=3), st.data())
@settings(max_examples=40, deadline=None)
def test_invariant_under_a_common_affine_change_of_each_player(issues, data):
    games = [pd(*p) for p in issues]
    a = data.draw(st.integers(1, 10**6))
    b = data.draw(st.integers(1, 10**3))
    shifts = [(data.draw(st.integers(-10**9, 10**9)), data.draw(st.integers(-10**9, 10**9)))
              for _ in games]
    variants = [bg.Game(np.asarray(g.A, dtype=np.int64) * a + s, np.asarray(g.B, dtype=np.int64) * b + t)
                for g, (s, t) in zip(games, shifts)]
    base = linked_critical_delta(games, exact=True)
    var = linked_critical_delta(variants, exact=True)
    assert base.linked_exact == var.linked_exact
    assert linked_critical_delta(variants).linked == pytest.approx(base.linked, rel=1e-9)


def test_batches_broadcast_and_match_single_games():
    rng = np.random.default_rng(3)
    batch = bg.Game(rng.integers(-3, 4, (5, 2, 2)), rng.integers(-3, 4, (5, 2, 2)))
    single = pd(5, 3, 1, 0)
    res = linked_critical_delta([batch, single])
    assert res.linked.shape == (5,) and res.linked_per_player.shape == (5, 2)
    ex = linked_critical_delta([batch, single], exact=True)
    for b in range(5):
        one = linked_critical_delta([batch[b], single])
        np.testing.assert_allclose(res.linked_per_player[b], one.linked_per_player, rtol=1e-12)
        assert ex.linked[b] == pytest.approx(one.linked, rel=1e-12)
    assert "batch of shape (5,)" in repr(res)


def test_minmax_punishment_and_result_type():
    res = linked_critical_delta([pd(5, 3, 1, 0), pd(4, 3, 0, -1)], strategy="minmax", exact=True)
    assert isinstance(res, LinkedCriticalDelta) and res.success
    assert res.linked_exact == F(2 + 1, 4 + 4)
    assert "minmax" in repr(res)
    with pytest.raises(AttributeError):
        res.linked = 0.0
    with pytest.raises(ValueError):
        res.gain[0] = 1.0


def test_a_single_issue_is_its_own_threshold():
    g = pd(5, 3, 1, 0)
    assert linked_critical_delta([g]).linked == pytest.approx(critical_delta(g).delta)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (("not games",), {}, InvalidArgumentError, "games must be a sequence"),
        (([],), {}, InvalidArgumentError, "empty"),
        (([[[1, 2], [3, 4]]],), {}, InvalidGameError, "expected a bargain.Game"),
        (([pd(5, 3, 1, 0)] * 2,), {"targets": [(0, 0)]}, InvalidArgumentError, "one profile per game"),
        (([pd(5, 3, 1, 0)] * 2,), {"targets": "ab"}, InvalidArgumentError, "targets must be"),
        (([pd(5, 3, 1, 0)] * 2,), {"targets": [(0, 0), (0, 5)]}, InvalidArgumentError, "issue 1"),
        (([pd(5, 3, 1, 0)],), {"strategy": "tit_for_tat"}, InvalidArgumentError, "strategy"),
        (([pd(5, 3, 1, 0)],), {"exact": "yes"}, InvalidArgumentError, "exact"),
        (([pd(5, 3, 1, 0)],), {"tol": 2.0}, InvalidArgumentError, "tol"),
    ],
)
def test_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match) as info:
        linked_critical_delta(*args, **kwargs)
    assert "linked_critical_delta" in str(info.value)


def test_batch_shapes_must_broadcast():
    a = bg.Game(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    b = bg.Game(np.zeros((3, 2, 2)), np.zeros((3, 2, 2)))
    with pytest.raises(InvalidGameError, match="do not broadcast"):
        linked_critical_delta([a, b])
