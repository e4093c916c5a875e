"""Coalitional games: validation, Shapley value, core, nucleolus, characteristic function of a game."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.bargaining.coalitional import (
    CoalitionalGame,
    characteristic_function,
    core,
    nucleolus,
    shapley_value,
)
from bargain.core.nplayer import NPlayerGame

F = Fraction

GLOVE = CoalitionalGame({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1}, players=("Left", "Right1", "Right2"))
MAJORITY = CoalitionalGame({(0, 1): 1, (0, 2): 1, (1, 2): 1, (0, 1, 2): 1})


def worths(n, low=0, high=10):
    """Integer worths of every coalition of n players (bitmask order, v(empty) = 0)."""
    return st.lists(st.integers(low, high), min_size=2**n - 1, max_size=2**n - 1).map(lambda v: [0, *v])


def with_imputations(values):
    """The same worths with v(N) raised to at least the sum of the players' own worths."""
    n = len(values).bit_length() - 1
    out = list(values)
    out[-1] = max(out[-1], sum(out[1 << i] for i in range(n)))
    return out


def permute(values, order):
    """The game where player order[i] of the old game becomes player i."""
    n = len(order)
    out = [0] * 2**n
    for m in range(2**n):
        old = sum(1 << order[i] for i in range(n) if m >> i & 1)
        out[m] = values[old]
    return out


# ------------------------------------------------------------------------------ textbook games
def test_glove_game():
    # One left glove (player 1), two right gloves; a pair is worth 1. By hand: player 1 adds 1
    # in the 4 of 6 arrival orders where a right glove came first, so phi_1 = 2/3 and each right
    # glove gets 1/6 (it adds 1 only arriving second after player 1). The core is the single
    # point (1, 0, 0): x1 + x2 >= 1 and x1 + x3 >= 1 with x1 + x2 + x3 = 1 force x2 = x3 = 0; the
    # nucleolus lies in the core, so it is that point too.
    assert shapley_value(GLOVE).allocation_exact == (F(2, 3), F(1, 6), F(1, 6))
    c = core(GLOVE)
    assert not c.empty and c.epsilon == pytest.approx(0, abs=1e-12)
    assert c.point == pytest.approx([1, 0, 0], abs=1e-9)
    assert nucleolus(GLOVE).allocation_exact == (1, 0, 0)
    assert "Left" in repr(shapley_value(GLOVE)) and "Right2" in repr(c)


def test_three_person_majority_game():
    # Simple majority game (von Neumann and Morgenstern 1944, Section 21): any two of three win 1.
    # Core empty: the three pair constraints sum to 2 (x1 + x2 + x3) >= 3 > 2 v(N). Symmetric, so
    # the Shapley value and the nucleolus are (1/3, 1/3, 1/3); the least-core value is 1/3.
    assert shapley_value(MAJORITY).allocation_exact == (F(1, 3),) * 3
    c = core(MAJORITY)
    assert c.empty and c.epsilon_exact == F(1, 3) and c.point_exact == (F(1, 3),) * 3
    assert dict(c.balanced_weights) == {0b011: F(1, 2), 0b101: F(1, 2), 0b110: F(1, 2)}
    assert nucleolus(MAJORITY).allocation_exact == (F(1, 3),) * 3


def test_a_four_player_weighted_majority_game():
    # Weighted voting [3; 2, 1, 1, 1] (quota 3): player 1 with any other wins, or players 2-4
    # together. Shapley-Shubik index (Shapley and Shubik 1954): player 1 is pivotal in the
    # orders where it arrives second or third: 12 of 24, so 1/2; the others 1/6 each.
    weights = [2, 1, 1, 1]
    values = [int(sum(w for i, w in enumerate(weights) if m >> i & 1) >= 3) for m in range(16)]
    g = CoalitionalGame(values)
    assert shapley_value(g).allocation_exact == (F(1, 2), F(1, 6), F(1, 6), F(1, 6))
    assert core(g).empty  # no veto player in a simple game: empty core


