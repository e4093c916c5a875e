"""bargain.sweep.sensitivity: Sobol indices against the Ishigami function's known values."""

from __future__ import annotations

import numpy as np
import pytest
from sweep_models import bargaining_range, chicken, ishigami

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidModelError

# Ishigami and Homma (1990) with a = 7, b = 0.1 on [-pi, pi]^3: analytical indices
# (Sobol' and Levitan 1999; the variance terms V1 = 4.3459, V2 = 6.125, V13 = 1.8816, V = 13.8445)
_V1 = 0.5 * (1 + 0.1 * np.pi**4 / 5) ** 2
_V2 = 49 / 8
_V13 = 0.1**2 * np.pi**8 * (1 / 18 - 1 / 50)
_V = _V1 + _V2 + _V13
FIRST = [_V1 / _V, _V2 / _V, 0.0]
TOTAL = [(_V1 + _V13) / _V, _V2 / _V, _V13 / _V]


def test_ishigami_indices():
    s = bg.sweep.sensitivity(ishigami, "y", n=2**13, rng=0)
    assert s.parameters == ("x1", "x2", "x3") and s.evaluations == 2**13 * 5
    np.testing.assert_allclose(s.first_order, FIRST, atol=0.03)
    np.testing.assert_allclose(s.total, TOTAL, atol=0.03)
    assert s.ranking() == ("x1", "x2", "x3")
    assert float(s.variance) == pytest.approx(_V, rel=0.05)
    text = repr(s)
    assert "x1 in [-3.14159, 3.14159]" in text and "first order" in text
    ds = s.to_dataset()
    assert ds.first_order.dims == ("parameter",) and list(ds.parameter.values) == ["x1", "x2", "x3"]


def test_bootstrap_intervals_cover_the_known_indices():
    s = bg.sweep.sensitivity(ishigami, "y", n=2**11, rng=1, confidence=0.99, resamples=50)
    assert s.first_order_interval.shape == (3, 2) and s.confidence == 0.99
    lo, hi = s.total_interval[:, 0], s.total_interval[:, 1]
    assert (lo <= s.total).all() and (s.total <= hi).all()
    assert ((lo - 0.02 <= TOTAL) & (np.array(TOTAL) <= hi + 0.02)).all()
    assert "99% low" in repr(s)
    ds = s.to_dataset()
    assert ds.total_interval.dims == ("parameter", "bound")


def test_measure_output_and_bounds():
    # chicken's escalation min(value / cost, 1): with cost above value everywhere, log-symmetric drivers
    s = bg.sweep.sensitivity(chicken, "escalation", bounds={"value": (1, 2), "cost": (3, 6)}, n=2**12, rng=1)
    assert s.parameters == ("value", "cost") and s.bounds == ((1.0, 2.0), (3.0, 6.0))
    assert (s.first_order > 0.2).all() and (s.total >= s.first_order - 0.05).all()
    with pytest.raises(InvalidArgumentError, match="vary at least two"):
        bg.sweep.sensitivity(chicken, "escalation", bounds={"cost": (3, 6)}, fixed={"value": 1.5}, n=64)
    # a measure's variable
    eq = bg.sweep.sensitivity(
        chicken, "eq_count", measures="equilibria", bounds={"value": (1, 3), "cost": (0.5, 4)}, n=2**10, rng=2
    )
    assert eq.first_order.shape == (2,)


def test_vector_output_has_indices_per_entry():
    s = bg.sweep.sensitivity(
        bargaining_range,
        "bounds",
        bounds={"p": None, "cost_a": (0, 0.5)},
        fixed={"cost_b": 0.1},
        n=2**10,
        rng=3,
    )
    assert s.first_order.shape == (2, 2)
    # the upper end p + cost_b does not depend on cost_a
    assert s.total[1].tolist() == pytest.approx([1.0, 0.0], abs=0.02)


def test_errors():
    with pytest.raises(InvalidArgumentError, match="confidence must be < 1"):
        bg.sweep.sensitivity(ishigami, "y", n=64, confidence=1.0)
    with pytest.raises(InvalidArgumentError, match="n must be a power of 2"):
        bg.sweep.sensitivity(ishigami, "y", n=1000)
    with pytest.raises(InvalidArgumentError, match="no variable 'z'.*variables: y"):
        bg.sweep.sensitivity(ishigami, "y".replace("y", "z"), n=64)
    with pytest.raises(InvalidModelError, match=r"cannot sample 'value' from its domain \(0, inf\)"):
        bg.sweep.sensitivity(chicken, "escalation", n=64)
    with pytest.raises(InvalidArgumentError, match=r"mixed_p is not finite at \d+ of \d+ points"):
        bg.sweep.sensitivity(
            chicken, "mixed_p", measures="mixed", bounds={"value": (1, 3), "cost": (0.5, 4)}, n=64, rng=0
        )
