"""iterated_dominance: textbook eliminations, dominators that really dominate, equilibria preserved."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import DegenerateGameWarning, InvalidArgumentError, InvalidGameError
from bargain.testing import strategies as bst

#: a per-player positive affine change: (power of ten k, shift exponent j, sign, shift or not)
AFFINE = st.tuples(st.integers(-9, 9), st.integers(-12, 12), st.sampled_from([-1.0, 1.0]), st.booleans())


def affine(k: int, j: int, sign: float, shifted: bool) -> tuple[float, float]:
    """Factor ``10**k`` and a shift of up to 1e12 that float64 can carry (at most 1e5 x the factor)."""
    return 10.0**k, (sign * 10.0 ** min(j, 12, k + 5) if shifted else 0.0)


def _gibbons() -> bg.Game:
    """Gibbons (1992), Game Theory for Applied Economists, Sec. 1.1.B: iterated elimination of
    strictly dominated strategies in a 2 x 3 game."""
    return bg.Game([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
                   row_actions=("Up", "Down"), col_actions=("Left", "Middle", "Right"))


def test_gibbons_elimination_sequence():
    res = bg.iterated_dominance(_gibbons())
    steps = [(e.round, e.player, e.label, e.kind) for e in res.eliminations]
    assert steps == [(1, 1, "Right", "pure"), (2, 0, "Down", "pure"), (3, 1, "Left", "pure")]
    assert res.rows == (0,) and res.cols == (1,) and res.solved
    assert res.reduced.row_actions == ("Up",) and res.reduced.col_actions == ("Middle",)
    assert res.eliminations[0].dominator.tolist() == [0.0, 1.0, 0.0]  # Middle dominates Right


def test_prisoners_dilemma_is_dominance_solvable():
    """Axelrod (1984), ch. 1 (R=3, S=0, T=5, P=1): Defect strictly dominates Cooperate."""
    res = bg.iterated_dominance(bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    assert (res.rows, res.cols, res.rounds) == ((1,), (1,), 1)


def test_mixed_dominance_needs_the_lp():
    # the third row is beaten by neither pure row, but by the half-half mixture of both
    g = bg.Game([[3, 0], [0, 3], [1, 1]], np.zeros((3, 2)))
    pure_only = bg.iterated_dominance(g, mixed=False)
    assert pure_only.rows == (0, 1, 2) and not pure_only.eliminations
    res = bg.iterated_dominance(g)
    (e,) = res.eliminations
    assert (e.player, e.action, e.kind) == (0, 2, "mixed")
    np.testing.assert_allclose(e.dominator, [0.5, 0.5, 0.0], atol=1e-9)
    assert e.margin == pytest.approx(0.5)


def test_exact_payoffs_are_kept():
    g = bg.Game([[F(1, 3), 0], [0, 0]], [[1, 0], [1, 0]])
    res = bg.iterated_dominance(g)
    assert res.reduced.has_exact_payoffs
    assert res.reduced.exact_payoffs()[0][0, 0] == F(1, 3)


def test_weak_dominance_warns_and_can_lose_equilibria():
    # (r1, c1) is a Nash equilibrium, but r1 is weakly dominated by r0
    g = bg.Game([[1, 1], [0, 1]], [[1, 1], [1, 1]])
    assert bg.iterated_dominance(g).rows == (0, 1)  # nothing is strictly dominated
    with pytest.warns(DegenerateGameWarning, match="order of elimination") as record:
        res = bg.iterated_dominance(g, strict=False)
    assert record[0].filename == __file__
    assert res.rows == (0,)
    assert bg.is_equilibrium(g, [0, 1], [0, 1])  # the lost equilibrium


def _remaining_before(res: bg.DominanceResult, m: int, n: int, rnd: int) -> tuple[list[int], list[int]]:
    gone = [(e.player, e.action) for e in res.eliminations if e.round < rnd]
    rows = [i for i in range(m) if (0, i) not in gone]
    cols = [j for j in range(n) if (1, j) not in gone]
    return rows, cols


@given(bst.games(rows=(1, 4), cols=(1, 4), min_value=-4, max_value=4), st.booleans())
def test_every_dominator_dominates(g, mixed):
    res = bg.iterated_dominance(g, mixed=mixed)
    m, n = g.shape
    for e in res.eliminations:
        rows, cols = _remaining_before(res, m, n, e.round)
        own, opp = (rows, cols) if e.player == 0 else (cols, rows)
        payoff = g.A if e.player == 0 else g.B.T
        assert e.action in own
        assert e.dominator[e.action] == 0
        assert set(np.flatnonzero(e.dominator > 0)) <= set(own)
        assert e.dominator.sum() == pytest.approx(1.0)
        advantage = e.dominator @ payoff[:, opp] - payoff[e.action, opp]
        assert advantage.min() > 0
        assert advantage.min() == pytest.approx(e.margin, abs=1e-9)
        if not mixed:
            assert e.kind == "pure"
    assert len(res.rows) >= 1 and len(res.cols) >= 1
    assert res.reduced.shape == (len(res.rows), len(res.cols))
    assert res.reduced.row_actions == tuple(g.row_actions[i] for i in res.rows)


def _embedded(res: bg.BatchedEquilibria, rows, cols, m, n) -> set[tuple]:
    out = set()
    for x, y in res.profiles():
        xf, yf = np.zeros(m), np.zeros(n)
        xf[list(rows)] = x
        yf[list(cols)] = y
        out.add((tuple(np.round(xf, 8) + 0.0), tuple(np.round(yf, 8) + 0.0)))
    return out


@settings(max_examples=40)
@given(bst.games(rows=(1, 4), cols=(1, 4), min_value=-4, max_value=4))
def test_strict_dominance_preserves_the_equilibria(g):
    """Every Nash equilibrium survives and no new one appears (Osborne and Rubinstein 1994,
    Sec. 4.2): the extreme equilibria of the reduced game, padded with zeros, are exactly
    those of the original game; in particular pure equilibria of the reduced game are
    equilibria of the original."""
    res = bg.iterated_dominance(g)
    m, n = g.shape
    full = bg.batched_equilibria(g)
    reduced = bg.batched_equilibria(res.reduced)
    assert _embedded(reduced, res.rows, res.cols, m, n) == _embedded(full, range(m), range(n), m, n)
    for i, j in bg.pure_equilibrium_profiles(res.reduced):
        x, y = np.zeros(m), np.zeros(n)
        x[res.rows[i]] = y[res.cols[j]] = 1.0
        assert bg.is_equilibrium(g, x, y)


@given(bst.games(rows=(1, 4), cols=(1, 4)), st.randoms(use_true_random=False))
def test_order_independence_under_permutation(g, rnd):
    m, n = g.shape
    rp, cp = list(range(m)), list(range(n))
    rnd.shuffle(rp)
    rnd.shuffle(cp)
    res = bg.iterated_dominance(g)
    perm = bg.iterated_dominance(g.permute(rp, cp))
    assert sorted(rp[i] for i in perm.rows) == list(res.rows)
    assert sorted(cp[j] for j in perm.cols) == list(res.cols)


@given(bst.games(rows=(1, 4), cols=(1, 4)), st.sampled_from([1e-13, 1e9]))
def test_payoff_scale_invariance(g, factor):
    res = bg.iterated_dominance(g)
    scaled = bg.iterated_dominance(bg.Game(np.array(g.A) * factor + factor, np.array(g.B) * factor))
    assert (scaled.rows, scaled.cols) == (res.rows, res.cols)
    for a, b in zip(res.eliminations, scaled.eliminations):
        assert (a.round, a.player, a.action) == (b.round, b.player, b.action)
        assert b.margin == pytest.approx(a.margin * factor, rel=1e-6)


@given(bst.games(rows=(1, 4), cols=(1, 4)))
def test_pure_only_removes_a_subset(g):
    assert set(bg.iterated_dominance(g).rows) <= set(bg.iterated_dominance(g, mixed=False).rows)
    assert set(bg.iterated_dominance(g).cols) <= set(bg.iterated_dominance(g, mixed=False).cols)


def test_repr_lists_the_eliminations():
    res = bg.iterated_dominance(_gibbons().relabel(players=("Ann", "Bob")))
    text = repr(res)
    assert "3 action(s) removed in 3 round(s)" in text and "'Right'" in text
    assert "Bob drops 'Right', dominated by Middle (margin 1)" in text
    assert "Ann drops 'Down', dominated by Up" in text and "left: Up / Middle" in text
    assert res.status is bg.Status.SUCCESS and res.success and "removed in 3 round(s)" in res.message
    mixed = repr(bg.iterated_dominance(bg.Game([[3, 0], [0, 3], [1, 1]], np.zeros((3, 2)),
                                               row_actions=("A", "B", "C"))))
    assert "Row drops 'C', dominated by A 0.5, B 0.5 (margin 0.5)" in mixed


# ----------------------------------------------------------------------------- issue 10: scale
def _reference_pure(A: np.ndarray, B: np.ndarray) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Iterated strict dominance by pure strategies, in exact integer comparisons (all dominated
    actions of both players removed each round, as iterated_dominance does)."""
    m, n = A.shape
    rows, cols = list(range(m)), list(range(n))
    while True:
        dr = [i for i in rows if any(all(A[k, j] > A[i, j] for j in cols) for k in rows if k != i)]
        dc = [j for j in cols if any(all(B[i, l] > B[i, j] for i in rows) for l in cols if l != j)]
        if not dr and not dc:
            return tuple(rows), tuple(cols)
        rows = [i for i in rows if i not in dr]
        cols = [j for j in cols if j not in dc]


