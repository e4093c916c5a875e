"""batched_equilibria: sourced games, exact oracle, batch == loop, certificates, degeneracy, padding."""

from __future__ import annotations

import warnings
from fractions import Fraction as F
from itertools import combinations

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_games import REFERENCE_GAMES, rounded

import bargain as bg
from bargain.core import kernels
from bargain.errors import InvalidArgumentError
from bargain.testing import strategies as bst

SMALL_REFS = [r for r in REFERENCE_GAMES if len(r.A) <= 4 and len(r.A[0]) <= 4]


# ----------------------------------------------------------------------------- exact oracle
def _solve(M: list[list[F]], rhs: list[F]) -> list[F] | None:
    k = len(M)
    a = [row[:] + [b] for row, b in zip(M, rhs)]
    for c in range(k):
        p = next((r for r in range(c, k) if a[r][c] != 0), None)
        if p is None:
            return None
        a[c], a[p] = a[p], a[c]
        for r in range(k):
            if r != c and a[r][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [u - f * w for u, w in zip(a[r], a[c])]
    return [a[i][k] / a[i][i] for i in range(k)]


def _vertices(P: list[list[F]]) -> dict[tuple, frozenset]:
    """Vertices of {x >= 0, sum x = 1, x P <= v} with their labels (own zeros, opponent ties)."""
    own, opp = len(P), len(P[0])
    out = {}
    for k in range(1, min(own, opp) + 1):
        for I in combinations(range(own), k):
            for J in combinations(range(opp), k):
                rows = [[P[i][j] for i in I] + [F(-1)] for j in J] + [[F(1)] * k + [F(0)]]
                sol = _solve(rows, [F(0)] * k + [F(1)])
                if sol is None:
                    continue
                x = [F(0)] * own
                for c, i in enumerate(I):
                    x[i] = sol[c]
                pay = [sum((x[i] * P[i][j] for i in range(own)), F(0)) for j in range(opp)]
                if min(x) < 0 or max(pay) > sol[k]:
                    continue
                labels = {("own", i) for i in range(own) if x[i] == 0}
                labels |= {("opp", j) for j in range(opp) if pay[j] == sol[k]}
                out[tuple(x)] = frozenset(labels)
    return out


def exact_extreme_equilibria(g: bg.Game) -> tuple[set[tuple], bool]:
    """All extreme equilibria of a small game in exact arithmetic by brute force over all bases,
    and whether the game is degenerate (a vertex with more labels than its dimension)."""
    A, B = (M.tolist() for M in g.exact_payoffs())
    m, n = g.shape
    X = _vertices(B)
    Y = _vertices([[A[i][j] for i in range(m)] for j in range(n)])
    degenerate = any(len(lx) > m for lx in X.values()) or any(len(ly) > n for ly in Y.values())
    eqs = set()
    for x, lx in X.items():
        cover_x = {i for kind, i in lx if kind == "own"} | {m + j for kind, j in lx if kind == "opp"}
        for y, ly in Y.items():
            cover_y = {i for kind, i in ly if kind == "opp"} | {m + j for kind, j in ly if kind == "own"}
            if len(cover_x | cover_y) == m + n:
                eqs.add((x, y))
    return eqs, degenerate


def _found(res: bg.BatchedEquilibria, index=()) -> set[tuple]:
    return rounded(res.profiles(index), 8)


def _check_certificates(g: bg.Game, res: bg.BatchedEquilibria, tol: float = 1e-9) -> None:
    """Every valid slot is an equilibrium (each player's regret <= tol x that player's payoff
    range), padding is NaN."""
    norm = g.normalized
    row = np.nan_to_num(res.row)
    col = np.nan_to_num(res.col)
    r = kernels.relative_regret(norm.A[..., None, :, :], norm.B[..., None, :, :], row, col).max(axis=-1)
    assert np.all(r[res.valid] <= tol)
    np.testing.assert_allclose(res.regret[res.valid], r[res.valid], atol=1e-15)
    assert np.all(np.isnan(res.row[~res.valid])) and np.all(np.isnan(res.regret[~res.valid]))
    assert np.array_equal(res.valid.sum(axis=-1), res.count)
    K = res.max_equilibria
    assert np.all(res.valid == (np.arange(K) < res.count[..., None]))  # slots are filled in order
    np.testing.assert_allclose(res.row[res.valid].sum(axis=-1), 1.0, atol=1e-12)


# ----------------------------------------------------------------------------- reference games
@pytest.mark.parametrize("ref", SMALL_REFS, ids=[r.name for r in SMALL_REFS])
def test_reference_games(ref):
    """Sources in tests/solvers/reference_games.py (each entry carries its `source`)."""
    g = ref.game()
    res = bg.batched_equilibria(g)
    _check_certificates(g, res)
    assert int(res.count) == ref.n_extreme and bool(res.complete)
    assert bool(res.degenerate) == ref.degenerate
    if ref.equilibria is not None:
        assert _found(res) == rounded(ref.equilibria, 8)


def test_reference_games_as_one_batch_of_3x3():
    refs = [r for r in SMALL_REFS if (len(r.A), len(r.A[0])) == (3, 3)]
    A = np.array([np.array(r.A, dtype=float) for r in refs])
    B = np.array([np.array(r.B, dtype=float) for r in refs])
    res = bg.batched_equilibria(bg.Game(A, B))
    assert res.count.tolist() == [r.n_extreme for r in refs]
    for k, r in enumerate(refs):
        if r.equilibria is not None:
            assert _found(res, k) == rounded(r.equilibria, 8)


def test_selten_entry_game_has_unequal_supports():
    """Selten (1975), Int. J. Game Theory 4, the entry game in strategic form: the extreme
    equilibrium (out, 2/3 fight) pairs a pure row with a mixed column (supports 1 and 2)."""
    g = bg.Game([[0, 0], [-1, 2]], [[2, 2], [-1, 1]])
    res = bg.batched_equilibria(g)
    sizes = {(int((x > 0).sum()), int((y > 0).sum())) for x, y in res.profiles()}
    assert (1, 2) in sizes and bool(res.degenerate) and int(res.count) == 3


# ----------------------------------------------------------------------------- invariants
@settings(max_examples=40)
@given(bst.games(rows=(1, 4), cols=(1, 4), batch_shape=(6,)))
def test_equals_exact_oracle_on_degenerate_prone_games(g):
    res = bg.batched_equilibria(g)
    _check_certificates(g, res)
    for k in range(6):
        eqs, degenerate = exact_extreme_equilibria(g[k])
        assert _found(res, k) == rounded(eqs, 8)
        assert bool(res.degenerate[k]) == degenerate
        assert bool(res.complete[k]) and not bool(res.overflow[k])


@given(bst.games(rows=2, cols=2, batch_shape=(20,), min_value=-2, max_value=2))
def test_equals_closed_form_2x2(g):
    res = bg.batched_equilibria(g)
    closed = bg.equilibria_2x2(g)
    for k in range(20):
        ref = {(tuple(r), tuple(c)) for r, c, v in zip(closed.row[k], closed.col[k], closed.valid[k]) if v}
        assert _found(res, k) == rounded(ref, 8)
    np.testing.assert_array_equal(res.degenerate, closed.degenerate)


@given(bst.games(rows=(1, 4), cols=(1, 4), batch_shape=(2, 3)))
def test_batch_equals_loop_over_single_games(g):
    res = bg.batched_equilibria(g)
    assert res.row.shape[:2] == (2, 3) and res.count.shape == (2, 3)
    for idx in np.ndindex(2, 3):
        one = bg.batched_equilibria(g[idx])
        assert one.count.shape == ()
        assert _found(res, idx) == _found(one)
        assert bool(res.degenerate[idx]) == bool(one.degenerate)


@given(bst.games(rows=(1, 3), cols=(1, 3)))
def test_agrees_with_nash_equilibria_where_complete(g):
    res = bg.batched_equilibria(g)
    ref = bg.nash_equilibria(g)
    if ref.complete:
        assert _found(res) == rounded(((e.row, e.col) for e in ref.equilibria), 8)
    else:  # everything a partial method certifies is among the extreme equilibria found here
        assert rounded(((e.row, e.col) for e in ref.equilibria if e.is_pure), 8) <= _found(res)


@settings(max_examples=30)
@given(st.integers(0, 2**32 - 1), st.integers(2, 4), st.integers(2, 4))
def test_superset_of_nashpy_on_random_nondegenerate_games(seed, m, n):
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(8, m, n)), rng.normal(size=(8, m, n))
    res = bg.batched_equilibria(bg.Game(A, B))
    assert not res.degenerate.any()
    assert np.all(res.count % 2 == 1)  # nondegenerate games have an odd number of equilibria
    for k in range(8):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = rounded(nashpy.Game(A[k], B[k]).support_enumeration(), 6)
        assert ref <= rounded(res.profiles(k), 6)


