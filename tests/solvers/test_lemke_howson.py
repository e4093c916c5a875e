"""Lemke-Howson and all-accessible Lemke-Howson: sourced games, certified end points, no cycling."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reference_games import REFERENCE_GAMES, rounded

import bargain as bg
from bargain.errors import ConvergenceWarning, InvalidArgumentError
from bargain.testing import strategies as bst

LISTED = [r for r in REFERENCE_GAMES if r.equilibria is not None]


def _certified(g: bg.Game, res: bg.NashResult, tol: float = 1e-9) -> None:
    for e in res.equilibria:
        assert bg.max_regret(g, e.row, e.col, relative=True) <= tol
        if e.row_exact is not None:
            assert bg.exact_max_regret(g, e.row_exact, e.col_exact) == 0


def _key(e: bg.Equilibrium) -> tuple:
    return next(iter(rounded([(e.row, e.col)])))


# ----------------------------------------------------------------------------- reference games
@pytest.mark.parametrize("ref", LISTED, ids=[r.name for r in LISTED])
@pytest.mark.parametrize("exact", [False, True])
def test_every_label_ends_at_a_listed_equilibrium(ref, exact):
    """Sources in tests/solvers/reference_games.py (each entry carries its `source`)."""
    g = ref.game()
    known = rounded(ref.equilibria)
    m, n = g.shape
    for label in range(m + n):
        res = bg.lemke_howson(g, initial_label=label, exact=exact)
        assert res.success and len(res.equilibria) == 1 and not res.complete
        _certified(g, res)
        assert _key(res.equilibria[0]) in known
        if exact:
            assert (res[0].row_exact, res[0].col_exact) in set(ref.equilibria)


@pytest.mark.parametrize("ref", LISTED, ids=[r.name for r in LISTED])
def test_all_accessible_is_a_certified_subset(ref):
    g = ref.game()
    for exact in (False, True):
        res = bg.lemke_howson_all(g, exact=exact)
        assert res.success and not res.complete
        _certified(g, res)
        assert {_key(e) for e in res.equilibria} <= rounded(ref.equilibria)
        if not ref.degenerate:
            assert len(res.equilibria) % 2 == 1  # nondegenerate: LH graph end points are odd in number


@pytest.mark.parametrize("ref", REFERENCE_GAMES, ids=[r.name for r in REFERENCE_GAMES])
def test_degenerate_flag(ref):
    res = bg.lemke_howson(ref.game())
    if len(ref.A) <= 4 and len(ref.A[0]) <= 4 or ref.degenerate:
        assert res.degenerate == ref.degenerate  # exact up to 4x4; larger: proven when seen
    else:
        assert not res.degenerate and "not tested on every vertex" in res.message


def test_von_stengel_3x2_all_accessible_finds_all_three():
    ref = next(r for r in REFERENCE_GAMES if r.name == "agt_3x2")
    res = bg.lemke_howson_all(ref.game(), exact=True)
    assert {(e.row_exact, e.col_exact) for e in res} == set(ref.equilibria)


def test_coordination_game_all_accessible_finds_all_2n_minus_1():
    res = bg.lemke_howson_all(bg.Game(np.eye(4), np.eye(4)))
    assert len(res.equilibria) == 15


def test_75_equilibria_game_end_points_are_certified():
    ref = next(r for r in REFERENCE_GAMES if r.name == "von_stengel_75")
    g = ref.game()
    for label in (0, 5, 6, 11):
        res = bg.lemke_howson(g, initial_label=label)
        assert res.success
        _certified(g, res)


def test_nashpy_documented_degenerate_game():
    """nashpy's documentation ('Degenerate games') shows its Lemke-Howson returning NaN on
    A = [[0, -1, 1], [-1, 0, 1], [-1, 1, 0]] (zero-sum); the lexicographic rule must not fail."""
    A = np.array([[0, -1, 1], [-1, 0, 1], [-1, 1, 0]])
    g = bg.Game(A, -A)
    for label in range(6):
        for exact in (False, True):
            res = bg.lemke_howson(g, initial_label=label, exact=exact)
            assert res.success
            _certified(g, res)
            assert res[0].payoffs[0] == pytest.approx(bg.solve_zero_sum(g).value)


# ----------------------------------------------------------------------------- invariants
@given(bst.games(rows=(1, 4), cols=(1, 4)))
def test_every_end_point_is_certified_on_degenerate_prone_games(g):
    m, n = g.shape
    for label in range(m + n):
        for exact in (False, True):
            res = bg.lemke_howson(g, initial_label=label, exact=exact)
            assert res.success, res.message  # lexicographic pivoting: no cycling, no failure
            _certified(g, res)


@given(bst.games(rows=(1, 4), cols=(1, 4)))
def test_all_accessible_within_the_complete_set(g):
    every = bg.batched_equilibria(g)
    complete = rounded(every.profiles())
    for exact in (False, True):
        res = bg.lemke_howson_all(g, exact=exact)
        assert res.success
        _certified(g, res)
        assert {_key(e) for e in res.equilibria} <= complete


@given(bst.games(rows=(2, 4), cols=(2, 4), payoffs="float", min_value=-5, max_value=5))
def test_lands_in_nashpy_support_enumeration_on_nondegenerate_games(g):
    m, n = g.shape
    every = bg.batched_equilibria(g)
    assume(not bool(every.degenerate))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = rounded(nashpy.Game(np.array(g.A), np.array(g.B)).support_enumeration(), 6)
    complete = rounded(every.profiles(), 6)
    assert ref <= complete  # nashpy never finds something the complete method misses
    for label in range(m + n):
        res = bg.lemke_howson(g, initial_label=label)
        key = next(iter(rounded([(res[0].row, res[0].col)], 6)))
        assert key in complete
        if len(ref) == len(complete):  # nashpy sometimes misses equilibria; use it where it is complete
            assert key in ref


@given(bst.games(rows=(1, 4), cols=(1, 4)))
def test_float_and_exact_agree(g):
    m, n = g.shape
    for label in range(m + n):
        f = bg.lemke_howson(g, initial_label=label)
        e = bg.lemke_howson(g, initial_label=label, exact=True)
        # the same lexicographic path in both arithmetics (ties are exact for integer payoffs)
        np.testing.assert_allclose(f[0].row, [float(v) for v in e[0].row_exact], atol=1e-9)
        np.testing.assert_allclose(f[0].col, [float(v) for v in e[0].col_exact], atol=1e-9)


@given(bst.games(rows=(1, 4), cols=(1, 4), payoffs="float"))
def test_player_swap_invariance(g):
    m, n = g.shape
    t = g.transpose()
    for label in range(m + n):
        a = bg.lemke_howson(g, initial_label=label)[0]
        swapped = label + n if label < m else label - m  # row label i -> column label of the swap
        b = bg.lemke_howson(t, initial_label=swapped)[0]
        np.testing.assert_allclose(a.row, b.col, atol=1e-9)
        np.testing.assert_allclose(a.col, b.row, atol=1e-9)


@settings(max_examples=30)
@given(bst.games(rows=(1, 4), cols=(1, 4)))
def test_positive_affine_invariance(g):
    h = bg.Game(5 * np.array(g.A) - 2, 0.5 * np.array(g.B) + 3)
    tiny = bg.Game(np.array(g.A) * 1e-13, np.array(g.B) * 1e-13)
    for label in range(sum(g.shape)):
        a = bg.lemke_howson(g, initial_label=label, exact=True)[0]
        b = bg.lemke_howson(h, initial_label=label, exact=True)[0]
        assert (a.row_exact, a.col_exact) == (b.row_exact, b.col_exact)
        c = bg.lemke_howson(tiny, initial_label=label)[0]
        np.testing.assert_allclose(c.row, [float(v) for v in a.row_exact], atol=1e-9)


# ----------------------------------------------------------------------------- budgets and registry
def test_max_iter_is_reported_not_returned():
    g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    with pytest.warns(ConvergenceWarning, match="max_iter"):
        res = bg.lemke_howson(g, initial_label=1, max_iter=1)
    assert res.status is bg.Status.MAX_ITER and len(res.equilibria) == 0 and not res.success


def test_warnings_point_at_the_caller():
    g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    calls = [
        lambda: bg.lemke_howson(g, initial_label=1, max_iter=1),
        lambda: bg.lemke_howson_all(g, max_iter=1),
        lambda: bg.nash_equilibria(g, method="lemke_howson", max_iter=1, initial_label=1),
        lambda: bg.nash_equilibria(g, method="lemke_howson_all", max_iter=1),
    ]
    for call in calls:
        with pytest.warns(ConvergenceWarning) as record:
            call()
        assert record[0].filename == __file__


def test_budgets_through_nash_equilibria():
    rng = np.random.default_rng(3)
    g = bg.Game(rng.normal(size=(30, 30)), rng.normal(size=(30, 30)))
    with pytest.warns(ConvergenceWarning, match="max_time"):
        res = bg.nash_equilibria(g, method="lemke_howson_all", max_time=0.05)
    assert res.status is bg.Status.MAX_TIME
    _certified(g, res)
    res = bg.nash_equilibria(g, method="lemke_howson", max_time=10.0, max_iter=10_000)
    assert res.success


def test_max_time_single_path():
    rng = np.random.default_rng(4)
    g = bg.Game(rng.normal(size=(40, 40)), rng.normal(size=(40, 40)))
    with pytest.warns(ConvergenceWarning, match="max_time"):
        res = bg.lemke_howson(g, max_time=1e-9, exact=True)
    assert res.status is bg.Status.MAX_TIME and len(res) == 0


def test_max_time_is_reported():
    rng = np.random.default_rng(0)
    g = bg.Game(rng.normal(size=(8, 8)), rng.normal(size=(8, 8)))
    with pytest.warns(ConvergenceWarning, match="max_time"):
        res = bg.lemke_howson_all(g, max_time=1e-9)
    assert res.status is bg.Status.MAX_TIME
    _certified(g, res)


def test_all_accessible_max_iter_keeps_what_it_has():
    g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    with pytest.warns(ConvergenceWarning):
        res = bg.lemke_howson_all(g, max_iter=2)
    assert res.status is bg.Status.MAX_ITER
    _certified(g, res)


def test_registered_in_nash_equilibria():
    g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    one = bg.nash_equilibria(g, method="lemke_howson", exact=True)
    assert one.method == "lemke_howson" and one[0].row_exact == (F(1), F(0), F(0))
    every = bg.nash_equilibria(g, method="lemke_howson_all")
    assert every.method == "lemke_howson_all" and len(every) == 3 and not every.complete
    from bargain.solvers.nash.dispatch import METHODS

    res = METHODS["lemke_howson"](g, False, 1e-9, initial_label=1)
    assert res.stats["label"] == 1
    with pytest.raises(InvalidArgumentError, match="nash_equilibria.*unknown option"):
        METHODS["lemke_howson_all"](g, False, 1e-9, bogus=1)


def test_nashpy_game_accepted():
    res = bg.lemke_howson(nashpy.Game(np.array([[1, -1], [-1, 1]])))
    np.testing.assert_allclose(res[0].row, [0.5, 0.5])


@pytest.mark.slow
def test_random_12x12_every_label():
    rng = np.random.default_rng(12)
    for _ in range(5):
        g = bg.Game(rng.integers(-9, 10, size=(12, 12)), rng.integers(-9, 10, size=(12, 12)))
        for label in range(24):
            res = bg.lemke_howson(g, initial_label=label, exact=label % 2 == 0)
            assert res.success
            _certified(g, res)


@settings(max_examples=30)
@given(bst.games(rows=(1, 4), cols=(1, 4), min_value=-2, max_value=2), st.data())
def test_scale_and_shift_of_either_player_change_nothing(g, data):
    """Issue 10: each player's payoffs alone times 10**k (|k| <= 9), shifted by up to 1e12."""
    v = data.draw(bst.affine_variants(g))
    for label in range(sum(g.shape)):
        a = bg.lemke_howson(g, initial_label=label)
        b = bg.lemke_howson(v, initial_label=label)
        assert a.status is b.status and a.success
        assert _key(a[0]) == _key(b[0])
        _certified(v, b)