@settings(max_examples=60)
@given(bst.games(rows=(1, 4), cols=(1, 4)), AFFINE, AFFINE)
def test_removes_exactly_the_dominated_actions_at_any_per_player_scale(g, t0, t1):
    """Issue 10: one player's scale must not set the other's tie tolerance (at a 1e9 ratio of
    ranges 89 of 150 integer games came out wrong). Scaling and shifting either player's payoffs
    alone changes nothing: the same actions go, in the same rounds, with margins in the new units."""
    (f0, s0), (f1, s1) = affine(*t0), affine(*t1)
    h = bg.Game(np.asarray(g.A) * f0 + s0, np.asarray(g.B) * f1 + s1)
    pure = bg.iterated_dominance(h, mixed=False)
    assert (pure.rows, pure.cols) == _reference_pure(np.asarray(g.A), np.asarray(g.B))
    res, out = bg.iterated_dominance(g), bg.iterated_dominance(h)
    assert out.success and (out.rows, out.cols) == (res.rows, res.cols)
    assert [(e.round, e.player, e.action) for e in out.eliminations] == \
        [(e.round, e.player, e.action) for e in res.eliminations]
    for a, b in zip(res.eliminations, out.eliminations):
        assert b.margin == pytest.approx(a.margin * (f0 if a.player == 0 else f1), rel=1e-6)


