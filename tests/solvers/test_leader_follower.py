"""The continuous leader-follower solver (bargain.solvers.leader_follower): answers, grid check, budgets."""

from __future__ import annotations

import dataclasses
import math
import warnings

import numpy as np
import pytest

import bargain as bg
from bargain.solvers.leader_follower import LeaderFollowerResult, leader_follower


def _cournot(a, c):
    """Stackelberg quantity leader, linear demand a - k - e, marginal cost c (von Stackelberg 1934)."""
    return (
        lambda k, e: k * (a - k - e - c),
        lambda k, e: e * (a - k - e - c),
    )


@pytest.mark.parametrize(("a", "c"), [(1.0, 0.0), (10.0, 2.0), (3.0, 0.5)])
@pytest.mark.parametrize("closed_form", [False, True])
def test_stackelberg_duopoly_closed_form(a, c, closed_form):
    # leader (a - c)/2, follower (a - c)/4, leader profit (a - c)^2 / 8
    lead, follow = _cournot(a, c)
    response = (lambda k: max(0.0, (a - c - k) / 2)) if closed_form else None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = leader_follower(
            lead, follow, leader_bounds=(0, a), follower_bounds=(0, a), follower_response=response
        )
    assert r.success and "grid check passed" in r.message
    assert r.leader_strategy == pytest.approx((a - c) / 2, abs=1e-7 * a)
    assert r.follower_strategy == pytest.approx((a - c) / 4, abs=1e-7 * a)
    # Brent's bounded search locates the follower's response to ~1e-8 relative
    assert r.leader_value == pytest.approx((a - c) ** 2 / 8, rel=1e-7)
    assert r.follower_value == pytest.approx(follow(r.leader_strategy, r.follower_strategy))
    assert r.leader_gap <= 0 and r.follower_regret <= 0
    assert r.method == ("closed-form response" if closed_form else "bounded optimisation")


def test_the_grid_finds_the_global_optimum_of_a_two_peaked_leader_value():
    # a local search from the middle would climb the lower peak at 0.25
    def lead(k, e):
        return math.exp(-(((k - 0.25) / 0.08) ** 2)) + 1.2 * math.exp(-(((k - 0.8) / 0.05) ** 2)) - 0.01 * e

    r = leader_follower(lead, lambda k, e: -((e - k) ** 2), leader_bounds=(0, 1), follower_bounds=(0, 1))
    assert r.success
    # the higher peak, shifted by the -0.01 e = -0.01 k term: k - 0.8 = -0.01 * 0.05^2 / 2.4
    assert r.leader_strategy == pytest.approx(0.8 - 0.01 * 0.05**2 / 2.4, abs=1e-7)
    assert r.follower_strategy == pytest.approx(r.leader_strategy, abs=1e-7)


def test_the_follower_grid_finds_its_global_best_response():
    # two local maxima in e; the higher at e = 0.9 for every k
    def follow(k, e):
        return math.exp(-(((e - 0.2) / 0.05) ** 2)) + (1 + k) * math.exp(-(((e - 0.9) / 0.05) ** 2))

    r = leader_follower(lambda k, e: k * e - k * k, follow, leader_bounds=(0, 1), follower_bounds=(0, 1))
    assert r.success and r.follower_strategy == pytest.approx(0.9, abs=1e-6)
    assert r.leader_strategy == pytest.approx(0.45, abs=1e-6)  # argmax of 0.9 k - k^2


def test_a_wrong_closed_form_response_is_caught_by_the_check():
    lead, follow = _cournot(1.0, 0.0)
    with pytest.warns(bg.ConvergenceWarning, match="not a best response"):
        r = leader_follower(
            lead, follow, leader_bounds=(0, 1), follower_bounds=(0, 1),
            follower_response=lambda k: (1 - k) / 3,
        )
    assert r.status is bg.Status.UNCERTIFIED and r.follower_regret > 0


def test_a_narrow_peak_between_search_points_is_caught_by_the_check():
    # search grid 0, 0.1, ..., 1; the spike sits at 0.05, a point of the finer check grid
    def lead(k, e):
        return 2 * math.exp(-(((k - 0.05) / 0.004) ** 2)) + math.exp(-(((k - 0.7) / 0.2) ** 2))

    with pytest.warns(bg.ConvergenceWarning, match=r"grid check found the leader strategy 0\.05"):
        r = leader_follower(lead, lambda k, e: -e, leader_bounds=(0, 1), follower_bounds=(0, 1), grid=11)
    assert r.status is bg.Status.UNCERTIFIED and not r.success
    assert r.leader_strategy == pytest.approx(0.7, abs=1e-6) and r.leader_gap > 0.9


def test_budgets_stop_the_solver_with_a_status():
    lead, follow = _cournot(1.0, 0.0)
    with pytest.warns(bg.ConvergenceWarning, match="max_time"):
        r = leader_follower(lead, follow, leader_bounds=(0, 1), follower_bounds=(0, 1), max_time=1e-9)
    assert r.status is bg.Status.FAILED and math.isnan(r.leader_strategy)
    with pytest.warns(bg.ConvergenceWarning, match="max_iter=1"):
        r = leader_follower(
            lead, follow, leader_bounds=(0, 1), follower_bounds=(0, 1),
            follower_response=lambda k: (1 - k) / 2, max_iter=1,
        )
    assert r.status is bg.Status.MAX_ITER
    assert r.leader_strategy == pytest.approx(0.5, abs=1e-9)  # the best grid point is kept


def test_result_is_frozen_and_readable():
    lead, follow = _cournot(1.0, 0.0)
    r = leader_follower(lead, follow, leader_bounds=(0, 1), follower_bounds=(0, 1), grid=21)
    assert isinstance(r, LeaderFollowerResult) and r.evaluations > 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.leader_strategy = 0.0  # type: ignore[misc]
    text = repr(r)
    assert "leader plays 0.5" in text and "status=SUCCESS" in text and r._repr_html_().startswith("<pre>")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"leader_payoff": 3}, "leader_follower: leader_payoff must be callable, got 3"),
        ({"follower_response": "x"}, "follower_response must be callable"),
        ({"leader_bounds": (1, 0)}, r"leader_bounds must have low < high, got \(1, 0\)"),
        ({"follower_bounds": 5}, r"follower_bounds must be a pair \(low, high\), got 5"),
        ({"follower_bounds": (0, np.inf)}, r"follower_bounds\[1\] must be finite"),
        ({"grid": 2}, "grid must be >= 3, got 2"),
        ({"tol": -1e-3}, "tol must be >= 0"),
        ({"max_time": 0}, "max_time must be > 0"),
        ({"leader_payoff": lambda k, e: math.nan}, r"leader_payoff\(.*\) returned nan"),
        ({"follower_payoff": lambda k, e: "a"}, r"follower_payoff\(.*\) must return a real number"),
        ({"follower_response": lambda k: 2.0}, r"follower_response\(0\.0\) = 2\.0 is outside"),
    ],
)
def test_bad_input(kwargs, match):
    lead, follow = _cournot(1.0, 0.0)
    args = {"leader_payoff": lead, "follower_payoff": follow, "leader_bounds": (0, 1)}
    args |= {"follower_bounds": (0, 1)} | kwargs
    with pytest.raises(bg.InvalidArgumentError, match=match):
        leader_follower(args.pop("leader_payoff"), args.pop("follower_payoff"), **args)
