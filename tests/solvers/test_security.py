"""maxmin, minmax: minimax theorem, whose strategy is which, exact levels, scale invariance, bad input."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.solvers import security
from bargain.testing import strategies as bst

TOL = 1e-9

#: a per-player positive affine change: (power of ten k, shift exponent j, sign, shift or not)
AFFINE = st.tuples(st.integers(-9, 9), st.integers(-12, 12), st.sampled_from([-1.0, 1.0]), st.booleans())


def affine(k: int, j: int, sign: float, shifted: bool) -> tuple[float, float]:
    """Factor ``10**k`` and a shift of up to 1e12 that float64 can carry (at most 1e5 x the factor)."""
    return 10.0**k, (sign * 10.0 ** min(j, 12, k + 5) if shifted else 0.0)


def _ranges(g: bg.Game) -> np.ndarray:
    return np.maximum(np.asarray(g.payoff_range), 1e-300)


def _check_levels(g: bg.Game, lo: bg.SecurityResult, hi: bg.SecurityResult, tol: float = TOL) -> None:
    """The certificate of both levels, recomputed independently, relative to each player's range."""
    ra, rb = _ranges(g)
    assert abs(lo.values[0] - hi.values[0]) <= 2 * tol * ra
    assert abs(lo.values[1] - hi.values[1]) <= 2 * tol * rb
    x, y = lo.strategies  # own maxmin strategies guarantee the level
    assert (x @ g.A).min() >= lo.values[0] - tol * ra
    assert (g.B @ y).min() >= lo.values[1] - tol * rb
    py, px = hi.strategies  # punishing strategies hold the opponent down to the level
    assert py.shape == (g.shape[1],) and px.shape == (g.shape[0],)
    assert (g.A @ py).max() <= hi.values[0] + tol * ra
    assert (px @ g.B).max() <= hi.values[1] + tol * rb


@given(bst.games(rows=(1, 4), cols=(1, 4)))
def test_minimax_theorem_on_general_games(g):
    lo, hi = bg.maxmin(g), bg.minmax(g)
    assert lo.success and hi.success
    _check_levels(g, lo, hi)


@given(bst.games(rows=(1, 3), cols=(1, 3)))
def test_exact_security_levels_match_float(g):
    lo = bg.maxmin(g, exact=True)
    hi = bg.minmax(g, exact=True)
    assert lo.values_exact.tolist() == hi.values_exact.tolist()  # minimax theorem, exactly
    np.testing.assert_allclose(lo.values, [float(v) for v in lo.values_exact], atol=1e-12)
    Ae, Be = g.exact_payoffs()
    x = lo.strategies_exact[0]
    assert min(sum((x[i] * Ae[i, j] for i in range(len(x))), F(0)) for j in range(g.shape[1])) \
        == lo.values_exact[0]


def test_security_result_documents_whose_strategy():
    bos = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    lo, hi = bg.maxmin(bos, exact=True), bg.minmax(bos, exact=True)
    assert lo.values_exact.tolist() == [F(2, 3), F(2, 3)]
    # maxmin: the row player's own guarantee (1/3, 2/3); minmax: the column player's punishment
    assert lo.strategies_exact[0].tolist() == [F(1, 3), F(2, 3)]
    assert hi.strategies_exact[0].tolist() == [F(1, 3), F(2, 3)]  # y holding the row player to 2/3
    assert hi.strategies_exact[1].tolist() == [F(2, 3), F(1, 3)]  # x holding the column player
    assert "maxmin" in repr(lo) and "minmax" in repr(hi)


def test_repr_speaks_with_labels():
    g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], row_actions=("Opera", "Fight"),
                col_actions=("Ballet", "Boxing"), players=("Ann", "Bob"))
    lo, hi = bg.maxmin(g, exact=True), bg.minmax(g, exact=True)
    assert "Ann: 2/3, guaranteed by playing Opera 1/3, Fight 2/3" in repr(lo)
    assert "Bob: 2/3, guaranteed by playing Ballet 2/3, Boxing 1/3" in repr(lo)
    assert "Ann: held to 2/3 by Bob playing Ballet 1/3, Boxing 2/3" in repr(hi)
    assert "batch of shape (2,)" in repr(bg.maxmin(bg.Game(np.zeros((2, 2, 2)))))
    assert lo.labels.players == ("Ann", "Bob") and lo.status is bg.Status.SUCCESS and lo.message


