"""Strategies as finite automata (issue 11 item 3): payoffs, subgame-perfect discount factors, trembles.

Closed forms (Prisoner's Dilemma with T > R > P > S, cooperate = 0, defect = 1):
- grim against grim (Friedman 1971; Mailath-Samuelson 2006, Section 2.4.1): SPE iff delta >= (T-R)/(T-P);
- tit-for-tat against tit-for-tat (Mailath-Samuelson 2006, Section 2.4.3): derived below, the set is
  {(T-R)/(R-S)} when (T-R)/(R-S) == (P-S)/(T-P) < 1 and empty otherwise;
- win-stay lose-shift against itself (Fudenberg-Maskin 1990; Nowak-Sigmund 1993): SPE iff
  delta >= (T-R)/(R-P) (empty when T + P >= 2R);
- k-period punishment: SPE iff delta + ... + delta^k >= (T-R)/(R-P).
Every closed form is also checked against a brute-force simulation of all one-shot deviations that shares
no code with the library (its own transition lookup, truncated play).
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.repeated import Automaton, DeltaSet, automaton_payoffs, spe_deltas
from bargain.repeated.automata import AlgebraicNumber, DeltaInterval
from bargain.testing import strategies as bst

A_ = Automaton


def pd(T, R, P, S, **labels):
    return bg.Game.from_cells([[(R, R), (S, T)], [(T, S), (P, P)]], **labels)


@st.composite
def pd_params(draw):
    S, P, R, T = sorted(draw(st.lists(st.integers(-6, 9), min_size=4, max_size=4, unique=True)))
    return T, R, P, S


# ---------------------------------------------------------------------------- an independent simulator
def _next(aut, state, own, other):
    t = aut.transitions
    for key in ((state, (own, other)), (state, (own, "*")), (state, ("*", other)), (state, ("*", "*"))):
        if key in t:
            v = t[key]
            return {v: 1.0} if isinstance(v, str) else {k: float(p) for k, p in v.items()}
    raise KeyError((state, own, other))


def _act(aut, state):
    return aut.actions[aut.states.index(state)]


def _trembles(i, k, eps):
    if eps == 0:
        return [(i, 1.0)]
    return [(i, 1 - eps)] + [(a, eps / (k - 1)) for a in range(k) if a != i]


class Chain:
    """The pair of automata as a Markov chain, built here from the public transition tables alone."""

    def __init__(self, g, a, b, eps=0.0):
        self.g, self.a, self.b, self.eps = g, a, b, eps
        self.A, self.B = np.asarray(g.A), np.asarray(g.B)
        self.pairs = [(p, q) for p in a.states for q in b.states]
        self.pos = {pq: k for k, pq in enumerate(self.pairs)}
        N = len(self.pairs)
        self.P = np.zeros((N, N))
        self.u = np.zeros((N, 2))
        for k, (p, q) in enumerate(self.pairs):
            r, row = self.step(p, q, _act(a, p), _act(b, q))
            self.u[k], self.P[k] = r, row

    def step(self, p, q, i, j):
        """Expected stage payoffs and next-pair distribution when (i, j) is intended at (p, q)."""
        m, n = self.A.shape
        r = np.zeros(2)
        row = np.zeros(len(self.pairs))
        for ii, pi in _trembles(i, m, self.eps):
            for jj, pj in _trembles(j, n, self.eps):
                w = pi * pj
                r += w * np.array([self.A[ii, jj], self.B[ii, jj]])
                for p2, w1 in _next(self.a, p, ii, jj).items():
                    for q2, w2 in _next(self.b, q, jj, ii).items():
                        row[self.pos[(p2, q2)]] += w * w1 * w2
        return r, row

    def values(self, delta, tol=1e-13):
        """Truncated play: value iteration V <- (1 - delta) u + delta P V until delta^t < tol."""
        V = np.zeros_like(self.u)
        horizon = 1 if delta == 0 else int(math.log(tol) / math.log(delta)) + 2
        for _ in range(horizon):
            V = (1 - delta) * self.u + delta * self.P @ V
        return V

    def deviation(self, V, delta, p, q, i, j):
        r, row = self.step(p, q, i, j)
        return (1 - delta) * r + delta * row @ V


def simulate(g, a, b, delta, *, eps=0.0):
    c = Chain(g, a, b, eps)
    return c.values(delta)[c.pos[(a.initial, b.initial)]]


def reachable_pairs(g, a, b):
    m, n = g.shape
    seen = {(a.initial, b.initial)}
    frontier = list(seen)
    while frontier:
        p, q = frontier.pop()
        for i in range(m):
            for j in range(n):
                for p2 in _next(a, p, i, j):
                    for q2 in _next(b, q, j, i):
                        if (p2, q2) not in seen:
                            seen.add((p2, q2))
                            frontier.append((p2, q2))
    return seen


def brute_force_spe(g, a, b, delta, *, eps=0.0, slack=1e-9, every=False):
    """One-shot deviations at every reachable pair (every pair: ``every``), evaluated on truncated play."""
    m, n = g.shape
    scale = np.maximum(np.asarray(g.payoff_range), [np.abs(g.A).max(), np.abs(g.B).max()])
    scale = np.maximum(scale, 1e-300)
    c = Chain(g, a, b, eps)
    V = c.values(delta)
    for p, q in (c.pairs if every else reachable_pairs(g, a, b)):
        base = V[c.pos[(p, q)]]
        i, j = _act(a, p), _act(b, q)
        for dev in range(m):
            if c.deviation(V, delta, p, q, dev, j)[0] > base[0] + slack * scale[0]:
                return False
        for dev in range(n):
            if c.deviation(V, delta, p, q, i, dev)[1] > base[1] + slack * scale[1]:
                return False
    return True


def _finite_endpoints(s: DeltaSet):
    for iv in s.intervals:
        for x in (iv.lo, iv.hi):
            yield float(x)


def check_against_brute_force(g, a, b, deltas, *, eps=0.0):
    s = spe_deltas(g, a, b, eps=F(eps).limit_denominator(10**6) if eps else 0)
    ends = list(_finite_endpoints(s))
    for d in deltas:
        if any(abs(d - e) < 1e-6 for e in ends):
            continue
        assert s.contains(d) == brute_force_spe(g, a, b, d, eps=eps), (a.name, b.name, d, s)


CLASSICS = [
    A_.grim(),
    A_.tit_for_tat(),
    A_.win_stay_lose_shift(),
    A_.k_period(2),
    A_.contrite_tit_for_tat(),
    A_.always_defect(),
    A_.always_cooperate(),
]
GRID = [0.05, 0.2, 0.35, 0.45, 0.55, 0.62, 0.7, 0.8, 0.9, 0.95]


# ---------------------------------------------------------------------------- closed forms
@pytest.mark.parametrize(("T", "R", "P", "S"), [(5, 3, 1, 0), (4, 3, 1, 0), (10, 6, 2, -3), (3, 2, 0, -1)])
def test_grim_closed_form(T, R, P, S):
    s = spe_deltas(pd(T, R, P, S), A_.grim(), A_.grim())
    assert s.success
    assert s.intervals == (DeltaInterval(F(T - R, T - P), F(1), True, False),)
    assert s.infimum == F(T - R, T - P)
    assert s.contains(F(T - R, T - P)) and not s.contains(F(T - R, T - P) - F(1, 10**12))


@given(pd_params())
@settings(max_examples=40, deadline=None)
def test_grim_closed_form_property(params):
    T, R, P, S = params
    s = spe_deltas(pd(T, R, P, S), A_.grim(), A_.grim())
    assert [(iv.lo, iv.hi, iv.lo_closed, iv.hi_closed) for iv in s.intervals] == [
        (F(T - R, T - P), F(1), True, False)
    ]


def _tft_set(T, R, P, S):
    """Derivation (one-shot deviations at the four reachable pairs of TFT against TFT).

    (C,C): T + delta S <= R + delta R, i.e. delta >= (T-R)/(R-S);
    (D,C): (T + delta S)/(1 + delta) >= R, i.e. delta <= (T-R)/(R-S);
    (C,D): (S + delta T)/(1 + delta) >= P, i.e. delta >= (P-S)/(T-P);
    (D,D): P (1 + delta) >= S + delta T, i.e. delta <= (P-S)/(T-P).
    """
    a, b = F(T - R, R - S), F(P - S, T - P)
    return [a] if a == b and a < 1 else []


@pytest.mark.parametrize(("T", "R", "P", "S"), [(5, 3, 1, 0), (4, 3, 1, 0), (7, 4, 2, 0), (6, 4, 2, 1)])
def test_tit_for_tat_is_not_subgame_perfect(T, R, P, S):
    s = spe_deltas(pd(T, R, P, S), A_.tit_for_tat(), A_.tit_for_tat())
    expected = _tft_set(T, R, P, S)
    assert [iv.lo for iv in s.intervals] == expected
    assert all(iv.lo == iv.hi and iv.lo_closed and iv.hi_closed for iv in s.intervals)
    assert len(s.pairs) == 4  # every state pair is reached by some history
    if expected:
        (d,) = expected
        assert s.contains(d) and not s.contains(d + F(1, 10**9)) and not s.contains(d - F(1, 10**9))
        assert brute_force_spe(pd(T, R, P, S), A_.tit_for_tat(), A_.tit_for_tat(), float(d), slack=1e-7)
    check_against_brute_force(pd(T, R, P, S), A_.tit_for_tat(), A_.tit_for_tat(), GRID)


@given(pd_params())
@settings(max_examples=40, deadline=None)
def test_tit_for_tat_closed_form_property(params):
    T, R, P, S = params
    s = spe_deltas(pd(T, R, P, S), A_.tit_for_tat(), A_.tit_for_tat())
    assert [iv.lo for iv in s.intervals] == _tft_set(T, R, P, S)


def test_tit_for_tat_singleton_repr():
    s = spe_deltas(pd(4, 3, 1, 0), A_.tit_for_tat(), A_.tit_for_tat())
    assert "{1/3}" in repr(s)


@given(pd_params())
@settings(max_examples=40, deadline=None)
def test_win_stay_lose_shift_closed_form(params):
    T, R, P, S = params
    s = spe_deltas(pd(T, R, P, S), A_.win_stay_lose_shift(), A_.win_stay_lose_shift())
    threshold = F(T - R, R - P)
    if T + P < 2 * R:
        assert [(iv.lo, iv.hi, iv.lo_closed, iv.hi_closed) for iv in s.intervals] == [
            (threshold, F(1), True, False)
        ]
    else:
        assert s.is_empty
    assert len(s.pairs) == 2  # both automata always share their state


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_k_period_closed_form(k):
    T, R, P, S = 5, 3, 1, 0  # (T-R)/(R-P) = 1
    s = spe_deltas(pd(T, R, P, S), A_.k_period(k), A_.k_period(k))
    target = F(T - R, R - P)
    if k == 1:
        assert s.is_empty  # delta >= 1 is needed
        return
    (iv,) = s.intervals
    assert isinstance(iv.lo, AlgebraicNumber)  # the inverse golden ratio for k = 2, irrational for k >= 2
    d = float(iv.lo)
    assert sum(d**t for t in range(1, k + 1)) == pytest.approx(float(target), abs=1e-12)
    assert iv.hi == 1 and iv.lo_closed and not iv.hi_closed
    assert iv.lo < F(round(d * 10**9) + 1, 10**9) and iv.lo > F(round(d * 10**9) - 1, 10**9)


def test_k_period_minimal_polynomials():
    # delta + ... + delta^k = 1: the threshold's minimal polynomial, not a multiple of it
    for k, poly in [(2, (-1, 1, 1)), (3, (-1, 1, 1, 1)), (4, (-1, 1, 1, 1, 1))]:
        s = spe_deltas(pd(5, 3, 1, 0), A_.k_period(k), A_.k_period(k))
        assert s.infimum.poly == poly
        assert "irrational endpoints" in s.message


@given(bst.games(rows=2, cols=2, payoffs="exact"), st.integers(0, 6), st.integers(0, 6))
@settings(max_examples=30, deadline=None)
def test_any_game_against_brute_force(g, i, j):
    """The exact set agrees with brute-force one-shot deviations on arbitrary (often degenerate) games."""
    check_against_brute_force(g, CLASSICS[i], CLASSICS[j], [0.1, 0.4, 0.7, 0.9])


def test_k_period_rational_threshold():
    # (T-R)/(R-P) = 3/4 = d + d^2 at d = 1/2: the root is rational and returned exactly
    s = spe_deltas(pd(7, 4, 0, -1), A_.k_period(2), A_.k_period(2))
    assert s.infimum == F(1, 2)


def test_grim_with_trembles_matches_brute_force():
    g = pd(5, 3, 1, 0)
    s = spe_deltas(g, A_.grim(), A_.grim(), eps=F(1, 10))
    (iv,) = s.intervals
    assert iv.lo == F(1900, 2979) and iv.hi == 1
    for d in (0.6, 0.63, 0.64, 0.7, 0.9):
        assert s.contains(d) == brute_force_spe(g, A_.grim(), A_.grim(), d, eps=0.1)
    assert s.contains(F(1900, 2979)) and not s.contains(F(1899, 2979))


@pytest.mark.parametrize(("T", "R", "P", "S"), [(5, 3, 1, 0), (7, 4, 2, 0), (5, 4, 0, -2)])
def test_classic_pairs_against_brute_force(T, R, P, S):
    g = pd(T, R, P, S)
    for a in CLASSICS:
        for b in CLASSICS:
            check_against_brute_force(g, a, b, GRID[1::4] if a is not b else GRID[::2])


def test_random_automata_against_brute_force():
    g = pd(5, 3, 1, 0)
    gtft = A_.generous_tit_for_tat(F(1, 4))
    for a, b in [(gtft, gtft), (gtft, A_.grim()), (A_.tit_for_tat(), gtft)]:
        check_against_brute_force(g, a, b, [0.2, 0.5, 0.8, 0.95])


def test_pairs_all_is_stronger():
    g = pd(5, 3, 1, 0)
    reach = spe_deltas(g, A_.grim(), A_.grim())
    every = spe_deltas(g, A_.grim(), A_.grim(), pairs="all")
    assert len(reach.pairs) == 2 and len(every.pairs) == 4
    assert every.is_empty and not reach.is_empty  # (C, D) is unreachable and fails


def test_pairs_all_against_brute_force():
    g = pd(5, 3, 1, 0)
    for a, b in [(A_.tit_for_tat(), A_.tit_for_tat()), (A_.win_stay_lose_shift(), A_.win_stay_lose_shift()),
                 (A_.contrite_tit_for_tat(), A_.contrite_tit_for_tat()), (A_.always_defect(), A_.grim())]:
        s = spe_deltas(g, a, b, pairs="all")
        assert len(s.pairs) == len(a.states) * len(b.states)
        ends = list(_finite_endpoints(s))
        for d in GRID:
            if all(abs(d - e) > 1e-6 for e in ends):
                assert s.contains(d) == brute_force_spe(g, a, b, d, every=True)


def test_contrite_tit_for_tat_recovers_from_a_slip():
    g = pd(5, 3, 1, 0)
    c = A_.contrite_tit_for_tat()
    state = ("gg", "gg")
    path = []
    for t in range(4):
        i, j = _act(c, state[0]), _act(c, state[1])
        if t == 0:
            i = 1  # the row player slips
        path.append((i, j))
        state = (next(iter(_next(c, state[0], i, j))), next(iter(_next(c, state[1], j, i))))
    assert path == [(1, 0), (0, 1), (0, 0), (0, 0)]  # punished once, then back to cooperation
    s = spe_deltas(g, c, c)
    check_against_brute_force(g, c, c, GRID)
    assert not s.is_empty


# ---------------------------------------------------------------------------- payoffs
@pytest.mark.parametrize("delta", [0.0, 0.3, 0.75, 0.9])
def test_payoffs_match_simulation(delta):
    g = pd(5, 3, 1, 0)
    for a in CLASSICS:
        for b in CLASSICS:
            r = automaton_payoffs(g, a, b, delta)
            np.testing.assert_allclose(r.payoffs, simulate(g, a, b, delta), atol=1e-9)


@pytest.mark.parametrize("eps", [0.05, 0.2])
def test_payoffs_with_trembles_match_simulation(eps):
    g = pd(5, 3, 1, 0)
    gtft = A_.generous_tit_for_tat(F(1, 3))
    for a in [*CLASSICS, gtft]:
        for b in [A_.tit_for_tat(), A_.contrite_tit_for_tat(), gtft]:
            r = automaton_payoffs(g, a, b, 0.8, eps=eps, exact=True)
            sim = simulate(g, a, b, 0.8, eps=eps)
            np.testing.assert_allclose(r.payoffs, sim, atol=1e-9)
            np.testing.assert_allclose([float(v) for v in r.payoffs_exact], sim, atol=1e-9)


def test_exact_payoffs_closed_forms():
    g = pd(5, 3, 1, 0)
    d = F(9, 10)
    r = automaton_payoffs(g, A_.tit_for_tat(), A_.always_defect(), d, exact=True)
    # (1 - d) S + d P for the row, (1 - d) T + d P for the column
    assert r.payoffs_exact == ((1 - d) * 0 + d * 1, (1 - d) * 5 + d * 1)
    r = automaton_payoffs(g, A_.tit_for_tat(), A_.tit_for_tat(), F(1, 2), exact=True)
    assert r.payoffs_exact == (3, 3)
    # TFT against "defect first, then tit-for-tat" alternates: (S + d T)/(1 + d)
    table = {(s, ("*", 0)): "C" for s in "CD"} | {(s, ("*", "*")): "D" for s in "CD"}
    dtft = Automaton(("C", "D"), (0, 1), table, "D", name="suspicious tit-for-tat")
    r = automaton_payoffs(g, A_.tit_for_tat(), dtft, d, exact=True)
    assert r.payoffs_exact == ((0 + d * 5) / (1 + d), (5 + d * 0) / (1 + d))
    # grim with trembles: exact solution of the two-state chain, by hand
    e = F(1, 10)
    stay = (1 - e) ** 2
    rc = stay * 3 + (1 - e) * e * (0 + 5) + e * e * 1  # expected stage payoff in (C, C)
    rd = (1 - e) ** 2 * 1 + (1 - e) * e * (0 + 5) + e * e * 3  # in (D, D)
    vd = rd
    vc = ((1 - d) * rc + d * (1 - stay) * vd) / (1 - d * stay)
    r = automaton_payoffs(g, A_.grim(), A_.grim(), d, eps=e, exact=True)
    assert r.payoffs_exact == (vc, vc)


def test_vectorised_deltas_equal_loop():
    g = pd(5, 3, 1, 0)
    deltas = np.linspace(0, 0.95, 12).reshape(3, 4)
    r = automaton_payoffs(g, A_.win_stay_lose_shift(), A_.tit_for_tat(), deltas, eps=0.1)
    assert r.payoffs.shape == (3, 4, 2) and r.state_values.shape == (3, 4, 4, 2)
    for idx in np.ndindex(3, 4):
        one = automaton_payoffs(g, A_.win_stay_lose_shift(), A_.tit_for_tat(), float(deltas[idx]), eps=0.1)
        np.testing.assert_allclose(r.payoffs[idx], one.payoffs, atol=1e-12)
    assert not r.payoffs.flags.writeable


def _in_hull(points, x):
    k = len(points)
    eq = np.vstack([np.array(points).T, np.ones(k)])
    res = linprog(np.zeros(k), A_eq=eq, b_eq=[*x, 1], bounds=(0, None), method="highs")
    return res.status == 0


_pick = st.sampled_from(CLASSICS + [A_.generous_tit_for_tat(F(1, 2)), A_.k_period(3)])


@given(bst.games(rows=2, cols=2), _pick, _pick, st.floats(0, 0.99), st.sampled_from([0, 0.1]))
@settings(max_examples=60, deadline=None)
def test_payoffs_in_convex_hull_of_stage_payoffs(g, a, b, delta, eps):
    r = automaton_payoffs(g, a, b, delta, eps=eps)
    cells = [(float(g.A[i, j]), float(g.B[i, j])) for i in range(2) for j in range(2)]
    scale = np.maximum(np.asarray(g.payoff_range), 1.0)
    assert _in_hull([np.array(c) / scale for c in cells], np.asarray(r.payoffs) / scale)


# ---------------------------------------------------------------------------- properties
@given(bst.games(rows=2, cols=2, payoffs="exact"))
@settings(max_examples=40, deadline=None)
def test_grim_set_is_an_up_set(g):
    A, B = g.exact_payoffs()
    assume(A[0, 0] >= A[1, 1] and B[0, 0] >= B[1, 1])  # mutual cooperation no worse than the punishment
    s = spe_deltas(g, A_.grim(), A_.grim())
    # closed form: (D, D) must be a stage equilibrium; at (C, C) each deviation needs
    # (1 - d) dev + d punish <= coop
    if A[0, 1] > A[1, 1] or B[1, 0] > B[1, 1]:
        assert s.is_empty
    else:
        need = F(0)
        for dev, coop, pun in ((A[1, 0], A[0, 0], A[1, 1]), (B[0, 1], B[0, 0], B[1, 1])):
            if dev > coop:
                if coop == pun:
                    need = None
                    break
                need = max(need, (dev - coop) / (dev - pun))
        if need is None:
            assert s.is_empty
        else:
            got = [(iv.lo, iv.hi, iv.lo_closed, iv.hi_closed) for iv in s.intervals]
            assert got == [(need, F(1), True, False)]
    assert len(s.intervals) <= 1
    if s.intervals:
        assert s.intervals[0].hi == 1 and s.intervals[0].lo_closed


@given(bst.games(rows=2, cols=2, payoffs="exact"), st.data())
@settings(max_examples=25, deadline=None)
def test_affine_invariance(g, data):
    """A positive affine change of either player's payoffs changes no SPE set and maps payoffs affinely."""
    amap = data.draw(bst.affine_maps(g))
    a = data.draw(_pick)
    b = data.draw(_pick)
    A, B = g.exact_payoffs()
    (sa, sb), (ta, tb) = amap.scale, amap.shift
    h = bg.Game(A * sa + ta, B * sb + tb)
    s1, s2 = spe_deltas(g, a, b), spe_deltas(h, a, b)
    assert repr(s1.intervals) == repr(s2.intervals)
    for x, y in zip(s1.intervals, s2.intervals):
        assert (x.lo_closed, x.hi_closed) == (y.lo_closed, y.hi_closed)
        for u, v in ((x.lo, y.lo), (x.hi, y.hi)):
            if isinstance(u, F):
                assert u == v
            else:
                assert (u.poly, u.lo, u.hi) == (v.poly, v.lo, v.hi)
    d = F(3, 4)
    p1 = automaton_payoffs(g, a, b, d, exact=True).payoffs_exact
    p2 = automaton_payoffs(h, a, b, d, exact=True).payoffs_exact
    assert p2 == (sa * p1[0] + ta, sb * p1[1] + tb)


