"""Three-player equilibria: batched pure equilibria, n-player regret, and every equilibrium of 2x2x2 games."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import fsolve

import bargain as bg
from bargain.core.nplayer import NPlayerGame
from bargain.solvers.nash._surd import QuadraticIrrational
from bargain.solvers.nash.nplayer import nplayer_equilibria, nplayer_max_regret, nplayer_pure_equilibria

F = Fraction
payoffs_222 = st.lists(st.integers(-4, 4), min_size=24, max_size=24).map(
    lambda v: np.array(v, dtype=np.int64).reshape(2, 2, 2, 3)
)


def cyclic(d):
    """A 2x2x2 game where player i's gain from its first action is ``d[(a_next, a_after)]``.

    Player 0's gain depends on (player 1, player 2)'s actions, player 1's on (2, 0), player 2's
    on (0, 1); the second action pays 0.
    """
    u = np.zeros((2, 2, 2, 3), dtype=object)
    for a, b, c in itertools.product(range(2), repeat=3):
        u[a, b, c] = (d[(b, c)] if a == 0 else 0, d[(c, a)] if b == 0 else 0, d[(a, b)] if c == 0 else 0)
    return NPlayerGame(u.astype(np.int64) if all(isinstance(v, int) for v in d.values()) else u.tolist())


def coefficients_to_cells(k0, k1, k2, k3):
    """Cell values of ``D = k0 + k1 x + k2 y + k3 x y`` (x, y: probabilities of the first actions)."""
    return {(0, 0): k0 + k1 + k2 + k3, (0, 1): k0 + k1, (1, 0): k0 + k2, (1, 1): k0}


# ------------------------------------------------------------------------------ pure, batched
def _pure_loop(u):
    k = u.shape[-1]
    shape = u.shape[-1 - k : -1]
    mask = np.zeros(shape, dtype=bool)
    for cell in itertools.product(*map(range, shape)):
        ok = True
        for i in range(k):
            for dev in range(shape[i]):
                other = list(cell)
                other[i] = dev
                ok &= u[tuple(other) + (i,)] <= u[cell + (i,)]
        mask[cell] = ok
    return mask


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 3, 4), (3, 3, 3), (2, 2, 2, 2)])
def test_pure_equilibria_batched_equals_the_loop(shape):
    rng = np.random.default_rng(len(shape) * 10 + sum(shape))
    u = rng.integers(-3, 4, size=(6, 5) + shape + (len(shape),))
    mask = nplayer_pure_equilibria(NPlayerGame(u))
    assert mask.shape == (6, 5) + shape
    for idx in np.ndindex(6, 5):
        assert np.array_equal(mask[idx], _pure_loop(u[idx])), idx


def test_pure_equilibria_of_a_two_player_game_match_the_library():
    g = bg.Game([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    assert np.array_equal(nplayer_pure_equilibria(g), bg.pure_equilibria(g))


def test_pure_equilibria_ignore_scale_and_shift():
    rng = np.random.default_rng(3)
    u = rng.integers(-3, 4, size=(20, 2, 3, 2, 3)).astype(float)
    v = u * np.array([1e9, 3e-7, 2.0]) + np.array([1e12, -5.0, 0.0])
    assert np.array_equal(nplayer_pure_equilibria(NPlayerGame(u)), nplayer_pure_equilibria(NPlayerGame(v)))


# ------------------------------------------------------------------------------ regret
def test_max_regret_batched_equals_the_loop_and_is_relative():
    rng = np.random.default_rng(4)
    u = rng.normal(size=(7, 2, 3, 2, 3))
    g = NPlayerGame(u)
    s = [rng.dirichlet(np.ones(n), size=7) for n in g.shape]
    batched = nplayer_max_regret(g, s)
    for b in range(7):
        single = g[b]
        worst = 0.0
        for i in range(3):
            current = single.payoffs(*[x[b] for x in s])[i]
            for a in range(g.shape[i]):
                dev = [x[b] for x in s]
                dev[i] = np.eye(g.shape[i])[a]
                worst = max(worst, single.payoffs(*dev)[i] - current)
        assert batched[b] == pytest.approx(worst, abs=1e-12)
    scaled = NPlayerGame(u * 1000.0 + 7.0)
    assert np.allclose(nplayer_max_regret(scaled, s, relative=True), nplayer_max_regret(g, s, relative=True))


# ------------------------------------------------------------------------------ 2x2x2: known games
def test_jordan_three_player_matching_pennies_has_one_fully_mixed_equilibrium():
    # Jordan (1993), Games and Economic Behavior 5, 368-386: 1 matches 2, 2 matches 3, 3 mismatches 1.
    u = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in itertools.product(range(2), repeat=3):
        u[a, b, c] = (1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1)
    res = nplayer_equilibria(NPlayerGame(u))
    assert res.complete and not res.degenerate and res.success
    assert len(res.equilibria) == 1
    assert res.equilibria[0].strategies_exact == ((F(1, 2), F(1, 2)),) * 3


def test_two_rational_fully_mixed_equilibria_by_hand():
    # Constructed so that player i's gain from its first action is D = 2 - 3 x - 6 y + 9 x y
    # with (x, y) the next two players' probabilities of their first action (cyclically). On the
    # diagonal x = y = t this is 9 t^2 - 9 t + 2 = (3 t - 1)(3 t - 2): t = 1/3 and t = 2/3 are fully
    # mixed equilibria, and McKelvey-McLennan (1997) allow at most two. By hand, the pure
    # equilibria are the profiles where every player's gain has the sign of its action:
    # (1st, 1st, 1st) with D = 2 for all, and the three rotations of (1st, 2nd, 2nd) with D(x=0, y=0)
    # = 2 >= 0 for the first player and D(0, 1) = -4 <= 0, D(1, 0) = -1 <= 0 for the others.
    g = cyclic(coefficients_to_cells(2, -3, -6, 9))
    res = nplayer_equilibria(g)
    assert res.complete and not res.degenerate
    mixed = [e for e in res.equilibria if all(0 < s[0] < 1 for s in e.strategies_exact)]
    assert sorted(e.strategies_exact[0][0] for e in mixed) == [F(1, 3), F(2, 3)]
    assert all(e.strategies_exact[0] == e.strategies_exact[1] == e.strategies_exact[2] for e in mixed)
    pure = sorted(tuple(int(s[0] == 1) for s in e.strategies_exact) for e in res.equilibria if e.is_pure)
    assert pure == [(0, 0, 1), (0, 1, 0), (1, 0, 0), (1, 1, 1)]
    assert len(res.equilibria) % 2 == 1  # Wilson's (1971) oddness theorem, regular game


def test_irrational_fully_mixed_equilibria_are_exact_quadratic_irrationals():
    # D = 1 - 2 x - 3 y + 5 x y: on the diagonal 5 t^2 - 5 t + 1 = 0, t = 1/2 +- sqrt(5)/10.
    g = cyclic(coefficients_to_cells(1, -2, -3, 5))
    res = nplayer_equilibria(g)
    assert res.complete
    mixed = [e for e in res.equilibria if all(0 < float(s[0]) < 1 for s in e.strategies_exact)]
    diagonal = [e for e in mixed if e.strategies_exact[0] == e.strategies_exact[1] == e.strategies_exact[2]]
    values = sorted(float(e.strategies_exact[0][0]) for e in diagonal)
    assert values == pytest.approx([0.5 - 5**0.5 / 10, 0.5 + 5**0.5 / 10], abs=1e-15)
    for e in diagonal:
        p = e.strategies_exact[0][0]
        assert isinstance(p, QuadraticIrrational)
        assert 5 * p * p - 5 * p + 1 == 0  # exactly
    assert all(e.regret <= 1e-12 for e in res.equilibria)


def test_a_dominant_third_player_reduces_to_the_two_player_game():
    rng = np.random.default_rng(5)
    for _ in range(20):
        A = rng.integers(-5, 6, size=(2, 2))
        B = rng.integers(-5, 6, size=(2, 2))
        game = bg.Game(A, B)
        u = np.zeros((2, 2, 2, 3), dtype=int)
        u[..., 0] = A[:, :, None]
        u[..., 1] = B[:, :, None]
        u[:, :, 0, 2] = 1  # the third player's first action strictly dominates
        res = nplayer_equilibria(NPlayerGame(u))
        two = bg.nash_equilibria(game, exact=True)
        if two.degenerate:
            continue
        assert res.complete
        mine = sorted((e.strategies_exact[0], e.strategies_exact[1]) for e in res.equilibria)
        theirs = sorted((tuple(e.row_exact), tuple(e.col_exact)) for e in two.equilibria)
        assert mine == theirs
        assert all(e.strategies_exact[2] == (1, 0) for e in res.equilibria)


# ------------------------------------------------------------------------------ 2x2x2: brute force
def _gain_tables(g):
    """diff[i][a, b, c]: player i's payoff at (a, b, c) with its own action first, minus second."""
    u = g.payoff_array
    return [
        np.broadcast_to(np.take(u[..., i], [0], axis=i) - np.take(u[..., i], [1], axis=i), (2, 2, 2))
        for i in range(3)
    ]


