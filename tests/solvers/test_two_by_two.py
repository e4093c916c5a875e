"""equilibria_2x2: the public batched closed form, against nashpy and the theory's invariances."""

import warnings

import nashpy
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.testing import strategies as bst

REFERENCE = [
    {
        "name": "battle of the sexes",
        "A": [[2, 0], [0, 1]], "B": [[1, 0], [0, 2]],
        "source": "Luce & Raiffa (1957), Games and Decisions, sec. 5.3",
        "p": [1, 0, 2 / 3], "q": [1, 0, 1 / 3], "degenerate": False, "continuum": False,
    },
    {
        "name": "matching pennies",
        "A": [[1, -1], [-1, 1]], "B": [[-1, 1], [1, -1]],
        "source": "von Neumann & Morgenstern (1944); unique mixed equilibrium (1/2, 1/2)",
        "p": [0.5], "q": [0.5], "degenerate": False, "continuum": False,
    },
    {
        "name": "entry deterrence (Selten's chain-store stage game)",
        # row: Entrant (In, Out) ... written with the incumbent's threat as a continuum of Nash equilibria
        "A": [[0, 0], [-1, 2]], "B": [[2, 2], [-1, 1]],
        "source": "Selten (1975) IJGT 4, the entry game: (Out, Fight-with-prob>=1/3) is a continuum",
        "p": [1, 0, 1], "q": [1, 0, 2 / 3], "degenerate": True, "continuum": True,
    },
    {
        "name": "all-zero game",
        "A": [[0, 0], [0, 0]], "B": [[0, 0], [0, 0]],
        "source": "every profile is an equilibrium: one component, the whole square",
        "p": [1, 1, 0, 0], "q": [1, 0, 1, 0], "degenerate": True, "continuum": True,
    },
]


@pytest.mark.parametrize("case", REFERENCE, ids=lambda c: c["name"])
def test_reference_games(case):
    res = bg.equilibria_2x2(bg.Game(case["A"], case["B"]))
    k = int(res.count)
    assert k == len(case["p"])
    got = sorted(zip(res.p[:k].round(12), res.q[:k].round(12)))
    want = sorted(zip(np.round(case["p"], 12), np.round(case["q"], 12)))
    assert got == want
    assert bool(res.degenerate) == case["degenerate"] and bool(res.continuum) == case["continuum"]
    assert np.nanmax(res.regret) <= 1e-12


def test_all_zero_game_has_one_component_with_four_vertices():
    res = bg.equilibria_2x2(bg.Game(np.zeros((2, 2)), np.zeros((2, 2))))
    assert int(res.n_components) == 1 and int(res.components[0]) == 0b1111


def nashpy_profiles(A, B):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nashpy.Game(A, B).support_enumeration())


@given(bst.games(rows=2, cols=2, payoffs="float", min_value=-10, max_value=10))
def test_agrees_with_nashpy_on_nondegenerate_games(g):
    res = bg.equilibria_2x2(g)
    assume(not bg.equilibria_2x2(g, tol=1e-6).degenerate)  # nashpy: an oracle away from near-ties
    ours = sorted((round(p, 7), round(q, 7)) for p, q in zip(res.p[: res.count], res.q[: res.count]))
    theirs = sorted((round(x[0], 7), round(y[0], 7)) for x, y in nashpy_profiles(g.A, g.B))
    assert ours == theirs


@given(bst.games(rows=2, cols=2, min_value=-2, max_value=2))
def test_finds_everything_nashpy_finds_on_degenerate_games(g):
    res = bg.equilibria_2x2(g)
    k = int(res.count)
    p, q = res.p[:k], res.q[:k]
    for x, y in nashpy_profiles(g.A, g.B):
        # each nashpy profile lies in the convex hull of one of our components
        inside = False
        for mask in res.components:
            slots = [s for s in range(k) if (int(mask) >> s) & 1]
            if slots and p[slots].min() - 1e-9 <= x[0] <= p[slots].max() + 1e-9 \
                    and q[slots].min() - 1e-9 <= y[0] <= q[slots].max() + 1e-9:
                inside = True
        assert inside


@given(bst.games(rows=2, cols=2, batch_shape=(6,)))
def test_batch_equals_loop(g):
    res = bg.equilibria_2x2(g)
    for i in range(6):
        one = bg.equilibria_2x2(g[i])
        assert int(one.count) == res.count[i]
        assert np.array_equal(one.p, res.p[i], equal_nan=True)
        assert np.array_equal(one.q, res.q[i], equal_nan=True)
        assert np.array_equal(one.components, res.components[i])
        assert bool(one.degenerate) == res.degenerate[i]