@given(pd_params(), st.integers(1, 5))
@settings(max_examples=30, deadline=None)
def test_exact_and_float_payoffs_agree(params, k):
    g = pd(*params)
    d = F(k, 6)
    for a, b in [(A_.tit_for_tat(), A_.win_stay_lose_shift()), (A_.contrite_tit_for_tat(), A_.k_period(2))]:
        r = automaton_payoffs(g, a, b, d, exact=True, eps=F(1, 20))
        f = automaton_payoffs(g, a, b, float(d), eps=0.05)
        np.testing.assert_allclose([float(x) for x in r.payoffs_exact], f.payoffs, rtol=1e-12, atol=1e-12)


def test_labels_and_actions_by_name():
    g = pd(5, 3, 1, 0, players=("US", "EU"), row_actions=("Free", "Tariff"), col_actions=("Open", "Close"))
    row = A_.grim(cooperate="Free", defect="Tariff", other=("Open", "Close"))
    col = A_.grim(cooperate="Open", defect="Close", other=("Free", "Tariff"))
    s = spe_deltas(g, row, col)
    assert s.infimum == F(1, 2)
    text = repr(s)
    assert "US" in text and "EU" in text and "Tariff" in text and "Close" in text
    r = automaton_payoffs(g, row, col, 0.5)
    assert "US" in repr(r) and "EU" in repr(r)
    # an automaton named with the row player's labels cannot play the column player's part
    with pytest.raises(InvalidArgumentError, match="grim' for EU: action 'Free' is not an action label"):
        spe_deltas(g, row, row)
    wsls = A_.win_stay_lose_shift(cooperate="Free", defect="Tariff", other=("Open", "Close"))
    wsls_col = A_.win_stay_lose_shift(cooperate="Open", defect="Close", other=("Free", "Tariff"))
    assert spe_deltas(g, wsls, wsls_col).is_empty  # T + P = 2R: needs delta >= 1


