"""Tests of bargain.solvers.dynamics.evolution: replicator dynamics and evolutionarily stable strategies."""

from __future__ import annotations

from fractions import Fraction as F
from itertools import product

import nashpy
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import InvalidArgumentError
from bargain.solvers.dynamics.evolution import is_ess
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
    assert "1 ESS: (1, 0)" in repr(weak)
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


# ---------------------------------------------------------------------------- replicator


def test_hawk_dove_converges_to_the_ess() -> None:
    """An ESS is asymptotically stable under the replicator dynamics (Taylor & Jonker 1978)."""
    res = bg.replicator(hawk_dove(4, 6), [[0.01, 0.99], [0.5, 0.5], [0.99, 0.01]], np.linspace(0, 60, 7))
    np.testing.assert_allclose(res.final_x, [[2 / 3, 1 / 3]] * 3, atol=1e-8)
    assert res.converged.all() and res.populations == 1
    assert res.x.shape == (3, 7, 2) and res.y is None and res.final_y is None


def test_agrees_with_nashpy() -> None:
    """nashpy integrates the same equations with scipy's odeint: an independent oracle."""
    A = np.array([[0.0, -1, 2], [2, 0, -1], [-1, 2, 0]])
    B = np.array([[1.0, 0, 2], [0, 3, 1], [2, 1, 0]])
    t = np.linspace(0, 10, 51)
    x0, y0 = np.array([0.2, 0.3, 0.5]), np.array([0.6, 0.3, 0.1])
    one = bg.replicator(A, x0, t)
    np.testing.assert_allclose(one.x, nashpy.Game(A).replicator_dynamics(y0=x0, timepoints=t), atol=1e-6)
    xs, ys = nashpy.Game(A, B).asymmetric_replicator_dynamics(x0=x0, y0=y0, timepoints=t)
    two = bg.replicator(bg.Game(A, B), x0, t, y0=y0)
    assert two.populations == 2
    np.testing.assert_allclose(two.x, xs, atol=1e-6)
    np.testing.assert_allclose(two.y, ys, atol=1e-6)
    ivp = bg.replicator(bg.Game(A, B), x0, t, y0=y0, method="solve_ivp", rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ivp.x, two.x, atol=1e-7)
    assert np.isnan(ivp.step) and ivp.method == "solve_ivp"


def test_zero_sum_rps_conserves_the_product() -> None:
    """Zero-sum RPS: x1 x2 x3 is a constant of motion (Hofbauer & Sigmund 1998, rock-scissors-paper).

    Check: d/dt log(x1 x2 x3) = sum_i ((Ax)_i - xAx) = sum(Ax) - 3 xAx = 0, since the columns of A
    sum to 0 and xAx = 0 for antisymmetric A."""
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    res = bg.replicator(A, [0.5, 0.3, 0.2], np.linspace(0, 50, 101))
    prod = res.x.prod(axis=-1)
    np.testing.assert_allclose(prod, 0.03, rtol=1e-7)
    assert not bool(res.converged)


def test_two_population_pennies_conserve_the_relative_entropy() -> None:
    """Zero-sum bimatrix game with interior equilibrium (p*, q*): sum p* log x + sum q* log y is
    constant along two-population replicator orbits (Hofbauer & Sigmund 1998, bimatrix games).

    Check: d/dt sum p* log x = p*.Ay - x.Ay and d/dt sum q* log y = x.Bq* - x.By; with B = -A
    the sum is p*.Ay - x.Aq*, and at an interior equilibrium of a zero-sum game A q* and p* A
    are constant vectors with the game's value v, so the sum is v - v = 0."""
    g = bg.Game([[1, -1], [-1, 1]])
    res = bg.replicator(g, [0.8, 0.2], np.linspace(0, 30, 61), y0=[0.3, 0.7])
    H = 0.5 * np.log(res.x).sum(axis=-1) + 0.5 * np.log(res.y).sum(axis=-1)
    np.testing.assert_allclose(H, H[0], rtol=1e-8)


@given(
    bst.symmetric_games(actions=(2, 4), payoffs="float", min_value=-5, max_value=5),
    st.integers(0, 2**32 - 1),
)
def test_states_stay_on_the_simplex_and_faces_are_invariant(g: bg.Game, seed: int) -> None:
    k = g.shape[0]
    rng = np.random.default_rng(seed)
    x0 = rng.dirichlet(np.ones(k), size=5)
    x0[0] = np.concatenate([[0.0], rng.dirichlet(np.ones(k - 1))])     # a start on a face
    res = bg.replicator(g, x0, np.linspace(0, 5, 11))
    assert np.all(res.x >= 0)
    np.testing.assert_allclose(res.x.sum(axis=-1), 1.0, atol=1e-12)
    assert np.all(res.x[0, :, 0] == 0.0)                 # extinct stays extinct


@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="float"), st.integers(0, 2**32 - 1))
def test_rest_points_stay_fixed(g: bg.Game, seed: int) -> None:
    """Vertices are rest points; so is a mixed equilibrium (every action in its support earns the same)."""
    m, n = g.shape
    rng = np.random.default_rng(seed)
    i, j = int(rng.integers(m)), int(rng.integers(n))
    x0, y0 = np.eye(m)[i], np.eye(n)[j]
    res = bg.replicator(g, x0, [0.0, 3.0], y0=y0, populations=2)
    np.testing.assert_array_equal(res.final_x, x0)
    np.testing.assert_array_equal(res.final_y, y0)
    assert bool(res.converged)