# ------------------------------------------------------------------------------ Shapley axioms
@settings(max_examples=40, deadline=None)
@given(st.integers(2, 4).flatmap(lambda n: worths(n, -5, 10)))
def test_shapley_is_efficient_and_exact(values):
    g = CoalitionalGame(values)
    phi = shapley_value(g)
    assert sum(phi.allocation_exact) == values[-1]
    assert np.allclose(phi.allocation, [float(p) for p in phi.allocation_exact])


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 4).flatmap(lambda n: worths(n, -5, 10)), st.data())
def test_shapley_is_symmetric_and_covariant_under_relabelling(values, data):
    n = len(values).bit_length() - 1
    order = data.draw(st.permutations(range(n)))
    phi = shapley_value(CoalitionalGame(values)).allocation_exact
    permuted = shapley_value(CoalitionalGame(permute(values, order))).allocation_exact
    assert permuted == tuple(phi[order[i]] for i in range(n))
    # make players 0 and 1 symmetric: v(S + 0) = v(S + 1) for S without both
    sym = list(values)
    for m in range(2**n):
        if m & 1 and not m & 2:
            sym[m ^ 1 ^ 2] = sym[m]
    phi = shapley_value(CoalitionalGame(sym)).allocation_exact
    assert phi[0] == phi[1]


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 4).flatmap(lambda n: worths(n, -5, 10)))
def test_null_player_gets_nothing_and_additivity(values):
    n = len(values).bit_length() - 1
    null = [values[m & ~1] for m in range(2**n)]  # player 0 adds nothing anywhere
    assert shapley_value(CoalitionalGame(null)).allocation_exact[0] == 0
    doubled = shapley_value(CoalitionalGame([v + w for v, w in zip(values, null)])).allocation_exact
    parts = zip(shapley_value(CoalitionalGame(values)).allocation_exact,
                shapley_value(CoalitionalGame(null)).allocation_exact)
    assert doubled == tuple(a + b for a, b in parts)


# ------------------------------------------------------------------------------ core and nucleolus
def _excesses(values, x):
    n = len(x)
    return sorted((values[m] - sum(x[i] for i in range(n) if m >> i & 1) for m in range(1, 2**n - 1)),
                  reverse=True)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 4).flatmap(lambda n: worths(n, 0, 10)).map(with_imputations))
def test_nucleolus_is_an_imputation_in_the_core_when_it_is_nonempty(values):
    n = len(values).bit_length() - 1
    g = CoalitionalGame(values)
    nu = nucleolus(g)
    x = nu.allocation
    assert x.sum() == pytest.approx(values[-1], abs=1e-9)
    assert all(x[i] >= values[1 << i] - 1e-9 for i in range(n))
    c = core(g)
    if not c.empty:
        assert c.contains(x, tol=1e-9)
        assert c.contains(c.point, tol=1e-9)
    if nu.allocation_exact is not None:
        assert sum(nu.allocation_exact) == values[-1]
        assert np.allclose(x, [float(t) for t in nu.allocation_exact], atol=1e-9)


@settings(max_examples=20, deadline=None)
@given(worths(3, 0, 8).map(with_imputations))
def test_nucleolus_lexicographically_beats_every_imputation_on_a_grid(values):
    nu = nucleolus(CoalitionalGame(values))
    mine = np.array(_excesses(values, list(nu.allocation)), dtype=float)
    total = values[-1]
    steps = 12 * total
    a, b = np.meshgrid(np.arange(steps + 1), np.arange(steps + 1), indexing="ij")
    x = np.stack([a, b, steps - a - b], axis=-1).reshape(-1, 3) / 12.0
    x = x[(x[:, 0] >= values[1]) & (x[:, 1] >= values[2]) & (x[:, 2] >= values[4] - 1e-12)]
    incidence = np.array([[(m >> i) & 1 for i in range(3)] for m in range(1, 7)], dtype=float)
    theirs = -np.sort(-(np.array(values[1:7], dtype=float) - x @ incidence.T), axis=1)
    differ = np.abs(theirs - mine) > 1e-9
    first = np.where(differ.any(axis=1), differ.argmax(axis=1), -1)
    rows = first >= 0  # mine <= theirs lexicographically: at the first difference, mine is smaller
    assert (mine[first[rows]] < theirs[rows, first[rows]]).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 5).flatmap(lambda n: worths(n, -3, 10)))
def test_core_certificates_are_exact(values):
    n = len(values).bit_length() - 1
    c = core(CoalitionalGame(values))
    eps, x, w = c.epsilon_exact, c.point_exact, c.balanced_weights
    assert eps is not None and c.empty == (eps > 0) and c.epsilon == float(eps)
    # primal: an allocation of v(N) whose every excess is at most eps
    assert sum(x) == values[-1]
    assert max(values[m] - sum(x[i] for i in range(n) if m >> i & 1) for m in range(1, 2**n - 1)) <= eps
    # dual: balanced weights (every player covered exactly once) attaining eps, so eps is optimal
    assert all(sum(wt for m, wt in w.items() if m >> i & 1) == 1 for i in range(n)) and min(w.values()) > 0
    assert sum(wt * values[m] for m, wt in w.items()) - values[-1] == eps * sum(w.values())
    if c.empty:  # Bondareva-Shapley: a balanced collection worth more than v(N)
        assert sum(wt * values[m] for m, wt in w.items()) > values[-1]


