"""Repeated games with transfers (Goldlücke-Kranz 2012, perfect monitoring): closed forms and properties."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain._result import Status
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.testing import strategies as bst

F = Fraction


def pd(T1, R1, P1, S1, T2=None, R2=None, P2=None, S2=None):
    """Prisoner's Dilemma, row payoffs (T1, R1, P1, S1), column (T2, R2, P2, S2); action 0 = C."""
    T2, R2, P2, S2 = (T1, R1, P1, S1) if T2 is None else (T2, R2, P2, S2)
    return bg.Game(
        [[R1, S1], [T1, P1]], [[R2, T2], [S2, P2]],
        row_actions=("C", "D"), col_actions=("C", "D"), players=("Row", "Col"),
    )


def grim_threshold(g, target):
    """Grim trigger with reversion to the pure equilibrium worst for each deviator, no transfers.

    Computed directly (the stage game must have a pure equilibrium): the target is an SPE
    path iff for each player u_i(target) >= (1 - d) c_i + d e_i with e_i the worst pure
    equilibrium payoff: d >= (c_i - u_i) / (c_i - e_i).
    """
    A, B = (np.array(M, dtype=object) for M in g.exact_payoffs())
    m, n = A.shape
    ne = [(i, j) for i in range(m) for j in range(n)
          if A[i, j] == max(A[:, j]) and B[i, j] == max(B[i, :])]
    assert ne
    i, j = target
    out = F(0)
    for c, u, e in ((max(A[:, j]), A[i, j], min(A[p] for p in ne)),
                    (max(B[i, :]), B[i, j], min(B[p] for p in ne))):
        if c == u:
            continue
        if u <= e:
            return None  # never sustained by Nash reversion (it would need delta >= 1)
        out = max(out, F(c - u) / F(c - e))
    return out


# ------------------------------------------------------------------------ closed forms
def test_pd_symmetric_closed_forms():
    # T=5, R=3, P=1, S=0: one-sided profiles (joint S+T) from (P-S)/(T-P) = 1/4 (slack
    # S+T-2P); mutual cooperation from 2(T-R)/(2(T-R)+2R-2P) = (T-R)/(T-P) = 1/2
    res = bg.repeated.transfer_equilibria(pd(5, 3, 1, 0), exact=True)
    assert res.breakpoints == (F(1, 4), F(1, 2))
    assert [r.joint_payoff for r in res.regimes] == [2, 5, 6]
    assert all(r.punishment_payoffs == (1, 1) for r in res.regimes)
    assert res.regimes[0].sustainable == ((1, 1),)
    assert res.regimes[2].equilibrium_profiles == ((0, 0),)
    assert res.critical_delta((0, 0)) == F(1, 2)
    assert res.critical_delta((0, 1)) == F(1, 4)
    assert res.covered == 1 and res.success and res.status is Status.SUCCESS


@pytest.mark.parametrize(
    "row, col",
    [((5, 3, 1, 0), (9, 3, 1, 0)), ((4, 3, 0, -1), (7, 5, 1, -3)), ((F(7, 2), 2, 1, 0), (3, F(5, 2), 1, 0))],
)
def test_pd_asymmetric_cooperation_threshold(row, col):
    # mutual cooperation is sustainable iff
    #   (T1 - R1) + (T2 - R2) <= d/(1-d) ((R1 - P1) + (R2 - P2))
    # (the punishment holds each player to P_i, his pure minmax), i.e.
    #   d >= ((T1 - R1) + (T2 - R2)) / ((T1 - P1) + (T2 - P2)),
    # the mediant of the two grim thresholds (T_i - R_i)/(T_i - P_i): never above the larger.
    (T1, R1, P1, S1), (T2, R2, P2, S2) = row, col
    g = pd(T1, R1, P1, S1, T2, R2, P2, S2)
    res = bg.repeated.transfer_equilibria(g, exact=True)
    closed = F((T1 - R1) + (T2 - R2)) / F((T1 - P1) + (T2 - P2))
    assert res.critical_delta((0, 0)) == closed
    grim = max(F(T1 - R1, 1) / (T1 - P1), F(T2 - R2, 1) / (T2 - P2))
    assert grim_threshold(g, (0, 0)) == grim
    assert closed <= grim
    # exactly at the threshold it holds, just below it does not
    assert (0, 0) in res.at(closed).sustainable
    assert (0, 0) not in res.at(closed - F(1, 10**9)).sustainable