def test_results_are_read_only():
    res = bg.maxmin(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    for arr in (res.values, res.strategies[0], res.gap):
        with pytest.raises(ValueError):
            arr[0] = 1.0


@settings(max_examples=15)
@given(bst.games(rows=(1, 4), cols=(1, 4), batch_shape=(3,)))
def test_batch_equals_loop(g):
    lo = bg.maxmin(g)
    assert lo.values.shape == (3, 2)
    for i in range(3):
        one = bg.maxmin(g[i])
        np.testing.assert_allclose(lo.values[i], one.values, atol=1e-9 * 6)


# ----------------------------------------------------------------------------- issue 10: scale
@settings(max_examples=30)
@given(bst.games(rows=(1, 4), cols=(1, 4)), AFFINE, AFFINE)
def test_levels_follow_each_players_affine_change(g, t0, t1):
    """Each player's level maps with that player's own scale and shift; strategies stay optimal."""
    (f0, s0), (f1, s1) = affine(*t0), affine(*t1)
    h = bg.Game(np.asarray(g.A) * f0 + s0, np.asarray(g.B) * f1 + s1)
    lo, hi = bg.maxmin(g), bg.minmax(g)
    lo2, hi2 = bg.maxmin(h), bg.minmax(h)
    assert lo2.success and hi2.success  # nothing certified is uncertified after the change
    _check_levels(h, lo2, hi2)
    for k, (f, s) in enumerate(((f0, s0), (f1, s1))):
        rng = float(_ranges(h)[k])
        for before, after in ((lo, lo2), (hi, hi2)):
            assert after.values[k] == pytest.approx(f * before.values[k] + s, abs=1e-8 * rng + 4e-16 * abs(s))


def test_huge_payoffs_are_normalised_first():
    """Matching pennies times 5e307: no overflow, no 'Invalid input for linprog'."""
    g = bg.Game(np.array([[1.0, -1.0], [-1.0, 1.0]]) * 5e307, np.array([[-1.0, 1.0], [1.0, -1.0]]) * 5e307)
    for res in (bg.maxmin(g), bg.minmax(g)):
        assert res.success
        np.testing.assert_allclose(res.values, [0.0, 0.0], atol=1e-9 * 1e308)
        np.testing.assert_allclose(res.strategies[0], [0.5, 0.5], atol=1e-9)
    tiny = bg.maxmin(bg.Game(np.array([[3, 0], [5, 1]]) * 1e-300, np.array([[3, 5], [0, 1]]) * 1e300))
    assert tiny.values[0] == pytest.approx(1e-300) and tiny.values[1] == pytest.approx(1e300)


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("func", [bg.maxmin, bg.minmax])
def test_bad_input(func):
    name = func.__name__
    g = bg.Game([[1, -1], [-1, 1]])
    with pytest.raises(InvalidGameError, match=name):
        func([[1, 0], [0, 1]])
    with pytest.raises(InvalidArgumentError, match=f"{name}: exact must be True or False"):
        func(g, exact="yes")
    with pytest.raises(InvalidArgumentError, match=f"{name}: exact"):
        func(g, exact=1)
    with pytest.raises(InvalidArgumentError, match=f"{name}: tol"):
        func(g, tol=-1.0)
    with pytest.raises(InvalidArgumentError, match=f"{name}: tol"):
        func(g, tol=float("nan"))
    with pytest.raises(InvalidArgumentError, match=f"{name}: tol"):
        func(g, tol=True)
    with pytest.raises(TypeError):
        func(g, True)  # flags are keyword-only


@pytest.mark.parametrize("func", [bg.maxmin, bg.minmax])
def test_uncertified_answers_are_flagged_and_warned(func, monkeypatch):
    """If the LP's duality gap exceeds tol, status says so and the warning points at the caller."""
    original = security.solve_matrix_games

    def widened(M, Me, tol):
        res = original(M, Me, tol)
        return security.MatrixGames(res.value, res.maxi, res.mini, res.gap + 1.0, res.gap < 0, res.exact)

    monkeypatch.setattr(security, "solve_matrix_games", widened)
    with pytest.warns(bg.ConvergenceWarning, match="failed certification") as record:
        res = func(bg.Game([[1, -1], [-1, 1]]))
    assert record[0].filename == __file__
    assert res.status is bg.Status.UNCERTIFIED and not res.success


def test_old_home_still_resolves():
    from bargain.solvers import zero_sum

    assert zero_sum.maxmin is bg.maxmin is security.maxmin and zero_sum.minmax is bg.minmax
