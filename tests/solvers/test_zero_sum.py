"""solve_zero_sum: sourced values, certificates, agreement with maxmin/minmax, batches, exact path, scale."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.solvers import security
from bargain.solvers import zero_sum as zs
from bargain.testing import strategies as bst

TOL = 1e-9


def _three_finger_morra() -> np.ndarray:
    """Each player shows 1-3 fingers and guesses the other's number; if exactly one guesses
    right, that player wins the total number of fingers shown (Dresher 1961, *Games of
    Strategy*; also Ferguson, *Game Theory*, Part II). Actions (fingers, guess) in order."""
    acts = [(f, g) for f in (1, 2, 3) for g in (1, 2, 3)]
    A = np.zeros((9, 9), dtype=int)
    for i, (f1, g1) in enumerate(acts):
        for j, (f2, g2) in enumerate(acts):
            hit1, hit2 = g1 == f2, g2 == f1
            if hit1 != hit2:
                A[i, j] = (f1 + f2) if hit1 else -(f1 + f2)
    return A


#: (name, A, exact value, an optimal row strategy or None, source)
ZERO_SUM_REFERENCE = [
    ("matching_pennies", [[1, -1], [-1, 1]], F(0), (F(1, 2), F(1, 2)),
     "Gibbons (1992), Sec. 1.3.A"),
    ("rock_paper_scissors", [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], F(0), (F(1, 3),) * 3,
     "von Neumann and Morgenstern (1944), Sec. 18.3 (stone, paper, scissors)"),
    ("odd_or_even", [[-2, 3], [3, -4]], F(1, 12), (F(7, 12), F(5, 12)),
     "Ferguson, Game Theory, Part II, Sec. 1.1 and 2.2: two-finger Morra / odd-or-even, value 1/12"),
    ("saddle_point", [[4, 1, 3], [2, 0, 1], [5, 1, 2]], F(1), None,
     "pure saddle point at (row 0 or 2, column 1): the row minimum 1 equals the column maximum 1"),
    ("three_finger_morra", _three_finger_morra(), F(0),
     (F(0), F(0), F(5, 12), F(0), F(1, 3), F(0), F(1, 4), F(0), F(0)),
     "Dresher (1961), Games of Strategy: symmetric, value 0; (1,3), (2,2), (3,1) with 5/12, 1/3, 1/4"),
]


def _check_optimal(A: np.ndarray, x: np.ndarray, y: np.ndarray, value: float, tol: float = TOL) -> None:
    scale = float(np.ptp(A))
    assert np.all(x >= -1e-12) and abs(x.sum() - 1) < 1e-9
    assert np.all(y >= -1e-12) and abs(y.sum() - 1) < 1e-9
    assert (x @ A).min() >= value - tol * scale
    assert (A @ y).max() <= value + tol * scale


def _exact_low_high(A, x, y) -> tuple[F, F]:
    m, n = len(A), len(A[0])
    low = min(sum((x[i] * A[i][j] for i in range(m)), F(0)) for j in range(n))
    high = max(sum((A[i][j] * y[j] for j in range(n)), F(0)) for i in range(m))
    return low, high


# ----------------------------------------------------------------------------- reference games
@pytest.mark.parametrize("name, A, value, x_known, source", ZERO_SUM_REFERENCE,
                         ids=[r[0] for r in ZERO_SUM_REFERENCE])
def test_reference_values_float_and_exact(name, A, value, x_known, source):
    A = np.asarray(A)
    g = bg.Game.zero_sum(A)
    res = bg.solve_zero_sum(g)
    assert res.success and res.certified
    assert res.value == pytest.approx(float(value), abs=1e-9)
    _check_optimal(A, res.row, res.col, float(res.value))
    ex = bg.solve_zero_sum(g, exact=True)
    assert ex.value_exact == value
    low, high = _exact_low_high(A.tolist(), ex.row_exact, ex.col_exact)
    assert low == high == value  # exact certificate: both guarantees meet at the value
    if x_known is not None:  # the published optimal strategy guarantees the value exactly
        low_known, _ = _exact_low_high(A.tolist(), x_known, ex.col_exact)
        assert low_known == value


def test_rock_paper_scissors_is_uniform():
    res = bg.solve_zero_sum(bg.Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]), exact=True)
    assert res.row_exact == res.col_exact == (F(1, 3),) * 3


# ----------------------------------------------------------------------------- invariants
@settings(max_examples=30)
@given(bst.zero_sum_games(rows=(1, 4), cols=(1, 4)))
def test_value_equals_maxmin_and_minmax(g):
    value = bg.solve_zero_sum(g).value
    lo, hi = bg.maxmin(g), bg.minmax(g)
    scale = float(np.max(g.payoff_range))
    assert lo.values[0] == pytest.approx(value, abs=TOL * scale)
    assert hi.values[0] == pytest.approx(value, abs=TOL * scale)
    # the column player's levels in a zero-sum game are minus the value
    assert lo.values[1] == pytest.approx(-value, abs=TOL * scale)
    assert hi.values[1] == pytest.approx(-value, abs=TOL * scale)


@given(bst.zero_sum_games(rows=(1, 4), cols=(1, 4)))
def test_exact_path_is_exactly_optimal(g):
    ex = bg.solve_zero_sum(g, exact=True)
    A = g.exact_payoffs()[0].tolist()
    low, high = _exact_low_high(A, ex.row_exact, ex.col_exact)
    assert low == high == ex.value_exact
    assert all(p >= 0 for p in ex.row_exact) and sum(ex.row_exact) == 1
    assert all(p >= 0 for p in ex.col_exact) and sum(ex.col_exact) == 1
    assert float(ex.value_exact) == pytest.approx(bg.solve_zero_sum(g).value, abs=1e-9 * 6)


@given(bst.zero_sum_games(rows=(2, 4), cols=(2, 4), payoffs="float", min_value=-5, max_value=5))
def test_agrees_with_nashpy_on_nondegenerate_games(g):
    A = g.A
    m, n = g.shape
    in_rows = np.abs(A[:, :, None] - A[:, None, :])[:, ~np.eye(n, dtype=bool)]
    in_cols = np.abs(A[:, None, :] - A[None, :, :])[~np.eye(m, dtype=bool)]
    # nashpy is an oracle only on clearly nondegenerate games: no (near-)ties within a row or column
    assume(min(in_rows.min(), in_cols.min()) >= 1e-6)
    res = bg.solve_zero_sum(g)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = list(nashpy.Game(np.array(g.A)).support_enumeration(tol=1e-12))
    assume(len(eqs) == 1)  # nashpy is an oracle only where it finds the unique (generic) solution
    x, y = eqs[0]
    assert float(x @ g.A @ y) == pytest.approx(res.value, abs=1e-7)
    np.testing.assert_allclose(res.row, x, atol=1e-6)
    np.testing.assert_allclose(res.col, y, atol=1e-6)


@settings(max_examples=15)
@given(bst.zero_sum_games(rows=(1, 4), cols=(1, 4), batch_shape=(3, 2)))
def test_batch_equals_loop(g):
    res = bg.solve_zero_sum(g)
    assert res.value.shape == (3, 2) and res.row.shape == (3, 2, g.shape[0])
    for idx in np.ndindex(3, 2):
        one = bg.solve_zero_sum(g[idx])
        assert res.value[idx] == pytest.approx(one.value, abs=1e-9 * 6)
        _check_optimal(np.array(g.A[idx]), res.row[idx], res.col[idx], float(res.value[idx]))
    sec = bg.maxmin(g)
    assert sec.values.shape == (3, 2, 2)
    np.testing.assert_allclose(sec.values[..., 0], res.value, atol=1e-9 * 6)


def test_batched_exact_gives_object_arrays():
    A = np.array([[[1, -1], [-1, 1]], [[-2, 3], [3, -4]]])
    res = bg.solve_zero_sum(bg.Game.zero_sum(A), exact=True)
    assert res.value_exact.tolist() == [F(0), F(1, 12)]
    assert res.row_exact.shape == (2, 2)
    assert res.row_exact[1].tolist() == [F(7, 12), F(5, 12)]


@settings(max_examples=30)
@given(bst.zero_sum_games(rows=(1, 4), cols=(1, 4)))
def test_affine_invariance(g):
    v = bg.solve_zero_sum(g).value
    h = bg.Game.zero_sum(3 * np.array(g.A) + 7)
    assert bg.solve_zero_sum(h).value == pytest.approx(3 * v + 7, abs=1e-8 * 6 * 3)
    tiny = bg.Game.zero_sum(np.array(g.A) * 1e-13)
    assert bg.solve_zero_sum(tiny).value == pytest.approx(v * 1e-13, abs=1e-8 * 6 * 1e-13)
    assert bg.maxmin(tiny).values[0] == pytest.approx(v * 1e-13, abs=1e-8 * 6 * 1e-13)


def test_exact_recovery_falls_back_to_pivoting():
    """A wrong float hint makes LP recovery fail; exact Lemke-Howson still gives the optimum."""
    A = np.array([[F(0), F(-1), F(1)], [F(1), F(0), F(-1)], [F(-1), F(1), F(0)]], dtype=object)
    N = (A.astype(float) + 1) / 2
    v, x, y = security._exact_game(A, np.array([1.0, 0, 0]), np.array([0, 1.0, 0]), N)
    assert v == 0 and x == (F(1, 3),) * 3 and y == (F(1, 3),) * 3


def test_nashpy_game_accepted():
    res = bg.solve_zero_sum(nashpy.Game(np.array([[1, -1], [-1, 1]])))
    assert res.value == pytest.approx(0.0, abs=1e-12)


# ----------------------------------------------------------------------------- bad input
def test_not_zero_sum_is_rejected():
    with pytest.raises(InvalidArgumentError, match="solve_zero_sum.*zero-sum"):
        bg.solve_zero_sum(bg.Game([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    batch = bg.Game(np.zeros((2, 2, 2)), np.stack([np.zeros((2, 2)), np.ones((2, 2))]))
    with pytest.raises(InvalidArgumentError, match=r"solve_zero_sum.*batch index \(1,\)"):
        bg.solve_zero_sum(batch)


def test_bad_input():
    name = "solve_zero_sum"
    g = bg.Game.zero_sum([[1, -1], [-1, 1]])
    with pytest.raises(InvalidGameError, match=name):
        bg.solve_zero_sum([[1, 0], [0, 1]])
    with pytest.raises(InvalidArgumentError, match=f"{name}: exact must be True or False"):
        bg.solve_zero_sum(g, exact="yes")
    with pytest.raises(InvalidArgumentError, match=f"{name}: tol"):
        bg.solve_zero_sum(g, tol=-1.0)
    with pytest.raises(InvalidArgumentError, match=f"{name}: tol"):
        bg.solve_zero_sum(g, tol=float("nan"))
    with pytest.raises(TypeError):
        bg.solve_zero_sum(g, True)  # exact is keyword-only


def test_uncertified_answers_are_flagged_and_warned(monkeypatch):
    """If the LP's duality gap exceeds tol, status says so and the warning points at the caller."""
    original = zs.solve_matrix_games

    def widened(M, Me, tol):
        res = original(M, Me, tol)
        return security.MatrixGames(res.value, res.maxi, res.mini, res.gap + 1.0, res.gap < 0, res.exact)

    monkeypatch.setattr(zs, "solve_matrix_games", widened)
    with pytest.warns(bg.ConvergenceWarning, match="failed certification") as record:
        res = bg.solve_zero_sum(bg.Game.zero_sum([[1, -1], [-1, 1]]))
    assert record[0].filename == __file__
    assert res.status is bg.Status.UNCERTIFIED and not res.success and not res.certified


