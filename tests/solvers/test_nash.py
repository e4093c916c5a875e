"""Tests of bargain.solvers.nash: the nash_equilibria dispatcher and method="auto"."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from reference_games import (
    REFERENCE_GAMES,
    assert_certified,
    component_sets,
    exact_profiles,
    float_profiles,
    rounded,
)

import bargain as bg
from bargain.errors import ConvergenceWarning, InvalidArgumentError
from bargain.solvers.nash.dispatch import METHODS
from bargain.testing import strategies as bst


def test_registry_names():
    assert {"2x2", "pure", "support", "vertex"} <= set(METHODS)


@pytest.mark.parametrize("ref", REFERENCE_GAMES, ids=lambda r: r.name)
@pytest.mark.parametrize("exact", [True, False])
def test_auto_is_complete_and_correct_on_reference_games(ref, exact):
    g = ref.game()
    res = bg.nash_equilibria(g, exact=exact)
    m, n = g.shape
    expected_method = "2x2" if (m, n) == (2, 2) else ("support" if m * n <= 12 else "vertex")
    assert res.method == expected_method
    assert res.complete and res.success
    assert len(res) == ref.n_extreme
    assert res.degenerate == ref.degenerate
    assert_certified(res, g)
    if ref.equilibria is not None:
        got = exact_profiles(res) if exact else float_profiles(res)
        want = set(ref.equilibria) if exact else rounded(ref.equilibria)
        assert got == want
        assert component_sets(res) == component_sets(ref.components, ref.equilibria)


@pytest.mark.parametrize("method", ["support", "vertex"])
def test_explicit_methods(method):
    g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    res = bg.nash_equilibria(g, method=method, exact=True)
    assert res.method == method and res.complete and len(res) == 3


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
    assert res.method == "vertex" and res.status is bg.Status.MAX_ITER and not res.complete
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
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=f"nash_equilibria: .*{match}"):
        bg.nash_equilibria(bg.Game(np.eye(3)), **kwargs)


def test_bad_games():
    with pytest.raises(InvalidArgumentError, match="nash_equilibria"):
        bg.nash_equilibria(np.eye(2))
    with pytest.raises(InvalidArgumentError, match="nash_equilibria: takes a single game"):
        bg.nash_equilibria(bg.Game(np.zeros((4, 3, 3))))