def test_core_closed_form_of_three_players_and_its_inequalities():
    # Bondareva-Shapley for n = 3 with v(i) = 0: nonempty iff v(N) >= (v12 + v13 + v23) / 2 and v(N) >= v(ij).
    rng = np.random.default_rng(8)
    for _ in range(60):
        v12, v13, v23, v = (int(t) for t in rng.integers(0, 10, size=4))
        g = CoalitionalGame({(0, 1): v12, (0, 2): v13, (1, 2): v23, (0, 1, 2): v})
        want = 2 * v >= v12 + v13 + v23 and v >= max(v12, v13, v23)
        c = core(g)
        assert c.empty is (not want)
        assert c.A.shape == (6, 3) and c.b.tolist() == g.values[1:7].tolist()


def test_characteristic_function_of_a_game():
    rng = np.random.default_rng(9)
    for _ in range(4):
        u = rng.integers(-3, 4, size=(2, 2, 3, 3))
        game = NPlayerGame(u)
        alpha, mixed, beta = (characteristic_function(game, kind=k) for k in ("alpha", "mixed", "beta"))
        assert (alpha.values <= mixed.values + 1e-9).all() and (mixed.values <= beta.values + 1e-9).all()
        assert mixed.values[-1] == u.sum(axis=-1).max()
        exact = characteristic_function(game, exact=True)
        assert exact.has_exact_values and np.allclose(exact.values, mixed.values, atol=1e-9)
        assert exact.is_superadditive()  # von Neumann-Morgenstern (1944), Section 25.3
    # two players: v({1}) is player 1's maxmin value (the security level)
    g2 = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    v = characteristic_function(g2, exact=True)
    assert v.exact_values()[1] == bg.maxmin(g2, exact=True).values_exact[0]


# ------------------------------------------------------------------------------ input
def test_named_players_and_array_input():
    g = CoalitionalGame({("US", "EU"): 6, ("US", "China", "EU"): 8}, players=("US", "China", "EU"))
    assert g.value(("EU", "US")) == 6 and g.value([1]) == 0 and g.mask(("China",)) == 2
    same = CoalitionalGame(g.values.tolist(), players=("US", "China", "EU"))
    assert same.values.tolist() == g.values.tolist()
    assert "v(US, EU) = 6" in repr(g)


@pytest.mark.parametrize(
    ("values", "kwargs", "match"),
    [
        ([0, 1, 2], {}, "2\\*\\*n entries"),
        ([1, 1], {}, "empty coalition is worth 0"),
        ({(0, 5): 1}, {"players": ("a", "b")}, "player index in \\[0, 2\\)"),
        ({("x",): 1}, {"players": ("a", "b")}, "unknown player 'x'"),
        ({("a",): 1}, {}, "give players="),
        ({(0, 0): 1}, {}, "appears twice"),
        ({(0, 1): 1, (1, 0): 2}, {}, "given twice"),
        ([0, float("nan")], {}, "non-finite"),
        ([[0, 1], [1, 2]], {}, "1-d"),
    ],
)
def test_bad_input_names_the_constructor(values, kwargs, match):
    with pytest.raises(bg.InvalidGameError, match=f"CoalitionalGame: .*{match}"):
        CoalitionalGame(values, **kwargs)


def test_bad_calls():
    with pytest.raises(bg.InvalidGameError, match="nucleolus: no imputation"):
        nucleolus(CoalitionalGame({(0,): 2, (1,): 2, (0, 1): 1}))
    with pytest.raises(bg.InvalidGameError, match="shapley_value: expected a CoalitionalGame"):
        shapley_value("v")
    with pytest.raises(bg.InvalidArgumentError, match="characteristic_function: kind must be one of"):
        characteristic_function(NPlayerGame(np.zeros((2, 2, 2, 3))), kind="gamma")
    with pytest.raises(bg.InvalidArgumentError, match="core: tol"):
        core(GLOVE, tol=2)
    for coalition in ("US", [3], [True]):
        with pytest.raises(bg.InvalidGameError):
            GLOVE.value(coalition)
    assert list(itertools.islice(iter(GLOVE.values), 2)) == [0, 0]