def _gains(tables, x):
    """Each player's payoff gain from its first action at the profile x (a polynomial, any real x)."""
    w = [np.array([p, 1 - p]) for p in x]
    return np.array([np.einsum("abc,a,b,c->", tables[i], *[w[j] if j != i else np.array([0.5, 0.5])
                                                            for j in range(3)]) * 2 for i in range(3)])


def _brute_force(g):
    """Equilibria found by Newton's method from a grid of starts, support by support."""
    found = []
    tables = _gain_tables(g)
    starts = (0.2, 0.5, 0.8)
    for statuses in itertools.product((0.0, 1.0, None), repeat=3):
        mixed = [i for i in range(3) if statuses[i] is None]
        for start in itertools.product(starts, repeat=len(mixed)):

            def system(z, statuses=statuses, mixed=mixed, tables=tables):
                x = [z[mixed.index(i)] if statuses[i] is None else statuses[i] for i in range(3)]
                return _gains(tables, x)[mixed]

            if mixed:
                z, _, ok, _ = fsolve(system, np.array(start), full_output=True, xtol=1e-13)
                if ok != 1 or np.abs(system(z)).max() > 1e-10 or not ((z > 1e-7) & (z < 1 - 1e-7)).all():
                    continue
            else:
                z = np.array([])
            x = [z[mixed.index(i)] if statuses[i] is None else statuses[i] for i in range(3)]
            if nplayer_max_regret(g, [[p, 1 - p] for p in x], relative=True) < 1e-8:
                found.append(np.array(x))
    return found