@given(bst.games(rows=(1, 4), cols=(1, 4)), st.randoms(use_true_random=False))
def test_permutation_and_player_swap(g, rnd):
    m, n = g.shape
    rp, cp = list(range(m)), list(range(n))
    rnd.shuffle(rp)
    rnd.shuffle(cp)
    base = bg.batched_equilibria(g).profiles()
    perm = bg.batched_equilibria(g.permute(rp, cp)).profiles()
    assert rounded(perm, 8) == rounded(((x[rp], y[cp]) for x, y in base), 8)
    swap = bg.batched_equilibria(g.transpose()).profiles()
    assert rounded(swap, 8) == rounded(((y, x) for x, y in base), 8)


@given(bst.games(rows=(1, 4), cols=(1, 4), batch_shape=(4,)), st.sampled_from([1e-13, 1e-6, 1e9]))
def test_payoff_scale_invariance(g, factor):
    """Tolerances are relative to the payoff scale: rescaling (and shifting) payoffs changes nothing."""
    h = bg.Game(np.array(g.A) * factor + 5 * factor, np.array(g.B) * factor - 2 * factor)
    a, b = bg.batched_equilibria(g), bg.batched_equilibria(h)
    np.testing.assert_array_equal(a.count, b.count)
    np.testing.assert_array_equal(a.degenerate, b.degenerate)
    for k in range(4):
        assert _found(a, k) == rounded(b.profiles(k), 8)