# ----------------------------------------------------------------------------- issue 10: scale
@settings(max_examples=40)
@given(bst.zero_sum_games(rows=(1, 4), cols=(1, 4)), st.integers(-9, 9), st.integers(-12, 12),
       st.sampled_from([-1.0, 0.0, 1.0]))
def test_value_maps_affinely_at_any_scale(g, k, j, sign):
    """``a A + b`` (a = 10**k, |b| up to 1e12 as far as float64 carries it) has value ``a v + b``,
    the same optimal strategies' guarantees, and is certified whenever the original is."""
    a, b = 10.0**k, sign * 10.0 ** min(j, 12, k + 5)
    res = bg.solve_zero_sum(g)
    h = bg.Game.zero_sum(np.asarray(g.A) * a + b)
    out = bg.solve_zero_sum(h)
    assert res.success and out.success
    rng = float(np.ptp(h.A))
    assert out.value == pytest.approx(a * res.value + b, abs=1e-8 * rng + 4e-16 * abs(b))
    _check_optimal(np.asarray(h.A), out.row, out.col, out.value, tol=2 * TOL)
    # the optimal strategies of one are optimal in the other
    _check_optimal(np.asarray(h.A), res.row, res.col, out.value, tol=2 * TOL)


def test_huge_and_tiny_payoffs():
    """Issue 10: matching pennies times 5e307 has value 0 and the uniform optimum (no overflow,
    no 'Invalid input for linprog'); times 1e-300 likewise."""
    for factor in (5e307, 1e-300):
        res = bg.solve_zero_sum(bg.Game.zero_sum(np.array([[1.0, -1.0], [-1.0, 1.0]]) * factor))
        assert res.success and res.value == pytest.approx(0.0, abs=1e-9 * factor)
        np.testing.assert_allclose(res.row, [0.5, 0.5], atol=1e-9)
        np.testing.assert_allclose(res.col, [0.5, 0.5], atol=1e-9)
    shifted = bg.solve_zero_sum(bg.Game.zero_sum(np.array([[-2.0, 3.0], [3.0, -4.0]]) + 1e12))
    assert shifted.value == pytest.approx(1e12 + 1 / 12, abs=1e-3)


def test_repr_with_labels():
    g = bg.Game.zero_sum([[-2, 3], [3, -4]], row_actions=("One", "Two"), col_actions=("One", "Two"),
                         players=("Odd", "Even"))
    text = repr(bg.solve_zero_sum(g, exact=True))
    assert "value 1/12 to Odd" in text and "Odd plays One 7/12, Two 5/12" in text
    assert "Even plays One 7/12, Two 5/12" in text
    assert "value 0.0833333 to Odd" in repr(bg.solve_zero_sum(g))
    batch = bg.solve_zero_sum(bg.Game.zero_sum(np.zeros((2, 2, 2))))
    assert "batch of shape (2,)" in repr(batch)
    with pytest.raises(ValueError):
        batch.value[0] = 1.0