@settings(max_examples=15, deadline=None)
@given(payoffs_222)
def test_every_equilibrium_is_certified_and_brute_force_finds_no_other(u):
    g = NPlayerGame(u)
    res = nplayer_equilibria(g)
    assert res.success
    for e in res.equilibria:
        assert nplayer_max_regret(g, e.strategies, relative=True) <= 1e-12
    assume(not res.degenerate)
    assert res.complete
    ours = [np.array([s[0] for s in e.strategies]) for e in res.equilibria]
    for x in _brute_force(g):
        assert min(np.abs(x - y).max() for y in ours) < 1e-6, x


def test_generic_games_have_an_odd_number_of_equilibria():
    # Wilson (1971), SIAM J. Appl. Math. 21, 80-87: almost every finite game has an odd number of
    # equilibria; random real payoffs are generic with probability one.
    rng = np.random.default_rng(7)
    counts = []
    for _ in range(40):
        res = nplayer_equilibria(NPlayerGame(rng.normal(size=(2, 2, 2, 3))))
        assert res.complete and not res.degenerate
        counts.append(len(res.equilibria))
    assert all(c % 2 == 1 for c in counts) and max(counts) >= 3


@settings(max_examples=15, deadline=None)
@given(payoffs_222, st.integers(1, 5), st.integers(-3, 3), st.permutations([0, 1, 2]))
def test_equilibria_survive_affine_changes_and_player_relabelling(u, scale, shift, order):
    res = nplayer_equilibria(NPlayerGame(u))
    v = u.copy()
    v[..., 1] = v[..., 1] * scale + shift
    changed = nplayer_equilibria(NPlayerGame(v))
    key = lambda r: sorted(tuple(s[0] for s in e.strategies_exact) for e in r.equilibria)  # noqa: E731
    assert key(changed) == key(res) and changed.degenerate == res.degenerate
    w = np.transpose(u, order + [3])[..., order]  # player order[j] becomes player j
    permuted = nplayer_equilibria(NPlayerGame(w))
    assert sorted(tuple(x[j] for j in order) for x in key(res)) == key(permuted)


def test_degenerate_games_say_so_and_return_only_equilibria():
    zero = nplayer_equilibria(NPlayerGame(np.zeros((2, 2, 2, 3), dtype=int)))
    assert zero.degenerate and not zero.complete and "degenerate" in zero.message
    assert len(zero.equilibria) >= 8
    # player 3 indifferent everywhere, players 1 and 2 coordinate: a segment of equilibria
    u = np.zeros((2, 2, 2, 3), dtype=int)
    u[0, 0, :, :2] = 1
    u[1, 1, :, :2] = 1
    res = nplayer_equilibria(NPlayerGame(u))
    assert res.degenerate and not res.complete
    for e in res.equilibria:
        assert e.regret == 0.0


