"""Exact rational arithmetic: conversion, payoffs and regret with Fractions."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bargain as bg
from bargain.core import exact
from bargain.testing import strategies as bst


def test_to_fraction():
    assert exact.to_fraction(3) == F(3)
    assert exact.to_fraction(np.int64(-2)) == F(-2)
    assert exact.to_fraction(0.1) == F(1, 10)  # the decimal typed, not the binary value
    assert exact.to_fraction(1 / 3, max_denominator=100) == F(1, 3)
    with pytest.raises(bg.InvalidArgumentError, match="to_fraction: cannot convert non-finite"):
        exact.to_fraction(float("nan"))
    with pytest.raises(bg.InvalidArgumentError, match="myfunc: expected a real number"):
        exact.to_fraction([1, 2], "myfunc")


@given(bst.game_and_profile())
def test_exact_agrees_with_float(gxy):
    g, x, y = gxy
    Ae, Be = g.exact_payoffs()
    # float strategies sum to 1 only up to rounding: put them exactly on the simplex
    xe = exact.to_fraction_vector(x)
    ye = exact.to_fraction_vector(y)
    xe = tuple(v / sum(xe) for v in xe)
    ye = tuple(v / sum(ye) for v in ye)
    u = exact.exact_payoffs(Ae, Be, xe, ye)
    r = exact.exact_regret(Ae, Be, xe, ye)
    assert np.allclose([float(v) for v in u], g.payoffs(x, y), atol=1e-9)
    assert np.allclose([float(v) for v in r], bg.core.kernels.regret(g.A, g.B, x, y), atol=1e-9)
    assert min(r) >= 0


def test_exact_regret_detects_what_floats_cannot():
    big = 2**60
    g = bg.Game([[big + 1, 0], [big, 0]], [[0, 0], [0, 0]])
    Ae, Be = g.exact_payoffs()
    # in float64 the two rows tie; exactly, row 0 is strictly better
    assert g.A[0, 0] == g.A[1, 0]
    assert exact.exact_regret(Ae, Be, (F(0), F(1)), (F(1), F(0)))[0] == 1


def _gauss_jordan(rows, rhs, n):
    """Reference: textbook Gauss-Jordan in Fractions (unique solution or None)."""
    mat = [[F(v) for v in row] + [F(b)] for row, b in zip(rows, rhs)]
    r = 0
    for c in range(n):
        piv = next((i for i in range(r, len(mat)) if mat[i][c] != 0), None)
        if piv is None:
            return None
        mat[r], mat[piv] = mat[piv], mat[r]
        prow = [v / mat[r][c] for v in mat[r]]
        mat[r] = prow
        for i in range(len(mat)):
            if i != r and mat[i][c] != 0:
                f = mat[i][c]
                mat[i] = [a - f * b for a, b in zip(mat[i], prow)]
        r += 1
    if any(row[n] != 0 for row in mat[r:]):
        return None
    return tuple(mat[i][n] for i in range(n))


_small_fraction = st.builds(F, st.integers(-3, 3), st.integers(1, 3))


@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.just(n),
    st.integers(n, n + 2).flatmap(
        lambda m: st.lists(st.lists(_small_fraction, min_size=n, max_size=n), min_size=m, max_size=m)
    ),
    st.lists(_small_fraction, min_size=n + 2, max_size=n + 2),
    st.booleans(),
)))
def test_solve_linear_matches_gauss_jordan(case):
    n, rows, x, consistent = case
    rhs = [sum(a * v for a, v in zip(row, x)) for row in rows] if consistent else x[: len(rows)]
    got = exact.solve_linear(rows, rhs)
    assert got == _gauss_jordan(rows, rhs, n)
    if got is not None:
        assert all(sum(a * v for a, v in zip(row, got)) == b for row, b in zip(rows, rhs))


def test_to_fraction_reads_decimals_as_typed():
    assert exact.to_fraction(0.9) == F(9, 10)
    assert exact.to_fraction("0.9") == exact.to_fraction("9/10") == F(9, 10)
    assert exact.to_fraction(1e-300) == F(1, 10**300)
    with pytest.raises(bg.InvalidArgumentError, match="to_fraction: 'abc' is not a number"):
        exact.to_fraction("abc")
    with pytest.raises(bg.InvalidArgumentError, match="boolean"):
        exact.to_fraction(True)
