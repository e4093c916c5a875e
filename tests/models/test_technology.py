"""Export controls (bargain.models.technology): the closed form against the general leader-follower solver."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.models.technology import ExportControlsResult, export_controls
from bargain.solvers.leader_follower import leader_follower

positive = st.fractions(min_value=F(1, 10), max_value=10, max_denominator=20)
nonneg = st.fractions(min_value=0, max_value=5, max_denominator=20)


def _response(k, beta, theta):
    """The follower's best response e*(k) = max(0, ln(k beta theta) / theta)."""
    return np.maximum(0.0, np.log(np.maximum(k * beta * theta, 1e-300)) / theta)


def _leader_value(k, beta, theta, gain, cost):
    return gain * k * np.exp(-theta * _response(k, beta, theta)) - cost * k


@pytest.mark.parametrize(
    ("beta", "theta", "gain", "cost", "k"),
    [
        (4, F(1, 2), 1, F(1, 4), F(1, 2)),  # threshold 1/2 inside [0, 1]: stop just before substitution
        (1, F(1, 2), 1, F(1, 4), 1),  # threshold 2: full stringency never triggers substitution
        (3, 1, F(1, 2), F(1, 2), 0),  # gain = cost: no controls
        (3, 1, F(1, 5), F(1, 2), 0),  # gain < cost: no controls
        (5, 2, 1, 0, F(1, 10)),  # free controls: the least stringent optimum, the threshold
    ],
)
def test_closed_form_exact(beta, theta, gain, cost, k):
    r = export_controls(beta=beta, theta=theta, gain=gain, cost=cost, exact=True)
    assert r.stringency == k and r.investment == 0
    assert r.leader_value == (gain - cost) * k and r.follower_value == -beta * k
    assert r.substitution_threshold == F(1) / (beta * theta)


@settings(max_examples=40, deadline=None)
@given(positive, positive, nonneg, nonneg)
def test_stringency_is_optimal_against_the_follower_response(beta, theta, gain, cost):
    r = export_controls(beta=beta, theta=theta, gain=gain, cost=cost, exact=True)
    b, t, g, c = map(float, (beta, theta, gain, cost))
    ks = np.linspace(0, 1, 1001)
    assert float(r.leader_value) >= _leader_value(ks, b, t, g, c).max() - 1e-12
    assert float(r.leader_value) == pytest.approx(_leader_value(float(r.stringency), b, t, g, c), abs=1e-12)
    # the follower's response: no e on a grid does better than e*(k) at the optimum
    k = float(r.stringency)
    es = np.linspace(0, 5, 5001)
    assert float(r.follower_value) >= (-(k * b * np.exp(-t * es) + es)).max() - 1e-12


@settings(max_examples=40, deadline=None)
@given(positive, positive, positive, nonneg, st.fractions(1, 4, max_denominator=10))
def test_a_better_substitute_means_milder_controls(beta, theta, gain, cost, factor):
    # a follower who substitutes faster (theta up) or loses more (beta up) reaches its threshold sooner
    base = export_controls(beta=beta, theta=theta, gain=gain, cost=cost, exact=True)
    faster = export_controls(beta=beta, theta=theta * factor, gain=gain, cost=cost, exact=True)
    bigger = export_controls(beta=beta * factor, theta=theta, gain=gain, cost=cost, exact=True)
    assert faster.stringency <= base.stringency and bigger.stringency <= base.stringency
    assert base.investment == faster.investment == 0


@pytest.mark.parametrize(
    ("beta", "theta", "gain", "cost"),
    [
        (4.0, 0.5, 1.0, 0.25),
        (1.0, 0.5, 1.0, 0.25),
        (8.0, 2.0, 2.0, 0.5),
        (3.0, 1.0, 0.2, 0.5),
        (6.0, 1.5, 1.0, 0.9),
    ],
)
@pytest.mark.parametrize("closed_form", [False, True])
def test_closed_form_agrees_with_the_general_solver(beta, theta, gain, cost, closed_form):
    r = export_controls(beta=beta, theta=theta, gain=gain, cost=cost)
    top = max(1.0, math.log(beta * theta) / theta + 1.0)

    def response(k):
        return float(_response(k, beta, theta))

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = leader_follower(
            lambda k, e: gain * k * math.exp(-theta * e) - cost * k,
            lambda k, e: -(k * beta * math.exp(-theta * e) + e),
            leader_bounds=(0, 1),
            follower_bounds=(0, top),
            follower_response=response if closed_form else None,
        )
    assert s.success
    assert s.leader_strategy == pytest.approx(float(r.stringency), abs=1e-6)
    assert s.follower_strategy == pytest.approx(float(r.investment), abs=1e-6)
    assert s.leader_value == pytest.approx(float(r.leader_value), abs=1e-9)
    assert s.follower_value == pytest.approx(float(r.follower_value), abs=1e-6)


def test_broadcast_equals_pointwise():
    beta = np.array([0.5, 2.0, 8.0])[:, None]
    theta = np.array([0.25, 1.0, 3.0, 10.0])
    r = export_controls(beta=beta, theta=theta, gain=1.0, cost=[[0.2], [0.5], [1.5]])
    assert r.shape == (3, 4)
    costs = [0.2, 0.5, 1.5]
    for i in range(3):
        for j in range(4):
            one = export_controls(beta=beta[i, 0], theta=theta[j], gain=1.0, cost=costs[i])
            for name in (o.name for o in ExportControlsResult.outputs()):
                assert getattr(r, name)[i, j] == pytest.approx(getattr(one, name))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"beta": 0}, r"technology\.export_controls: beta must be in \(0, inf\).*got 0"),
        ({"theta": -1}, r"technology\.export_controls: theta must be in \(0, inf\).*got -1"),
        ({"gain": -0.5}, r"gain must be in \[0, inf\).*got -0\.5"),
        ({"cost": [0.1, np.inf]}, "cost must be finite"),
    ],
)
def test_bad_input(kwargs, match):
    args = {"beta": 2.0, "theta": 1.0, "gain": 1.0, "cost": 0.5} | kwargs
    with pytest.raises(bg.InvalidModelError, match=match):
        export_controls(**args)


def test_registered_with_its_source():
    m = bg.models.registry()["technology.export_controls"]
    assert "Farrell and Newman (2019)" in m.source and m.exact
