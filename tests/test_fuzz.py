"""Hostile input for every public entry point (issue 10): NaN, infinities, masked arrays, 1e308,
empty and ragged input, booleans and strings where numbers belong.

Each must end in a clear :class:`bargain.InvalidArgumentError` that names the function, or (for
values that are legal but extreme) in an answer whose numbers are finite and whose status says
whether it is certified. Never a crash deep inside numpy or scipy, never a hang, never a
silently accepted NaN.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import bargain as bg

PD = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
HD = bg.Game.symmetric([[0, 3], [1, 2]])
POINTS = [[0, 0], [0, 2], [1, 1.5], [2, 0]]
PROBLEM = bg.BargainingProblem.from_points(POINTS)

NAN_MASK = np.ma.array([[np.nan, 1.0], [0.0, 1.0]], mask=[[True, False], [False, False]])

# hostile values for a payoff matrix or a vector/array argument
BAD_ARRAYS = {
    "nan": [[np.nan, 1.0], [0.0, 1.0]],
    "inf": [[np.inf, 1.0], [0.0, 1.0]],
    "masked": NAN_MASK,
    "empty": [],
    "ragged": [[1.0, 2.0], [3.0]],
    "strings": [["a", "b"], ["c", "d"]],
    "bools": [[True, False], [False, True]],
    "huge_int": [[10**400, 0], [0, 1]],
    "overflowing_range": [[1e308, -1e308], [-1e308, 1e308]],
}
BAD_VECTORS = {
    "nan": [np.nan, 1.0],
    "inf": [np.inf, 0.0],
    "masked": np.ma.array([np.nan, 1.0], mask=[True, False]),
    "empty": [],
    "ragged": [[0.5], [0.25, 0.25]],
    "strings": ["a", "b"],
    "negative": [-0.5, 1.5],
}
BAD_SCALARS = {
    "nan": math.nan,
    "inf": math.inf,
    "-inf": -math.inf,
    "bool": True,
    "string": "0.5",
    "list": [0.5],
    "none": None,
    "huge_int": 10**400,
}

# (name, callable taking the hostile value) for payoff-matrix arguments
ARRAY_SLOTS = [
    ("Game(A)", lambda v: bg.Game(v)),
    ("Game(A, B)", lambda v: bg.Game([[1, 0], [0, 1]], v)),
    ("Game.symmetric", lambda v: bg.Game.symmetric(v)),
    ("Game.zero_sum", lambda v: bg.Game.zero_sum(v)),
    ("ess", lambda v: bg.ess(v)),
    ("BargainingProblem.from_points", lambda v: bg.BargainingProblem.from_points(v)),
]
VECTOR_SLOTS = [
    ("max_regret x", lambda v: bg.max_regret(PD, v, [0, 1])),
    ("is_equilibrium y", lambda v: bg.is_equilibrium(PD, [0, 1], v)),
    ("replicator x0", lambda v: bg.replicator(HD, v, [0, 1])),
    ("replicator t", lambda v: bg.replicator(HD, [0.5, 0.5], v)),
    ("logit_qre_path lams", lambda v: bg.logit_qre_path(PD, v)),
    ("is_ess x", lambda v: bg.is_ess(HD.A, v)),
    ("nash_bargaining weights", lambda v: bg.nash_bargaining(PROBLEM, weights=v)),
    ("from_points disagreement", lambda v: bg.BargainingProblem.from_points(POINTS, disagreement=v)),
]
SCALAR_SLOTS = [
    ("nash_equilibria tol", lambda v: bg.nash_equilibria(PD, tol=v)),
    ("nash_equilibria max_time", lambda v: bg.nash_equilibria(PD, method="vertex", max_time=v)),
    ("support_enumeration max_iter", lambda v: bg.support_enumeration(PD, max_iter=v)),
    ("lemke_howson max_iter", lambda v: bg.lemke_howson(PD, max_iter=v)),
    ("batched_equilibria tol", lambda v: bg.batched_equilibria(PD, tol=v)),
    ("equilibria_2x2 tol", lambda v: bg.equilibria_2x2(PD, tol=v)),
    ("pure_equilibria tol", lambda v: bg.pure_equilibria(PD, tol=v)),
    ("solve_zero_sum tol", lambda v: bg.solve_zero_sum(bg.Game.zero_sum([[1, -1], [-1, 1]]), tol=v)),
    ("maxmin tol", lambda v: bg.maxmin(PD, tol=v)),
    ("iterated_dominance tol", lambda v: bg.iterated_dominance(PD, tol=v)),
    ("stackelberg tol", lambda v: bg.stackelberg(PD, tol=v)),
    ("correlated_equilibrium rng", lambda v: bg.correlated_equilibrium(PD, rng=v)),
    ("logit_qre lam", lambda v: bg.logit_qre(PD, v)),
    ("replicator max_iter", lambda v: bg.replicator(HD, [0.5, 0.5], [0, 1], max_iter=v)),
    ("rubinstein delta1", lambda v: bg.rubinstein(v, 0.9)),
    ("rubinstein breakdown", lambda v: bg.rubinstein(0.9, 0.9, breakdown=v)),
    ("rubinstein horizon", lambda v: bg.rubinstein(0.9, 0.9, horizon=v)),
    ("variable_threat transferable", lambda v: bg.variable_threat(PD, transferable=v)),
]

# scalar slots where an extreme but legal value (1e308) must give a finite answer or a clear error
EXTREME_SCALAR_SLOTS = [
    ("logit_qre lam", lambda v: bg.logit_qre(PD, v)),
    ("nash_equilibria max_time", lambda v: bg.nash_equilibria(PD, method="vertex", max_time=v)),
]


def _expect_clear_error(call, value, label):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = call(value)
    except bg.InvalidArgumentError as exc:
        func = label.split(" ")[0].split("(")[0]
        named = func.split(".")[-1] in str(exc) or func in str(exc)
        assert named, f"{label}: the error must name the function: {exc}"
        return
    except Exception as exc:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(f"{label}: {type(exc).__name__} instead of InvalidArgumentError: {exc}")
    pytest.fail(f"{label}: hostile value {value!r} accepted silently, returned {result!r}")


@pytest.mark.parametrize(("label", "call"), ARRAY_SLOTS, ids=[s[0] for s in ARRAY_SLOTS])
@pytest.mark.parametrize("kind", sorted(BAD_ARRAYS))
def test_hostile_payoffs(label, call, kind):
    _expect_clear_error(call, BAD_ARRAYS[kind], f"{label} [{kind}]")


@pytest.mark.parametrize(("label", "call"), VECTOR_SLOTS, ids=[s[0] for s in VECTOR_SLOTS])
@pytest.mark.parametrize("kind", sorted(BAD_VECTORS))
def test_hostile_vectors(label, call, kind):
    if kind == "negative" and ("replicator t" in label or "lams" in label or "disagreement" in label):
        pytest.skip("negative values are legal here")
    _expect_clear_error(call, BAD_VECTORS[kind], f"{label} [{kind}]")


@pytest.mark.parametrize(("label", "call"), SCALAR_SLOTS, ids=[s[0] for s in SCALAR_SLOTS])
@pytest.mark.parametrize("kind", sorted(BAD_SCALARS))
def test_hostile_scalars(label, call, kind):
    value = BAD_SCALARS[kind]
    if value is None and any(k in label for k in ("max_time", "max_iter", "rng", "horizon")):
        pytest.skip("None lifts a budget, seeds from the OS, or means an infinite horizon")
    if kind == "huge_int" and any(k in label for k in ("max_iter", "rng")):
        pytest.skip("a huge iteration budget or seed is legal (no budget, a big seed)")
    if kind == "list" and any(k in label for k in ("lam", "delta1", "breakdown")):
        pytest.skip("vectorized parameter: arrays are legal")
    if kind == "bool" and "transferable" in label:
        pytest.skip("a flag: booleans are its values")
    _expect_clear_error(call, value, f"{label} [{kind}]")


@pytest.mark.parametrize(("label", "call"), EXTREME_SCALAR_SLOTS, ids=[s[0] for s in EXTREME_SCALAR_SLOTS])
def test_extreme_but_legal_scalars(label, call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = call(1e308)
        except bg.InvalidArgumentError:
            return
    numbers = [
        np.asarray(v, dtype=float)
        for v in vars(result).values()
        if isinstance(v, np.ndarray) and v.dtype.kind == "f"
    ]
    if result.success:
        assert all(np.isfinite(a).all() for a in numbers), f"{label}: SUCCESS with non-finite numbers"


def test_overflowing_ranges_are_refused_by_name():
    with pytest.raises(bg.InvalidGameError, match="Game: the payoff range of A"):
        bg.Game([[1e308, -1e308], [-1e308, 1e308]], [[-1e308, 1e308], [1e308, -1e308]])
