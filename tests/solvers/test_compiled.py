"""Tests of the optional compiled path of float vertex enumeration (bargain.solvers.nash._compiled).

With numba installed (the ``jit`` extra) the vertices of a simple polytope come from a
compiled walk of its graph and the partners from compiled solves. Each kernel must give
exactly what the numpy path gives (qhull's certified vertices, the batched partner
solves) on the same polytopes, decline what it cannot certify (then the numpy path runs),
and the whole enumeration must not depend on which path ran.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from reference_games import REFERENCE_GAMES, component_sets, float_profiles

import bargain as bg
from bargain._thresholds import DEFAULT_TOL, JIT_MAX_ACTIONS
from bargain.solvers.nash import _compiled
from bargain.solvers.nash._complement import partners
from bargain.solvers.nash._hull import hull_vertices
from bargain.solvers.nash._polytope import polytopes, tie_tolerance
from bargain.testing import strategies as bst
from bargain.testing.assertions import assert_certified

pytest.importorskip("numba")
EPS = tie_tolerance(DEFAULT_TOL)


@pytest.fixture
def numpy_path(monkeypatch):
    """The numpy path only, as without numba (the kernels' module reported missing)."""
    monkeypatch.setitem(_compiled._STATE, "mod", None)


def _games(n_games: int, seed: int, sizes=range(3, 10)):
    rng = np.random.default_rng(seed)
    for _ in range(n_games):
        m, n = (int(v) for v in rng.choice(list(sizes), 2))
        yield bg.Game(rng.random((m, n)), rng.random((m, n)))


@pytest.mark.parametrize("seed", [0, 1])
def test_the_walk_finds_qhulls_certified_vertices(seed):
    walked = 0
    for g in _games(20, seed):
        for poly in polytopes(g, False):
            hv = _compiled.simple_vertices(poly, EPS)
            hq = hull_vertices(poly.G, poly.h, EPS)
            if hv is None:  # a near tie: declined, qhull (or the search) decides
                continue
            walked += 1
            assert hq is not None and not hq.degenerate
            assert np.array_equal(hv.keys, hq.keys) and hv.simple.all()
            assert np.array_equal(hv.tight, hq.tight)
            assert np.allclose(hv.coords, hq.coords, atol=1e-10)
            assert hv.margin == pytest.approx(hq.margin, rel=1e-6)
    assert walked >= 30  # generic games: nearly every polytope is walked


@pytest.mark.parametrize("seed", [2, 3])
def test_compiled_partners_equal_the_batched_solves(seed):
    for g in _games(15, seed):
        P, Q = polytopes(g, False)
        for own, other in ((P, Q), (Q, P)):
            hv = hull_vertices(own.G, own.h, EPS)
            if hv is None or hv.degenerate:
                continue
            want = partners(own, other, hv, EPS)
            got = _compiled.compiled_partners(own, other, hv, EPS)
            assert (want is None) == (got is None)
            if want is None:
                continue
            assert np.array_equal(want.own_ids, got.own_ids)
            assert np.array_equal(want.keys, got.keys) and want.degenerate == got.degenerate
            assert np.allclose(want.W, got.W, atol=1e-12)
            assert want.systems == got.systems
            # the compiled kernel also re-solves the own vertices, as _polish_many does
            x = hv.coords[got.own_ids]
            assert np.allclose(got.V, x / x.sum(axis=1, keepdims=True), atol=1e-12)


def test_the_walk_declines_degenerate_and_tied_polytopes():
    rng = np.random.default_rng(6)
    declined = 0
    for _ in range(10):  # tied payoffs: degenerate vertices (qhull's certified verdict)
        g = bg.Game(rng.integers(0, 2, (5, 5)), rng.integers(0, 2, (5, 5)))
        for poly in polytopes(g, False):
            hq = hull_vertices(poly.G, poly.h, EPS)
            if hq is not None and hq.degenerate:
                assert _compiled.simple_vertices(poly, EPS) is None
                declined += 1
    assert declined >= 5
    near = bg.Game([[1.0, 1.0 + 1e-9, 0.0], [0.0, 1.0, 2.0], [2.0, 0.0, 1.0]], np.ones((3, 3)))
    for poly in polytopes(near, False):  # a near tie (grey zone) or a tie: both declined
        assert _compiled.simple_vertices(poly, EPS) is None


def test_the_walk_stops_at_its_vertex_budget(monkeypatch):
    rng = np.random.default_rng(4)
    P, _ = polytopes(bg.Game(rng.random((7, 7)), rng.random((7, 7))), False)
    assert _compiled.simple_vertices(P, EPS) is not None
    monkeypatch.setattr(_compiled, "JIT_MAX_VERTICES", 10)
    assert _compiled.simple_vertices(P, EPS) is None


def _same(a: bg.NashResult, b: bg.NashResult, g) -> None:
    assert a.complete and b.complete
    assert float_profiles(a) == float_profiles(b)
    assert component_sets(a) == component_sets(b)
    assert a.degenerate == b.degenerate
    assert_certified(a, g)


@settings(max_examples=30, deadline=None)
@given(bst.games(rows=(2, 8), cols=(2, 8), payoffs="int", min_value=-1000, max_value=1000))
def test_auto_agrees_with_and_without_numba_on_random_games(g):
    g = bg.Game(g.A / 1000.0, g.B / 1000.0)
    jit = bg.vertex_enumeration(g, max_time=None)
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(_compiled._STATE, "mod", None)
        plain = bg.vertex_enumeration(g, max_time=None)
    _same(jit, plain, g)
    exact = bg.vertex_enumeration(g, exact=True, max_time=None)
    assert float_profiles(jit) == float_profiles(exact) and jit.degenerate == exact.degenerate


@pytest.mark.parametrize("ref", REFERENCE_GAMES, ids=lambda r: r.name)
def test_reference_games_with_and_without_numba(ref, monkeypatch):
    g = ref.game()
    jit = bg.nash_equilibria(g, max_time=None)
    monkeypatch.setitem(_compiled._STATE, "mod", None)
    plain = bg.nash_equilibria(g, max_time=None)
    if plain.method.startswith("vertex/") and jit.method != "vertex/lex":
        assert plain.method == jit.method.replace("walk+", "qhull+")
    assert jit.method == "2x2" or jit.method.startswith("vertex/")  # compiled paths carry small games
    _same(jit, plain, g)


def test_von_stengels_75_equilibria_by_the_walk():
    ref = next(r for r in REFERENCE_GAMES if r.name == "von_stengel_75")
    res = bg.nash_equilibria(ref.game(), max_time=None)
    assert res.method == "vertex/walk+partners" and len(res) == 75 and res.complete
    assert "compiled walk" in res.message and res.stats["vertices_p"] == 112
    assert res.degenerate is False  # decided on first read, by the walk of the other polytope
    again = bg.nash_equilibria(ref.game(), max_time=None)  # deterministic
    assert float_profiles(again) == float_profiles(res)


def test_walk_engine_by_name_and_its_fallbacks(monkeypatch):
    rng = np.random.default_rng(8)
    g = bg.Game(rng.random((5, 6)), rng.random((5, 6)))
    res = bg.nash_equilibria(g, method="vertex/walk+partners")
    assert res.method == "vertex/walk+partners" and res.stats["engine"] == "walk+partners"
    big = bg.Game(rng.random((11, 11)), rng.random((11, 11)))  # named: runs beyond the auto limit
    assert 22 > JIT_MAX_ACTIONS
    assert bg.vertex_enumeration(big, engine="walk+partners").method == "vertex/walk+partners"
    assert bg.vertex_enumeration(big).method == "vertex/qhull+partners"
    tied = bg.Game(rng.integers(0, 2, (5, 5)), rng.integers(0, 2, (5, 5)))
    res = bg.vertex_enumeration(tied, engine="walk+partners")
    assert "engine 'walk+partners' was asked for but no polytope was simple" in res.message
    assert float_profiles(res) == float_profiles(bg.vertex_enumeration(tied, engine="lex"))
    with pytest.raises(bg.InvalidArgumentError, match="engine 'walk\\+partners'.*exact=True"):
        bg.vertex_enumeration(g, engine="walk+partners", exact=True)
    monkeypatch.setitem(_compiled._STATE, "mod", None)
    res = bg.vertex_enumeration(g, engine="walk+partners")
    assert res.method == "vertex/qhull+partners"
    assert "numba is not installed (the jit extra) or BARGAIN_JIT=0" in res.message


def test_bargain_jit_0_switches_the_kernels_off(monkeypatch):
    monkeypatch.delitem(_compiled._STATE, "mod", raising=False)
    monkeypatch.setenv("BARGAIN_JIT", "0")
    assert _compiled.kernels() is None and not _compiled.enabled(3, 3)
    monkeypatch.delitem(_compiled._STATE, "mod")
    monkeypatch.setenv("BARGAIN_JIT", "1")
    assert _compiled.kernels() is not None and _compiled.enabled(3, 3)
    assert not _compiled.enabled(JIT_MAX_ACTIONS, 1)


def test_numba_is_not_imported_by_import_bargain():
    import subprocess
    import sys

    code = "import sys, bargain; print('numba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_compiled_partner_solves_beyond_the_walks_size():
    # past JIT_MAX_ACTIONS qhull finds the vertices, and automatic mode still solves the
    # partners compiled; the named engine "qhull+partners" keeps the numpy solves
    rng = np.random.default_rng(12)
    g = bg.Game(rng.random((11, 11)), rng.random((11, 11)))
    assert sum(g.shape) > JIT_MAX_ACTIONS
    fast = bg.vertex_enumeration(g)
    slow = bg.vertex_enumeration(g, engine="qhull+partners")
    assert fast.method == slow.method == "vertex/qhull+partners"
    assert fast.stats["compiled"] is True and slow.stats["compiled"] is False
    assert float_profiles(fast) == float_profiles(slow) and len(fast) >= 1
    assert component_sets(fast) == component_sets(slow)
    assert_certified(fast, g)
