"""bargain.sweep chunking: any block plan gives the unchunked results exactly; the probe sizes blocks."""

from __future__ import annotations

import io
import math
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sweep_models import bargaining_range, chicken

import bargain as bg
from bargain.sweep import engine

xr = pytest.importorskip("xarray")

GRID = {"value": np.linspace(0.2, 3, 13), "cost": np.linspace(0.5, 4, 17)}
MEASURES = ["outputs", "equilibria", "pure", "critical_delta"]


@pytest.fixture(scope="module")
def whole():
    return bg.sweep(chicken, grid=GRID, measures=MEASURES, chunks=13 * 17, progress=False)


@pytest.mark.parametrize("chunks", [1, 5, 17, 40, {"value": 2}, {"value": 3, "cost": 4}, None])
def test_chunked_equals_unchunked(whole, chunks):
    ds = bg.sweep(chicken, grid=GRID, measures=MEASURES, chunks=chunks, progress=False)
    xr.testing.assert_identical(ds, whole)


def test_samples_chunked_equal_unchunked():
    kw = {
        "samples": 50,
        "method": "lhs",
        "bounds": {"p": None, "cost_a": (0, 1)},
        "rng": 5,
        "progress": False,
    }
    xr.testing.assert_identical(
        bg.sweep(bargaining_range, chunks=3, **kw), bg.sweep(bargaining_range, chunks=50, **kw)
    )


@settings(max_examples=40)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=4), st.integers(1, 500))
def test_block_shape_is_c_order_and_within_budget(shape, points):
    block = engine.block_shape(shape, points)
    assert all(1 <= b <= n for b, n in zip(block, shape))
    assert math.prod(block) <= max(points, 1) or all(b == 1 for b in block[:-1])
    # once an axis is cut, every axis before it has length 1 and every axis after it is whole
    cut = [i for i, (b, n) in enumerate(zip(block, shape)) if b < n]
    if cut:
        k = cut[-1]
        assert all(b == n for b, n in zip(block[k + 1 :], shape[k + 1 :]))
        assert all(b == 1 for b in block[:k])


def test_probe_reports_schema_and_cost():
    design = bg.sweep.run.make_design(chicken, GRID, None, fixed=None, bounds=None, method="sobol", rng=None)
    bound = bg.sweep.measures.resolve(design.model, ["equilibria"])
    found = engine.probe(design, bound)
    by_name = {s.name: s for s in found.schema}
    assert by_name["eq_payoffs"].trailing == (4, 2) and by_name["eq_payoffs"].dims == (
        "equilibrium",
        "player",
    )
    assert by_name["eq_degenerate"].dtype == np.bool_
    assert found.stored_bytes_per_point == 8 + 32 + 32 + 64 + 1
    assert found.bytes_per_point >= found.stored_bytes_per_point
    # the automatic plan keeps a block within the budget
    block = engine.plan(design, None, found, budget=found.bytes_per_point * 20)
    assert math.prod(block) <= 20


@settings(max_examples=15)
@given(st.integers(1, 13), st.integers(1, 17))
def test_any_block_lengths_give_the_unchunked_values(whole, a, b):
    ds = bg.sweep(chicken, grid=GRID, measures=MEASURES, chunks={"value": a, "cost": b}, progress=False)
    xr.testing.assert_identical(ds, whole)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_and_off_on_request(monkeypatch):
    pytest.importorskip("tqdm")
    fake = _Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    bg.sweep(chicken, grid=GRID, measures="pure", chunks=50, progress=True)
    text = fake.getvalue()
    assert "sweep test.chicken" in text and "221/221" in text
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    bg.sweep(chicken, grid=GRID, measures="pure", chunks=50, progress=False)
    assert quiet.getvalue() == ""


def test_no_progress_bar_off_a_terminal(capsys):
    bg.sweep(bargaining_range, grid={"p": [0.1, 0.2]}, progress=True)
    assert capsys.readouterr().err == ""
