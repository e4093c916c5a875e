"""Tests of the compiled lexicographic search (bargain.solvers.nash._compiled_lex).

With numba installed, degenerate games up to ``JIT_MAX_ACTIONS`` actions are searched by
the loop form of the numpy search, in float64 or in int64. It must record exactly what
the numpy search records (the same vertices, the same first basis of each on the float
path), decline what it cannot finish (then the numpy search runs), and the enumeration
must not depend on which search ran.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from reference_games import REFERENCE_GAMES, exact_profiles, float_profiles

import bargain as bg
from bargain._thresholds import DEFAULT_TOL, LEX_TIE_RTOL, RATE_NOISE, REFRESH_PIVOTS
from bargain.solvers.nash import _compiled
from bargain.solvers.nash._assemble import maximal_components
from bargain.solvers.nash._polytope import complete_pairs, make_search, polytopes, run_searches, tie_tolerance
from bargain.solvers.nash._polytope_pivot import chunk_size
from bargain.solvers.nash.vertex import _exact_mode, _polish_bases
from bargain.testing import strategies as bst
from bargain.testing.assertions import assert_certified

pytest.importorskip("numba")
EPS = tie_tolerance(DEFAULT_TOL)
LEX = {"max_iter": 10**9}  # an iteration budget: the numpy search


@pytest.fixture
def numpy_path(monkeypatch):
    """The numpy path only, as without numba (the kernels' module reported missing)."""
    monkeypatch.setitem(_compiled._STATE, "mod", None)


def _lex():
    mod = _compiled._lex_kernels()
    assert mod is not None
    return mod


def _game(rng, kind: str, m: int, n: int) -> bg.Game:
    if kind == "float":
        return bg.Game(rng.random((m, n)), rng.random((m, n)))
    if kind == "int":
        return bg.Game(rng.integers(0, 4, (m, n)), rng.integers(0, 4, (m, n)))
    noise = {"tie-13": 1e-13, "tie-11": 1e-11, "tie-10": 3e-10, "tie-8": 1e-8}[kind]
    A = rng.integers(0, 5, (m, n)) + noise * rng.normal(size=(m, n)) * (rng.random((m, n)) < 0.5)
    B = rng.integers(0, 5, (m, n)) + noise * rng.normal(size=(m, n)) * (rng.random((m, n)) < 0.5)
    return bg.Game(A, B)


def _numpy_search(poly, mode):
    search = make_search(poly, mode, EPS)
    assert run_searches([search], None, None) == ("done", search.processed)
    return search


@pytest.mark.parametrize("kind", ["float", "int", "tie-13", "tie-11", "tie-10", "tie-8"])
def test_float_search_records_what_the_numpy_search_records(kind):
    rng = np.random.default_rng(7)
    for _ in range(10):
        m, n = (int(v) for v in rng.integers(2, 9, 2))
        for poly in polytopes(_game(rng, kind, m, n), False):
            ref = _numpy_search(poly, "float")
            found = _compiled.lex_vertices(poly, "float", EPS)
            assert found is not None and found.nums is None
            keys, coords, bases = ref.vertices()
            assert found.processed == ref.processed
            assert np.array_equal(found.keys, keys)  # the same vertices, in the same order
            assert np.array_equal(found.bases, bases)  # recorded at the same basis
            assert np.allclose(found.coords, coords, rtol=0, atol=1e-12)


def test_the_blocks_follow_the_numpy_order_beyond_one_chunk():
    # a level of the search larger than a block: the stack of blocks decides the order
    rng = np.random.default_rng(3)
    g = bg.Game(rng.integers(0, 3, (9, 9)), rng.integers(0, 3, (9, 9)))
    P, _ = polytopes(g, False)
    ref = _numpy_search(P, "float")
    ref_small = make_search(P, "float", EPS)
    ref_small.chunk = 16
    run_searches([ref_small], None, None)
    mod = _lex()
    args = (np.ascontiguousarray(P.G), P.h, np.asarray(P.origin, dtype=np.int64), EPS, RATE_NOISE,
            LEX_TIE_RTOL, REFRESH_PIVOTS)
    for chunk, numpy_search in ((16, ref_small), (chunk_size(*P.G.shape), ref)):
        status, processed, keys, _, bases = mod.lex_search_float(*args, chunk, 10**6)
        assert status == 0 and processed == numpy_search.processed
        ref_keys, _, ref_bases = numpy_search.vertices()
        assert np.array_equal(keys, ref_keys) and np.array_equal(bases, ref_bases)


def test_refreshed_dictionaries_give_the_same_vertices():
    # a fresh basis inverse after every pivot (refresh=1) against the numpy search's refresh
    rng = np.random.default_rng(11)
    mod = _lex()
    for _ in range(6):
        g = _game(rng, "int", 6, 7)
        for poly in polytopes(g, False):
            keys, coords, _ = _numpy_search(poly, "float").vertices()
            G, origin = np.ascontiguousarray(poly.G), np.asarray(poly.origin, dtype=np.int64)
            status, _, k2, c2, _ = mod.lex_search_float(
                G, poly.h, origin, EPS, RATE_NOISE, LEX_TIE_RTOL, 1, 512, 10**6
            )
            assert status == 0
            order, order2 = np.argsort(keys), np.argsort(k2)
            assert np.array_equal(keys[order], k2[order2])
            assert np.allclose(coords[order], c2[order2], rtol=0, atol=1e-12)


def test_int_search_finds_the_exact_vertices():
    rng = np.random.default_rng(5)
    for _ in range(12):
        m, n = (int(v) for v in rng.integers(2, 9, 2))
        g = bg.Game(rng.integers(-3, 4, (m, n)), rng.integers(-3, 4, (m, n)))
        P, Q = polytopes(g, True)
        assert _exact_mode(P, Q) == "exact"
        for poly in (P, Q):
            ref = _numpy_search(poly, "exact")
            found = _compiled.lex_vertices(poly, "exact", EPS)
            assert found is not None and found.processed == ref.processed
            keys, coords, _ = ref.vertices()
            order, order2 = np.argsort(keys), np.argsort(found.keys)
            assert np.array_equal(keys[order], found.keys[order2])
            assert np.array_equal(coords[order], found.coords[order2])  # both S / delta, rounded once
            # nums / delta is the vertex exactly: the basis rows hold with equality
            for b, z, num in zip(found.bases, found.coords, found.nums):
                Gi = np.array(poly.Gi, dtype=np.int64)[b]
                hi = np.array(poly.hi, dtype=np.int64)[b]
                delta = round(num.sum() / z.sum()) if z.sum() else 1
                assert np.array_equal(Gi @ num, hi * delta)


def test_int_search_stops_where_int64_would_overflow():
    # entries past 2**31: the kernel stops (status 5) and the wrapper declines
    mod = _lex()
    G = np.array([[-1, 0], [0, -1], [2**30, 3], [5, 2**30 + 1]], dtype=np.int64)
    h = np.array([0, 0, 2**30, 2**30], dtype=np.int64)
    status, *_ = mod.lex_search_int(G, h, np.array([0, 1], dtype=np.int64), 10**6)
    assert status == 5
    status, *_ = mod.lex_search_int(G * 4, h * 4, np.array([0, 1], dtype=np.int64), 10**6)
    assert status == 5  # already the data
    g = bg.Game([[2**40, 1], [3, 2**41]], [[1, 2**42], [2**40, 5]])
    P, _ = polytopes(g, True)
    assert _compiled.lex_vertices(P, "exact", EPS) is None


def test_both_searches_stop_at_their_budget(monkeypatch):
    rng = np.random.default_rng(2)
    g = _game(rng, "int", 7, 7)
    P, Q = polytopes(g, True)
    monkeypatch.setattr(_compiled, "JIT_MAX_BASES", 5)
    assert _compiled.lex_vertices(P, "exact", EPS) is None
    Pf, _ = polytopes(g, False)
    assert _compiled.lex_vertices(Pf, "float", EPS) is None
    for exact in (False, True):  # the numpy search runs instead, to the same answer
        res = bg.nash_equilibria(g, exact=exact, method="vertex/lex")
        assert res.stats["compiled"] is False and res.complete
        monkeypatch.undo()
        again = bg.nash_equilibria(g, exact=exact, method="vertex/lex")
        assert again.stats["compiled"] is True
        assert float_profiles(res) == float_profiles(again)
        monkeypatch.setattr(_compiled, "JIT_MAX_BASES", 5)


def test_labelled_pairs_equal_the_numpy_pairs():
    rng = np.random.default_rng(9)
    for _ in range(20):
        m, n = (int(v) for v in rng.integers(2, 8, 2))
        g = _game(rng, "int", m, n)
        kP, kQ = (_numpy_search(p, "float").vertices()[0] for p in polytopes(g, False))
        assert _compiled.labelled_pairs(kP, kQ, m, n) == complete_pairs(kP, kQ, m, n)


def test_compiled_polish_equals_the_numpy_polish(monkeypatch):
    rng = np.random.default_rng(4)
    g = _game(rng, "float", 6, 5)
    for poly in polytopes(g, False):
        found = _compiled.lex_vertices(poly, "float", EPS)
        keep = found.coords.sum(axis=1) > 0  # the origin is no strategy
        found = found._replace(bases=found.bases[keep], coords=found.coords[keep])
        fast = _polish_bases(poly, found.bases, found.coords)
        monkeypatch.setitem(_compiled._STATE, "mod", None)
        slow = _polish_bases(poly, found.bases, found.coords)
        monkeypatch.undo()
        assert np.allclose(fast, slow, rtol=0, atol=1e-14)
        assert np.allclose(fast.sum(axis=1), 1.0) and (fast >= 0).all()


@settings(max_examples=60, deadline=None)
@given(bst.games(rows=(2, 7), cols=(2, 7), payoffs="int", min_value=0, max_value=3))
def test_degenerate_games_agree_with_and_without_numba(g):
    fast = bg.nash_equilibria(g)
    slow = bg.nash_equilibria(g, **LEX)
    assert fast.complete and slow.complete and fast.degenerate == slow.degenerate
    assert float_profiles(fast) == float_profiles(slow)
    assert_certified(fast, g)
    exact = bg.nash_equilibria(g, exact=True)
    exact_slow = bg.nash_equilibria(g, exact=True, **LEX)
    assert exact_profiles(exact) == exact_profiles(exact_slow)
    assert float_profiles(exact) == float_profiles(fast)


def test_auto_takes_the_compiled_search_on_doubly_degenerate_games(monkeypatch):
    numpy_path = monkeypatch
    monkeypatch.setitem(_compiled._STATE, "mod", None)
    rng = np.random.default_rng(0)
    g = bg.Game(rng.integers(0, 10, (8, 8)), rng.integers(0, 10, (8, 8)))
    slow = bg.vertex_enumeration(g)
    assert slow.method == "vertex/qhull"  # numpy only: two hulls
    numpy_path.undo()
    fast = bg.vertex_enumeration(g)
    assert fast.method == "vertex/lex" and fast.stats["compiled"] is True
    assert "compiled search" in fast.message
    assert float_profiles(fast) == float_profiles(slow) and len(fast) > 3
    exact = bg.vertex_enumeration(g, exact=True)
    assert exact.method == "vertex/lex" and exact.stats["compiled"] is True
    assert exact.stats["exact_pivots"] == exact.stats["processed"]


def test_auto_takes_the_compiled_search_when_the_walk_finishes_neither_polytope():
    # P has no pure strategy with two best responses (not surely degenerate) but is
    # degenerate, so the walk stops; Q is surely degenerate: the compiled search runs, not
    # two qhull hulls, and the components come from the vertices' indices
    A = np.array([[3, 8, 6, 2], [3, 7, 3, 4], [4, 4, 4, 9], [2, 8, 1, 0]])
    B = np.array([[3, 2, 6, 1], [2, 9, 8, 5], [9, 3, 0, 8], [0, 3, 4, 6]])
    g = bg.Game(A, B)
    res = bg.vertex_enumeration(g)
    assert res.method == "vertex/lex" and res.stats["compiled"] is True
    hulls = bg.vertex_enumeration(g, engine="qhull")
    assert hulls.method == "vertex/qhull"
    assert float_profiles(res) == float_profiles(hulls) and len(res) == 6
    assert res.components == hulls.components == ((0,), (1,), (2, 3), (4,), (5,))
    assert res.degenerate and hulls.degenerate


@settings(max_examples=40, deadline=None)
@given(bst.games(rows=(2, 5), cols=(2, 5), payoffs="int", min_value=0, max_value=3))
def test_components_from_vertex_indices_match_those_from_the_equilibria(g):
    for engine in ("lex", "qhull", "auto"):
        res = bg.vertex_enumeration(g, engine=engine)
        assert res.components == maximal_components(res.equilibria)


def test_budgets_keep_the_numpy_search():
    g = bg.Game(np.eye(4, dtype=int), np.eye(4, dtype=int))
    for kwargs in ({"max_iter": 10**6}, {"max_time": 0.5}):
        res = bg.vertex_enumeration(g, engine="lex", **kwargs)
        assert res.stats["compiled"] is False
    assert bg.vertex_enumeration(g, engine="lex").stats["compiled"] is True


@pytest.mark.parametrize("ref", REFERENCE_GAMES, ids=lambda r: r.name)
def test_reference_games_by_the_compiled_search(ref):
    g = bg.Game(np.array(ref.A), np.array(ref.B))
    for exact in (False, True):
        fast = bg.vertex_enumeration(g, exact=exact, engine="lex")
        slow = bg.vertex_enumeration(g, exact=exact, engine="lex", **LEX)
        int64 = not exact or _exact_mode(*polytopes(g, True)) == "exact"  # else certified floats
        assert fast.stats["compiled"] is (sum(g.shape) <= 20 and int64)
        assert float_profiles(fast) == float_profiles(slow)
        if exact:
            assert exact_profiles(fast) == exact_profiles(slow)


@pytest.mark.parametrize("shape", [(1, 5), (6, 1), (2, 9), (11, 12)])
def test_thin_and_larger_integer_games_agree_with_the_numpy_search(shape):
    # one row or column, and the int64 search up to HULL_SMALL_INTEGER_MIN_ACTIONS
    rng = np.random.default_rng(sum(shape))
    g = bg.Game(rng.integers(0, 3, shape), rng.integers(0, 3, shape))
    fast = bg.vertex_enumeration(g, exact=True, engine="lex")
    slow = bg.vertex_enumeration(g, exact=True, engine="lex", **LEX)
    assert fast.stats["compiled"] is True and slow.stats["compiled"] is False
    assert exact_profiles(fast) == exact_profiles(slow) and fast.degenerate == slow.degenerate
    assert fast.stats["vertices_p"] == slow.stats["vertices_p"]
    auto = bg.nash_equilibria(g)
    assert auto.method.startswith("vertex/") and float_profiles(auto) == float_profiles(fast)
