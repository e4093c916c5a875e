"""The 2x2 closed form: complete and correct on every sign pattern, checked by brute force."""

from fractions import Fraction
from itertools import product

import numpy as np
import pytest

from bargain.core import kernels
from bargain.core.two_by_two import MAX_EQUILIBRIA, PATTERNS, solve_2x2

# every fraction in [0, 1] with denominator <= 12, plus a fine grid: contains p*, q* of
# every 2x2 game with integer payoffs in -3..3 (|d - c| <= 12), and samples continua
GRID = np.array(
    sorted(
        {Fraction(a, b) for b in range(1, 13) for a in range(b + 1)}
        | {Fraction(k, 60) for k in range(61)}
    ),
    dtype=float,
)


def brute_force_equilibria(A, B, grid=GRID):
    """All grid profiles (p, q) with zero regret, for a batch of games: mask (N, G, G)."""
    p = grid[:, None]
    q = grid[None, :]
    x = np.stack(np.broadcast_arrays(p, 1 - p + 0 * q), axis=-1)  # (G, G, 2)
    y = np.stack(np.broadcast_arrays(q + 0 * p, 1 - q + 0 * p), axis=-1)
    r = kernels.regret(A[:, None, None], B[:, None, None], x, y).max(axis=-1)
    return r <= 1e-9


def covered(p, q, res_p, res_q, count, comps):
    """Whether (p, q) lies in the convex hull of one of the reported components."""
    for mask in comps:
        if not mask:
            continue
        slots = [s for s in range(count) if (mask >> s) & 1]
        ps, qs = res_p[slots], res_q[slots]
        if ps.min() - 1e-9 <= p <= ps.max() + 1e-9 and qs.min() - 1e-9 <= q <= qs.max() + 1e-9:
            return True
    return False


def all_games(values):
    cells = np.array(list(product(values, repeat=8)), dtype=float)
    return cells[:, :4].reshape(-1, 2, 2), cells[:, 4:].reshape(-1, 2, 2)


def check_complete_and_correct(A, B):
    p, q, count, code = solve_2x2(A, B)
    # correct: every reported slot is an equilibrium, every unused slot is padding
    x = np.stack([np.nan_to_num(p), 1 - np.nan_to_num(p)], axis=-1)
    y = np.stack([np.nan_to_num(q), 1 - np.nan_to_num(q)], axis=-1)
    reg = kernels.regret(A[:, None], B[:, None], x, y).max(axis=-1)
    valid = np.arange(MAX_EQUILIBRIA) < count[:, None]
    assert (reg[valid] <= 1e-12).all()
    assert np.isnan(p[~valid]).all() and not np.isnan(p[valid]).any()
    # complete: every grid equilibrium lies in a reported component
    bf = brute_force_equilibria(A, B)
    comps = PATTERNS["components"][code]
    for g in range(A.shape[0]):
        for i, j in np.argwhere(bf[g]):
            assert covered(GRID[i], GRID[j], p[g], q[g], count[g], comps[g]), (A[g], B[g], GRID[i], GRID[j])
        # extreme equilibria are distinct and include every pure equilibrium
        pts = {(round(a, 12), round(b, 12)) for a, b in zip(p[g, : count[g]], q[g, : count[g]])}
        assert len(pts) == count[g]
        pure = kernels.pure_equilibrium_mask(A[g], B[g])
        for i, j in np.argwhere(pure):
            assert (1.0 - i, 1.0 - j) in pts


def test_all_binary_games_complete():
    A, B = all_games((0, 1))  # 256 games, most of them degenerate
    check_complete_and_correct(A, B)


def test_random_small_integer_games_complete():
    rng = np.random.default_rng(7)
    A = rng.integers(-3, 4, (300, 2, 2)).astype(float)
    B = rng.integers(-3, 4, (300, 2, 2)).astype(float)
    check_complete_and_correct(A, B)


@pytest.mark.slow
def test_all_ternary_games_complete():
    A, B = all_games((0, 1, 2))  # 6561 games
    for lo in range(0, A.shape[0], 500):
        check_complete_and_correct(A[lo : lo + 500], B[lo : lo + 500])