@given(bst.games(rows=(1, 4), cols=(1, 4), payoffs="float", min_value=-1e6, max_value=1e6))
def test_large_float_payoffs_are_certified(g):
    res = bg.batched_equilibria(g)
    _check_certificates(g, res)
    assert int(res.count) >= 1


def test_one_players_scale_does_not_set_the_others_tolerance():
    """Issue 10 item 1: with ranges 1e3 and 1e-3 this returned no equilibrium, complete=True.
    The unique equilibrium is x = (1/4, 1/4, 1/2), y = (10/27, 2/27, 5/9)."""
    g = bg.Game(
        np.array([[2, -2, -2], [-2, 3, 0], [-1, -2, 0]]) * 1e3,
        np.array([[1, 2, 2], [2, -1, 1], [2, 3, 2]]) * 1e-3,
    )
    res = bg.batched_equilibria(g)
    assert res.success and bool(res.complete) and int(res.count) == 1
    np.testing.assert_allclose(res.row[0], [1 / 4, 1 / 4, 1 / 2], atol=1e-12)
    np.testing.assert_allclose(res.col[0], [10 / 27, 2 / 27, 5 / 9], atol=1e-12)
    _check_certificates(g, res)


def test_payoffs_near_the_float_limit():
    """Issue 10 item 4: ranges near 1e308 (finite) are solved as any other game."""
    big = [[1.7e308, 0], [0, 1.7e308]]
    res = bg.batched_equilibria(bg.Game(big, big))
    assert int(res.count) == 3 and bool(res.complete)
    pennies = bg.batched_equilibria(bg.Game.zero_sum(np.array([[1, -1], [-1, 1]]) * 5e307))
    assert int(pennies.count) == 1
    np.testing.assert_allclose(pennies.row[0], [0.5, 0.5])


