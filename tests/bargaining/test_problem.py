"""BargainingProblem: feasible sets (exact hulls and Pareto frontiers), disagreement points,
validation, frontier batches."""

from __future__ import annotations

import math
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import bargain as bg
from bargain import InvalidArgumentError, InvalidGameError, InvalidProblemError, NoAgreementError

# ----------------------------------------------------------------------------- helpers
int_points = st.lists(
    st.tuples(st.integers(-4, 4), st.integers(-4, 4)), min_size=1, max_size=9
)


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _below_chain(chain, p):
    """Exact: is p weakly below the (concave, decreasing) polyline `chain` at p[0]?"""
    if p[0] < chain[0][0]:
        return p[1] <= chain[0][1]
    if p[0] > chain[-1][0]:
        return True  # no frontier point to the right; only needs p not to dominate R
    for a, b in zip(chain, chain[1:]):
        if a[0] <= p[0] <= b[0]:
            return _cross(a, b, p) <= 0
    return p[1] <= chain[-1][1]


# ----------------------------------------------------------------------------- reference sets
REFERENCE_FRONTIERS = [
    {
        "source": "split the dollar: lotteries over (1, 0), (0, 1) and no deal (0, 0)",
        "points": [(0, 0), (1, 0), (0, 1)],
        "frontier": [(0, 1), (1, 0)],
    },
    {
        "source": "Kalai & Smorodinsky 1975, Sect. 2 (monotonicity example, the larger set)",
        "points": [(0, 0), (1, 0), (0, 1), (1, F(7, 10))],
        "frontier": [(0, 1), (1, F(7, 10))],
    },
    {
        "source": "dominated, interior and collinear points are dropped (constructed)",
        "points": [(0, 0), (0, 4), (1, 3), (2, 2), (4, 0), (1, 1), (2, 1), (0, 4)],
        "frontier": [(0, 4), (4, 0)],
    },
]


@pytest.mark.parametrize("case", REFERENCE_FRONTIERS, ids=lambda c: c["source"][:30])
def test_reference_frontiers_exact(case):
    P = bg.BargainingProblem.from_points(case["points"])
    assert P.exact
    assert P.frontier_exact == tuple((F(a), F(b)) for a, b in case["frontier"])
    np.testing.assert_array_equal(P.frontier, np.array(case["frontier"], dtype=float))


def test_nash_1950_barter_frontier():
    """Nash (1950), Sect. 'Example': the barter between Bill and Jack; the vertex (12, 5) is
    the trade 'Bill gives book, whip, ball, bat; Jack gives pen, toy, knife'."""
    bill = [(2, 4), (2, 2), (2, 1), (2, 2), (4, 1)]  # (utility to Bill, to Jack)
    jack = [(10, 1), (4, 1), (6, 2), (2, 2)]
    pts = []
    for mask in range(2 ** 9):
        give = [bill[k] for k in range(5) if mask >> k & 1]
        get = [jack[k] for k in range(4) if mask >> (5 + k) & 1]
        pts.append((sum(g[0] for g in get) - sum(g[0] for g in give),
                    sum(g[1] for g in give) - sum(g[1] for g in get)))
    P = bg.BargainingProblem.from_points(pts)
    assert (F(12), F(5)) in P.frontier_exact
    # ideal point relative to d = (0, 0): the frontier crosses u2 = 0 at 18 and u1 = 0 at 17/2
    assert P.ideal_exact == (F(18), F(17, 2))


def _problem_or_none(points, **kwargs):
    """The problem, or None when it has no gain from agreement (then the example is skipped)."""
    try:
        return bg.BargainingProblem.from_points(points, **kwargs)
    except NoAgreementError:
        return None


@given(int_points)
def test_frontier_is_the_upper_right_hull(points):
    """Every point is weakly below the chain, chain vertices are input points, the chain is
    strictly decreasing and concave (exact arithmetic)."""
    P = _problem_or_none(points, disagreement=min(points), free_disposal=True)
    assume(P is not None)
    chain = P.frontier_exact
    pts = {(F(a), F(b)) for a, b in points}
    assert set(chain) <= pts
    for a, b in zip(chain, chain[1:]):
        assert a[0] < b[0] and a[1] > b[1]
    for a, b, c in zip(chain, chain[1:], chain[2:]):
        assert _cross(a, b, c) < 0  # strictly concave: no collinear vertex kept
    for p in pts:
        assert _below_chain(chain, p)
        # nothing dominates a frontier vertex
        for v in chain:
            assert not (p[0] >= v[0] and p[1] >= v[1] and p != v)