def test_punishment_below_nash_reversion():
    # the only pure equilibrium is (a, x) with payoffs (4, 4): Nash reversion cannot hold
    # Row below 4. With transfers the stick (b, y) (deviation gains 1 + 0) holds Row to his
    # best reply against y, 1, as soon as 1 <= r (U* - v_1 - v_2) = r (8 - 1 - 3): r >= 1/4,
    # delta >= 1/5; Column is held to 3 (his best reply against b) by the same stick.
    g = bg.Game([[4, 1], [0, 0]], [[4, 0], [0, 3]], row_actions=("a", "b"), col_actions=("x", "y"))
    res = bg.repeated.transfer_equilibria(g, exact=True)
    assert res.regimes[0].punishment_payoffs == (4, 4)
    assert res.regimes[1].lower == F(1, 5) and res.regimes[1].punishment_payoffs == (1, 3)
    assert res.regimes[1].punishment_profiles == (((1, 1),), ((1, 1),))
    assert all(r.joint_payoff == 8 and r.equilibrium_profiles == ((0, 0),) for r in res.regimes)
    # (a, y): deviation gains 0 + 4 <= r 4 from r = 1, delta = 1/2
    assert (0, 1) in res.at(F(1, 2)).enforceable and (0, 1) not in res.at(F(49, 100)).enforceable


def test_no_pure_equilibrium_then_transfers_help():
    # no pure stage equilibrium (best replies cycle): nothing at small delta; the joint
    # surplus of (r0, c0) makes it sustainable for patient players
    g = bg.Game([[2, 0], [0, 1]], [[4, 5], [1, 0]])
    assert not bg.pure_equilibria(g).any()
    res = bg.repeated.transfer_equilibria(g, exact=True)
    assert not res.regimes[0].exists and res.regimes[0].payoff_region().shape == (0, 2)
    assert res.regimes[0].joint_payoff is None and res.regimes[0].punishment_payoffs is None
    assert "no pure-strategy equilibrium" in repr(res)
    last = res.regimes[-1]
    assert last.exists and last.joint_payoff == 6 and (0, 0) in last.sustainable


def test_matching_pennies_never():
    res = bg.repeated.transfer_equilibria(bg.Game.zero_sum([[1, -1], [-1, 1]]), exact=True)
    assert len(res.regimes) == 1 and not res.regimes[0].exists
    assert res.breakpoints == ()
    assert res.critical_delta((0, 0)) is None


# ------------------------------------------------------------------------ independent checks
def _tables(g):
    A, B = (np.array(M, dtype=object) for M in g.exact_payoffs())
    m, n = A.shape
    prof = [(i, j) for i in range(m) for j in range(n)]
    c1 = {p: max(A[:, p[1]]) for p in prof}
    c2 = {p: max(B[p[0], :]) for p in prof}
    L = {p: c1[p] - A[p] + c2[p] - B[p] for p in prof}
    U = {p: A[p] + B[p] for p in prof}
    return prof, c1, c2, L, U


def _brute_force(g, delta):
    """Largest self-enforcing set of profiles by enumerating every subset (no iteration).

    A set E is self-enforcing when every profile in it satisfies L(a) <= r (max_E U -
    min_E c_1 - min_E c_2): then the simple strategies built from E are an SPE (each stick
    and the path are deterred by the continuation). The answer's slack must be the largest
    over all such sets, and its U*, v_i the best ones.
    """
    prof, c1, c2, L, U = _tables(g)
    r = delta / (1 - delta)
    best = None
    for k in range(1, len(prof) + 1):
        for E in itertools.combinations(prof, k):
            top = max(U[p] for p in E)
            v = (min(c1[p] for p in E), min(c2[p] for p in E))
            s = top - v[0] - v[1]
            if all(L[p] <= r * s for p in E) and (r > 0 or all(L[p] == 0 for p in E)):
                if best is None or s > best[0]:
                    best = (s, top, v)
                elif s == best[0]:
                    best = (s, max(top, best[1]), (min(v[0], best[2][0]), min(v[1], best[2][1])))
    return best


@settings(max_examples=60, deadline=None)
@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="exact"), st.fractions(0, 1).filter(lambda d: d < 1))
def test_matches_brute_force_over_all_profile_sets(g, delta):
    res = bg.repeated.transfer_equilibria(g, exact=True)
    reg = res.at(delta)
    best = _brute_force(g, delta)
    if best is None:
        assert not reg.exists
    else:
        assert reg.exists
        assert reg.joint_payoff == best[1]
        assert reg.punishment_payoffs == best[2]
        assert reg.joint_payoff - sum(reg.punishment_payoffs) == best[0]


