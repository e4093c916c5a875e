"""Tests of bargain.solvers.nash.support: support enumeration with decoupled sides."""

from __future__ import annotations

import inspect
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reference_games import (
    SMALL,
    component_sets,
    exact_profiles,
    float_profiles,
    integer_game,
    rounded,
    von_stengel_75,
)

import bargain as bg
from bargain.errors import ConvergenceWarning, InvalidArgumentError
from bargain.testing import strategies as bst
from bargain.testing.assertions import assert_certified


@pytest.mark.parametrize("ref", SMALL, ids=lambda r: r.name)
@pytest.mark.parametrize("exact", [True, False])
def test_reference_games(ref, exact):
    g = ref.game()
    res = bg.support_enumeration(g, exact=exact)
    assert res.success and res.complete and res.method == "support"
    assert len(res) == ref.n_extreme, ref.source
    assert res.degenerate == ref.degenerate
    assert_certified(res, g)
    if ref.equilibria is not None:
        if exact:
            assert [(e.row_exact, e.col_exact) for e in res.equilibria] == list(ref.equilibria)
        else:
            assert float_profiles(res) == rounded(ref.equilibria)
        assert component_sets(res) == component_sets(ref.components, ref.equilibria)


def test_unequal_supports_are_found():
    # pure row strategy against a mixed column strategy (supports of sizes 1 and 2)
    g = bg.Game([[1, 1], [2, 0]], [[5, 5], [2, 0]])
    res = bg.support_enumeration(g, exact=True)
    sizes = {(len(e.row_support), len(e.col_support)) for e in res.equilibria}
    assert (1, 2) in sizes


@settings(max_examples=40)
@given(bst.games(rows=(1, 4), cols=(1, 4), min_value=-2, max_value=2))
def test_support_equals_vertex_exact_on_degenerate_prone_games(g):
    s = bg.support_enumeration(g, exact=True)
    v = bg.vertex_enumeration(g, exact=True)
    assert_certified(s, g)
    assert exact_profiles(s) == exact_profiles(v)
    assert s.degenerate == v.degenerate
    assert s.components == v.components


@settings(max_examples=40)
@given(bst.games(rows=(1, 4), cols=(1, 4), min_value=-2, max_value=2))
def test_float_path_equals_exact_path(g):
    ex = bg.support_enumeration(g, exact=True)
    fl = bg.support_enumeration(g)
    assert_certified(fl, g)
    assert float_profiles(fl) == rounded(exact_profiles(ex))


@settings(max_examples=25)
@given(bst.games(rows=(2, 4), cols=(2, 4), payoffs="float", min_value=-5, max_value=5))
def test_nashpy_agrees_on_nondegenerate_games(g):
    res = bg.support_enumeration(g)
    assume(not res.degenerate)  # nashpy is an oracle only for nondegenerate games
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(g.to_nashpy().support_enumeration())
    # nashpy drops genuine equilibria when a support system is (near-)singular (here e.g. a
    # zero column), so it is a lower bound; vertex enumeration is the complete oracle
    assert rounded(theirs, 6) <= float_profiles(res, 6)
    assert float_profiles(res, 6) == float_profiles(bg.vertex_enumeration(g), 6)


def test_random_nondegenerate_games_against_nashpy_and_vertex():
    rng = np.random.default_rng(5)
    for _ in range(6):
        g = bg.Game(rng.random((5, 5)), rng.random((5, 5)))
        res = bg.support_enumeration(g)
        assert not res.degenerate
        theirs = list(g.to_nashpy().support_enumeration())
        assert float_profiles(res, 6) == rounded(theirs, 6)
        assert float_profiles(res) == float_profiles(bg.vertex_enumeration(g))


def test_player_swap():
    rng = np.random.default_rng(9)
    for _ in range(20):
        A = rng.integers(-2, 3, (3, 4))
        B = rng.integers(-2, 3, (3, 4))
        g = bg.Game(A, B)
        res = bg.support_enumeration(g, exact=True)
        t = bg.support_enumeration(g.transpose(), exact=True)
        assert exact_profiles(t) == {(y, x) for x, y in exact_profiles(res)}


