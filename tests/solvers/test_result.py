"""Result types: frozen, read-only arrays, readable repr, status semantics."""

import dataclasses
from fractions import Fraction as F

import numpy as np
import pytest

import bargain as bg
from bargain.solvers.nash._assemble import assemble_result, maximal_components


def test_equilibrium_is_frozen_with_read_only_arrays():
    e = bg.Equilibrium([1, 0], [0.5, 0.5], [1, 2])
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.row = np.array([0, 1])
    with pytest.raises(ValueError):
        e.row[0] = 0.3
    assert e.row_support == (0,) and e.col_support == (0, 1) and not e.is_pure
    assert "row=[1, 0]" in repr(e)


def test_exact_repr_and_supports():
    e = bg.Equilibrium([2 / 3, 1 / 3], [1, 0], [1, 1], 0.0, (F(2, 3), F(1, 3)), (F(1), F(0)), (F(1), F(1)))
    assert repr(e) == "Equilibrium(row=(2/3, 1/3), col=(1, 0), payoffs=(1, 1))"
    assert e.is_exact and e.col_support == (0,)


def test_nash_result_fields_and_status():
    res = bg.nash_equilibria(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert res.success and res.status is bg.Status.SUCCESS and len(res) == 3
    assert [e.is_pure for e in res] == [True, True, False] and len(res.pure) == 2
    assert res[2].payoffs.tolist() == pytest.approx([2 / 3, 2 / 3])
    assert "NashResult(3 equilibria" in repr(res)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.method = "x"


def test_assemble_drops_and_flags_uncertified_profiles():
    g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.warns(bg.ConvergenceWarning, match="failed certification"):
        res = assemble_result(
            g, [([1, 0], [1, 0]), ([1, 0], [0, 1])], method="test", complete=True, degenerate=False, tol=1e-9
        )
    assert len(res) == 1 and res.status is bg.Status.UNCERTIFIED and not res.complete
    assert res.max_regret == 0


def test_maximal_components_of_a_continuum():
    # an L-shaped equilibrium set: two segments sharing the vertex (x0, y0)
    eqs = [
        bg.Equilibrium([1, 0], [1, 0], [0, 0]),
        bg.Equilibrium([1, 0], [0, 1], [0, 0]),
        bg.Equilibrium([0, 1], [1, 0], [0, 0]),
    ]
    assert maximal_components(eqs) == ((0, 1), (0, 2))