@settings(max_examples=60, deadline=None)
@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="exact"))
def test_monotone_in_delta_and_folk_limit(g):
    res = bg.repeated.transfer_equilibria(g, exact=True)
    regs = [r for r in res.regimes if r.exists]
    # once an equilibrium exists it exists for every larger delta
    assert all(r.exists for r in res.regimes[len(res.regimes) - len(regs):])
    for a, b in itertools.pairwise(regs):
        assert b.joint_payoff >= a.joint_payoff
        assert b.punishment_payoffs[0] <= a.punishment_payoffs[0]
        assert b.punishment_payoffs[1] <= a.punishment_payoffs[1]
        assert set(a.sustainable) <= set(b.sustainable)
        assert set(a.enforceable) <= set(b.enforceable)
    lowers = [r.lower for r in res.regimes]
    assert lowers[0] == 0 and lowers == sorted(set(lowers))
    assert all(r.upper == s.lower for r, s in itertools.pairwise(res.regimes))
    # patient players: with a strictly positive slack every profile is enforceable, v_i is
    # the pure minmax and U* the largest joint payoff
    prof, c1, c2, L, U = _tables(g)
    minmax = (min(c1.values()), min(c2.values()))
    if max(U.values()) - sum(minmax) > 0:
        last = res.regimes[-1]
        assert last.punishment_payoffs == minmax
        assert last.joint_payoff == max(U.values())
        assert len(last.enforceable) == len(prof)


@settings(max_examples=60, deadline=None)
@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="exact"))
def test_transfers_never_sustain_less_than_nash_reversion(g):
    A, B = g.exact_payoffs()
    m, n = g.shape
    assume(any(A[i, j] == max(A[:, j]) and B[i, j] == max(B[i, :]) for i in range(m) for j in range(n)))
    res = bg.repeated.transfer_equilibria(g, exact=True)
    for target in itertools.product(range(m), range(n)):
        grim = grim_threshold(g, target)
        if grim is None:
            continue
        with_transfers = res.critical_delta(target)
        assert with_transfers is not None and with_transfers <= grim


@settings(max_examples=30, deadline=None)
@given(bst.games(rows=2, cols=2, payoffs="exact"), st.sampled_from([0.2, 0.5, 0.7, 0.9]))
def test_contains_the_payoff_set_without_transfers(g, delta):
    # an equilibrium without transfers is one with transfers in which nobody is asked to pay,
    # so every subgame-perfect payoff without transfers (bargain.repeated.equilibrium_payoffs,
    # an independent computation: Abreu-Sannikov on polygons) lies in the transfer triangle
    spe = bg.repeated.equilibrium_payoffs(g, delta)
    assume(spe.success and len(spe.vertices) > 0)
    reg = bg.repeated.transfer_equilibria(g).at(delta)
    assert reg.exists
    slack = 1e-6 * max(float(np.ptp(g.A)), float(np.ptp(g.B)), 1.0)  # the set's convergence tolerance
    V = spe.vertices
    assert (V[:, 0] >= reg.punishment_payoffs[0] - slack).all()
    assert (V[:, 1] >= reg.punishment_payoffs[1] - slack).all()
    assert (V.sum(axis=1) <= reg.joint_payoff + slack).all()


# ------------------------------------------------------------------------ invariance
@settings(max_examples=40, deadline=None)
@given(
    bst.games(rows=(1, 3), cols=(1, 3), payoffs="exact"),
    st.integers(-9, 9),
    st.integers(-(10**12), 10**12),
    st.integers(-(10**12), 10**12),
)
def test_common_scale_and_per_player_shift_change_nothing(g, k, shift1, shift2):
    A, B = g.exact_payoffs()
    c = F(10) ** k
    h = bg.Game(A * c + shift1, B * c + shift2)
    base = bg.repeated.transfer_equilibria(g, exact=True)
    moved = bg.repeated.transfer_equilibria(h, exact=True)
    assert base.breakpoints == moved.breakpoints
    for a, b in zip(base.regimes, moved.regimes, strict=True):
        assert (a.exists, a.sustainable, a.enforceable, a.equilibrium_profiles, a.punishment_profiles) == (
            b.exists, b.sustainable, b.enforceable, b.equilibrium_profiles, b.punishment_profiles)
        if a.exists:
            assert b.joint_payoff == a.joint_payoff * c + shift1 + shift2
            v = a.punishment_payoffs
            assert b.punishment_payoffs == (v[0] * c + shift1, v[1] * c + shift2)


@settings(max_examples=30, deadline=None)
@given(bst.games(rows=2, cols=2, payoffs="exact"), st.integers(0, 9), st.integers(-(10**12), 10**12))
def test_float_game_same_answer(g, k, shift):
    # a float game is read as the decimals it prints as: integer payoffs times 10**k plus an
    # integer shift are exact floats, so the breakpoints are the same fractions
    A, B = (np.array(M, dtype=float) for M in g.exact_payoffs())
    h = bg.Game(A * 10.0**k + float(shift), B * 10.0**k)
    assert bg.repeated.transfer_equilibria(h, exact=True).breakpoints == bg.repeated.transfer_equilibria(
        g, exact=True).breakpoints


