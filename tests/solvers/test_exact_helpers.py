"""Tests of the integer helpers of the exact enumeration: the positive integer image of the
payoffs, the batched fraction-free solves, fast fractions and the deduplication of results."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.core.exact import ratio, ratio_rows, solve_integer
from bargain.solvers.nash._assemble import _first_of_each
from bargain.solvers.nash._hull import bareiss_many
from bargain.solvers.nash._polytope import _positive_integers
from bargain.solvers.nash.vertex import (
    _convergent_denominators,
    _rational_solutions,
    _strategies_from_int64,
    _strategy_from_integers,
)

fractions = st.fractions(min_value=-50, max_value=50, max_denominator=40)


@settings(max_examples=80, deadline=None)
@given(st.lists(fractions, min_size=4, max_size=4))
def test_positive_integers_are_the_smallest_integer_shift(vals):
    # the image (v - lo) * den + 1 with den the least common denominator of v - lo, as
    # computed in Fraction arithmetic
    M = np.array(vals, dtype=object).reshape(2, 2)
    lo = min(vals)
    den = 1
    for v in vals:
        den = den * (v - lo).denominator // np.gcd(den, (v - lo).denominator)
    expected = [[int((v - lo) * den) + 1 for v in row] for row in M.tolist()]
    assert _positive_integers(M) == expected
    assert min(min(r) for r in expected) == 1


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**40), st.randoms(use_true_random=False))
def test_bareiss_many_solves_as_the_scalar_solver(s, big, rnd):
    V = 8
    A = np.empty((V, s, s + 1), dtype=object)
    for v in range(V):
        for i in range(s):
            for j in range(s + 1):
                A[v, i, j] = rnd.choice([0, 0, 1, -1, 2, rnd.randint(-big, big)])
    num, singular, D = bareiss_many(A)
    for v in range(V):
        M = [list(A[v, i, :s]) for i in range(s)]
        sol = solve_integer(M, [A[v, i, s] for i in range(s)])
        assert singular[v] == (sol is None)
        if sol is not None:
            nums, den = sol
            assert [Fraction(a, D[v]) for a in num[v]] == [Fraction(b, den) for b in nums]


@given(st.integers(-(2**200), 2**200), st.integers(1, 2**200))
def test_ratio_is_fraction(num, den):
    r = ratio(num, den)
    assert r == Fraction(num, den) and type(r) is Fraction
    assert (r.numerator, r.denominator) == (Fraction(num, den).numerator, Fraction(num, den).denominator)
    assert hash(r) == hash(Fraction(num, den))


def test_first_of_each_keeps_the_first_passing_copy_in_order():
    keys = np.array([[1.0, 0.0], [0.5, 0.5], [1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [0.0, 1.0]])
    passed = np.array([False, True, True, True, True, True])
    assert _first_of_each(keys, passed).tolist() == [1, 2, 3]
    assert _first_of_each(keys, np.zeros(6, dtype=bool)).tolist() == []
    assert _first_of_each(keys[:1], np.ones(1, dtype=bool)).tolist() == [0]


def test_a_float_game_reads_its_exact_payoffs_once():
    g = bg.Game([[0.1, 0.25], [1.5, 0.0]], [[0.3, 0.0], [0.0, 2.0]])
    first = g.exact_payoffs()
    assert g.exact_payoffs() is first  # cached: the same read-only arrays
    assert first[0][0, 0] == Fraction(1, 10) and not first[0].flags.writeable
    assert g._integer_payoffs is g._integer_payoffs
    res = bg.vertex_enumeration(g, exact=True)
    again = bg.vertex_enumeration(g, exact=True)
    assert [e.row_exact for e in res] == [e.row_exact for e in again]


def test_polytopes_are_built_once_per_game_and_leave_with_it():
    import gc

    from bargain.solvers.nash import _polytope

    g = bg.Game([[3, 1, 0], [0, 2, 1]], [[1, 0, 2], [0, 3, 1]])
    for exact in (False, True):
        first = _polytope.polytopes(g, exact)
        assert _polytope.polytopes(g, exact) is first
    assert _polytope.polytopes(g, False) is not _polytope.polytopes(g, True)
    other = bg.Game([[3, 1, 0], [0, 2, 1]], [[1, 0, 2], [0, 3, 1]])
    assert _polytope.polytopes(other, False) is not _polytope.polytopes(g, False)
    key = id(g)
    assert key in _polytope._BUILT
    del g, first
    gc.collect()
    assert key not in _polytope._BUILT


@given(st.lists(st.lists(st.integers(-(2**40), 2**40), min_size=3, max_size=3), min_size=1, max_size=5),
       st.data())
def test_ratio_rows_are_fractions(rows, data):
    dens = [data.draw(st.integers(1, 2**40)) for _ in rows]
    out = ratio_rows(np.array(rows, dtype=np.int64), np.array(dens, dtype=np.int64))
    for row, den, got in zip(rows, dens, out):
        assert got == tuple(Fraction(a, den) for a in row)
        assert all(type(f) is Fraction and f == Fraction(f.numerator, f.denominator) for f in got)
        assert all(np.gcd(f.numerator, f.denominator) == 1 for f in got)


@given(st.lists(st.lists(st.integers(-(2**30), 2**30), min_size=4, max_size=4), min_size=1, max_size=6))
def test_strategies_from_int64_as_the_scalar_form(rows):
    N = np.array(rows, dtype=np.int64)
    N = N[N.sum(axis=1) != 0]
    if not len(N):
        return
    assert _strategies_from_int64(N) == [_strategy_from_integers(r) for r in N]


@given(st.fractions(0, 1, max_denominator=10**6))
def test_convergent_denominator_recovers_a_fraction(f):
    x = np.array([float(f)])
    assert _convergent_denominators(x, 2.0**-50, 2**31)[0] == f.denominator
    # capped below the denominator: none found (0), never a wrong one
    if f.denominator > 1:
        assert _convergent_denominators(x, 2.0**-50, f.denominator - 1)[0] == 0


def test_convergent_denominators_of_noise_are_refused():
    # an irrational number has no convergent within 2**-50 below the cap
    assert _convergent_denominators(np.array([np.pi - 3, np.sqrt(2) - 1]), 2.0**-50, 2**20).tolist() == [0, 0]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 6), st.integers(1, 2**24), st.randoms(use_true_random=False))
def test_rational_solutions_are_exact_or_refused(s, big, rnd):
    # every accepted solution is the exact one (checked in fractions); refusals are allowed
    V = 6
    G = np.array([[rnd.randint(-big, big) for _ in range(s)] for _ in range(V * s)], dtype=np.int64)
    h = np.array([rnd.randint(1, big) for _ in range(V * s)], dtype=np.int64)
    J = np.arange(V * s).reshape(V, s)
    ok, N = _rational_solutions(G, h, J)
    for v in np.flatnonzero(ok).tolist():
        sol = solve_integer(G[J[v]].tolist(), h[J[v]].tolist())
        assert sol is not None
        z = [Fraction(a, sol[1]) for a in sol[0]]
        t = sum(z)
        assert [Fraction(int(a), int(N[v].sum())) for a in N[v]] == [c / t for c in z]


def test_rational_solutions_read_small_denominators():
    # large entries, small denominators (as von Stengel's game): every system is read
    rng = np.random.default_rng(5)
    V, s = 40, 5
    Z = rng.integers(1, 30, size=(V, s))
    M = rng.integers(-(2**21), 2**21, size=(V, s, s))
    G = M.reshape(V * s, s)
    h = np.einsum("vij,vj->vi", M, Z).reshape(V * s)
    keep = (h.reshape(V, s) != 0).all(axis=1)
    J = np.arange(V * s).reshape(V, s)[keep]
    ok, N = _rational_solutions(G, h, J)
    assert ok.all()
    g = np.gcd.reduce(Z[keep], axis=1)
    assert (N == Z[keep] // g[:, None]).all()
