"""Nash's variable-threat solution: the TU formula, exact NTU values, and the defining
equilibrium property of optimal threats checked against deviations."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain import InvalidArgumentError, InvalidGameError, Status

TRADE = {
    "source": "constructed trade deal; TU value by Nash (1953) Sect. 6: u = ((S + v)/2, (S - v)/2), "
              "S = max(A + B) = 8, v = val(A - B) = 4 (Tariff dominates, Retaliate minimises)",
    "A": [[4, 2], [6, 1]],
    "B": [[4, 5], [1, -3]],
    "tu": (F(6), F(2)),
    "threat_point": (F(1), F(-3)),
    # NTU: frontier edge (4, 4)-(6, 1), slope -3/2, lam = 3/5; val(3/5 A - 2/5 B) = 9/5,
    # point of the edge with 3/5 u1 - 2/5 u2 = 9/5: mu = 5/12 -> (29/6, 11/4)
    "ntu": (F(29, 6), F(11, 4)),
}


def test_transferable_utility_formula_exact():
    g = bg.Game(TRADE["A"], TRADE["B"])
    r = bg.variable_threat(g)
    assert r.transferable and r.success and r.weight == 0.5
    assert r.payoffs_exact == TRADE["tu"]
    assert r.threat_point_exact == TRADE["threat_point"]
    assert r.threats_exact == ((F(0), F(1)), (F(0), F(1)))
    assert r.threat_value == 4.0
    np.testing.assert_array_equal(r.threat_game, np.array(TRADE["A"]) - np.array(TRADE["B"]))
    # agreement: the joint-payoff maximising cell (Open, Open) = (4, 4) plus a side payment of 2
    assert r.agreement.tolist() == [[1, 0], [0, 0]] and r.transfer == 2.0
    assert r.agreement_exact[0, 0] == 1
    np.testing.assert_allclose(r.gains, r.gains[0])  # equal split of the surplus over t


def test_nontransferable_exact_on_an_edge():
    g = bg.Game(TRADE["A"], TRADE["B"])
    r = bg.variable_threat(g, transferable=False)
    assert not r.transferable and r.success and r.transfer == 0.0
    assert r.payoffs_exact == TRADE["ntu"]
    assert r.threat_point_exact == TRADE["threat_point"]
    assert r.weight == pytest.approx(0.6)
    A, B = g.exact_payoffs()
    dist = r.agreement_exact
    assert (sum((dist * A).ravel()), sum((dist * B).ravel())) == r.payoffs_exact
    assert dist[0, 0] == F(7, 12) and dist[1, 0] == F(5, 12)


def test_zero_sum_game_gives_its_value():
    """In a zero-sum game there is nothing to gain by agreement: the TU threat solution is
    the minimax value (S = 0, val(A - B) = 2 val(A))."""
    g = bg.Game.zero_sum([[-2, 3], [3, -4]])  # odd-or-even (Ferguson, Part II, Sect. 1.1)
    r = bg.variable_threat(g)
    assert r.payoffs_exact == (F(1, 12), F(-1, 12))


def test_linear_frontier_of_slope_minus_one_tu_equals_ntu():
    g = bg.Game([[3, 0], [0, 1]], [[1, 0], [0, 3]])
    tu = bg.variable_threat(g)
    ntu = bg.variable_threat(g, transferable=False)
    assert tu.payoffs_exact == ntu.payoffs_exact == (F(2), F(2))
    assert ntu.agreement_exact.tolist() == [[F(1, 2), 0], [0, F(1, 2)]]
    assert tu.transfer == -1.0  # cell (3, 1) moved to (2, 2)


def test_nashpy_and_float_games():
    g = nashpy.Game(np.array(TRADE["A"], dtype=float), np.array(TRADE["B"], dtype=float))
    r = bg.variable_threat(g, transferable=False)
    assert r.payoffs_exact is None
    np.testing.assert_allclose(r.payoffs, [29 / 6, 11 / 4], atol=1e-9)
    assert "NTU" in repr(r) and "weight=(0.6, 0.4)" in repr(r)


def _nbs(P_pts, t):
    """Nash solution from threat point t on the hull of P_pts (float), extended to threat
    points that no feasible point strictly dominates (then the Pareto-best IR point)."""
    from bargain.bargaining._polygon import Polygon

    poly = Polygon.build(P_pts, False, False)
    if poly.dominated_gain(t) <= 1e-12:
        L, R = poly.left, poly.right
        if t[1] >= L[1] - 1e-12 and t[0] <= L[0]:
            return L
        if t[0] >= R[0] - 1e-12 and t[1] <= R[1]:
            return R
        return t
    return poly.nash(t, 1.0, 1.0)


@settings(max_examples=25)
@given(st.integers(2, 3), st.integers(2, 3), st.data())
def test_ntu_threats_are_optimal_against_deviations(m, n, data):
    """Nash (1953): at optimal threats neither player can improve their Nash bargaining
    payoff by changing threat (pure and random mixed deviations), and the agreement is the
    Nash solution from the threat point."""
    A = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=m * n, max_size=m * n))).reshape(m, n)
    B = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=m * n, max_size=m * n))).reshape(m, n)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = bg.variable_threat(bg.Game(A, B), transferable=False)
    assert r.status is Status.SUCCESS
    pts = sorted({(float(A[i, j]), float(B[i, j])) for i in range(m) for j in range(n)})
    x, y = r.threats
    u = r.payoffs
    np.testing.assert_allclose(r.threat_point, [x @ A @ y, x @ B @ y], atol=1e-12)
    np.testing.assert_allclose(_nbs(pts, tuple(r.threat_point)), u, atol=1e-7)
    rng = np.random.default_rng(0)
    for xd in [*np.eye(m), *rng.dirichlet(np.ones(m), 5)]:
        assert _nbs(pts, (xd @ A @ y, xd @ B @ y))[0] <= u[0] + 1e-7
    for yd in [*np.eye(n), *rng.dirichlet(np.ones(n), 5)]:
        assert _nbs(pts, (x @ A @ yd, x @ B @ yd))[1] <= u[1] + 1e-7
    # the agreement is a correlated outcome with these payoffs, on at most two cells
    np.testing.assert_allclose([np.sum(r.agreement * A), np.sum(r.agreement * B)], u, atol=1e-12)
    assert np.count_nonzero(r.agreement) <= 2


@settings(max_examples=25)
@given(st.integers(1, 3), st.integers(1, 3), st.data())
def test_tu_threats_and_split(m, n, data):
    A = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=m * n, max_size=m * n))).reshape(m, n)
    B = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=m * n, max_size=m * n))).reshape(m, n)
    r = bg.variable_threat(bg.Game(A, B))
    S = (A + B).max()
    v = bg.solve_zero_sum(bg.Game.zero_sum(A - B), exact=True).value_exact
    assert r.payoffs_exact == ((S + v) / 2, (S - v) / 2)
    assert sum(r.payoffs_exact) == S
    t = r.threat_point_exact
    assert r.payoffs_exact[0] - t[0] == r.payoffs_exact[1] - t[1] >= 0
    i, j = np.argwhere(r.agreement == 1)[0]
    assert A[i, j] + B[i, j] == S and A[i, j] + r.transfer == float(r.payoffs_exact[0])


def test_bad_inputs():
    with pytest.raises(InvalidGameError, match="variable_threat: expected a bargain.Game"):
        bg.variable_threat([[1, 2], [3, 4]])
    with pytest.raises(InvalidGameError, match="variable_threat: takes a single game"):
        bg.variable_threat(bg.Game(np.zeros((3, 2, 2))))
    with pytest.raises(InvalidArgumentError, match="variable_threat: transferable must be True or False"):
        bg.variable_threat(bg.Game(TRADE["A"], TRADE["B"]), transferable="yes")


def test_ntu_solution_at_a_frontier_vertex():
    """When the war also hurts the Power (payoff -1 instead of 1), the threats balance at the
    kink (4, 4): the supporting weight lies between the two edges' weights 1/3 and 3/5, and the
    threats are optimal in the threat game for that weight."""
    g = bg.Game([[4, 2], [6, -1]], [[4, 5], [1, -3]])
    r = bg.variable_threat(g, transferable=False)
    assert r.success and r.payoffs_exact == (F(4), F(4))
    assert r.threats_exact is None and r.threat_point_exact is None  # lam is irrational in general
    assert r.weight >= 1 / 3 and r.weight <= 3 / 5
    M = r.weight * g.A - (1 - r.weight) * g.B
    np.testing.assert_allclose(r.threat_game, M)
    x, y = r.threats
    # saddle point of M: x guarantees the value, y holds the row player to it
    assert (x @ M).min() >= r.threat_value - 1e-9 and (M @ y).max() <= r.threat_value + 1e-9
    assert r.weight * 4 - (1 - r.weight) * 4 == pytest.approx(r.threat_value, abs=1e-9)