@given(bst.games(rows=2, cols=2))
def test_certified_and_consistent_with_nash_equilibria(g):
    res = bg.equilibria_2x2(g)
    assert np.nanmax(res.regret) <= 1e-12
    assert res.valid.sum() == res.count
    exact = bg.nash_equilibria(g, exact=True)
    assert len(exact.equilibria) == int(res.count) and exact.complete and exact.success
    for s, e in enumerate(exact.equilibria):
        assert float(e.row_exact[0]) == pytest.approx(res.p[s])
        assert float(e.col_exact[0]) == pytest.approx(res.q[s])
        assert np.allclose(e.payoffs, res.payoffs[s])
    assert len(exact.components) == int(res.n_components)


def profile_set(res):
    k = int(res.count)
    return sorted((round(p, 9), round(q, 9)) for p, q in zip(res.p[:k], res.q[:k]))


@given(bst.games(rows=2, cols=2))
def test_invariances(g):
    base = profile_set(bg.equilibria_2x2(g))
    # positive affine payoff changes, separately per player, keep the equilibria
    assert profile_set(bg.equilibria_2x2(bg.Game(3 * g.A - 2, 0.5 * g.B + 7))) == base
    # swapping the row actions maps p to 1 - p; swapping the players swaps p and q
    flipped = profile_set(bg.equilibria_2x2(g.permute([1, 0], [0, 1])))
    assert flipped == sorted((round(1 - p, 9) + 0.0, q) for p, q in base)
    swapped = profile_set(bg.equilibria_2x2(g.transpose()))
    assert swapped == sorted((q, p) for p, q in base)


@settings(max_examples=60)
@given(bst.games(rows=2, cols=2, min_value=-2, max_value=2), st.data())
def test_scale_and_shift_of_either_player_change_nothing(g, data):
    """Issue 10: each player's payoffs alone times 10**k (|k| <= 9), shifted by up to 1e12."""
    v = data.draw(bst.affine_variants(g))
    base, var = bg.equilibria_2x2(g), bg.equilibria_2x2(v)
    np.testing.assert_array_equal(var.code, base.code)
    assert profile_set(var) == profile_set(base)
    assert np.nanmax(var.regret) <= 1e-9 and var.success


def test_payoffs_near_the_float_limit():
    """Issue 10 item 4: at 1.7e308 the mixed equilibrium came back as a duplicate pure one."""
    big = [[1.7e308, 0], [0, 1.7e308]]
    res = bg.equilibria_2x2(bg.Game(big, big))
    assert int(res.count) == 3 and profile_set(res) == [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)]
    pennies = bg.equilibria_2x2(bg.Game.zero_sum(np.array([[1, -1], [-1, 1]]) * 5e307))
    assert int(pennies.count) == 1 and pennies.p[0] == 0.5 and pennies.q[0] == 0.5
    assert np.isfinite(pennies.payoffs[0]).all()


def test_one_players_scale_does_not_set_the_others_tolerance():
    # the row player's differences (1e6) would make a tie of the column player's (1e-6)
    g = bg.Game(np.array([[2, 0], [0, 1]]) * 1e6, np.array([[1, 0], [0, 2]]) * 1e-6)
    res = bg.equilibria_2x2(g)
    assert int(res.count) == 3 and not bool(res.degenerate)


def test_repr_and_bad_input():
    res = bg.equilibria_2x2(bg.Game(np.zeros((3, 2, 2))))
    assert "batch of shape (3,)" in repr(res)
    assert "3 extreme equilibria" in repr(bg.equilibria_2x2(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])))
    with pytest.raises(bg.InvalidArgumentError, match="equilibria_2x2: needs 2x2 games"):
        bg.equilibria_2x2(bg.Game(np.zeros((2, 3))))
    with pytest.raises(bg.InvalidArgumentError, match="equilibria_2x2: tol"):
        bg.equilibria_2x2(bg.Game(np.zeros((2, 2))), tol=-1)
    with pytest.raises(bg.InvalidArgumentError, match="equilibria_2x2: expected"):
        bg.equilibria_2x2(np.zeros((2, 2)))
    for bad in (True, float("nan"), 1.0, "0"):
        with pytest.raises(bg.InvalidArgumentError, match="equilibria_2x2: tol"):
            bg.equilibria_2x2(bg.Game(np.zeros((2, 2))), tol=bad)
    with pytest.raises(TypeError):
        bg.equilibria_2x2(bg.Game(np.zeros((2, 2))), 0.0)  # type: ignore[misc]


def test_accepts_nashpy_game():
    res = bg.equilibria_2x2(nashpy.Game(np.array([[1, -1], [-1, 1]])))
    assert int(res.count) == 1 and res.p[0] == 0.5