def test_other_shapes_use_support_enumeration_and_say_incomplete():
    rng = np.random.default_rng(6)
    for _ in range(3):
        u = rng.integers(-3, 4, size=(2, 3, 2, 3))
        g = NPlayerGame(u, players=("US", "China", "EU"))
        res = nplayer_equilibria(g)
        assert res.method == "support" and not res.complete and "not proven complete" in res.message
        assert res.success
        for e in res.equilibria:
            assert nplayer_max_regret(g, e.strategies, relative=True) <= 1e-9
        pure = sorted(tuple(int(np.argmax(s)) for s in e.strategies) for e in res.equilibria if e.is_pure)
        assert pure == sorted(map(tuple, np.argwhere(_pure_loop(u)).tolist()))  # every pure one is found
        assert "US" in repr(res)


def test_support_enumeration_finds_a_two_player_games_equilibria():
    # a 3x3 two-player game with a third player whose first action strictly dominates: the
    # equilibria are the two-player game's (bg.nash_equilibria)
    rng = np.random.default_rng(11)
    checked = 0
    for _ in range(5):
        A, B = rng.normal(size=(2, 3, 3)).round(2)
        two = bg.nash_equilibria(bg.Game(A, B))
        if two.degenerate:
            continue
        u = np.zeros((3, 3, 2, 3))
        u[..., 0] = A[:, :, None]
        u[..., 1] = B[:, :, None]
        u[:, :, 0, 2] = 1
        res = nplayer_equilibria(NPlayerGame(u))
        mine = sorted(np.concatenate(e.strategies[:2]).round(9).tolist() for e in res.equilibria)
        theirs = sorted(np.concatenate([e.row, e.col]).round(9).tolist() for e in two.equilibria)
        assert mine == theirs
        checked += 1
    assert checked >= 3


def test_support_enumeration_on_2x2x2_finds_only_true_equilibria():
    rng = np.random.default_rng(12)
    for _ in range(10):
        g = NPlayerGame(rng.normal(size=(2, 2, 2, 3)))
        exact = nplayer_equilibria(g)
        numeric = nplayer_equilibria(g, method="support")
        ours = [np.concatenate(e.strategies) for e in exact.equilibria]
        assert len(numeric.equilibria) <= len(exact.equilibria)
        for e in numeric.equilibria:
            assert min(np.abs(np.concatenate(e.strategies) - x).max() for x in ours) < 1e-7


def test_support_enumeration_budget():
    g = NPlayerGame(np.random.default_rng(13).normal(size=(4, 4, 4, 3)))
    with pytest.warns(bg.ConvergenceWarning, match="max_time"):
        res = nplayer_equilibria(g, max_time=0.05)
    assert res.status is bg.Status.MAX_TIME and not res.complete


def test_bad_input():
    g = NPlayerGame(np.zeros((3, 2, 2, 2, 3)))
    with pytest.raises(bg.InvalidGameError, match="nplayer_equilibria: takes a single game"):
        nplayer_equilibria(g)
    with pytest.raises(bg.InvalidGameError, match="nplayer_pure_equilibria: expected a bargain NPlayerGame"):
        nplayer_pure_equilibria(np.zeros((2, 2, 2, 3)))
    with pytest.raises(bg.InvalidArgumentError, match="tol"):
        nplayer_pure_equilibria(g, tol=-1)
    with pytest.raises(bg.InvalidGameError, match="nplayer_max_regret: expected one strategy per player"):
        nplayer_max_regret(g, [[1, 0], [1, 0]])
    with pytest.raises(bg.InvalidGameError, match="method='polynomial' solves 2x2x2 games"):
        nplayer_equilibria(NPlayerGame(np.zeros((2, 3, 2, 3))), method="polynomial")
    with pytest.raises(bg.InvalidArgumentError, match="method must be one of"):
        nplayer_equilibria(g[0], method="lemke")
    with pytest.raises(bg.InvalidArgumentError, match="max_time"):
        nplayer_equilibria(g[0], max_time=0)
    with pytest.raises(bg.InvalidArgumentError, match="relative"):
        nplayer_max_regret(g, [[1, 0]] * 3, relative=1)
