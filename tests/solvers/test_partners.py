"""Tests of the one-polytope engine of float vertex enumeration (bargain.solvers.nash._complement).

When one best-response polytope is simple, the float engine enumerates only its vertices
and solves each vertex's partner in the other polytope. It must agree with the
lexicographic search (complete by construction, both polytopes) on every game: the
equilibria, their components, and ``degenerate``, which it decides on first read when
the other polytope was never enumerated.
"""

from __future__ import annotations

import numpy as np
import pytest
from engines import ONE_POLYTOPE
from hypothesis import given, settings
from reference_games import component_sets, float_profiles

import bargain as bg
from bargain._thresholds import DEFAULT_TOL, JIT_MAX_ACTIONS
from bargain.solvers.nash._complement import partners
from bargain.solvers.nash._hull import hull_vertices
from bargain.solvers.nash._polytope import polytopes, tie_tolerance
from bargain.testing import strategies as bst
from bargain.testing.assertions import assert_certified

LEX = {"max_iter": 10**9}  # any iteration budget selects the lexicographic search
ENGINE = ONE_POLYTOPE  # what the automatic choice runs (engines.py)


def _same_as_exact(g) -> bg.NashResult:
    """The float result equals the exact one: equilibria, components and ``degenerate``.

    The games below have no near ties (payoffs on a grid of 1/1000), so the float path's
    ties within its tolerance are the exact ties and both answers must agree.
    """
    res = bg.vertex_enumeration(g, max_time=None)
    exact = bg.vertex_enumeration(g, exact=True, max_time=None)
    assert res.complete and exact.complete
    assert float_profiles(res) == float_profiles(exact)
    assert component_sets(res) == component_sets(exact)
    assert res.degenerate == exact.degenerate
    assert_certified(res, g)
    return res


@settings(max_examples=30, deadline=None)
@given(bst.games(rows=(3, 7), cols=(3, 7), payoffs="int", min_value=-1000, max_value=1000))
def test_partners_agree_with_the_exact_path_on_random_games(g):
    _same_as_exact(bg.Game(g.A / 1000.0, g.B / 1000.0))


@settings(max_examples=30, deadline=None)
@given(bst.games(rows=(3, 6), cols=(3, 6), payoffs="int", min_value=0, max_value=4))
def test_partners_agree_with_the_exact_path_on_tied_games(g):
    _same_as_exact(g)


@pytest.mark.parametrize(("m", "n"), [(6, 6), (8, 8), (5, 9), (9, 5), (11, 11)])
def test_generic_games_enumerate_one_polytope(m, n):
    rng = np.random.default_rng(m * 100 + n)
    g = bg.Game(rng.random((m, n)), rng.random((m, n)))
    res = _same_as_exact(g)
    # the compiled walk runs up to JIT_MAX_ACTIONS actions, qhull beyond (measured faster)
    expected = ENGINE if m + n <= JIT_MAX_ACTIONS else "qhull+partners"
    assert res.stats["engine"] == expected and "partners solved" in res.message
    # the polytope of lower dimension is enumerated (P on a tie), the other one is not
    own, other = ("vertices_p", "vertices_q") if m <= n else ("vertices_q", "vertices_p")
    assert res.stats[own] > 0 and res.stats[other] is None
    assert res.stats["partner_systems"] == res.stats[own] - 1  # every vertex but the origin
    assert res.max_regret <= DEFAULT_TOL


def test_degeneracy_of_the_other_polytope_is_decided_on_first_read():
    # B generic: P is simple. A's first column has a tied maximum, so the pure column c0
    # has two best responses and Q has a degenerate vertex, which no equilibrium uses.
    A = np.array([[5.0, 0.1, 0.3], [5.0, 0.2, 0.9], [1.0, 0.7, 0.4]])
    B = np.array([[0.1, 0.8, 0.35], [0.2, 0.15, 0.5], [0.45, 0.3, 0.95]])
    g = bg.Game(A, B)
    res = bg.vertex_enumeration(g)
    assert res.stats["engine"] == ENGINE and res.stats["degenerate_deferred"]
    assert "_degenerate_value" in vars(res) and callable(vars(res)["_degenerate_value"])
    assert res.degenerate is True  # decided now, from Q's own vertices
    assert vars(res)["_degenerate_value"] is True  # and kept
    assert res.degenerate == bg.vertex_enumeration(g, exact=True).degenerate
    assert "degenerate game" in repr(res)


