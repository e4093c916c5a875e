"""Nothing may hang (issue 10): every iterative entry point stops at its budget and says so.

Each call below is given a budget far smaller than its problem needs; it must come back with
a budget status (``MAX_ITER`` or ``MAX_TIME``) or a finished, certified answer, never run on.
No wall-clock assertion: a budget is checked by the status it reports.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import bargain as bg
from bargain import Status
from bargain.testing.assertions import assert_certified

BUDGET = {Status.MAX_ITER, Status.MAX_TIME}


def _random_game(size: int, seed: int) -> bg.Game:
    rng = np.random.default_rng(seed)
    return bg.Game(rng.integers(0, 100, (size, size)), rng.integers(0, 100, (size, size)))


def _quiet(call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", bg.ConvergenceWarning)
        return call()


@pytest.mark.parametrize("method", ["vertex", "support", "auto"])
def test_enumeration_of_a_large_game_stops_at_its_time_budget_with_an_equilibrium(method):
    g = _random_game(40, 1)
    res = _quiet(lambda: bg.nash_equilibria(g, method=method, max_time=0.05))
    assert res.status in BUDGET and not res.complete
    assert len(res.equilibria) >= 1
    assert_certified(res, g)


def test_enumeration_stops_at_its_iteration_budget():
    g = _random_game(12, 2)
    res = _quiet(lambda: bg.support_enumeration(g, max_iter=3))
    assert res.status in BUDGET
    assert_certified(res, g)


def test_lemke_howson_stops_at_its_pivot_budget():
    g = _random_game(30, 3)
    res = _quiet(lambda: bg.lemke_howson(g, max_iter=1))
    assert res.status in BUDGET | {Status.SUCCESS}
    assert_certified(res, g)


def test_qre_stops_at_its_step_budget():
    g = _random_game(6, 4)
    res = _quiet(lambda: bg.logit_qre(g, 1e4, max_iter=2))
    assert res.status in BUDGET | {Status.UNCERTIFIED}
    path = _quiet(lambda: bg.logit_qre_path(g, [1.0, 1e3], max_iter=2))
    assert path.status in BUDGET | {Status.UNCERTIFIED}


def test_replicator_with_huge_payoffs_stops_at_its_step_budget():
    g = bg.Game.symmetric([[0, 3e6], [1e6, 2e6]])
    res = _quiet(lambda: bg.replicator(g, [0.1, 0.9], [0, 1e6], max_iter=10))
    assert res.status is Status.MAX_ITER
    assert np.isfinite(res.row[0]).all()  # times not reached within the budget are NaN, and say so
    assert "max_iter" in res.message


def test_rubinstein_long_horizons_use_the_closed_form():
    res = bg.rubinstein(0.9, 0.9, horizon=10**8)
    assert res.success and np.isclose(float(res.shares[0]), 1 / 1.9)
    # exactly, the shares of a 10**7-round game have tens of millions of bits: refused by name
    with pytest.raises(bg.InvalidArgumentError, match="rubinstein: exact=True with this horizon"):
        bg.rubinstein(0.9, 0.9, horizon=10**7, exact=True)
    assert bg.rubinstein(0.9, 0.9, horizon=10**3, exact=True).success