def test_interior_rest_point_of_rps_stays() -> None:
    res = bg.replicator([[0, -1, 2], [2, 0, -1], [-1, 2, 0]], [1 / 3] * 3, np.linspace(0, 20, 5))
    np.testing.assert_allclose(res.x, 1 / 3, atol=1e-14)
    assert bool(res.converged)


@given(bst.symmetric_games(actions=(2, 3), batch_shape=(3,), payoffs="float"), st.integers(0, 2**32 - 1))
def test_batched_equals_loop(g: bg.Game, seed: int) -> None:
    k = g.shape[0]
    x0 = np.random.default_rng(seed).dirichlet(np.ones(k), size=3)
    t = np.linspace(0, 2, 5)
    batch = bg.replicator(g, x0, t, max_step=0.01)
    for i in range(3):
        one = bg.replicator(g[i], x0[i], t, max_step=0.01)
        np.testing.assert_allclose(batch.x[i], one.x, atol=1e-12)
        assert bool(batch.converged[i]) == bool(one.converged)


def test_broadcasting_states_against_games() -> None:
    rng = np.random.default_rng(5)
    g = bg.Game.symmetric(rng.normal(size=(4, 3, 3)))
    res = bg.replicator(g, [0.2, 0.3, 0.5], [0, 1, 2])
    assert res.x.shape == (4, 3, 3) and res.speed.shape == (4,)
    single_game = bg.replicator(g[0], rng.dirichlet(np.ones(3), size=(2, 5)), [0, 1])
    assert single_game.x.shape == (2, 5, 2, 3)
    assert "batch of shape (2, 5)" in repr(single_game)
    assert "final_x=[" in repr(bg.replicator(g[0], [0.2, 0.3, 0.5], [0, 1]))


def test_symmetric_game_can_run_as_two_populations() -> None:
    g = bg.Game.symmetric(hawk_dove(4, 6))
    one = bg.replicator(g, [0.3, 0.7], [0, 5])
    two = bg.replicator(g, [0.3, 0.7], [0, 5], populations=2)
    assert one.populations == 1 and two.populations == 2
    np.testing.assert_allclose(two.x, two.y, atol=1e-14)     # same start: the populations stay equal
    np.testing.assert_allclose(two.x, one.x, atol=1e-14)


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        (([[1, 2, 3], [4, 5, 6]], [0.5, 0.5], [0, 1]), {}, "replicator: a payoff matrix alone must be"),
        (([[1, 2], [3, 4]], [0.6, 0.6], [0, 1]), {}, "replicator: x0 must sum to 1"),
        (([[1, 2], [3, 4]], [1.2, -0.2], [0, 1]), {}, "replicator: x0 has a negative"),
        (([[1, 2], [3, 4]], [np.nan, 1.0], [0, 1]), {}, "replicator: x0 contains a non-finite"),
        (([[1, 2], [3, 4]], [0.5, 0.25, 0.25], [0, 1]), {}, "replicator: x0 must have 2 entries"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [1, 0]), {}, "replicator: t must be strictly increasing"),
        (([[1, 2], [3, 4]], [0.5, 0.5], []), {}, "replicator: t must be a non-empty"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, np.inf]), {}, "replicator: t must be finite"),
        (([[1, np.nan], [3, 4]], [0.5, 0.5], [0, 1]), {}, "replicator: A contains a non-finite"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(method="euler"), "replicator: method"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(populations=3), "replicator: populations"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(max_step=0.0), "replicator: max_step"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(y0=[0.5, 0.5]), "replicator: y0 is only used"),
        (([[1, 2], [3, 4]], [0.5, 0.5], [0, 1]), dict(rest_tol=-1.0), "replicator: rest_tol"),
    ],
)
def test_bad_replicator_input(args: tuple, kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        bg.replicator(*args, **kwargs)


def test_bad_replicator_games() -> None:
    g = bg.Game([[1, 2, 0], [3, 4, 1]], [[0, 1, 1], [1, 0, 2]])
    with pytest.raises(InvalidArgumentError, match="replicator: y0 .* is required for a 2x3 game"):
        bg.replicator(g, [0.5, 0.5], [0, 1])
    with pytest.raises(InvalidArgumentError, match="replicator: one-population dynamics need a symmetric"):
        bg.replicator(bg.Game([[1, 2], [3, 4]], [[1, 0], [0, 1]]), [0.5, 0.5], [0, 1], populations=1)
    with pytest.raises(InvalidArgumentError, match="replicator: y0 has a negative"):
        bg.replicator(g, [0.5, 0.5], [0, 1], y0=[1.5, -0.5, 0.0])
    with pytest.raises(InvalidArgumentError, match="replicator: the batch shapes"):
        bg.replicator(bg.Game.symmetric(np.zeros((3, 2, 2))), np.full((4, 2), 0.5), [0, 1])


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
    with pytest.raises(InvalidArgumentError, match=match):
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
