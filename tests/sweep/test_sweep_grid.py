"""bargain.sweep: designs (grids and samples), the Dataset's labels, and bad input."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from sweep_models import bargaining_range, chicken

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidModelError

xr = pytest.importorskip("xarray")


def test_module_is_callable_and_sensitivity_reachable():
    import bargain.sweep as sweep_module

    assert bg.sweep is sweep_module and callable(bg.sweep)
    assert callable(bg.sweep.sensitivity) and callable(bg.sweep.sweep)
    ds = bg.sweep(bargaining_range, grid={"p": [0.5]}, progress=False)
    assert isinstance(ds, xr.Dataset)


def test_import_bargain_does_not_import_xarray_or_dask():
    code = (
        "import sys, bargain, bargain.sweep; "
        "print(any(m.split('.')[0] in ('xarray', 'dask', 'distributed', 'tqdm') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_extra_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "xarray", None)  # import xarray now raises ImportError
    with pytest.raises(
        ImportError,
        match=r'bargain.sweep needs xarray, part of the sweep extra: pip install "bargain-games\[sweep\]"',
    ):
        bg.sweep(bargaining_range, grid={"p": [0.5]}, progress=False)


def test_grid_values_equal_pointwise_calls_and_labels():
    p = np.linspace(0, 1, 5)
    ca = np.array([0.0, 0.1, 0.3])
    ds = bg.sweep(bargaining_range, grid={"p": p, "cost_a": ca}, fixed={"cost_b": 0.2}, progress=False)
    assert ds.width.dims == ("p", "cost_a") and ds.bounds.dims == ("p", "cost_a", "end")
    assert set(ds.data_vars) == {"bounds", "width", "war.a", "war.b"}
    for i, pi in enumerate(p):
        for j, cj in enumerate(ca):
            one = bargaining_range(pi, cost_a=cj, cost_b=0.2)
            assert ds.bounds.values[i, j].tolist() == one.bounds.tolist()
            assert ds["war.b"].values[i, j] == one.war["b"]
    assert ds.p.attrs["description"] == "probability that A wins a war" and ds.p.attrs["domain"] == "[0, 1]"
    assert ds.cost_a.attrs["units"] == "share of territory"
    assert (
        ds.width.attrs["units"] == "share of territory"
        and ds.width.attrs["description"] == "width of the range"
    )
    assert ds.attrs["model"] == "test.bargaining_range" and ds.attrs["source"].startswith("Fearon (1995)")
    assert ds.attrs["bargain_version"] == bg.__version__ and ds.attrs["fixed"] == "cost_b=0.2"
    assert ds.attrs["fixed_cost_b"] == 0.2 and ds.attrs["design"] == "grid"


def test_game_model_outputs_and_sel():
    ds = bg.sweep(chicken, grid={"cost": [1.0, 4.0]}, fixed={"value": 2.0}, progress=False)
    assert set(ds.data_vars) == {"escalation", "crash"}  # the game itself is not stored
    assert float(ds.escalation.sel(cost=4.0)) == 0.5 and ds.crash.dims == ("cost", "player")


@pytest.mark.parametrize("method", ["sobol", "lhs"])
def test_samples_within_bounds_and_reproducible(method):
    kw = {"samples": 64, "bounds": {"p": None, "cost_a": (0.0, 0.5)}, "method": method, "progress": False}
    a = bg.sweep(bargaining_range, rng=3, **kw)
    b = bg.sweep(bargaining_range, rng=3, **kw)
    assert a.width.dims == ("sample",) and a.p.dims == ("sample",)
    assert ((a.p >= 0) & (a.p <= 1)).all() and ((a.cost_a >= 0) & (a.cost_a < 0.5)).all()
    xr.testing.assert_identical(a, b)
    np.testing.assert_array_equal(a.width.values, a.cost_a.values + 0.1)
    # a Latin hypercube puts one point in each of the 64 strata of every parameter
    if method == "lhs":
        assert sorted(np.floor(a.p.values * 64).astype(int).tolist()) == list(range(64))


def test_sobol_sample_size_not_a_power_of_two_warns():
    with pytest.warns(UserWarning, match="balanced only when its size is a power of 2; got 12 \\(use 16"):
        bg.sweep(bargaining_range, samples=12, bounds={"p": None}, progress=False)


def test_samples_default_to_unfixed_parameters_with_finite_domains():
    ds = bg.sweep(bargaining_range, samples=16, fixed={"cost_a": 0.1, "cost_b": 0.1}, rng=0, progress=False)
    assert ds.attrs["swept"] == "p"


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"grid": {"p": []}}, InvalidModelError, r"grid\['p'\] is empty"),
        ({"grid": {"p": [[0.1, 0.2]]}}, InvalidModelError, r"grid\['p'\] must have 1 dimension"),
        ({"grid": {"q": [0.1]}}, InvalidModelError, r"no parameter 'q'.*p, cost_a, cost_b"),
        (
            {"grid": {"p": [0.5, 1.5]}},
            InvalidModelError,
            r"test\.bargaining_range: grid\['p'\] must be in \[0, 1\].*got 1\.5 at index 1",
        ),
        ({"grid": {"cost_a": [0.1]}}, InvalidModelError, r"required parameter\(s\) 'p'"),
        ({"grid": {"p": [0.1]}, "fixed": {"p": 0.2}}, InvalidModelError, "'p' is both swept and fixed"),
        ({"grid": {"p": [0.1]}, "fixed": {"cost_a": [0.1, 0.2]}}, InvalidModelError, "must be a scalar"),
        ({"grid": {}}, InvalidModelError, "non-empty mapping"),
        ({}, InvalidArgumentError, "nothing to sweep"),
        ({"grid": {"p": [0.1]}, "samples": 4}, InvalidArgumentError, "not both"),
        ({"samples": 8}, InvalidModelError, r"cannot sample 'cost_a' from its domain \[0, inf\).*bounds="),
        ({"samples": 8, "bounds": {"p": (0.5, 2)}}, InvalidModelError, r"bounds\['p'\].*leave the domain"),
        ({"samples": 8, "bounds": {"p": (0.5, 0.1)}}, InvalidModelError, "low < high"),
        ({"samples": 0, "bounds": {"p": None}}, InvalidModelError, "samples must be >= 1"),
        ({"grid": {"p": [0.1]}, "backend": "gpu"}, InvalidArgumentError, "backend must be one of"),
        ({"grid": {"p": [0.1]}, "measures": "nope"}, InvalidArgumentError, "no measure called 'nope'"),
        ({"grid": {"p": [0.1]}, "chunks": 0}, InvalidArgumentError, "chunks must be >= 1"),
        ({"grid": {"p": [0.1]}, "chunks": {"x": 2}}, InvalidArgumentError, "'x', not a dimension"),
        ({"grid": {"p": [0.1]}, "memory": "lots"}, InvalidArgumentError, "memory must be a positive"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, error, match):
    with pytest.raises(error, match=match):
        bg.sweep(bargaining_range, progress=False, **kwargs)


def test_option_parameter_cannot_be_swept():
    with pytest.raises(InvalidModelError, match="only real parameters can be swept"):
        bg.sweep(bg.models.get_model(_side_model()), grid={"side": [0, 1]}, progress=False)


def _side_model():
    from dataclasses import dataclass
    from typing import Any

    from bargain.models import ModelResult, Parameter, model, output

    @dataclass(frozen=True, eq=False, repr=False)
    class R(ModelResult):
        y: Any = output("y")

    @model(
        family="test",
        source="none",
        result=R,
        register=False,
        parameters=[Parameter("x", "x"), Parameter("side", "side", kind="option", choices=(0, 1), default=0)],
    )
    def with_option(x, side):
        """x, or -x."""
        return {"y": x if side == 0 else -x}

    return with_option


def test_results_too_large_for_memory_give_the_estimate():
    grid = {"p": np.linspace(0, 1, 1000), "cost_a": np.linspace(0, 1, 1000)}
    with pytest.raises(
        InvalidArgumentError,
        match=r"p \(1000\) x cost_a \(1000\) = 1e\+06 points needs about "
        r"40\.0 MB for its results \(40 bytes a point\).*backend='dask'",
    ):
        bg.sweep(bargaining_range, grid=grid, memory="20MB", progress=False)