def test_one_players_scale_matters():
    # money is one unit for both: rescaling only the row player's payoffs changes the answer
    g = pd(5, 3, 1, 0, 9, 3, 1, 0)
    A, B = g.exact_payoffs()
    h = bg.Game(A * 10, B, row_actions=("C", "D"), col_actions=("C", "D"))
    assert bg.repeated.transfer_equilibria(g).critical_delta((0, 0)) != pytest.approx(
        bg.repeated.transfer_equilibria(h).critical_delta((0, 0)))


# ------------------------------------------------------------------------ arrays of deltas
def test_deltas_batch_matches_regimes():
    g = pd(5, 3, 1, 0)
    d = np.array([[0.0, 0.2, 0.25], [0.3, 0.5, 0.99]])
    res = bg.repeated.transfer_equilibria(g, deltas=d)
    assert res.joint_payoff.shape == (2, 3) and res.punishment_payoffs.shape == (2, 3, 2)
    assert res.sustainable.shape == (2, 3, 2, 2) and res.exists.all()
    # 0.25 and 0.5 are exactly on breakpoints: the new regime applies there
    np.testing.assert_array_equal(res.joint_payoff, [[2, 2, 5], [5, 6, 6]])
    assert res.sustainable[1, 1, 0, 0] and not res.sustainable[1, 0, 0, 0]
    assert not res.joint_payoff.flags.writeable
    for x, u in zip(d.ravel(), res.joint_payoff.ravel(), strict=True):
        assert res.at(float(x)).joint_payoff == u
    assert isinstance(res.regimes[0].joint_payoff, float) and isinstance(res.breakpoints[0], float)


def test_deltas_nan_where_no_equilibrium():
    g = bg.Game([[2, 0], [0, 1]], [[4, 5], [1, 0]])
    res = bg.repeated.transfer_equilibria(g, deltas=[0.0, 0.999])
    assert np.isnan(res.joint_payoff[0]) and not res.exists[0] and res.exists[1]


def test_payoff_region_and_repr_use_labels():
    g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("Protect", "Withdraw"),
                col_actions=("Contribute", "Free-ride"), players=("Guarantor", "Ally"))
    res = bg.repeated.transfer_equilibria(g, exact=True)
    text = repr(res)
    assert "Guarantor vs Ally" in text and "(Protect, Contribute)" in text and "1/2" in text
    assert "(Protect, Contribute)" in repr(res.regimes[-1])
    np.testing.assert_array_equal(res.at(F(3, 4)).payoff_region(), [[1, 1], [5, 1], [1, 5]])
    np.testing.assert_array_equal(res.at(0).payoff_region(), [[1, 1], [1, 1]][:1])
    assert "<pre>" in res._repr_html_()
    with pytest.raises(TypeError):
        len(res)


def test_time_budget_stops_with_status():
    rng = np.random.default_rng(0)
    g = bg.Game(rng.integers(-50, 50, (6, 6)), rng.integers(-50, 50, (6, 6)))
    with pytest.warns(bg.ConvergenceWarning):
        res = bg.repeated.transfer_equilibria(g, max_time=1e-6)
    assert res.status is Status.MAX_TIME and res.covered < 1 and "max_time" in res.message
    with pytest.raises(InvalidArgumentError, match="stopped"):
        res.at(0.999999)


# ------------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"deltas": 1.0}, "deltas"),
        ({"deltas": [0.5, -0.1]}, "deltas"),
        ({"deltas": [np.nan]}, "deltas"),
        ({"deltas": True}, "deltas"),
        ({"deltas": "0.5"}, "deltas"),
        ({"exact": 1}, "exact"),
        ({"max_time": 0}, "max_time"),
        ({"max_time": -1.0}, "max_time"),
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=f"transfer_equilibria.*{match}"):
        bg.repeated.transfer_equilibria(pd(5, 3, 1, 0), **kwargs)


def test_bad_game_and_queries():
    with pytest.raises(InvalidGameError, match="transfer_equilibria"):
        bg.repeated.transfer_equilibria([[1, 2], [3, 4]])
    with pytest.raises(InvalidGameError, match="single game"):
        bg.repeated.transfer_equilibria(bg.Game(np.zeros((2, 2, 2)), np.zeros((2, 2, 2))))
    res = bg.repeated.transfer_equilibria(pd(5, 3, 1, 0))
    for bad in (1.0, -0.5, float("nan"), True, "0.5"):
        with pytest.raises(InvalidArgumentError, match="TransferEquilibria.at"):
            res.at(bad)
    for bad in ((0, 2), (0,), "ab", (True, 0), (0.5, 0)):
        with pytest.raises(InvalidArgumentError, match="critical_delta"):
            res.critical_delta(bad)


def test_positional_deltas_refused():
    with pytest.raises(TypeError):
        bg.repeated.transfer_equilibria(pd(5, 3, 1, 0), [0.5])  # type: ignore[misc]