def test_vertices_counter_clockwise_and_points_unique():
    P = bg.BargainingProblem.from_points([(0, 0), (2, 0), (2, 0), (0, 2), (1, 1), (1, 0)])
    assert P.points.shape == (5, 2)  # the duplicate is dropped
    v = P.vertices
    assert v.shape == (3, 2)
    area2 = sum(v[i, 0] * v[(i + 1) % 3, 1] - v[(i + 1) % 3, 0] * v[i, 1] for i in range(3))
    assert area2 > 0


def test_exactness_follows_the_input():
    assert bg.BargainingProblem.from_points([(0, 0), (F(1, 3), 1), (1, 0)]).exact
    assert not bg.BargainingProblem.from_points([(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]).exact
    mixed = bg.BargainingProblem.from_points([(0, 0), (1, 0), (1, 1)], disagreement=(0.25, 0.0))
    assert not mixed.exact and mixed.frontier_exact is None
    P = bg.BargainingProblem.from_points(np.array([[0, 0], [3, 1], [1, 3]]))
    assert P.exact and P.disagreement_exact == (F(0), F(0))


def test_ideal_point_is_relative_to_the_disagreement_point():
    P = bg.BargainingProblem.from_points([(0, 0), (4, 0), (0, 2)], disagreement=(1, F(1, 2)))
    assert P.ideal_exact == (F(3), F(3, 2))


def test_free_disposal_accepts_points_below_the_hull():
    pts = [(1, 3), (3, 1), (2, F(5, 2))]
    with pytest.raises(InvalidProblemError, match="from_points: disagreement point .* not feasible"):
        bg.BargainingProblem.from_points(pts, disagreement=(0, 0))
    P = bg.BargainingProblem.from_points(pts, disagreement=(0, 0), free_disposal=True)
    assert P.free_disposal and P.frontier_exact == ((F(1), F(3)), (F(2), F(5, 2)), (F(3), F(1)))


def test_frontier_at():
    P = bg.BargainingProblem.from_points([(0, 0), (0, 2), (1, 1), (2, 0)])
    np.testing.assert_allclose(P.frontier_at([0, 0.5, 2]), [2, 1.5, 0])
    assert np.isnan(P.frontier_at(-1))


def test_repr_is_readable():
    P = bg.BargainingProblem.from_points([(0, 0), (4, 0), (0, 2)])
    assert "frontier [(0, 2), (4, 0)]" in repr(P) and "exact" in repr(P)
    Q = bg.BargainingProblem.from_frontier(lambda u, c: c * (1 - u), 1.0, params={"c": [1.0, 2.0]})
    assert "batch of shape (2,)" in repr(Q)
    g = bg.Game([[4, 2], [6, 1]], [[4, 5], [1, -3]], players=("Power", "Partner"), name="Trade deal")
    assert "game 'Trade deal', players (Power, Partner): frontier [(2, 5), (4, 4), (6, 1)]" in repr(
        bg.BargainingProblem.from_game(g))


# ----------------------------------------------------------------------------- games
TRADE = bg.Game([[4, 2], [6, 1]], [[4, 5], [1, -3]], row_actions=("Open", "Tariff"),
                col_actions=("Open", "Retaliate"))


def test_from_game_disagreements():
    bos = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    sec = bg.BargainingProblem.from_game(bos)  # security levels by default
    assert sec.disagreement_exact == (F(2, 3), F(2, 3)) and sec.disagreement_source == "security"
    assert bg.BargainingProblem.from_game(bos, disagreement="minmax").disagreement_exact == (F(2, 3), F(2, 3))
    mixed = bg.BargainingProblem.from_game(bos, disagreement="nash", nash_index=2)
    assert mixed.disagreement_exact == (F(2, 3), F(2, 3))
    explicit = bg.BargainingProblem.from_game(bos, disagreement=(0, 0))
    assert explicit.disagreement_source == "explicit" and explicit.frontier_exact == (
        (F(1), F(2)), (F(2), F(1)))
    assert bg.BargainingProblem.from_game(TRADE, disagreement="security").disagreement_exact == (F(2), F(1))


def test_from_game_accepts_nashpy_and_weakly_dominated_disagreement():
    P = bg.BargainingProblem.from_game(nashpy.Game(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]])),
                                       disagreement=(1, 1))
    assert P.frontier.tolist() == [[0, 5], [3, 3], [5, 0]]
    # (1, 1) is a payoff pair; (2, 2) is not a correlated outcome but is weakly below (3, 3)
    Q = bg.BargainingProblem.from_game(P.game, disagreement=(2, 2))
    assert Q.disagreement_exact == (F(2), F(2))


