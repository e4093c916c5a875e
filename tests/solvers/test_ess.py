"""Tests of bargain.solvers.dynamics.ess: evolutionarily stable strategies, exactly."""

from __future__ import annotations

from fractions import Fraction as F
from itertools import product

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain import is_ess
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.testing import strategies as bst


def hawk_dove(V: int, C: int) -> list[list[F]]:
    """Maynard Smith (1982, ch. 2): Hawk v Hawk (V - C)/2, Hawk v Dove V, Dove v Hawk 0, Dove v Dove V/2."""
    return [[F(V - C, 2), F(V)], [F(0), F(V, 2)]]


# Each reference game lists all its ESS exactly, with where the answer comes from.
REFERENCE = [
    dict(
        name="hawk-dove V < C",
        A=hawk_dove(4, 6),
        ess=[(F(2, 3), F(1, 3))],
        source="Maynard Smith 1982, ch. 2: for V < C the unique ESS plays Hawk with probability V/C",
    ),
    dict(
        name="hawk-dove V > C",
        A=hawk_dove(6, 4),
        ess=[(F(1), F(0))],
        source="Maynard Smith 1982, ch. 2: for V > C pure Hawk is a strict equilibrium, hence the ESS",
    ),
    dict(
        name="hawk-dove V = C",
        A=hawk_dove(2, 2),
        ess=[(F(1), F(0))],
        source="Maynard Smith 1982, ch. 2, V = C: Hawk ties with Dove against Hawk (0 = 0) but beats it "
        "against Dove (V > V/2), so Hawk is an ESS by the second condition (a non-regular ESS: Dove "
        "is an alternative best reply)",
    ),
    dict(
        name="rock-paper-scissors, zero-sum",
        A=[[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        ess=[],
        source="Maynard Smith 1982 / Hofbauer & Sigmund 1998 (rock-scissors-paper example): in the "
        "zero-sum game every y satisfies x.Ay = y.Ay = 0 at the centre, so no ESS exists",
    ),
    dict(
        name="rock-paper-scissors, win 2 loss 1",
        A=[[0, -1, 2], [2, 0, -1], [-1, 2, 0]],
        ess=[(F(1, 3), F(1, 3), F(1, 3))],
        source="generalised RPS (Hofbauer & Sigmund 1998, rock-scissors-paper): with win b and loss a, "
        "z.Az = -(b - a)/2 |z|^2 on the tangent space, negative definite iff b > a, so the centre "
        "is an ESS (Haigh's criterion)",
    ),
    dict(
        name="rock-paper-scissors, win 1 loss 2",
        A=[[0, -2, 1], [1, 0, -2], [-2, 1, 0]],
        ess=[],
        source="as above with b < a: the centre is a Nash equilibrium that is not an ESS",
    ),
    dict(
        name="pure coordination",
        A=[[2, 0], [0, 1]],
        ess=[(F(1), F(0)), (F(0), F(1))],
        source="Maynard Smith 1982: a strict symmetric equilibrium is an ESS; the mixed equilibrium "
        "(1/3, 2/3) of a coordination game is not (Weibull 1995, ch. 2, 2x2 classification)",
    ),
    dict(
        name="prisoner's dilemma",
        A=[[3, 0], [5, 1]],
        ess=[(F(0), F(1))],
        source="Axelrod 1984 / Weibull 1995, ch. 2, 2x2 classification: Defect is strictly dominant",
    ),
    dict(
        name="all payoffs equal",
        A=[[1, 1, 1], [1, 1, 1], [1, 1, 1]],
        ess=[],
        source="every strategy is an alternative best reply earning the same: nothing is stable",
    ),
    dict(
        name="weak pure ESS",
        A=[[0, 0], [0, -1]],
        ess=[(F(1), F(0))],
        source="x = e0: y.Ax = 0 = x.Ax for every y, and x.Ay = 0 > -y1^2 = y.Ay (second condition)",
    ),
]


def _maynard_smith_holds(A: list, x: tuple, y: tuple) -> bool:
    """The definition, exactly, for one mutant y."""
    k = len(A)
    xAx = sum(x[i] * A[i][j] * x[j] for i in range(k) for j in range(k))
    yAx = sum(y[i] * A[i][j] * x[j] for i in range(k) for j in range(k))
    if yAx < xAx:
        return True
    if yAx > xAx:
        return False
    xAy = sum(x[i] * A[i][j] * y[j] for i in range(k) for j in range(k))
    yAy = sum(y[i] * A[i][j] * y[j] for i in range(k) for j in range(k))
    return xAy > yAy


def _mutants(k: int, x: tuple, rng: np.random.Generator, count: int = 60) -> list[tuple]:
    """Vertices, edge midpoints, points near x and random rational points (all != x)."""
    out = []
    for i in range(k):
        out.append(tuple(F(int(i == j)) for j in range(k)))
    for i, j in product(range(k), repeat=2):
        if i < j:
            out.append(tuple(F(1, 2) if t in (i, j) else F(0) for t in range(k)))
    for _ in range(count):
        w = [F(int(v)) for v in rng.integers(0, 5, k)]
        if sum(w) == 0:
            w[0] = F(1)
        w = [v / sum(w) for v in w]
        out.append(tuple(w))
        eps = F(1, int(rng.integers(10, 1000)))
        out.append(tuple((1 - eps) * a + eps * b for a, b in zip(x, w)))
    return [y for y in out if y != tuple(x)]


def _check_ess(A: list, res: bg.ESSResult, rng: np.random.Generator) -> None:
    """The invariants: every ESS is a symmetric equilibrium and survives every sampled mutant."""
    g = bg.Game.symmetric([[float(v) for v in row] for row in A])
    k = len(A)
    supports = [set(s) for s in res.supports]
    for x, xe, S in zip(res.strategies, res.strategies_exact, res.supports):
        assert sum(xe) == 1 and all(p >= 0 for p in xe)
        assert tuple(i for i in range(k) if xe[i] > 0) == S
        np.testing.assert_allclose(x, [float(p) for p in xe])
        assert bg.is_equilibrium(g, x, x)
        assert bg.is_equilibrium(g, xe, xe, exact=True)
        assert all(_maynard_smith_holds(A, xe, y) for y in _mutants(k, xe, rng))
        assert is_ess(A, xe) and is_ess(A, x)
    # Bishop & Cannings (1976): no ESS has its support inside another ESS's support
    for a, b in product(range(len(supports)), repeat=2):
        if a != b:
            assert not supports[a] <= supports[b]


@pytest.mark.parametrize("case", REFERENCE, ids=[c["name"] for c in REFERENCE])
def test_reference_games(case: dict) -> None:
    A = [[F(v) for v in row] for row in case["A"]]
    res = bg.ess(A)
    assert sorted(res.strategies_exact) == sorted(tuple(e) for e in case["ess"])
    _check_ess(A, res, np.random.default_rng(0))
    # the same answer from a symmetric Game, a float matrix and a nashpy game
    floats = [[float(v) for v in row] for row in case["A"]]
    for source in (bg.Game.symmetric(A), np.array(floats), nashpy.Game(np.array(floats), np.array(floats).T)):
        assert bg.ess(source).strategies_exact == res.strategies_exact


def test_hawk_dove_regularity_and_payoffs() -> None:
    res = bg.ess(hawk_dove(4, 6))
    assert res.supports == ((0, 1),) and res.regular == (True,)
    assert res.payoffs == (F(2, 3),)
    weak = bg.ess(hawk_dove(2, 2))
    assert weak.regular == (False,)            # Dove is a best reply to Hawk outside the support
    assert "ESSResult: 1 ESS\n  a0\n" in repr(weak) and "status=SUCCESS" in repr(weak)
    none = bg.ess([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    assert len(none) == 0 and "no ESS" in repr(none)
    assert (F(1, 3), F(1, 3), F(1, 3)) in none.symmetric_equilibria
    assert list(bg.ess([[2, 0], [0, 1]]))[0].tolist() == [1.0, 0.0]
    assert bg.ess([[2, 0], [0, 1]])[1].tolist() == [0.0, 1.0]


def _ess_2x2_by_classification(A: list) -> set[tuple[F, F]]:
    """Independent oracle (Weibull 1995, ch. 2): classify by a1 = a11 - a21 and a2 = a22 - a12."""
    a1 = A[0][0] - A[1][0]
    a2 = A[1][1] - A[0][1]
    out = set()
    if a1 > 0 or (a1 == 0 and a2 < 0):
        out.add((F(1), F(0)))
    if a2 > 0 or (a2 == 0 and a1 < 0):
        out.add((F(0), F(1)))
    if a1 < 0 and a2 < 0:
        p = a2 / (a1 + a2)
        out.add((p, 1 - p))
    return out


@given(st.lists(st.integers(-3, 3), min_size=4, max_size=4))
def test_2x2_matches_the_classification(entries: list[int]) -> None:
    A = [[F(entries[0]), F(entries[1])], [F(entries[2]), F(entries[3])]]
    res = bg.ess(A)
    assert set(res.strategies_exact) == _ess_2x2_by_classification(A)


@given(bst.symmetric_games(actions=(1, 4)))
def test_every_ess_is_a_stable_symmetric_equilibrium(g: bg.Game) -> None:
    A = [[F(int(v)) for v in row] for row in g.A]
    res = bg.ess(g)
    _check_ess(A, res, np.random.default_rng(1))
    for x in res.symmetric_equilibria:
        assert bg.is_equilibrium(g, x, x, exact=True)
        assert is_ess(A, x) == (x in res.strategies_exact)


@given(bst.symmetric_games(actions=(2, 4)), st.floats(0.1, 10), st.integers(-3, 3))
def test_ess_invariant_under_positive_affine_and_column_shifts(g: bg.Game, a: float, b: int) -> None:
    """Adding a constant to a column of A (or scaling it) does not change the ESS set."""
    A = [[F(int(v)) for v in row] for row in g.A]
    scale = F(a).limit_denominator(50)
    shifted = [[scale * A[i][j] + b * (j + 1) for j in range(len(A))] for i in range(len(A))]
    assert bg.ess(A).strategies_exact == bg.ess(shifted).strategies_exact


@given(bst.symmetric_games(actions=(2, 4)), st.randoms(use_true_random=False))
def test_ess_under_relabelling(g: bg.Game, rnd) -> None:
    k = g.shape[0]
    perm = list(range(k))
    rnd.shuffle(perm)
    A = [[F(int(g.A[i, j])) for j in range(k)] for i in range(k)]
    P = [[A[perm[i]][perm[j]] for j in range(k)] for i in range(k)]
    mapped = {tuple(x[perm[i]] for i in range(k)) for x in bg.ess(A).strategies_exact}
    assert set(bg.ess(P).strategies_exact) == mapped


def test_is_ess_tolerances_and_exactness() -> None:
    A = hawk_dove(4, 6)
    assert is_ess(A, [0.6666666667, 0.3333333333])
    assert not is_ess(A, [0.66, 0.34])
    assert not is_ess(A, [F(1, 2), F(1, 2)])
    assert not is_ess(A, [0, 1])
    assert not is_ess([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [F(1, 3)] * 3)


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "arg, match",
    [
        ([[1, 2, 3], [4, 5, 6]], "ess: A must be square"),
        ([[1, np.nan], [0, 1]], "ess: A contains a non-finite"),
        ([1, 2, 3], "ess: A must have at least 2 dimensions"),
        (np.zeros((2, 2, 2)), "ess: A must be a single square matrix"),
        (bg.Game([[1, 2], [3, 4]], [[1, 0], [0, 1]]), "ess: the game must be symmetric"),
        (bg.Game.symmetric(np.zeros((2, 2, 2))), "ess: takes a single game"),
        ("hawk", "ess: A must"),
    ],
)
def test_bad_ess_input(arg, match: str) -> None:
    with pytest.raises(InvalidGameError, match=match):
        bg.ess(arg)


def test_ess_size_limit_and_is_ess_input() -> None:
    with pytest.raises(InvalidArgumentError, match="ess: 15 actions exceed max_actions=14"):
        bg.ess(np.eye(15))
    assert len(bg.ess(np.eye(3), max_actions=3)) == 3
    with pytest.raises(InvalidArgumentError, match="is_ess: x must sum to 1"):
        is_ess([[1, 0], [0, 1]], [0.5, 0.6])
    with pytest.raises(InvalidArgumentError, match="is_ess: A must be square"):
        is_ess([[1, 0, 0], [0, 1, 0]], [0.5, 0.5])
    with pytest.raises(InvalidArgumentError, match="is_ess: x must have 2 entries"):
        is_ess([[1, 0], [0, 1]], [1.0])


@pytest.mark.parametrize(
    "x, match",
    [
        ([True, False], "is_ess: x must be real"),
        (np.ma.array([0.5, 0.5], mask=[0, 1]), "is_ess: x has masked entries"),
        ([np.nan, 1.0], "is_ess: x must be finite"),
        ([], "is_ess: x is empty"),
        ([[0.5, 0.5]], "is_ess: x must have 1 dimension"),
    ],
)
def test_bad_is_ess_strategies(x, match: str) -> None:
    with pytest.raises(InvalidGameError, match=match):
        is_ess([[1, 0], [0, 1]], x)


def test_bad_ess_options() -> None:
    with pytest.raises(InvalidArgumentError, match="ess: max_actions must be an integer"):
        bg.ess([[1, 0], [0, 1]], max_actions=True)
    with pytest.raises(InvalidArgumentError, match="ess: max_time must be > 0"):
        bg.ess([[1, 0], [0, 1]], max_time=0)
    with pytest.raises(InvalidArgumentError, match="is_ess: strategy_tol must be"):
        is_ess([[1, 0], [0, 1]], [1, 0], strategy_tol=-1.0)
    with pytest.raises(InvalidGameError, match="ess: A contains a non-finite"):
        bg.ess([[1, np.inf], [0, 1]])
    with pytest.raises(InvalidGameError, match="ess: .*overflows float64"):
        bg.ess([[1e308, -1e308], [0, 1]])
    with pytest.raises(InvalidGameError, match="ess: A is empty"):
        bg.ess(np.zeros((0, 0)))


def test_is_ess_tol_is_a_deprecated_alias() -> None:
    A = hawk_dove(4, 6)
    with pytest.warns(DeprecationWarning, match="is_ess: tol is deprecated; use strategy_tol"):
        assert is_ess(A, [0.66, 0.34], tol=0.01)
    assert not is_ess(A, [0.66, 0.34])
    assert is_ess(A, [0.66, 0.34], strategy_tol=0.01)
    with pytest.warns(DeprecationWarning), pytest.raises(InvalidArgumentError, match="not both"):
        is_ess(A, [0.66, 0.34], tol=0.01, strategy_tol=0.02)
    with pytest.raises(TypeError, match="unexpected keyword argument 'atol'"):
        is_ess(A, [0.66, 0.34], atol=0.01)


def test_time_budget() -> None:
    with pytest.warns(bg.ConvergenceWarning, match="ess: max_time ran out"):
        res = bg.ess(np.eye(12), max_time=1e-4)
    assert res.status is bg.Status.MAX_TIME and not res.success
    full = bg.ess(np.eye(4))
    assert full.success and full.status is bg.Status.SUCCESS and len(full) == 4
    assert "all 15 supports examined" in full.message


def test_labels_and_float_decimals() -> None:
    g = bg.Game.symmetric([[-1, 4], [0, 2]], actions=("Hawk", "Dove"))
    res = bg.ess(g)
    assert "Hawk 2/3, Dove 1/3" in repr(res) and res.labels == g.labels
    assert not res.strategies[0].flags.writeable
    # decimals mean what was typed: V = 0.4, C = 0.6 gives Hawk with probability 2/3 exactly
    decimal = bg.ess([[-0.1, 0.4], [0.0, 0.2]])
    assert decimal.strategies_exact == ((F(2, 3), F(1, 3)),)


@settings(max_examples=40)
@given(bst.symmetric_games(actions=(2, 4)), st.data())
def test_ess_invariant_to_every_positive_affine_change(g: bg.Game, data) -> None:
    """A -> 10**k A + s (|k| <= 9, shifts up to 1e12), exactly and as floats: the same ESS."""
    amap = data.draw(bst.affine_maps(g))
    a, s = amap.scale[0], amap.shift[0]
    A = [[F(int(v)) for v in row] for row in g.A]
    exact = [[a * v + s for v in row] for row in A]
    ref = bg.ess(A)
    assert bg.ess(exact).strategies_exact == ref.strategies_exact
    floats = amap.apply(g)              # player 0's map on A; player 1's on B (not used by ess)
    assert bg.ess(floats.A).strategies_exact == ref.strategies_exact
    for x in ref.strategies_exact:
        assert is_ess(exact, x)


def test_masked_payoffs_are_refused() -> None:
    """Issue 10: a masked array must not smuggle NaN in."""
    masked = np.ma.array([[np.nan, 1], [0, 1]], mask=[[1, 0], [0, 0]])
    with pytest.raises(InvalidGameError, match="ess: A has masked entries"):
        bg.ess(masked)
    with pytest.raises(InvalidGameError, match="is_ess: A has masked entries"):
        is_ess(masked, [1, 0])