def test_budget():
    g = bg.Game(np.eye(4), np.eye(4))
    with pytest.warns(ConvergenceWarning, match="max_iter") as record:
        res = bg.support_enumeration(g, max_iter=5)
    assert record[0].filename == __file__
    assert res.status is bg.Status.MAX_ITER and not res.complete
    assert_certified(res, g)
    with pytest.warns(ConvergenceWarning, match="max_time"):
        res = bg.support_enumeration(g, exact=True, max_time=1e-9)
    assert res.status is bg.Status.MAX_TIME
    assert len(res) >= 1 and all(e.is_exact for e in res.equilibria)
    assert_certified(res, g)
    from bargain._thresholds import NASH_MAX_TIME

    for func in (bg.support_enumeration, bg.vertex_enumeration):
        assert inspect.signature(func).parameters["max_time"].default == NASH_MAX_TIME


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(exact=1), "exact"),
        (dict(tol=2.0), "tol"),
        (dict(max_time=-1), "max_time"),
        (dict(max_iter=0), "max_iter"),
        (dict(exact=None), "exact"),
        (dict(tol=True), "tol"),
        (dict(tol=float("nan")), "tol"),
        (dict(max_time=True), "max_time"),
        (dict(max_iter=1.5), "max_iter"),
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=f"support_enumeration: {match}"):
        bg.support_enumeration(bg.Game([[1, 0], [0, 1]]), **kwargs)


@pytest.mark.parametrize("factor", [1.0, 1e-6, 1e3])
def test_von_stengel_75_at_large_payoffs(factor):
    """Issue 10 item 3: on von Stengel's 6x6 game with payoffs of order 1e6 (as Gambit's
    catalogue stores it) support enumeration returned 73 of 75, SUCCESS: well-conditioned
    systems were taken for singular by a determinant test against Hadamard's bound."""
    ref = von_stengel_75()
    g = bg.Game(np.array(ref.A, float) * factor, np.array(ref.B, float) * factor)
    res = bg.support_enumeration(g)
    assert res.success and res.complete and len(res) == 75
    assert_certified(res, g)
    assert float_profiles(res) == float_profiles(bg.vertex_enumeration(g))


def test_one_players_scale_does_not_set_the_others_tolerance():
    """Issue 10 item 1 (ranges 1e3 and 1e-3): the unique equilibrium is found."""
    g = bg.Game(
        np.array([[2, -2, -2], [-2, 3, 0], [-1, -2, 0]]) * 1e3,
        np.array([[1, 2, 2], [2, -1, 1], [2, 3, 2]]) * 1e-3,
    )
    res = bg.support_enumeration(g)
    assert res.success and float_profiles(res) == rounded([((0.25, 0.25, 0.5), (10 / 27, 2 / 27, 5 / 9))])


@settings(max_examples=25)
@given(bst.games(rows=(1, 4), cols=(1, 4), min_value=-2, max_value=2), st.data())
def test_scale_and_shift_of_either_player_change_nothing(g, data):
    g = integer_game(g)
    v = data.draw(bst.affine_variants(g))
    base, var = bg.support_enumeration(g), bg.support_enumeration(v)
    assert var.status is base.status and float_profiles(var) == float_profiles(base)
    assert var.degenerate == base.degenerate and var.components == base.components
    assert_certified(var, v)
    assert exact_profiles(bg.support_enumeration(v, exact=True)) == exact_profiles(
        bg.support_enumeration(g, exact=True)
    )


def test_defaults_are_keyword_only():
    with pytest.raises(TypeError):
        bg.support_enumeration(bg.Game(np.eye(2)), True)  # type: ignore[misc]


def test_bad_games():
    with pytest.raises(InvalidArgumentError, match="support_enumeration"):
        bg.support_enumeration("not a game")
    with pytest.raises(InvalidArgumentError, match="support_enumeration: takes a single game"):
        bg.support_enumeration(bg.Game(np.zeros((2, 2, 2))))