def test_a_degenerate_partner_joins_its_own_vertices_into_a_component():
    # the entry game shape, enlarged: the row player's Out (r0) is a best response to two
    # column strategies' mixtures, so the column vertex y = Fight is shared
    A = np.array([[0.0, 0.0, 0.0], [2.0, -1.0, 0.5], [1.5, -2.0, 0.25]])
    B = np.array([[2.0, 2.0, 2.0], [1.0, -1.0, 0.2], [0.8, -0.5, 0.3]])
    g = bg.Game(A, B)
    res = _same_as_exact(g)
    exact = bg.vertex_enumeration(g, exact=True)
    assert sorted(map(len, res.components)) == sorted(map(len, exact.components))
    assert res.degenerate and exact.degenerate


def test_partners_refuse_an_ill_conditioned_system():
    # x = (1/2, 1/2, 0) is a vertex of P whose partner solves A[{r0, r1}, {c0, c1}] w = 1,
    # a system singular to 1e-12: the engine declines it and enumerates both polytopes
    A = np.array([[1.0, 1.0, 0.5], [1.0, 1.0 + 1e-12, 0.5], [0.2, 0.3, 0.9]])
    B = np.array([[0.9, 0.1, 0.2], [0.1, 0.9, 0.2], [0.3, 0.3, 0.5]])
    g = bg.Game(A, B)
    P, Q = polytopes(g, False)
    eps = tie_tolerance(DEFAULT_TOL)
    hp = hull_vertices(P.G, P.h, eps)
    assert hp is not None and not hp.degenerate
    assert partners(P, Q, hp, eps) is None
    res = bg.vertex_enumeration(g)
    assert res.stats["engine"] != ENGINE
    lex = bg.vertex_enumeration(g, **LEX)
    assert float_profiles(res) == float_profiles(lex)


def test_padded_systems_are_block_diagonal_with_the_real_ones():
    from bargain.solvers.nash._hull import padded_systems

    rng = np.random.default_rng(3)
    K, d = 7, 4
    G, h = rng.random((K, d)), rng.random(K)
    free = np.array([[True, False, True, False], [True, True, True, True], [False, True, False, False]])
    eqs = np.zeros((3, K), dtype=bool)
    eqs[0, [1, 5]] = eqs[1, [0, 2, 3, 6]] = eqs[2, [4]] = True
    size = free.sum(axis=1)
    Gx, hx, F, J = padded_systems(G, h, free, eqs, size, 4)
    for v in range(3):
        s = int(size[v])
        M = Gx[J[v][:, None], F[v][None, :]]
        real = G[np.flatnonzero(eqs[v])][:, np.flatnonzero(free[v])]
        assert np.array_equal(M[:s, :s], real) and np.array_equal(M[s:, s:], np.eye(4 - s))
        assert not M[:s, s:].any() and not M[s:, :s].any()
        assert np.array_equal(hx[J[v]][:s], h[eqs[v]]) and not hx[J[v]][s:].any()


def test_the_deferred_decision_keeps_the_call_s_budget():
    from bargain.errors import ConvergenceWarning
    from bargain.solvers.nash.vertex import polytope_degenerate

    rng = np.random.default_rng(17)
    eps = tie_tolerance(DEFAULT_TOL)
    small = bg.Game(rng.integers(0, 3, (4, 5)), rng.integers(0, 3, (4, 5)))
    P, Q = polytopes(small, False)
    exact = bg.vertex_enumeration(small, exact=True).degenerate
    assert (polytope_degenerate(P, eps, None) or polytope_degenerate(Q, eps, None)) == exact
    # beyond qhull's 32 actions the search decides, under the budget of the call
    big = bg.Game(rng.random((17, 17)), rng.random((17, 17)))
    _, Qb = polytopes(big, False)
    with pytest.warns(ConvergenceWarning, match="is for the part explored"):
        assert polytope_degenerate(Qb, eps, 1e-9) in (True, False)