def test_table_invariants():
    count = PATTERNS["count"]
    assert count.min() >= 1  # every 2x2 game has an equilibrium (Nash 1951)
    # nondegenerate patterns have an odd number of equilibria (Wilson's oddness theorem) and no continuum
    nondeg = ~PATTERNS["degenerate"]
    assert (count[nondeg] % 2 == 1).all() and not PATTERNS["continuum"][nondeg].any()
    # each component mask only refers to existing slots
    for code in range(81):
        for mask in PATTERNS["components"][code]:
            assert int(mask) < (1 << int(count[code]))


def test_batch_shape_and_tolerance():
    A = np.zeros((3, 4, 2, 2))
    p, q, count, code = solve_2x2(A, A)
    assert p.shape == (3, 4, MAX_EQUILIBRIA) and count.shape == (3, 4)
    assert (count == 4).all()  # all-zero game: all four pure profiles are extreme equilibria
    near = np.array([[1.0, 0.0], [1.0 + 1e-13, 2.0]])  # a tie up to rounding
    other = np.array([[1.0, 2.0], [0.0, 1.0]])
    _, _, c0, code0 = solve_2x2(near, other)
    _, _, c1, code1 = solve_2x2(near, other, tol=1e-9)
    assert not PATTERNS["degenerate"][code0] and PATTERNS["degenerate"][code1]


def test_tolerance_is_relative_to_each_players_range():
    """The code is the normalised game's: a tie within tol x range is a tie at any scale or shift
    of either player, and one player's scale never sets the other's tolerance."""
    from bargain.core.kernels import normalise
    from bargain.core.two_by_two import sign_pattern_2x2

    rng = np.random.default_rng(11)
    A = rng.integers(-2, 3, (400, 2, 2)).astype(float)
    B = rng.integers(-2, 3, (400, 2, 2)).astype(float)
    A[:100, 1, 0] += 1e-12  # near ties: within the tolerance of the normalised game
    B[100:200, 0, 1] -= 3e-12
    An, Bn = normalise(A, B)
    reference = sign_pattern_2x2(An, Bn, 1e-9)[0]
    for sa, ka, sb, kb in ((0.0, 1.0, 0.0, 1.0), (1e9, 1e12, -5e-12, 1e-12), (-3e-9, 1e-9, 2e6, 1e9)):
        code, p, q = sign_pattern_2x2(sa + ka * A, sb + kb * B, 1e-9)
        np.testing.assert_array_equal(code, reference)
    # a tolerance in absolute terms would call the small player's real differences ties
    code_small_b = sign_pattern_2x2(A, B * 1e-12, 1e-9)[0]
    np.testing.assert_array_equal(code_small_b, reference)


def test_exact_sign_pattern_is_the_float_one():
    """One implementation of the 81 patterns: the exact path (Fractions) and the float kernel
    give the same code and, on integer games, the same p*, q* and profiles."""
    from bargain.core.two_by_two import pattern_profiles, sign_pattern_2x2, sign_pattern_exact

    A, B = all_games((0, 1))
    rng = np.random.default_rng(3)
    A = np.concatenate([A, rng.integers(-3, 4, (200, 2, 2)).astype(float)])
    B = np.concatenate([B, rng.integers(-3, 4, (200, 2, 2)).astype(float)])
    codes, ps, qs = sign_pattern_2x2(A, B)
    for k in range(A.shape[0]):
        Ae = [[Fraction(int(v)) for v in row] for row in A[k]]
        Be = [[Fraction(int(v)) for v in row] for row in B[k]]
        code, p, q = sign_pattern_exact(Ae, Be)
        assert code == int(codes[k])
        exact, comps = pattern_profiles(code, p, q, Fraction(1), Fraction(0))
        floats, comps_f = pattern_profiles(code, float(ps[k]), float(qs[k]))
        assert comps == comps_f and len(exact) == int(PATTERNS["count"][code])
        for (xe, ye), (xf, yf) in zip(exact, floats):
            assert float(xe[0]) == pytest.approx(xf[0]) and float(ye[0]) == pytest.approx(yf[0])
            assert sum(xe) == 1 and sum(ye) == 1 and min(xe + ye) >= 0
