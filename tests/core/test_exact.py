"""Exact rational arithmetic: conversion, payoffs and regret with Fractions."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

import bargain as bg
from bargain.core import exact
from bargain.testing import strategies as bst


def test_to_fraction():
    assert exact.to_fraction(3) == F(3)
    assert exact.to_fraction(np.int64(-2)) == F(-2)
    assert exact.to_fraction(0.1) == F(3602879701896397, 36028797018963968)  # exact binary value
    assert exact.to_fraction(0.1, max_denominator=100) == F(1, 10)
    assert exact.to_fraction(True) == 1
    with pytest.raises(bg.InvalidArgumentError, match="to_fraction: cannot convert non-finite"):
        exact.to_fraction(float("nan"))
    with pytest.raises(bg.InvalidArgumentError, match="myfunc: expected a real number"):
        exact.to_fraction("1/2", "myfunc")


@given(bst.game_and_profile())
def test_exact_agrees_with_float(gxy):
    g, x, y = gxy
    Ae, Be = g.exact_payoffs()
    xe = exact.to_fraction_vector(x)
    ye = exact.to_fraction_vector(y)
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