@settings(max_examples=30)
@given(bst.games(rows=(1, 4), cols=(1, 4), batch_shape=(3,), min_value=-2, max_value=2), st.data())
def test_scale_and_shift_of_either_player_change_nothing(g, data):
    """Issue 10: each player's payoffs alone times 10**k (|k| <= 9), shifted by up to 1e12,
    game by game in a batch; nothing SUCCESS is uncertified after the change."""
    variants = [data.draw(bst.affine_variants(g[k])) for k in range(3)]
    v = bg.Game(np.stack([x.A for x in variants]), np.stack([x.B for x in variants]))
    a, b = bg.batched_equilibria(g), bg.batched_equilibria(v)
    np.testing.assert_array_equal(a.count, b.count)
    np.testing.assert_array_equal(a.degenerate, b.degenerate)
    np.testing.assert_array_equal(a.complete, b.complete)
    assert a.status is b.status
    for k in range(3):
        assert _found(a, k) == _found(b, k)
    _check_certificates(v, b)


# ----------------------------------------------------------------------------- padding
def test_overflow_is_flagged():
    coord = bg.Game(np.eye(4), np.eye(4))  # 2^4 - 1 = 15 equilibria
    res = bg.batched_equilibria(coord, max_equilibria=4)
    assert (int(res.count), int(res.found), bool(res.overflow), bool(res.complete)) == (4, 15, True, False)
    assert res.row.shape == (4, 4)
    _check_certificates(coord, res)
    full = bg.batched_equilibria(coord)
    assert full.max_equilibria == 15 and bool(full.complete)


def test_all_zero_game_every_pure_profile():
    res = bg.batched_equilibria(bg.Game(np.zeros((4, 4)), np.zeros((4, 4))))
    assert int(res.count) == 16 and bool(res.degenerate)


def test_repr_and_profiles():
    batch = bg.Game(np.stack([np.eye(2), -np.eye(2)]), np.stack([np.eye(2), np.eye(2)]))
    res = bg.batched_equilibria(batch)
    assert "batch of shape (2,)" in repr(res)
    assert len(res.profiles(0)) == 3 and len(res.profiles(1)) == 1
    assert "1 extreme equilibrium" in repr(bg.batched_equilibria(bg.Game(np.eye(2))))
    with pytest.raises(InvalidArgumentError, match="profiles"):
        res.profiles()


# ----------------------------------------------------------------------------- bad input
def test_bad_input():
    with pytest.raises(InvalidArgumentError, match="batched_equilibria.*at most 4"):
        bg.batched_equilibria(bg.Game(np.zeros((5, 2))))
    with pytest.raises(InvalidArgumentError, match="batched_equilibria"):
        bg.batched_equilibria(np.eye(2))
    with pytest.raises(InvalidArgumentError, match="batched_equilibria: tol"):
        bg.batched_equilibria(bg.Game(np.eye(2)), tol=1.5)
    for bad in (0, -2, 1.5, "3", True):
        with pytest.raises(InvalidArgumentError, match="batched_equilibria: max_equilibria"):
            bg.batched_equilibria(bg.Game(np.eye(2)), max_equilibria=bad)
    for bad in (True, float("nan"), -1.0):
        with pytest.raises(InvalidArgumentError, match="batched_equilibria: tol"):
            bg.batched_equilibria(bg.Game(np.eye(2)), tol=bad)
    with pytest.raises(TypeError):
        bg.batched_equilibria(bg.Game(np.eye(2)), 1e-9)  # type: ignore[misc]


def test_nashpy_game_accepted():
    res = bg.batched_equilibria(nashpy.Game(np.array([[1, -1], [-1, 1]])))
    np.testing.assert_allclose(res.row[0], [0.5, 0.5])


@pytest.mark.slow
def test_thousands_of_degenerate_games_against_exact_oracle():
    rng = np.random.default_rng(2024)
    for m, n in [(2, 2), (2, 3), (3, 3), (3, 4), (4, 4)]:
        A = rng.integers(-2, 3, size=(300, m, n))
        B = rng.integers(-2, 3, size=(300, m, n))
        g = bg.Game(A, B)
        res = bg.batched_equilibria(g)
        _check_certificates(g, res)
        for k in range(300):
            eqs, degenerate = exact_extreme_equilibria(g[k])
            assert _found(res, k) == rounded(eqs, 8)
            assert bool(res.degenerate[k]) == degenerate

