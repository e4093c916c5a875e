"""bargain.sweep on the library's own models (skipped where a family module is absent)."""

from __future__ import annotations

import numpy as np
import pytest

import bargain as bg

pytest.importorskip("xarray")


def test_hawk_dove_escalation_is_the_mixed_equilibrium():
    spheres = pytest.importorskip("bargain.models.spheres")
    values = np.array([0.5, 1.0, 2.0])
    costs = np.array([1.0, 3.0, 4.0])
    ds = bg.sweep(
        spheres.hawk_dove,
        grid={"value": values, "cost": costs},
        measures=["outputs", "mixed", "pure"],
        progress=False,
    )
    assert ds.attrs["model"] == "spheres.hawk_dove" and ds.value.attrs["units"] == "payoff"
    hi = costs[None, :] > values[:, None]
    # Maynard Smith and Price: with C > V the evolutionarily stable share of hawks is V / C,
    # the symmetric mixed equilibrium of the game the model builds
    np.testing.assert_allclose(ds.mixed_p.values[hi], (values[:, None] / costs)[hi])
    np.testing.assert_allclose(ds.escalation.values[hi], ds.mixed_p.values[hi])
    assert (ds.pure_count.values[hi] == 2).all()


def test_power_shift_sweep_and_sensitivity():
    crisis = pytest.importorskip("bargain.models.crisis")
    grid = {"delta": np.linspace(0.5, 0.95, 4), "p_later": np.linspace(0.3, 0.9, 5)}
    ds = bg.sweep(crisis.power_shift, grid=grid, fixed={"p_now": 0.3, "cost": 0.1}, progress=False)
    for i, d in enumerate(grid["delta"]):
        for j, pl in enumerate(grid["p_later"]):
            one = crisis.power_shift(delta=d, p_now=0.3, p_later=pl, cost=0.1)
            assert ds.war.values[i, j] == one.war
    s = bg.sweep.sensitivity(
        crisis.power_shift,
        "war",
        n=2**10,
        rng=0,
        bounds={"delta": (0.5, 0.99), "p_now": (0.1, 0.5), "p_later": (0.3, 0.9)},
        fixed={"cost": 0.1},
    )
    assert s.parameters == ("delta", "p_now", "p_later") and np.all(s.total > 0.05)