def test_from_game_float_payoffs():
    g = bg.Game(np.array([[4.0, 2.0], [6.0, 1.0]]), np.array([[4.0, 5.0], [1.0, -3.0]]))
    P = bg.BargainingProblem.from_game(g, disagreement=(1, -3))
    assert not P.exact
    np.testing.assert_array_equal(P.frontier, [[2, 5], [4, 4], [6, 1]])


def test_from_game_bad_inputs():
    with pytest.raises(InvalidProblemError, match="from_game: disagreement must be one of"):
        bg.BargainingProblem.from_game(TRADE, disagreement="status quo")
    with pytest.raises(InvalidProblemError, match="from_game: nash_index=5 but"):
        bg.BargainingProblem.from_game(TRADE, disagreement="nash", nash_index=5)
    with pytest.raises(InvalidArgumentError, match="from_game: nash_index must be >= 0"):
        bg.BargainingProblem.from_game(TRADE, disagreement="nash", nash_index=-1)
    with pytest.raises(InvalidGameError, match="from_game: takes a single game"):
        bg.BargainingProblem.from_game(bg.Game(np.zeros((2, 2, 2))))
    with pytest.raises(InvalidGameError, match="from_game: expected a bargain.Game"):
        bg.BargainingProblem.from_game([[1, 2], [3, 4]])
    with pytest.raises(NoAgreementError, match="from_game: no gain from agreement"):
        # the pure equilibrium (2, 5) is Pareto optimal: nothing beats it for both
        bg.BargainingProblem.from_game(TRADE, disagreement="nash", nash_index=0)
    with pytest.raises(InvalidProblemError, match="from_game: disagreement point .* not feasible"):
        bg.BargainingProblem.from_game(TRADE, disagreement=(5, 5))


# ----------------------------------------------------------------------------- bad inputs
@pytest.mark.parametrize(
    "points, disagreement, error, match",
    [
        ([], (0, 0), InvalidProblemError, "feasible set is empty"),
        ([(1, 2, 3)], (0, 0), InvalidProblemError, r"shape \(k, 2\)"),
        ([(0, 0), (1, float("nan"))], (0, 0), InvalidProblemError, "non-finite"),
        ([(0, 0), (1, "a")], (0, 0), InvalidProblemError, "must be numeric"),
        ([(0, 0), (1, 1)], (0, 0, 0), InvalidProblemError, r"disagreement must be a pair"),
        ([(0, 0), (1, 1)], "zero", InvalidProblemError, r"disagreement must be a pair"),
        ([(0, 0), (1, 1)], (0, float("inf")), InvalidProblemError, "must be finite"),
        ([(0, 0), (1, 0), (0, 1)], (2, 2), InvalidProblemError, "not feasible"),
        ([(0, 0), (1, 0), (0, 1)], (F(1, 2), F(1, 2)), NoAgreementError, "no gain from agreement"),
        ([(0, 0), (1, 0), (0, 1)], (1, 0), NoAgreementError, "no gain from agreement"),
        ([(0, 0), (1, 0)], (0, 0), NoAgreementError, "no gain from agreement"),
        ([(3, 3)], (3, 3), NoAgreementError, "no gain from agreement"),
    ],
)
def test_from_points_bad_inputs(points, disagreement, error, match):
    with pytest.raises(error, match="BargainingProblem.from_points: .*" + match):
        bg.BargainingProblem.from_points(points, disagreement=disagreement)


def test_single_point_with_free_disposal_is_a_problem():
    P = bg.BargainingProblem.from_points([(3, 3)], disagreement=(0, 1), free_disposal=True)
    assert P.frontier_exact == ((F(3), F(3)),)
    with pytest.raises(InvalidArgumentError, match="free_disposal must be True or False"):
        bg.BargainingProblem.from_points([(3, 3)], free_disposal="yes")


def test_no_agreement_error_is_an_invalid_problem_error():
    assert issubclass(NoAgreementError, InvalidProblemError)
    assert issubclass(InvalidProblemError, ValueError)


