"""Tests of the qhull path of vertex enumeration (bargain.solvers.nash._hull).

The qhull path must agree with the lexicographic search (complete by construction) on
every game, degenerate ones included: either its certificate (closure under adjacency,
degenerate vertices expanded by their tangent cones) holds, or the search runs instead.
``max_iter`` forces the search.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from types import SimpleNamespace

import numpy as np
import pytest
from engines import FLOAT_ENGINES, ONE_POLYTOPE
from hypothesis import assume, given, settings
from reference_games import exact_profiles, float_profiles
from scipy.spatial import ConvexHull

import bargain as bg
from bargain._thresholds import DEFAULT_TOL
from bargain.core.exact import solve_integer
from bargain.solvers.nash._hull import (
    _one_extra_edges,
    _simple_edges_by_neighbours,
    _tangent_edges,
    certified_vertices,
    certify_exact,
    closed_under_adjacency,
    hull_vertices,
)
from bargain.solvers.nash._polytope import polytopes, tie_tolerance
from bargain.testing import strategies as bst
from bargain.testing.assertions import assert_certified

LEX = {"max_iter": 10**9}  # any iteration budget selects the lexicographic search


def _both(g, exact):
    hull = bg.vertex_enumeration(g, exact=exact, max_time=None)
    lex = bg.vertex_enumeration(g, exact=exact, max_time=None, **LEX)
    assert lex.stats["engine"] == "lex"
    return hull, lex


def _assert_same(hull, lex, g, exact):
    assert hull.complete and lex.complete
    assert hull.degenerate == lex.degenerate
    assert len(hull) == len(lex)
    if exact:
        assert exact_profiles(hull) == exact_profiles(lex)
    else:
        assert float_profiles(hull) == float_profiles(lex)
    assert_certified(hull, g)


@settings(max_examples=25, deadline=None)
@given(bst.games(rows=(2, 6), cols=(2, 6), payoffs="float", min_value=-1, max_value=1))
def test_hull_and_lex_agree_on_random_float_games(g):
    hull, lex = _both(g, exact=False)
    _assert_same(hull, lex, g, exact=False)


@settings(max_examples=20, deadline=None)
@given(bst.games(rows=(2, 5), cols=(2, 5), payoffs="int", min_value=0, max_value=3))
def test_hull_and_lex_agree_on_degenerate_integer_games(g):
    for exact in (False, True):
        hull, lex = _both(g, exact)
        _assert_same(hull, lex, g, exact)
        assert hull.stats["engine"] in FLOAT_ENGINES
    # small integers run the exact path by int64 pivoting; scaled past the small-integer
    # threshold the same degenerate game takes the qhull path with exact degenerate vertices
    big = bg.Game(g.A.astype(int) * 1009 + 5, g.B.astype(int) * 997 - 3)
    hull, lex = _both(big, exact=True)
    _assert_same(hull, lex, big, exact=True)
    small = bg.vertex_enumeration(g, exact=True, max_time=None)
    assert exact_profiles(hull) == exact_profiles(small)


@settings(max_examples=15, deadline=None)
@given(bst.games(rows=(3, 6), cols=(3, 6), payoffs="int", min_value=0, max_value=999))
def test_exact_hull_path_agrees_with_exact_pivoting(g):
    hull, lex = _both(g, exact=True)
    _assert_same(hull, lex, g, exact=True)


@pytest.mark.parametrize("n", [6, 8, 10])
def test_random_games_take_the_hull_path(n):
    rng = np.random.default_rng(n)
    g = bg.Game(rng.random((n, n)), rng.random((n, n)))
    for exact in (False, True):
        hull, lex = _both(g, exact)
        # the float path enumerates one polytope and solves the partners (test_partners.py)
        assert hull.stats["engine"] == ("qhull" if exact else ONE_POLYTOPE)
        _assert_same(hull, lex, g, exact)
        assert hull.max_regret <= DEFAULT_TOL


def _square_pyramid():
    """{z in R^3 : z >= 0 on the base square's sides, apex z3 <= 1 - |z1|, 1 - |z2|}: the apex
    (0, 0, 1) lies on four facets, one more than the dimension."""
    G = np.array(
        [
            [1.0, 0.0, 1.0],
            [-1.0, 0.0, 1.0],
            [0.0, 1.0, 1.0],
            [0.0, -1.0, 1.0],
            [0.0, 0.0, -1.0],
        ]
    )
    h = np.array([1.0, 1.0, 1.0, 1.0, 0.0])
    return G, h


def test_degenerate_vertex_is_expanded_and_required():
    G, h = _square_pyramid()
    for exact in (None, ([tuple(int(v) for v in row) for row in G], [int(v) for v in h])):
        hv = hull_vertices(G, h, 1e-10, exact)
        assert hv is not None and len(hv.keys) == 5 and hv.degenerate
        apex = int(np.flatnonzero(~hv.simple)[0])
        assert hv.keys[apex] == 0b01111 and set(hv.basis(apex).tolist()) < {0, 1, 2, 3}
    pow2 = np.left_shift(np.int64(1), np.arange(5, dtype=np.int64))
    keep = hv.simple  # drop the apex: the base's edges up the sides lead nowhere
    assert not closed_under_adjacency(hv.keys[keep], hv.tight[keep], hv.simple[keep], pow2)
    assert closed_under_adjacency(hv.keys, hv.tight, hv.simple, pow2, _apex_edges())


def _apex_edges():
    # the apex's four edges: the pairs of adjacent side facets (0,2), (0,3), (1,2), (1,3)
    return np.array([0b00101, 0b01001, 0b00110, 0b01010], dtype=np.int64)


def test_certificate_rejects_a_wrong_degenerate_expansion():
    G, h = _square_pyramid()
    hv = hull_vertices(G, h, 1e-10)
    pow2 = np.left_shift(np.int64(1), np.arange(5, dtype=np.int64))
    # an edge key no other vertex carries (the "diagonal" of opposite facets 0 and 1)
    bad = np.r_[_apex_edges(), np.int64(0b00011)]
    assert not closed_under_adjacency(hv.keys, hv.tight, hv.simple, pow2, bad)


def test_closure_rejects_a_missing_vertex():
    # the cube [0, 1]^3: rows -z_c <= 0 (0..2) and z_c <= 1 (3..5)
    G = np.vstack([-np.eye(3), np.eye(3)])
    h = np.r_[np.zeros(3), np.ones(3)]
    hv = hull_vertices(G, h, 1e-10)
    assert hv is not None and len(hv.keys) == 8
    pow2 = np.left_shift(np.int64(1), np.arange(6, dtype=np.int64))
    assert closed_under_adjacency(hv.keys, hv.tight, hv.simple, pow2)
    assert not closed_under_adjacency(hv.keys[1:], hv.tight[1:], hv.simple[1:], pow2)
    origin = (0, 1, 2)
    assert certify_exact(G, h, origin, hv.tight, 0.0)
    wrong = hv.tight.copy()
    row = int(np.flatnonzero(hv.keys == 0b000111)[0])  # the origin
    wrong[row] = [True, True, False, True, False, False]  # z1 = 0 and z1 = 1: singular
    assert not certify_exact(G, h, origin, wrong, 0.0)
    wrong[row] = [True, True, False, False, False, False]  # two rows: not a vertex
    assert not certify_exact(G, h, origin, wrong, 0.0)


def test_near_tie_is_a_degenerate_vertex():
    # two payoffs 1e-12 apart: within the tie tolerance, so a vertex has an extra tight
    # constraint; both paths read the game as degenerate and agree
    A = np.array([[1.0, 0.0, 0.3], [0.0, 1.0, 0.3], [0.5, 0.5 + 1e-12, 0.0]])
    B = np.array([[0.0, 1.0, 0.2], [1.0, 0.0, 0.7], [0.4, 0.4, 1.0]])
    g = bg.Game(A, B)
    hull, lex = _both(g, exact=False)
    _assert_same(hull, lex, g, exact=False)
    assert hull.degenerate


def test_exact_path_reads_decimals_exactly():
    g = bg.Game([[0.1, 0.7, 0.25], [0.6, 0.2, 0.4], [0.3, 0.5, 0.9]],
                [[0.5, 0.2, 0.3], [0.1, 0.8, 0.35], [0.6, 0.45, 0.15]])
    hull, lex = _both(g, exact=True)
    _assert_same(hull, lex, g, exact=True)
    assert all(isinstance(v, Fraction) for e in hull.equilibria for v in e.row_exact)


def test_polytopes_of_the_float_and_exact_paths_share_their_labels():
    rng = np.random.default_rng(7)
    g = bg.Game(rng.random((5, 4)), rng.random((5, 4)))
    eps = tie_tolerance(DEFAULT_TOL)
    (Pf, Qf), (Pe, Qe) = polytopes(g, False), polytopes(g, True)
    for pf, pe in ((Pf, Pe), (Qf, Qe)):
        hv = hull_vertices(pf.G, pf.h, eps)
        assert hv is not None
        assert certify_exact(pe.G, pe.h, pe.origin, hv.tight, 2.0**-53)


@pytest.mark.parametrize("seed", [3, 11])
def test_certified_vertices_bound_the_exact_coordinates(seed):
    # every simple vertex of each exact polytope: the refined coordinates lie within the
    # proved bounds of the exact solution of its tight system
    rng = np.random.default_rng(seed)
    g = bg.Game(rng.integers(-10**6, 10**6, (5, 4)), rng.integers(-10**6, 10**6, (5, 4)))
    eps = tie_tolerance(DEFAULT_TOL)
    for pf, pe in zip(polytopes(g, False), polytopes(g, True)):
        hv = hull_vertices(pf.G, pf.h, eps)
        assert hv is not None and hv.simple.all()
        Z, E = certified_vertices(pe.G, pe.h, pe.origin, hv.tight, 0.0)
        assert Z.shape == E.shape == hv.tight.shape[:1] + (pe.dim,)
        for v in range(len(Z)):
            rows = np.flatnonzero(hv.tight[v]).tolist()
            nums, den = solve_integer([list(pe.Gi[r]) for r in rows], [pe.hi[r] for r in rows])
            exact = [Fraction(a, den) for a in nums]
            for c in range(pe.dim):
                gap = abs(Fraction(float(Z[v, c])) - exact[c])  # Z rounded to float: 2**-53
                assert gap <= Fraction(float(E[v, c])) + abs(exact[c]) * Fraction(2) ** -52


def test_neighbour_witness_must_contain_the_edge():
    # qhull's facet adjacency is only a guide: a neighbour whose tight set misses the edge
    # key is rejected (the caller then runs the full sorting check)
    G = np.vstack([-np.eye(3), np.eye(3)])  # the cube again
    h = np.r_[np.zeros(3), np.ones(3)]
    pts = G / (h - G @ np.full(3, 0.5))[:, None]
    hull = ConvexHull(pts, qhull_options="Qt")
    pow2 = np.left_shift(np.int64(1), np.arange(6, dtype=np.int64))
    S = (h - G @ np.full(3, 0.5))[None, :] - (hull.equations[:, :-1] / -hull.equations[:, -1:]) @ G.T
    keys = (S <= 1e-10).astype(np.int64) @ pow2
    assert _simple_edges_by_neighbours(hull, keys, pow2, 3)
    wrong = SimpleNamespace(simplices=hull.simplices, neighbors=np.roll(hull.neighbors, 1, axis=0))
    assert not _simple_edges_by_neighbours(wrong, keys, pow2, 3)


def test_vertex_inside_a_tied_edge_is_left_to_the_search():
    # integer payoffs with noise of 1e-12: rows 0 and 3 of A tie within the tolerance on
    # columns 0 and 1 but cross in between, so the float polytope has a real vertex inside
    # an edge that the tie tolerance merges. Its tight set is nested in its neighbours'
    # (regression: qhull returned it as an extra, non-extreme equilibrium)
    A0 = np.array([[3, 3, 0, 1, 3, 1], [0, 0, 1, 0, 2, 0], [1, 3, 3, 0, 0, 0], [3, 3, 3, 0, 0, 0]])
    B0 = np.array([[1, 3, 2, 3, 2, 2], [0, 2, 1, 0, 2, 0], [2, 0, 2, 3, 2, 2], [3, 3, 1, 2, 1, 0]])
    nA = np.array([[1.34, -1.58, 0.13, -1.83, 0.44, -0.18], [1.34, 1.36, 1.73, 0.39, 0.70, 1.22],
                   [0.70, -0.75, -0.87, 0.56, -1.60, 1.71], [-0.89, 1.25, -0.17, -1.50, 0.29, -0.29]])
    nB = np.array([[-1.30, 1.11, 0.13, -0.05, 1.75, -1.47], [1.57, 0.74, 0.42, -2.54, 0.52, -0.32],
                   [1.64, -0.06, -1.43, -0.55, -0.45, 0.37], [-0.30, 1.13, 0.77, -0.57, 1.93, 0.28]])
    g = bg.Game(A0 + 1e-12 * nA, B0 + 1e-12 * nB)
    hull, lex = _both(g, exact=False)
    _assert_same(hull, lex, g, exact=False)
    tied = bg.vertex_enumeration(bg.Game(A0, B0), exact=True)
    assert float_profiles(hull) == float_profiles(tied)  # the extreme equilibria of the tie


@pytest.mark.filterwarnings("ignore::bargain.errors.ConvergenceWarning")
@pytest.mark.parametrize("noise", [1e-13, 1e-11, 3e-10, 1e-8])
def test_near_ties_agree_with_the_search(noise):
    # integer games with noise around the tie tolerance: ties at roundoff level stay on the
    # qhull path, near ties go to the search; either way both engines return the same set
    # (regression: a qhull-certified set once missed a profile the search returns)
    rng = np.random.default_rng(321)
    for _ in range(12):
        m, n = rng.integers(3, 9, 2)
        A = rng.integers(0, 5, (m, n)) + noise * rng.normal(size=(m, n)) * (rng.random((m, n)) < 0.5)
        B = rng.integers(0, 5, (m, n)) + noise * rng.normal(size=(m, n)) * (rng.random((m, n)) < 0.5)
        g = bg.Game(A, B)
        hull, lex = _both(g, exact=False)
        assert float_profiles(hull) == float_profiles(lex)
        assert hull.degenerate == lex.degenerate


@settings(max_examples=20, deadline=None)
@given(bst.games(rows=(3, 7), cols=(3, 7), payoffs="int", min_value=0, max_value=4))
def test_batched_edges_of_one_extra_tight_row_match_the_double_description(g):
    """The closed form for vertices with d + 1 tight rows equals the general tangent cone."""
    eps = tie_tolerance(DEFAULT_TOL)
    for poly in polytopes(g, False):
        hv = hull_vertices(poly.G, poly.h, eps)
        if hv is None:
            continue
        d = poly.dim
        one = np.flatnonzero(hv.tight.sum(axis=1) == d + 1)
        found = _one_extra_edges(poly.G, hv.tight[one], d)
        if found is None:
            continue
        for v, basis, masks in zip(one.tolist(), *found):
            general = _tangent_edges(poly.G, poly.h, np.flatnonzero(hv.tight[v]), None)
            if general is None:
                continue
            assert sorted(masks) == sorted(general[1])
            assert np.linalg.matrix_rank(poly.G[basis]) == d


@settings(max_examples=15, deadline=None)
@given(bst.games(rows=(2, 6), cols=(2, 6), payoffs="int", min_value=-50, max_value=50))
def test_stacked_exact_vertex_solves_match_one_at_a_time(g):
    """The fraction-free elimination of all vertex systems at once gives each vertex exactly."""
    from bargain.solvers.nash.vertex import _bases, _hull_pair, _solve_support, _solve_support_many

    m, n = g.shape
    P, Q = polytopes(g, True)
    hulls = _hull_pair(*polytopes(g, False), tie_tolerance(DEFAULT_TOL), (P, Q))
    assume(hulls is not None)
    origins = ((1 << m) - 1, ((1 << (m + n)) - 1) ^ ((1 << m) - 1))
    for poly, hv, origin in zip((P, Q), hulls, origins):
        ids = np.flatnonzero(hv.keys != origin)
        many = _solve_support_many(poly, ids, _bases(hv, ids))
        assert {i: v[0] for i, v in many.items()} == {i: _solve_support(poly, hv.basis(i)) for i in ids}
        for z, ints, den in many.values():
            assert all(Fraction(a, den) == c for a, c in zip(ints, z))
            assert den == 1 or gcd(den, *ints) == 1


@settings(max_examples=15, deadline=None)
@given(bst.games(rows=(3, 6), cols=(3, 6), payoffs="int", min_value=0, max_value=4))
def test_exact_batched_edges_of_one_extra_tight_row_match_the_exact_tangent_cone(g):
    """The integer closed form for d + 1 tight rows equals the exact double description."""
    from bargain.solvers.nash._hull import _one_extra_edges_exact, _origin_rows

    eps = tie_tolerance(DEFAULT_TOL)
    for poly, exact in zip(polytopes(g, False), polytopes(g, True)):
        hv = hull_vertices(poly.G, poly.h, eps)
        assume(hv is not None)
        d = poly.dim
        one = np.flatnonzero(hv.tight.sum(axis=1) == d + 1)
        found = _one_extra_edges_exact(poly.G, hv.tight[one], d, exact.Gi, exact.hi)
        data = (exact.Gi, exact.hi, _origin_rows(exact.Gi))
        general = [_tangent_edges(poly.G, poly.h, np.flatnonzero(hv.tight[v]), data) for v in one]
        if found is None:  # some vertex failed an exact check: so does the general expansion
            assert any(e is None for e in general)
            continue
        for basis, masks, e in zip(*found, general):
            assert e is not None and sorted(masks) == sorted(e[1])
            assert np.linalg.matrix_rank(poly.G[basis]) == d


@settings(max_examples=20, deadline=None)
@given(bst.games(rows=(3, 7), cols=(3, 7), payoffs="int", min_value=0, max_value=4))
def test_forced_output_without_merging_is_certified_as_the_merged_hull(g):
    """qhull without pre-merging meets precision errors on tied payoffs and is made to output
    its facets anyway (Po); whatever it outputs, the certificate accepts only the true
    vertex set, the one qhull with merging finds."""
    from unittest import mock

    import bargain.solvers.nash._hull as hull_module

    eps = tie_tolerance(DEFAULT_TOL)
    for poly in polytopes(g, False):
        found = {}
        for options in (("Qt Q0 Po",), ("Qt",)):
            with mock.patch.object(hull_module, "HULL_QHULL_OPTIONS", options):
                found[options[0]] = hull_vertices(poly.G, poly.h, eps)
        forced, merged = found["Qt Q0 Po"], found["Qt"]
        if forced is not None and merged is not None:
            assert np.array_equal(forced.keys, merged.keys)
            assert np.array_equal(forced.simple, merged.simple)