def test_three_action_game_uses_wildcards():
    # a 3x3 game: the third action counts as a defection for tit-for-tat and grim
    A = [[3, 0, 0], [5, 1, 0], [4, 0, -1]]
    g = bg.Game(A, np.array(A).T.tolist())
    s = spe_deltas(g, A_.grim(), A_.grim())
    assert s.infimum == F(1, 2)
    check_against_brute_force(g, A_.tit_for_tat(), A_.tit_for_tat(), [0.3, 0.6, 0.9])
    r = automaton_payoffs(g, A_.grim(), A_.grim(), 0.8, eps=0.1)
    np.testing.assert_allclose(r.payoffs, simulate(g, A_.grim(), A_.grim(), 0.8, eps=0.1), atol=1e-9)


def test_automaton_value_semantics_and_repr():
    assert A_.grim() == A_.grim() and hash(A_.grim()) == hash(A_.grim())
    assert A_.grim() != A_.tit_for_tat()
    assert A_.generous_tit_for_tat(0) == A_.generous_tit_for_tat(F(0))
    assert not A_.generous_tit_for_tat(0).is_random
    assert A_.generous_tit_for_tat(0.25).is_random
    assert A_.generous_tit_for_tat(0.1).transitions[("C", ("*", "*"))] == {"C": F(1, 10), "D": F(9, 10)}
    text = repr(A_.k_period(2))
    assert "P1 plays 1: (*, *) -> P2" in text and "P2 plays 1: (*, *) -> C" in text
    with pytest.raises(TypeError):
        A_.grim().transitions[("C", ("*", "*"))] = "C"


