"""Tests of bargain.solvers.nash: the nash_equilibria dispatcher and method="auto"."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reference_games import (
    REFERENCE_GAMES,
    component_sets,
    exact_profiles,
    float_profiles,
    integer_game,
    rounded,
)

import bargain as bg
from bargain.errors import ConvergenceWarning, InvalidArgumentError
from bargain.solvers.nash import _compiled
from bargain.solvers.nash.dispatch import METHODS
from bargain.testing import strategies as bst
from bargain.testing.assertions import assert_certified


def test_registry_names():
    assert {"2x2", "pure", "support", "vertex"} <= set(METHODS)


@pytest.mark.parametrize("ref", REFERENCE_GAMES, ids=lambda r: r.name)
@pytest.mark.parametrize("exact", [True, False])
def test_auto_is_complete_and_correct_on_reference_games(ref, exact):
    g = ref.game()
    res = bg.nash_equilibria(g, exact=exact)
    m, n = g.shape
    if (m, n) == (2, 2):
        assert res.method == "2x2"
    elif res.method != "support":  # the engine that ran, as vertex_enumeration names it
        assert res.method == f"vertex/{res.stats['engine']}"
    if m * n > 25:
        assert res.method.startswith("vertex/")
    assert res.complete and res.success
    assert len(res) == ref.n_extreme
    assert res.degenerate == ref.degenerate
    assert_certified(res, g)
    if ref.equilibria is not None:
        got = exact_profiles(res) if exact else float_profiles(res)
        want = set(ref.equilibria) if exact else rounded(ref.equilibria)
        assert got == want
        assert component_sets(res) == component_sets(ref.components, ref.equilibria)


@pytest.mark.parametrize(
    ("shape", "tied", "exact", "chosen", "chosen_jit"),
    [  # chosen_jit: with numba installed (the compiled vertex paths carry float games)
        ((3, 4), False, False, "vertex", "vertex"),  # generic float: vertex enumeration faster
        ((3, 4), True, False, "support", "vertex"),  # a pure strategy with two best responses
        ((1, 6), False, False, "support", "vertex"),  # one row
        ((4, 4), False, False, "vertex", "vertex"),
        ((4, 5), False, True, "support", "support"),  # exact: support enumeration up to 20 cells
        ((5, 5), False, True, "vertex", "vertex"),
        ((5, 5), True, True, "support", "support"),  # exact and tied: up to 25 cells
        ((5, 6), True, True, "vertex", "vertex"),
    ],
)
def test_auto_chooses_by_measured_cost(shape, tied, exact, chosen, chosen_jit):
    if _compiled.kernels() is not None:
        chosen = chosen_jit
    rng = np.random.default_rng(sum(shape))
    A, B = rng.random(shape), rng.random(shape)
    if tied:  # row 0's two largest payoffs for the column player made equal
        j = np.argsort(B[0])[-2:]
        B[0, j] = B[0, j].max()
    res = bg.nash_equilibria(bg.Game(A, B), exact=exact)
    assert res.method.split("/")[0] == chosen and res.complete
    other = "vertex" if chosen == "support" else "support"
    alt = bg.nash_equilibria(bg.Game(A, B), exact=exact, method=other)
    got = exact_profiles if exact else float_profiles
    assert got(res) == got(alt)


def test_auto_takes_the_compiled_int64_search_on_small_integer_games():
    # with numba, exact games of small integer payoffs go to vertex enumeration (the int64
    # search, measured 1.2-8x support enumeration); other exact payoffs keep the thresholds
    g = bg.Game([[3, 3, 1], [2, 5, 0], [0, 6, 2]], [[3, 2, 1], [2, 6, 0], [3, 1, 2]])
    res = bg.nash_equilibria(g, exact=True)
    if _compiled.kernels() is None:
        assert res.method == "support"
    else:
        assert res.method == "vertex/lex" and res.stats["compiled"] is True
    assert exact_profiles(res) == exact_profiles(bg.nash_equilibria(g, exact=True, method="support"))
    h = bg.Game([[30.5, 1.25, 70.0], [20.0, 50.125, 0.0], [0.0, 60.0, 25.0]], [[3.0, 2.5, 100.0]] * 3)
    assert bg.nash_equilibria(h, exact=True).method == "support"  # integers up to 800 once scaled


@pytest.mark.parametrize(("method", "ran"), [("support", "support"), ("vertex", "vertex/lex")])
def test_explicit_methods(method, ran):
    g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    res = bg.nash_equilibria(g, method=method, exact=True)
    assert res.method == ran and res.complete and len(res) == 3


@pytest.mark.parametrize("engine", ["qhull+partners", "qhull", "lex"])
@pytest.mark.parametrize("kind", ["float", "tied"])
def test_vertex_engines_can_be_named_and_agree(engine, kind):
    rng = np.random.default_rng(7)
    A, B = (rng.random((6, 5)), rng.random((6, 5))) if kind == "float" else (
        rng.integers(0, 3, (6, 5)), rng.integers(0, 3, (6, 5)))
    g = bg.Game(A, B)
    auto = bg.nash_equilibria(g)
    res = bg.nash_equilibria(g, method=f"vertex/{engine}")
    same = bg.vertex_enumeration(g, engine=engine)
    assert res.method == same.method and res.method == f"vertex/{res.stats['engine']}"
    assert float_profiles(res) == float_profiles(auto) == float_profiles(same)
    assert res.degenerate == auto.degenerate
    if engine == "qhull+partners" and kind == "tied":  # both polytopes degenerate: qhull decides
        assert res.method in ("vertex/qhull", "vertex/qhull+partners")
    elif engine != "lex":
        assert res.method.startswith(f"vertex/{engine.split('+')[0]}")
    else:
        assert res.method == "vertex/lex"
    if engine != "qhull+partners":
        exact = bg.nash_equilibria(g, method=f"vertex/{engine}", exact=True)
        assert exact.method in (f"vertex/{engine}", "vertex/lex") and exact.complete
        assert rounded(exact_profiles(exact)) == float_profiles(res)


def test_a_named_engine_that_cannot_run_says_so():
    g = bg.Game(np.eye(5), np.eye(5))
    res = bg.nash_equilibria(g, method="vertex/qhull", max_time=0.5)  # below qhull's budget floor
    assert res.method == "vertex/lex" and "engine 'qhull' was asked for" in res.message
    with pytest.raises(bg.InvalidArgumentError, match="engine 'qhull\\+partners'.*exact=True"):
        bg.vertex_enumeration(g, engine="qhull+partners", exact=True)
    with pytest.raises(bg.InvalidArgumentError, match="vertex_enumeration: engine must be one of"):
        bg.vertex_enumeration(g, engine="fast")
    with pytest.raises(bg.InvalidArgumentError, match="nash_equilibria: method must be one of"):
        bg.nash_equilibria(g, method="vertex/fast")


@settings(max_examples=30)
@given(bst.games(rows=(1, 5), cols=(1, 5), min_value=-2, max_value=2))
def test_auto_equals_vertex(g):
    auto = bg.nash_equilibria(g, exact=True)
    vert = bg.nash_equilibria(g, method="vertex", exact=True)
    assert auto.complete
    assert exact_profiles(auto) == exact_profiles(vert)
    assert_certified(auto, g)


def test_pure_method_is_not_complete_unless_said():
    g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = bg.nash_equilibria(g, method="pure")
    assert not res.complete and len(res) == 2


def test_budgets_pass_through():
    g = bg.Game(np.eye(5), np.eye(5))
    with pytest.warns(ConvergenceWarning, match="max_iter") as record:
        res = bg.nash_equilibria(g, max_iter=4)
    assert record[0].filename == __file__
    assert res.method == "vertex/lex" and res.status is bg.Status.MAX_ITER and not res.complete
    assert_certified(res, g)
    with pytest.warns(ConvergenceWarning, match="max_time"):
        res = bg.nash_equilibria(g, method="support", max_time=1e-9)
    assert res.status is bg.Status.MAX_TIME
    # a closed form has nothing to limit: budgets are accepted and ignored
    res = bg.nash_equilibria(bg.Game([[1, 0], [0, 1]]), max_iter=1)
    assert res.method == "2x2" and res.success


def test_exact_is_always_possible_for_float_payoffs():
    g = bg.Game([[0.1, 0.2, 0.0], [0.3, 0.0, 0.1]], [[0.2, 0.1, 0.3], [0.0, 0.3, 0.1]])
    res = bg.nash_equilibria(g, exact=True)
    assert res.complete and all(e.is_exact for e in res.equilibria)
    assert_certified(res, g)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(method="simplex"), "method"),
        (dict(exact="no"), "exact"),
        (dict(tol=1.5), "tol"),
        (dict(max_time=0.0), "max_time"),
        (dict(max_iter=-3), "max_iter"),
        (dict(method="vertex", initial_label=2), "initial_label"),
        (dict(method="2x2"), "2x2"),
        (dict(exact=1), "exact"),
        (dict(tol=True), "tol"),
        (dict(tol=float("nan")), "tol"),
        (dict(max_time=float("inf")), "max_time"),
        (dict(max_iter=True), "max_iter"),
        (dict(max_iter=2.0), "max_iter"),
        (dict(method=None), "method"),
        (dict(method="lemke_howson", initial_label=6), "initial_label"),
        (dict(method="lemke_howson", bogus=1), "bogus"),
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=f"nash_equilibria: .*{match}"):
        bg.nash_equilibria(bg.Game(np.eye(3)), **kwargs)


def test_defaults_are_keyword_only():
    with pytest.raises(TypeError):
        bg.nash_equilibria(bg.Game(np.eye(3)), "vertex")  # type: ignore[misc]


def test_bad_games():
    with pytest.raises(InvalidArgumentError, match="nash_equilibria"):
        bg.nash_equilibria(np.eye(2))
    with pytest.raises(InvalidArgumentError, match="nash_equilibria: takes a single game"):
        bg.nash_equilibria(bg.Game(np.zeros((4, 3, 3))))


# ---------------------------------------------------------------------------- issue 10 reproducers
def test_shift_of_1e9_keeps_certification():
    """Issue 10 item 2: adding 1e9 to both players' payoffs made the result UNCERTIFIED and
    dropped (row=[1, 0], col=[2/3, 1/3]); exact=True found it."""
    g = bg.Game(np.array([[1, 2], [2, 0]]) + 1e9, np.array([[1, 1], [1, 1]]) + 1e9)
    res = bg.nash_equilibria(g)
    assert res.status is bg.Status.SUCCESS and res.complete
    assert ((1.0, 0.0), (0.6666667, 0.3333333)) in float_profiles(res)
    assert_certified(res, g)
    ex = bg.nash_equilibria(g, exact=True)
    assert float_profiles(res) == rounded(exact_profiles(ex))
    for method in ("support", "vertex", "lemke_howson_all"):
        r = bg.nash_equilibria(g, method=method)
        assert r.success
        assert_certified(r, g)


def test_payoffs_near_the_float_limit():
    """Issue 10 item 4: with payoffs of 1.7e308 the 2x2 closed form returned the mixed
    equilibrium as a duplicate pure one (2 of 3, "complete")."""
    big = [[1.7e308, 0], [0, 1.7e308]]
    C = bg.Game(big, big)
    for method in ("auto", "support", "vertex", "lemke_howson_all"):
        res = bg.nash_equilibria(C, method=method)
        want = 3 if method != "lemke_howson_all" else len(res)
        assert len(res) == want and res.success, method
        assert_certified(res, C)
    assert ((0.5, 0.5), (0.5, 0.5)) in float_profiles(bg.nash_equilibria(C))
    pennies = bg.Game.zero_sum(np.array([[1, -1], [-1, 1]]) * 5e307)
    for method in ("auto", "support", "vertex", "lemke_howson", "lemke_howson_all"):
        res = bg.nash_equilibria(pennies, method=method)
        assert res.success and float_profiles(res) == {((0.5, 0.5), (0.5, 0.5))}, method
    assert bg.nash_equilibria(pennies, method="pure").equilibria == ()
    with pytest.raises(bg.InvalidGameError, match="overflows"):
        bg.Game([[1e308, -1e308], [-1e308, 1e308]])


def test_one_players_scale_does_not_set_the_others_tolerance():
    """Issue 10 item 1: ranges of 1e3 and 1e-3 (a 1e6 ratio)."""
    g = bg.Game(
        np.array([[2, -2, -2], [-2, 3, 0], [-1, -2, 0]]) * 1e3,
        np.array([[1, 2, 2], [2, -1, 1], [2, 3, 2]]) * 1e-3,
    )
    for method in ("support", "vertex"):
        res = bg.nash_equilibria(g, method=method)
        assert res.success and len(res) == 1, method
        np.testing.assert_allclose(res[0].row, [1 / 4, 1 / 4, 1 / 2], atol=1e-12)
        np.testing.assert_allclose(res[0].col, [10 / 27, 2 / 27, 5 / 9], atol=1e-12)


# ---------------------------------------------------------------------------- default budget
def test_default_time_budget_returns_an_equilibrium():
    """Issue 10 (hangs): enumeration of a 40x40 game is budgeted; when the budget ends the
    result still holds a certified equilibrium (from one Lemke-Howson path), status MAX_TIME."""
    import inspect

    from bargain._thresholds import NASH_MAX_TIME

    assert inspect.signature(bg.nash_equilibria).parameters["max_time"].default == NASH_MAX_TIME
    rng = np.random.default_rng(40)
    g = bg.Game(rng.normal(size=(40, 40)), rng.normal(size=(40, 40)))
    with pytest.warns(ConvergenceWarning, match="max_time") as record:
        res = bg.nash_equilibria(g, max_time=0.05)
    assert record[0].filename == __file__
    assert res.status is bg.Status.MAX_TIME and not res.complete and not res.success
    assert len(res) >= 1
    assert_certified(res, g)
    gi = bg.Game(rng.integers(-9, 10, (12, 12)), rng.integers(-9, 10, (12, 12)))
    with pytest.warns(ConvergenceWarning, match="max_time"):
        res = bg.nash_equilibria(gi, method="support", max_time=1e-6, exact=True)
    assert res.status is bg.Status.MAX_TIME and len(res) >= 1 and res[0].is_exact
    assert_certified(res, gi)


# ---------------------------------------------------------------------------- invariance
_SCALED_METHODS = ["2x2", "pure", "support", "vertex", "lemke_howson", "lemke_howson_all"]


@pytest.mark.parametrize("method", _SCALED_METHODS)
@settings(max_examples=15)
@given(data=st.data())
def test_answer_unchanged_by_scaling_or_shifting_either_player(method, data):
    """Issue 10: each player's payoffs alone multiplied by 10**k (|k| <= 9) and shifted by up
    to 1e12 (bargain.testing.strategies.affine_maps): the same equilibria, float and exact, and
    nothing SUCCESS is uncertified."""
    size = 2 if method == "2x2" else (1, 4)
    g = integer_game(data.draw(bst.games(rows=size, cols=size, min_value=-2, max_value=2)))
    amap = data.draw(bst.affine_maps(g))
    v = amap.apply(g)
    base = bg.nash_equilibria(g, method=method)
    var = bg.nash_equilibria(v, method=method)
    assert var.status is base.status and var.complete == base.complete
    assert float_profiles(var) == float_profiles(base)
    assert var.degenerate == base.degenerate
    assert len(var.components) == len(base.components)
    assert_certified(var, v)
    # payoffs are reported on the game as given: the variant's are the mapped ones
    want = {next(iter(rounded([(e.row, e.col)]))): e.payoffs for e in base.equilibria}
    span = np.asarray(v.payoff_range) + np.abs([v.A.max(), v.B.max()]) + 1.0
    for e in var.equilibria:
        mapped = amap.map_payoffs(want[next(iter(rounded([(e.row, e.col)])))])
        assert np.all(np.abs(e.payoffs - mapped) <= 1e-9 * span)
    ex_base = bg.nash_equilibria(g, method=method, exact=True)
    ex_var = bg.nash_equilibria(v, method=method, exact=True)
    assert exact_profiles(ex_var) == exact_profiles(ex_base)
    if base.complete:
        assert float_profiles(var) == rounded(exact_profiles(ex_base))


@settings(max_examples=20)
@given(bst.games(rows=(2, 4), cols=(2, 4), min_value=-2, max_value=2), st.integers(-9, 9))
def test_one_player_rescaled_alone(g, k):
    """The 1e6-ratio failure of issue 10 item 1, as a property: one player's payoffs times 10**k."""
    g = integer_game(g)
    assume(np.ptp(g.A) > 0 and np.ptp(g.B) > 0)
    v = bg.Game(g.A * 10.0**k, g.B)
    base = bg.nash_equilibria(g, method="vertex", exact=True)
    for method in ("support", "vertex"):
        res = bg.nash_equilibria(v, method=method)
        assert res.success and res.complete
        assert float_profiles(res) == rounded(exact_profiles(base))