def test_unlimited_pivots():
    g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    assert bg.lemke_howson(g, max_iter=None, initial_label=1).success


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("func", [bg.lemke_howson, bg.lemke_howson_all])
def test_bad_input(func):
    name = func.__name__
    g = bg.Game([[1, 0], [0, 1]])
    with pytest.raises(InvalidArgumentError, match=name):
        func([[1, 0], [0, 1]])
    with pytest.raises(InvalidArgumentError, match=f"{name}.*batch"):
        func(bg.Game(np.zeros((3, 2, 2))))
    with pytest.raises(InvalidArgumentError, match=f"{name}: exact"):
        func(g, exact=1)
    with pytest.raises(InvalidArgumentError, match=name):
        func(g, tol=-0.1)
    with pytest.raises(InvalidArgumentError, match=f"{name}: max_iter"):
        func(g, max_iter=0)
    with pytest.raises(InvalidArgumentError, match=f"{name}: max_iter"):
        func(g, max_iter=True)
    with pytest.raises(InvalidArgumentError, match=f"{name}: tol"):
        func(g, tol=float("nan"))
    with pytest.raises(TypeError):
        func(g, 0)


def test_bad_labels_and_budgets():
    g = bg.Game([[1, 0], [0, 1]])
    for label in (-1, 4, 1.5, True, "0"):
        with pytest.raises(InvalidArgumentError, match="lemke_howson: initial_label"):
            bg.lemke_howson(g, initial_label=label)
    for budget in (0, -1.0, "1"):
        with pytest.raises(InvalidArgumentError, match="lemke_howson_all: max_time"):
            bg.lemke_howson_all(g, max_time=budget)
        with pytest.raises(InvalidArgumentError, match="lemke_howson: max_time"):
            bg.lemke_howson(g, max_time=budget)