def test_tiny_player_is_not_drowned_by_a_large_one():
    """Prisoner's Dilemma with the row player in millions and the column player in thousandths:
    Defect strictly dominates for both (the old code kept the column player's Cooperate)."""
    g = bg.Game(np.array([[3, 0], [5, 1]]) * 1e6, np.array([[3, 5], [0, 1]]) * 1e-3)
    res = bg.iterated_dominance(g)
    assert (res.rows, res.cols) == ((1,), (1,)) and res.solved
    assert {(e.player, e.action) for e in res.eliminations} == {(0, 0), (1, 0)}
    assert [e.margin for e in res.eliminations] == pytest.approx([1e6, 1e-3])


# ----------------------------------------------------------------------------- bad input
def test_bad_input():
    g = _gibbons()
    with pytest.raises(InvalidGameError, match="iterated_dominance"):
        bg.iterated_dominance([[1, 0], [0, 1]])
    with pytest.raises(InvalidGameError, match="iterated_dominance.*batch"):
        bg.iterated_dominance(bg.Game(np.zeros((2, 2, 2))))
    with pytest.raises(TypeError):
        bg.iterated_dominance(g, False, True)  # the flags are keyword-only
    with pytest.raises(InvalidArgumentError, match="iterated_dominance: mixed"):
        bg.iterated_dominance(g, mixed="yes")
    with pytest.raises(InvalidArgumentError, match="iterated_dominance: strict"):
        bg.iterated_dominance(g, strict=1)
    with pytest.raises(InvalidArgumentError, match="iterated_dominance: tol"):
        bg.iterated_dominance(g, tol=2.0)
    with pytest.raises(InvalidArgumentError, match="iterated_dominance: tol"):
        bg.iterated_dominance(g, tol=float("nan"))