# ----------------------------------------------------------------------------- frontier problems
def test_from_frontier_batch_shape_and_views():
    a = np.array([1.0, 2.0, 3.0])[:, None]
    c = np.array([1.0, 2.0])[None, :]
    P = bg.BargainingProblem.from_frontier(lambda u, a, c: c * (1 - u**a), 1.0,
                                           disagreement=(0.0, [[0.1, 0.2]]), params={"a": a, "c": c})
    assert P.batch_shape == (3, 2)
    assert P.disagreement.shape == (3, 2, 2) and P.x_max.shape == (3, 2)
    assert P.frontier is None and P.points is None and not P.exact and P.free_disposal
    np.testing.assert_allclose(P.frontier_at(0.5), c * (1 - 0.5**a))
    ideal = P.ideal
    np.testing.assert_allclose(ideal[..., 1], np.broadcast_to(c, (3, 2)))
    np.testing.assert_allclose(ideal[..., 0], (1 - np.array([[0.1, 0.2]]) / c) ** (1 / a))


def test_from_frontier_scalar_callable_is_vectorized():
    P = bg.BargainingProblem.from_frontier(lambda u: math.sqrt(1 - u), 1.0)
    assert P.frontier_at(0.75) == pytest.approx(0.5)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"f": 3.0}, InvalidProblemError, "f must be callable"),
        ({"f": lambda u: 1 - u, "x_max": 0.0}, InvalidProblemError, "x_max must be > 0"),
        ({"f": lambda u: 1 - u, "x_max": [1.0, -1.0]}, InvalidProblemError, "x_max must be > 0"),
        ({"f": lambda u: u}, InvalidProblemError, "must be nonincreasing"),
        ({"f": lambda u: 1 - np.sqrt(u)}, InvalidProblemError, "must be concave"),
        ({"f": lambda u: np.log(u + 0.0 * np.inf)}, InvalidProblemError, "not finite"),
        ({"f": lambda u: 1 - u, "disagreement": (0.5, 0.9)}, InvalidProblemError, "not feasible"),
        ({"f": lambda u: 1 - u, "disagreement": (2.0, 0.0)}, InvalidProblemError, "not feasible"),
        ({"f": lambda u: 1 - u, "disagreement": (0.5, 0.5)}, NoAgreementError, "no gain from agreement"),
        ({"f": lambda u: 1 - u, "disagreement": (1.0, -1.0)}, NoAgreementError, "no gain from agreement"),
        ({"f": lambda u, c: c * (1 - u), "params": {"c": [1.0, 2.0]}, "disagreement": ([0, 0, 0], 0)},
         InvalidProblemError, "do not broadcast"),
        ({"f": lambda u, c: c * (1 - u), "params": {"c": "abc"}}, InvalidProblemError, "c must be real"),
        ({"f": lambda u: 1 - u, "disagreement": 0.0}, InvalidProblemError, "disagreement must be a pair"),
        ({"f": lambda u: 1 - u, "df": 1.0}, InvalidProblemError, "df must be callable"),
        ({"f": lambda u: 1 - u, "params": [1, 2]}, InvalidProblemError, "params must be a mapping"),
        ({"f": lambda u: 1 / 0}, InvalidProblemError, "calling f"),
    ],
)
def test_from_frontier_bad_inputs(kwargs, error, match):
    kwargs = dict(kwargs)
    f = kwargs.pop("f")
    x_max = kwargs.pop("x_max", 1.0)
    with pytest.raises(error, match="BargainingProblem.from_frontier: .*" + match):
        bg.BargainingProblem.from_frontier(f, x_max, **kwargs)


def test_from_frontier_names_the_failing_batch_entry():
    with pytest.raises(NoAgreementError, match="flat index 2"):
        bg.BargainingProblem.from_frontier(lambda u: 1 - u, 1.0, disagreement=([0.1, 0.2, 0.6], 0.4))


def test_gain_found_when_the_disagreement_point_is_level_with_the_frontiers_ends():
    """The security point sits level with both ends of the frontier (up to rounding): the
    segment between them still gives both players more, so there is an agreement."""
    A = np.array([[-1.9472798859251375, -0.2503167311911046, 0.009049898745630973],
                  [-1.0162501296115314, -0.001427968279875479, -0.2604222309750084],
                  [-1.1599671964468858, 0.5643689201499958, -0.6599708433139979]])
    B = np.array([[-0.3894591234025015, 0.9699476124142469, -0.6454208613874631],
                  [1.4006627824866282, 0.47142232096413794, -0.8321395664050784],
                  [-1.451934571321874, 0.0813297688185714, -0.7320993392205094]])
    problem = bg.BargainingProblem.from_game(bg.Game(A, B), disagreement="security")
    u = bg.nash_bargaining(problem).payoffs
    d = problem.disagreement
    assert u[0] > d[0] + 0.5 and u[1] > d[1] + 0.5