def test_algebraic_endpoint_repr_and_comparisons():
    s = spe_deltas(pd(5, 3, 1, 0), A_.k_period(2), A_.k_period(2))
    x = s.infimum
    golden = (math.sqrt(5) - 1) / 2
    assert float(x) == pytest.approx(golden, abs=1e-15)
    assert x < F(6181, 10000) and x > F(6180, 10000)
    assert "root of" in repr(s) and "0.61803398875" in repr(s)
    assert s.contains(0.6181) and not s.contains(0.618)


# ---------------------------------------------------------------------------- bad input
def test_bad_automata():
    ok = {("C", ("*", "*")): "C"}
    with pytest.raises(InvalidArgumentError, match="Automaton: states"):
        Automaton((), (), ok, "C")
    with pytest.raises(InvalidArgumentError, match="distinct"):
        Automaton(("C", "C"), (0, 0), ok, "C")
    with pytest.raises(InvalidArgumentError, match="initial"):
        Automaton(("C",), (0,), ok, "X")
    with pytest.raises(InvalidArgumentError, match="one action per state"):
        Automaton(("C", "D"), (0,), ok, "C")
    with pytest.raises(InvalidArgumentError, match="True"):
        Automaton(("C",), (True,), ok, "C")
    with pytest.raises(InvalidArgumentError, match="non-negative"):
        Automaton(("C",), (-1,), ok, "C")
    with pytest.raises(InvalidArgumentError, match="unknown state 'X'"):
        Automaton(("C",), (0,), {("C", ("*", "*")): "X"}, "C")
    with pytest.raises(InvalidArgumentError, match="unknown state"):
        Automaton(("C",), (0,), {("Z", ("*", "*")): "C"}, "C")
    with pytest.raises(InvalidArgumentError, match="sum to 1"):
        Automaton(("C", "D"), (0, 1), {("C", ("*", "*")): {"C": 0.5, "D": 0.6}, ("D", ("*", "*")): "D"}, "C")
    with pytest.raises(InvalidArgumentError, match="probability"):
        Automaton(("C", "D"), (0, 1), {("C", ("*", "*")): {"C": -0.5, "D": 1.5}}, "C")
    with pytest.raises(InvalidArgumentError, match="transition key"):
        Automaton(("C",), (0,), {("C", 0, 0): "C"}, "C")
    with pytest.raises(InvalidArgumentError, match="mapping"):
        Automaton(("C",), (0,), [("C", ("*", "*"))], "C")
    with pytest.raises(InvalidArgumentError, match="k must be >= 1"):
        Automaton.k_period(0)
    with pytest.raises(InvalidArgumentError, match="must differ"):
        Automaton.grim(cooperate=0, defect=0)
    with pytest.raises(InvalidArgumentError, match="other must be"):
        Automaton.tit_for_tat(other="C")
    with pytest.raises(InvalidArgumentError, match="g must be a probability"):
        Automaton.generous_tit_for_tat(1.5)
    with pytest.raises(InvalidArgumentError):
        Automaton.generous_tit_for_tat(float("nan"))


def test_bad_calls():
    g = pd(5, 3, 1, 0)
    gr = A_.grim()
    with pytest.raises(InvalidArgumentError, match="automaton_payoffs: delta must be < 1"):
        automaton_payoffs(g, gr, gr, 1.0)
    with pytest.raises(InvalidArgumentError, match="delta must be >= 0"):
        automaton_payoffs(g, gr, gr, -0.1)
    with pytest.raises(InvalidArgumentError, match="delta"):
        automaton_payoffs(g, gr, gr, float("nan"))
    with pytest.raises(InvalidArgumentError, match="exact must be True or False"):
        automaton_payoffs(g, gr, gr, 0.5, exact=1)
    with pytest.raises(InvalidArgumentError, match="one discount factor"):
        automaton_payoffs(g, gr, gr, [0.5, 0.6], exact=True)
    with pytest.raises(InvalidArgumentError, match="eps must be a probability"):
        automaton_payoffs(g, gr, gr, 0.5, eps=2)
    with pytest.raises(InvalidArgumentError, match="b must be an Automaton"):
        spe_deltas(g, gr, "grim")
    with pytest.raises(InvalidArgumentError, match="pairs must be one of"):
        spe_deltas(g, gr, gr, pairs="some")
    with pytest.raises(InvalidArgumentError, match="out of range"):
        spe_deltas(g, A_.always(2), gr)
    missing = Automaton(("C",), (0,), {("C", (0, 0)): "C"}, "C", name="partial")
    with pytest.raises(InvalidArgumentError, match="no transition from state 'C'"):
        spe_deltas(g, missing, gr)
    with pytest.raises(InvalidGameError):
        spe_deltas(bg.Game(np.zeros((3, 2, 2)), np.zeros((3, 2, 2))), gr, gr)
    big = A_.k_period(8)
    with pytest.raises(InvalidArgumentError, match="state pairs"):
        spe_deltas(g, big, big)
    with pytest.raises(InvalidArgumentError):
        DeltaSet.contains(spe_deltas(g, gr, gr), "x")
