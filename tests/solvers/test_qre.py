"""Tests of bargain.solvers.dynamics.qre: the principal branch of logit quantal response equilibrium."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

import bargain as bg
from bargain.core import kernels
from bargain.errors import ConvergenceWarning, InvalidArgumentError, InvalidGameError
from bargain.solvers.dynamics import _qre_trace
from bargain.testing import strategies as bst

# ---------------------------------------------------------------------------- reference games

MATCHING_PENNIES = dict(
    A=[[1, -1], [-1, 1]],
    B=[[-1, 1], [1, -1]],
    source="matching pennies (von Neumann & Morgenstern 1944); symmetric under relabelling both "
    "players' actions, so every logit QRE is (1/2, 1/2) for every lambda (McKelvey & Palfrey 1995)",
)

ASYMMETRIC_PENNIES = dict(
    A=[[9, 0], [0, 1]],
    B=[[0, 1], [1, 0]],
    source="asymmetric matching pennies with X = 9, the game of Ochs (1995, GEB 10) analysed by "
    "McKelvey & Palfrey (1995, GEB 10, section 5): unique Nash equilibrium p(Up) = 1/2, "
    "q(Left) = 1/10 (each mixes to make the other indifferent); logit QRE: p(Up) > 1/2 for every "
    "lambda > 0 (own-payoff effect) and (p, q) -> (1/2, 1/10) as lambda -> inf",
)


def _qre_2x2_by_root(A: list, B: list, lam: float) -> tuple[float, float]:
    """Independent oracle for 2x2 games with a unique QRE: bracketed root of one equation.

    With ``a = log(x_1 / x_0)`` and ``y_1 = sigmoid(lam ((xB)_1 - (xB)_0))`` the QRE solves
    ``a = lam ((A y)_1 - (A y)_0)``; when ``a1 c1 <= 0`` the left minus right side is increasing.
    """
    A = np.asarray(A, float)
    B = np.asarray(B, float)
    a0 = A[1, 0] - A[0, 0]
    a1 = A[1, 1] - A[0, 1] - a0
    c0 = B[0, 1] - B[0, 0]
    c1 = B[1, 1] - B[1, 0] - c0

    def sig(v: float) -> float:
        return 0.5 * (1 + np.tanh(0.5 * v))

    def f(a: float) -> float:
        return a - lam * (a0 + a1 * sig(lam * (c0 + c1 * sig(a))))

    bound = lam * (abs(a0) + abs(a1)) + 1
    a = brentq(f, -bound, bound, xtol=1e-15, rtol=1e-15, maxiter=500)
    b = lam * (c0 + c1 * sig(a))
    return 1 - sig(a), 1 - sig(b)    # probabilities of the first actions


def _payoffs_for(g: bg.Game, scale: str) -> tuple[np.ndarray, np.ndarray]:
    """The payoffs ``lam`` multiplies: as given, or each player's divided by its range."""
    return (g.normalized.A, g.normalized.B) if scale == "range" else (g.A, g.B)


def _check_fixed_point(g: bg.Game, res: bg.QREResult, tol: float = 1e-8) -> None:
    """The invariant: every converged entry is a logit fixed point on the simplex.

    Checked independently in probability units (the kernel's softmax), and the reported
    residual (log-odds form) is within the requested tolerance."""
    x, y = np.asarray(res.row), np.asarray(res.col)
    ok = np.asarray(res.converged)
    lam = np.asarray(res.lam)
    A, B = _payoffs_for(g, res.scale)
    A = np.broadcast_to(A, lam.shape + g.shape)
    B = np.broadcast_to(B, lam.shape + g.shape)
    fx = kernels.logit_response(kernels.row_action_payoffs(A, y), lam)
    fy = kernels.logit_response(kernels.col_action_payoffs(B, x), lam)
    err = np.maximum(np.abs(x - fx).max(axis=-1), np.abs(y - fy).max(axis=-1))
    assert np.all(err[ok] <= tol)
    assert np.allclose(x[ok].sum(axis=-1), 1) and np.all(x[ok] > 0)
    assert np.allclose(y[ok].sum(axis=-1), 1) and np.all(y[ok] > 0)
    assert np.all(np.asarray(res.residual)[ok] <= res.tol)


# ---------------------------------------------------------------------------- sourced examples


@pytest.mark.parametrize("lam", [0.0, 0.3, 2.0, 17.0, 1e3, 1e6])
def test_matching_pennies_is_uniform(lam: float) -> None:
    g = bg.Game(MATCHING_PENNIES["A"], MATCHING_PENNIES["B"])
    res = bg.logit_qre(g, lam)
    assert res.success
    np.testing.assert_allclose(res.row, [0.5, 0.5], atol=1e-12)
    np.testing.assert_allclose(res.col, [0.5, 0.5], atol=1e-12)
    _check_fixed_point(g, res)


def test_asymmetric_matching_pennies_matches_independent_roots() -> None:
    case = ASYMMETRIC_PENNIES
    g = bg.Game(case["A"], case["B"])
    lams = np.array([0.05, 0.5, 1.0, 3.0, 10.0, 100.0, 1000.0])
    res = bg.logit_qre(g, lams)
    assert res.success
    _check_fixed_point(g, res)
    for i, lam in enumerate(lams):
        p, q = _qre_2x2_by_root(case["A"], case["B"], lam)
        assert res.row[i, 0] == pytest.approx(p, abs=1e-10)
        assert res.col[i, 0] == pytest.approx(q, abs=1e-10)
    # own-payoff effect: Up is played more than in the Nash equilibrium at every lambda > 0 ...
    assert np.all(res.row[:, 0] > 0.5)
    # ... and the QRE approaches the Nash equilibrium (1/2, 1/10) as lambda grows
    assert abs(res.row[-1, 0] - 0.5) < 2e-3 and abs(res.col[-1, 0] - 0.1) < 1e-5
    assert np.all(np.diff(res.col[:, 0]) < 0)          # q(Left) falls monotonically to 1/10


def test_asymmetric_matching_pennies_path_and_limit() -> None:
    g = bg.Game(ASYMMETRIC_PENNIES["A"], ASYMMETRIC_PENNIES["B"])
    lams = np.geomspace(0.01, 1e4, 40)
    path = bg.logit_qre_path(g, lams)
    assert path.success and path.row.shape == (40, 2) and path.col.shape == (40, 2)
    assert np.all(path.converged) and np.all(path.residual < 1e-9)
    assert np.all(path.row[:, 0] > 0.5)
    # regret falls to 0 along the branch, like 1/lambda
    assert path.regret[-1] < 1e-3 and path.regret[-1] < path.regret[10]
    # the limit is the Nash equilibrium, certified
    assert bool(path.limit_certified)
    np.testing.assert_allclose(path.limit_row, [0.5, 0.5], atol=1e-12)
    np.testing.assert_allclose(path.limit_col, [0.1, 0.9], atol=1e-12)
    assert bg.is_equilibrium(g, path.limit_row, path.limit_col)
    # the path agrees with pointwise solves
    single = bg.logit_qre(g, lams)
    np.testing.assert_allclose(path.row, single.row, atol=1e-10)
    np.testing.assert_allclose(path.col, single.col, atol=1e-10)


def test_coordination_game_selects_the_risk_dominant_equilibrium() -> None:
    """Stag hunt: payoff-dominant (Stag, Stag) but risk-dominant (Hare, Hare).

    Harsanyi & Selten (1988): (Hare, Hare) risk-dominates, the product of the deviation
    losses being larger there: (5 - 1)(5 - 1) = 16 > (10 - 8)(10 - 8) = 4.
    In 2x2 coordination games the limiting logit equilibrium is the risk-dominant one
    (Zhang & Hofbauer 2016, 'Quantal response methods for equilibrium selection in normal form
    games', J. Math. Econ. 64); the trace must end at (Hare, Hare), certified.
    """
    A = [[10, 1], [8, 5]]
    g = bg.Game.symmetric(A)
    path = bg.logit_qre_path(g, np.geomspace(0.01, 100, 30))
    assert path.success
    assert bool(path.limit_certified)
    np.testing.assert_allclose(path.limit_row, [0, 1])
    np.testing.assert_allclose(path.limit_col, [0, 1])


@pytest.mark.parametrize("V, C", [(4, 6), (2, 6), (1, 10), (6, 4)])
def test_hawk_dove_symmetric_branch_tends_to_the_ess(V: int, C: int) -> None:
    """Hawk-dove (Maynard Smith 1982, ch. 2): the symmetric QRE tends to Hawk with probability
    V / C when V < C (the mixed ESS), to pure Hawk when V > C. In a symmetric game the trace
    follows the symmetric branch through its symmetry-breaking bifurcation."""
    g = bg.Game.symmetric([[(V - C) / 2, V], [0, V / 2]])
    lams = np.geomspace(0.1, 1e4, 25)
    path = bg.logit_qre_path(g, lams)
    assert path.success
    np.testing.assert_array_equal(path.row, path.col)
    assert bool(path.limit_certified)
    expected = min(V / C, 1.0)
    np.testing.assert_allclose(path.limit_row, [expected, 1 - expected], atol=1e-12)
    assert abs(path.row[-1, 0] - expected) < 1e-3
    ess = bg.ess([[F(V - C, 2), F(V)], [F(0), F(V, 2)]])
    np.testing.assert_allclose(path.limit_row, ess.strategies[0], atol=1e-12)


@given(bst.symmetric_games(actions=(2, 4), payoffs="float"), st.sampled_from([0.4, 3.0, 30.0]))
def test_symmetric_games_give_symmetric_qre(g: bg.Game, lam: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        res = bg.logit_qre(g, lam, scale="range")
    _check_fixed_point(g, res)
    if res.converged:
        np.testing.assert_array_equal(res.row, res.col)


def test_turning_point_is_passed_and_first_crossing_returned() -> None:
    """A 2x2 game whose principal branch folds back in lambda (found by a dense reference trace).

    The branch rises to lambda ~ 17.36 (scaled units), turns back, and turns again later; at a
    lambda inside the fold the returned QRE is the branch's first crossing: the point reached by
    a continuous path from lower lambdas (the nearest of the three QRE there).
    """
    a0, a1, c0, c1 = -0.0483376, -0.40728999, 0.08311166, -1.08311166
    A = [[0.0, 0.0], [a0, a0 + a1]]
    B = [[0.0, c0], [0.0, c0 + c1]]
    g = bg.Game(A, B)
    top = float(g.payoff_range.max())
    lams = np.linspace(1.0, 17.3, 60) / top
    path = bg.logit_qre_path(g, lams)
    assert path.success
    x = path.row[:, 1]
    # continuity below the fold: no jumps between neighbouring lambdas
    assert np.abs(np.diff(x)).max() < 0.05
    far = bg.logit_qre(g, 40.0 / top)
    assert far.success
    _check_fixed_point(g, far)


# ---------------------------------------------------------------------------- properties


@given(bst.games(rows=(1, 3), cols=(1, 3)))
def test_lambda_zero_is_uniform(g: bg.Game) -> None:
    res = bg.logit_qre(g, 0.0)
    m, n = g.shape
    assert res.success
    np.testing.assert_allclose(res.row, np.full(m, 1 / m), atol=1e-15)
    np.testing.assert_allclose(res.col, np.full(n, 1 / n), atol=1e-15)


@given(
    bst.games(rows=(1, 4), cols=(1, 4), payoffs="float", min_value=-10, max_value=10),
    st.sampled_from([0.1, 1.0, 4.0, 30.0]),
)
def test_residual_small_and_failures_reported(g: bg.Game, lam: float) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = bg.logit_qre(g, lam, scale="range")
    _check_fixed_point(g, res)
    if res.success:
        assert not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    else:
        assert any(issubclass(w.category, ConvergenceWarning) for w in caught)
        assert np.isnan(res.row).any() or (res.residual > res.tol).any()


@pytest.mark.parametrize("shape", [(2, 2), (2, 3), (3, 3), (4, 2)])
def test_generic_games_converge(shape: tuple[int, int]) -> None:
    """Random continuous payoffs are generic with probability 1: every trace must succeed."""
    rng = np.random.default_rng(7)
    count = 400 if shape == (2, 2) else 60
    g = bg.Game(rng.uniform(-1, 1, (count,) + shape), rng.uniform(-1, 1, (count,) + shape))
    res = bg.logit_qre(g, np.array([[0.5], [5.0], [50.0], [500.0]]), scale="range")
    assert res.success, res.message
    _check_fixed_point(g, res)


@given(bst.games(rows=(2, 3), cols=(2, 3), batch_shape=(3,), payoffs="float"), st.sampled_from([0.7, 6.0]))
def test_batched_equals_loop(g: bg.Game, lam: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        batch = bg.logit_qre(g, lam, scale="range")
        for i in range(3):
            one = bg.logit_qre(g[i], lam, scale="range")
            assert bool(one.converged) == bool(batch.converged[i])
            if one.converged:
                np.testing.assert_allclose(batch.row[i], one.row, atol=1e-10)
                np.testing.assert_allclose(batch.col[i], one.col, atol=1e-10)


def test_lambda_broadcasts_against_the_batch() -> None:
    rng = np.random.default_rng(3)
    g = bg.Game(rng.normal(size=(4, 2, 3)), rng.normal(size=(4, 2, 3)))
    lams = np.array([[0.1], [1.0], [10.0]])
    res = bg.logit_qre(g, lams)
    assert res.row.shape == (3, 4, 2) and res.col.shape == (3, 4, 3) and res.lam.shape == (3, 4)
    for i, lam in enumerate(lams[:, 0]):
        for j in range(4):
            one = bg.logit_qre(g[j], lam)
            np.testing.assert_allclose(res.row[i, j], one.row, atol=1e-10)
            np.testing.assert_allclose(res.col[i, j], one.col, atol=1e-10)
    assert res.lam[2, 1] == 10.0


@given(bst.games(rows=(2, 3), cols=(2, 3)), st.sampled_from([0.25, 0.5, 2.0, 8.0]), st.integers(-5, 5))
def test_positive_affine_invariance_with_range_scale(g: bg.Game, a: float, b: int) -> None:
    """Integer payoffs, power-of-two factors: the transformed game is exact in floating point."""
    h = bg.Game(a * g.A + b, a * g.B - b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        r1 = bg.logit_qre(g, 3.0, scale="range")
        r2 = bg.logit_qre(h, 3.0, scale="range")
        r3 = bg.logit_qre(g, 3.0 * a)                  # scale="none": lambda absorbs the factor
        r4 = bg.logit_qre(h, 3.0)
    if r1.converged and r2.converged:
        np.testing.assert_allclose(r1.row, r2.row, atol=1e-8)
        np.testing.assert_allclose(r1.col, r2.col, atol=1e-8)
    if r3.converged and r4.converged:
        np.testing.assert_allclose(r3.row, r4.row, atol=1e-8)


@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="float"), st.sampled_from([0.5, 5.0]))
def test_player_swap(g: bg.Game, lam: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        r = bg.logit_qre(g, lam)
        t = bg.logit_qre(g.transpose(), lam)
    if r.converged and t.converged:
        np.testing.assert_allclose(r.row, t.col, atol=1e-8)
        np.testing.assert_allclose(r.col, t.row, atol=1e-8)


@given(bst.games(rows=(2, 4), cols=(2, 4), payoffs="float"))
def test_small_lambda_matches_damped_fixed_point_iteration(g: bg.Game) -> None:
    """Independent oracle: at small precision the logit map is a contraction (unique QRE)."""
    lam = 0.4                                            # with scale="range": Lipschitz < 1
    res = bg.logit_qre(g, lam, scale="range")
    A, B = g.normalized.A, g.normalized.B
    m, n = g.shape
    x, y = np.full(m, 1 / m), np.full(n, 1 / n)
    for _ in range(400):
        x, y = kernels.logit_response(A @ y, lam), kernels.logit_response(x @ B, lam)
    assert res.success
    np.testing.assert_allclose(res.row, x, atol=1e-10)
    np.testing.assert_allclose(res.col, y, atol=1e-10)


def test_general_tracer_agrees_with_the_2x2_closed_forms() -> None:
    """Two formulations: the reduced 2x2 system (alpha, mu) and the general (alpha, beta, mu) one."""
    rng = np.random.default_rng(11)
    A, B = rng.uniform(-1, 1, (300, 2, 2)), rng.uniform(-1, 1, (300, 2, 2))
    As, Bs = kernels.normalise(A, B)
    mu = np.broadcast_to(np.array([1.0, 8.0, 40.0, 200.0]), (300, 4)).copy()
    z, reached, _ = _qre_trace.trace_branch(As, Bs, mu, 5000)
    x, y, _, reached2, _, _ = _qre_trace.solve_branch(As, Bs, mu, 5000)
    assert reached.all() and reached2.all()
    np.testing.assert_allclose(1 / (1 + np.exp(-z[..., 0])), x[..., 1], atol=1e-8)
    np.testing.assert_allclose(1 / (1 + np.exp(-z[..., 1])), y[..., 1], atol=1e-8)


def _fast_and_traced(g: bg.Game, lams: np.ndarray, path: bool = False) -> tuple:
    """The default 2x2 path, and the same games traced wherever uniqueness is not certified
    by the conservative bound (certified direct solves beyond it switched off)."""
    func = bg.logit_qre_path if path else bg.logit_qre
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        fast = func(g, lams)
        saved = _qre_trace.CERTIFY_2X2
        _qre_trace.CERTIFY_2X2 = False
        try:
            traced = func(g, lams)
        finally:
            _qre_trace.CERTIFY_2X2 = saved
    return fast, traced


@given(
    bst.games(rows=2, cols=2, batch_shape=(8,), payoffs="float", min_value=-1, max_value=1)
    | bst.games(rows=2, cols=2, batch_shape=(8,), payoffs="int", min_value=-4, max_value=4),
)
def test_certified_direct_solves_agree_with_the_tracer(g: bg.Game) -> None:
    """Beyond the uniqueness bound, 2x2 games whose QRE is certified unique at lambda are solved
    directly: the same points as the traced principal branch (invariant: same convergence,
    profiles within 1e-8, fixed-point residual small)."""
    lams = np.array([1.0, 10.0, 100.0, 1000.0])[:, None]
    fast, traced = _fast_and_traced(g, lams)
    np.testing.assert_array_equal(fast.converged, traced.converged)
    ok = fast.converged
    np.testing.assert_allclose(fast.row[ok], traced.row[ok], atol=1e-8)
    np.testing.assert_allclose(fast.col[ok], traced.col[ok], atol=1e-8)
    assert np.all(fast.residual[ok] <= fast.tol)
    # several lambdas per game (the path): a game is solved directly only if all are certified
    fast_p, traced_p = _fast_and_traced(g, lams[:, 0], path=True)
    np.testing.assert_array_equal(fast_p.converged, traced_p.converged)
    ok = fast_p.converged
    np.testing.assert_allclose(fast_p.row[ok], traced_p.row[ok], atol=1e-8)
    np.testing.assert_allclose(fast_p.col[ok], traced_p.col[ok], atol=1e-8)


def test_certified_direct_solves_on_many_random_games() -> None:
    """2000 random 2x2 games at lambda in {1, 10, 100, 1000}: most games past the bound are
    certified (steps == 0) and agree with the tracer; the rest are still traced."""
    rng = np.random.default_rng(7)
    g = bg.Game(rng.uniform(-1, 1, (2000, 2, 2)), rng.uniform(-1, 1, (2000, 2, 2)))
    lams = np.array([1.0, 10.0, 100.0, 1000.0])[:, None]
    fast, traced = _fast_and_traced(g, lams)
    assert fast.success and traced.success
    np.testing.assert_allclose(fast.row, traced.row, atol=1e-8)
    np.testing.assert_allclose(fast.col, traced.col, atol=1e-8)
    assert (fast.steps == 0).sum() > (traced.steps == 0).sum()
    assert (fast.steps[-1] > 0).any()                # games with three QRE are traced


def test_certificate_refuses_games_with_three_qre() -> None:
    """A coordination game at lambda = 100 has three QRE (near its three Nash equilibria):
    never certified unique."""
    from bargain.solvers.dynamics._qre_systems import certify_unique_2x2, params_2x2

    A = np.array([[[2.0, 0.0], [0.0, 1.0]]])
    par = params_2x2(A, A)
    assert not certify_unique_2x2(par, np.array([100.0]), iters=50).any()
    # a dominance-solvable game is certified at every precision
    A2 = np.array([[[1.0, 0.0], [2.0, 0.5]]])
    par2 = params_2x2(A2, np.swapaxes(A2, 1, 2))
    mu = np.array([10.0, 100.0, 1000.0])
    assert certify_unique_2x2(np.repeat(par2, 3, axis=1), mu).all()


@given(bst.games(rows=2, cols=2, min_value=-5, max_value=5))
def test_qre_approaches_the_unique_nash_equilibrium(g: bg.Game) -> None:
    """Integer payoffs keep every nonzero payoff gap >= 1/10 of the scale, so lambda = 1e4
    (scale="range") is far enough along the branch; degenerate games are left out."""
    eqs = bg.equilibria_2x2(g)
    assume(int(eqs.count) == 1 and not bool(eqs.degenerate))
    path = bg.logit_qre_path(g, [1.0, 10.0, 100.0, 1e4], scale="range")
    assert path.success
    reg = path.regret                       # relative to each player's payoff range
    assert reg[-1] < 1e-3
    assert reg[-1] <= reg[0] + 1e-12
    assert bool(path.limit_certified)
    np.testing.assert_allclose(path.limit_row[0], eqs.p[0], atol=1e-7)
    np.testing.assert_allclose(path.limit_col[0], eqs.q[0], atol=1e-7)


@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="float"))
def test_path_limit_is_certified_or_not_claimed(g: bg.Game) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        path = bg.logit_qre_path(g, [1.0, 100.0, 1e4], scale="range")
    if bool(path.limit_certified):
        assert bg.is_equilibrium(g, path.limit_row, path.limit_col)
        assert np.isfinite(path.limit_row).all() and np.isfinite(path.limit_col).all()
    else:
        assert path.limit_regret > 1e-9


# ---------------------------------------------------------------------------- other behaviour


def test_nashpy_game_and_repr() -> None:
    ng = nashpy.Game(np.array(ASYMMETRIC_PENNIES["A"]), np.array(ASYMMETRIC_PENNIES["B"]))
    res = bg.logit_qre(ng, 1.0)
    assert "QREResult at lam=1" in repr(res) and "status=SUCCESS" in repr(res)
    assert "Row: r0 0.89" in repr(res) and "Column: c0 0.31" in repr(res)
    assert res._repr_html_().startswith("<pre>")
    batch = bg.logit_qre(ng, [1.0, 2.0])
    assert "batch of shape (2,)" in repr(batch)
    path = bg.logit_qre_path(ng, [1.0, 10.0])
    assert "QREPath: 2 lambdas" in repr(path)
    assert res.row.flags.writeable is False and path.limit_row.flags.writeable is False
    batched_path = bg.logit_qre_path(bg.Game(np.zeros((2, 2, 2))), [1.0])
    assert "limits certified" in repr(batched_path)
    assert batched_path.batch_shape == (2,)


def test_step_budget_is_reported() -> None:
    g = bg.Game.symmetric([[10, 1], [8, 5]])         # needs continuation beyond the unique range
    with pytest.warns(ConvergenceWarning, match="logit_qre: 1 of 1 entries did not converge"):
        res = bg.logit_qre(g, 50.0, max_iter=1)
    assert res.status is bg.Status.MAX_ITER and not res.success
    assert not bool(res.converged) and np.isnan(res.row).all() and np.isinf(res.residual)
    with pytest.warns(ConvergenceWarning, match="logit_qre_path"):
        path = bg.logit_qre_path(g, [0.1, 50.0], max_iter=1)
    assert path.converged.tolist() == [True, False]
    assert path.status is bg.Status.MAX_ITER and "ran out of max_iter=1" in path.message
    assert not bool(path.limit_certified) and np.isinf(path.limit_regret)


def test_degenerate_game_with_a_continuum() -> None:
    """All-zero payoffs: every profile is an equilibrium and the QRE stays uniform."""
    res = bg.logit_qre_path(bg.Game(np.zeros((3, 2))), [1.0, 1e5])
    assert res.success
    np.testing.assert_allclose(res.row, 1 / 3)
    assert bool(res.limit_certified)


# ---------------------------------------------------------------------------- bad input

GAME = bg.Game([[1, 2], [3, 4]], [[1, 0], [0, 1]])


@pytest.mark.parametrize(
    "lam, match",
    [
        (-1.0, "logit_qre: lam must be >= 0"),
        (float("nan"), "logit_qre: lam must be finite"),
        (float("inf"), "logit_qre: lam must be finite"),
        ([1.0, -0.5], "logit_qre: lam must be >= 0"),
        ("high", "logit_qre: lam must be real numbers"),
        (True, "logit_qre: lam must be real, got True"),
        (np.array([True, False]), "logit_qre: lam must be real numbers"),
        (np.ma.array([1.0, 2.0], mask=[0, 1]), "logit_qre: lam has masked entries"),
        ([], "logit_qre: lam is empty"),
        (np.ones((3, 2)), "logit_qre: lam of shape"),
    ],
)
def test_bad_lambda(lam, match: str) -> None:
    g = bg.Game(np.zeros((4, 2, 2)))
    with pytest.raises(InvalidArgumentError, match=match):
        bg.logit_qre(g, lam)


@pytest.mark.parametrize(
    "lams, match",
    [
        ([1.0, 0.5], "logit_qre_path: lams must be sorted nondecreasing"),
        ([], "logit_qre_path: lams is empty"),
        ([[1.0, 2.0]], "logit_qre_path: lams must have 1 dimension"),
        ([1.0, float("inf")], "logit_qre_path: lams must be finite"),
        ([False, True], "logit_qre_path: lams must be real numbers"),
        ([0.0, float("nan")], "logit_qre_path: lams must be finite"),
        ([-1.0, 1.0], "logit_qre_path: lams must be >= 0"),
    ],
)
def test_bad_lambdas_for_path(lams, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        bg.logit_qre_path(GAME, lams)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(scale="unit"), "scale must be one of 'none', 'range'"),
        (dict(tol=-1.0), "tol"),
        (dict(max_iter=0), "max_iter must be >= 1"),
        (dict(max_iter=2.5), "max_iter must be an integer"),
        (dict(max_iter=True), "max_iter must be an integer"),
        (dict(max_time=0.0), "max_time must be > 0"),
        (dict(max_time=float("nan")), "max_time must be finite"),
        (dict(tol=True), "tol must be a real number"),
        (dict(tol=float("nan")), "tol must be finite"),
    ],
)
@pytest.mark.parametrize("func", ["logit_qre", "logit_qre_path"])
def test_bad_options(func: str, kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=f"{func}: {match}"):
        getattr(bg, func)(GAME, [1.0], **kwargs)


def test_bad_game() -> None:
    with pytest.raises(InvalidGameError, match="logit_qre: expected a bargain.Game"):
        bg.logit_qre([[1, 2], [3, 4]], 1.0)
    with pytest.raises(InvalidGameError, match="logit_qre_path: expected a bargain.Game"):
        bg.logit_qre_path("pennies", [1.0])
    with pytest.raises(InvalidArgumentError, match="logit_qre_path: limit_tol"):
        bg.logit_qre_path(GAME, [1.0], limit_tol=2.0)


# ---------------------------------------------------------------------------- scale (issue 10)


@settings(max_examples=40)
@given(bst.games(rows=(2, 3), cols=(2, 3)), st.data())
def test_range_scale_is_invariant_to_each_players_affine_changes(g: bg.Game, data) -> None:
    """scale="range": lam is unit-free, so multiplying either player's payoffs alone by 10**k
    (|k| <= 9) and shifting them by up to 1e12 changes nothing (degenerate integer games
    included); a limit certified on the variant is an equilibrium of the variant."""
    variant = data.draw(bst.affine_variants(g))
    lams = [0.5, 5.0, 50.0, 1e4]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        p1 = bg.logit_qre_path(g, lams, scale="range")
        p2 = bg.logit_qre_path(variant, lams, scale="range")
    np.testing.assert_array_equal(p1.converged, p2.converged)
    ok = p1.converged
    np.testing.assert_allclose(p1.row[ok], p2.row[ok], atol=1e-7)
    np.testing.assert_allclose(p1.col[ok], p2.col[ok], atol=1e-7)
    np.testing.assert_allclose(p1.regret[ok], p2.regret[ok], atol=1e-7)
    assert p1.status is p2.status
    if p2.success:
        assert np.all(p2.residual <= p2.tol)
    if bool(p2.limit_certified):
        assert bg.is_equilibrium(variant, p2.limit_row, p2.limit_col)
    if bool(p1.limit_certified) and bool(p2.limit_certified):
        np.testing.assert_allclose(p1.limit_row, p2.limit_row, atol=1e-7)
        np.testing.assert_allclose(p1.limit_col, p2.limit_col, atol=1e-7)


@settings(max_examples=30)
@given(bst.games(rows=(2, 3), cols=(2, 3)), st.integers(-12, 12), st.integers(-12, 12))
def test_shifts_change_nothing_in_payoff_units(g: bg.Game, i: int, j: int) -> None:
    """scale="none": lam is in units of 1 / payoff; shifting a player's payoffs changes no QRE."""
    h = bg.Game(g.A + float(i) * 1e11, g.B + float(j) * 1e11)     # integers: exact in float64
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        r1 = bg.logit_qre(g, [0.3, 3.0])
        r2 = bg.logit_qre(h, [0.3, 3.0])
    np.testing.assert_array_equal(r1.converged, r2.converged)
    np.testing.assert_allclose(r1.row[r1.converged], r2.row[r1.converged], atol=1e-9)
    np.testing.assert_allclose(r1.col[r1.converged], r2.col[r1.converged], atol=1e-9)


@pytest.mark.parametrize("k", [-300, -100, -9, 0, 9, 100, 300])
def test_range_scale_at_extreme_payoffs(k: int) -> None:
    """Payoffs of 1e300 or 1e-300 behave like payoffs of order one (no overflow, no precision loss)."""
    A = np.array([[2.0, -2, -2], [-2, 3, 0], [-1, -2, 0]])
    B = np.array([[1.0, 2, 2], [2, -1, 1], [2, 3, 2]])
    ref = bg.logit_qre_path(bg.Game(A, B), [1.0, 10.0, 1e3], scale="range")
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # not even a RuntimeWarning
        far = bg.logit_qre_path(bg.Game(A * 10.0**k, B * 10.0**-k), [1.0, 10.0, 1e3], scale="range")
    assert far.success and ref.success
    np.testing.assert_allclose(far.row, ref.row, atol=1e-9)
    np.testing.assert_allclose(far.col, ref.col, atol=1e-9)
    assert bool(far.limit_certified) == bool(ref.limit_certified)


def test_issue10_overflowing_matching_pennies() -> None:
    """Issue 10: logit_qre_path(MP, [0.5, 1]) with payoffs +-1e308 set limit_certified=True on a
    NaN limit. The game is now refused (its range overflows); just below the overflow the limit
    is the true equilibrium (1/2, 1/2), certified, and nothing is NaN."""
    with pytest.raises(InvalidGameError, match="overflows float64"):
        bg.Game([[1e308, -1e308], [-1e308, 1e308]], [[-1e308, 1e308], [1e308, -1e308]])
    big = 8e307
    mp = bg.Game([[big, -big], [-big, big]], [[-big, big], [big, -big]])
    for scale in ("none", "range"):
        path = bg.logit_qre_path(mp, [0.5, 1], scale=scale)
        assert path.success and bool(path.limit_certified)
        np.testing.assert_allclose(path.limit_row, [0.5, 0.5])
        np.testing.assert_allclose(path.limit_col, [0.5, 0.5])
        assert np.isfinite(path.limit_regret)


def test_a_nan_limit_is_never_certified() -> None:
    """A path whose last lambda was not reached has a NaN limit: never certified, regret inf."""
    g = bg.Game.symmetric([[10, 1], [8, 5]])
    with pytest.warns(ConvergenceWarning):
        path = bg.logit_qre_path(g, [0.1, 50.0], max_iter=1)
    assert np.isnan(path.limit_row).all() and not bool(path.limit_certified)
    assert path.limit_regret == np.inf
    assert "not certified" in repr(path) and "not reached" in repr(path)


def test_issue10_bool_lambda_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="logit_qre: lam must be real, got True"):
        bg.logit_qre(GAME, True)
    with pytest.raises(InvalidArgumentError, match="logit_qre_path: lams must be real"):
        bg.logit_qre_path(GAME, [True, True])


def test_lambda_times_range_overflow_is_refused() -> None:
    g = bg.Game([[1e300, 0], [0, 1e300]], [[0, 1], [1, 0]])
    with pytest.raises(InvalidArgumentError, match="lam times the payoff range overflows"):
        bg.logit_qre(g, 1e10)
    assert bg.logit_qre(g, 1e10, scale="range").success


def test_huge_precision_is_reported_not_hidden() -> None:
    """lam = 1 on payoffs of 1e9 is a precision of 1e9: the QRE is numerically its Nash limit and
    the fixed point cannot be certified to tol in float64 -- reported, never silently returned."""
    g = bg.Game(np.array([[9, 0], [0, 1]]) * 1e9, np.array([[0, 1], [1, 0]]) * 1e9)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = bg.logit_qre(g, 1.0)
    if not res.success:
        assert any(issubclass(w.category, ConvergenceWarning) for w in caught)
        assert res.status is bg.Status.UNCERTIFIED and not bool(res.converged)
    assert not any(issubclass(w.category, RuntimeWarning) for w in caught)
    np.testing.assert_allclose(res.col, [0.1, 0.9], atol=1e-6)


# ---------------------------------------------------------------------------- budgets


def test_max_time_ends_the_trace() -> None:
    rng = np.random.default_rng(5)
    g = bg.Game(rng.integers(-3, 4, (400, 4, 4)), rng.integers(-3, 4, (400, 4, 4)))
    with pytest.warns(ConvergenceWarning, match="ran out of max_time"):
        res = bg.logit_qre(g, [[1.0], [10.0], [1e3], [1e5]], max_time=1e-3, max_iter=None)
    assert res.status is bg.Status.MAX_TIME and not res.success
    assert np.isnan(res.row[~res.converged]).all()


def test_max_steps_is_a_deprecated_alias_of_max_iter() -> None:
    g = bg.Game.symmetric([[10, 1], [8, 5]])
    with pytest.warns(DeprecationWarning, match="logit_qre: max_steps is deprecated; use max_iter"):
        with pytest.warns(ConvergenceWarning):
            old = bg.logit_qre(g, 50.0, max_steps=1)
    assert old.status is bg.Status.MAX_ITER
    with pytest.warns(DeprecationWarning), pytest.raises(InvalidArgumentError, match="not both"):
        bg.logit_qre(g, 50.0, max_steps=1, max_iter=5)
    with pytest.warns(DeprecationWarning, match="logit_qre_path: max_steps"):
        assert bg.logit_qre_path(g, [1.0], max_steps=100).success
    with pytest.raises(TypeError, match="unexpected keyword argument 'max_step'"):
        bg.logit_qre(g, 1.0, max_step=5)


def test_results_are_frozen_and_labelled() -> None:
    g = bg.Game([[9, 0], [0, 1]], [[0, 1], [1, 0]], row_actions=("Tariff", "Free"),
                col_actions=("Retaliate", "Accept"), players=("US", "China"))
    res = bg.logit_qre(g, 1.0)
    assert res.labels == g.labels and isinstance(res, bg.QREResult)
    assert "US: Tariff 0.89" in repr(res) and "China: Retaliate 0.31" in repr(res)
    path = bg.logit_qre_path(g, [1.0, 1e3])
    assert "US: Tariff 1/2" in repr(path) or "US: Tariff 0.5" in repr(path)
    for arr in (res.row, res.col, res.lam, res.residual, res.converged, res.regret, res.steps,
                path.lams, path.limit_row, path.limit_certified):
        assert not arr.flags.writeable
    with pytest.raises(AttributeError):
        res.status = bg.Status.FAILED  # type: ignore[misc]


# ---------------------------------------------------------------------------- exhaustive


@pytest.mark.slow
def test_against_a_dense_reference_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    """2000 random 2x2 games: the default step control agrees with a trace of tiny steps."""
    rng = np.random.default_rng(2024)
    N = 2000
    A, B = rng.uniform(-1, 1, (N, 2, 2)), rng.uniform(-1, 1, (N, 2, 2))
    lams = np.array([2.0, 5.0, 10.0, 20.0, 40.0, 100.0, 300.0])
    g = bg.Game(A, B)
    fast = bg.logit_qre(g, lams[:, None], scale="range")
    assert fast.success
    monkeypatch.setattr(_qre_trace, "H_MAX", 0.03)
    monkeypatch.setattr(_qre_trace, "H_INIT", 0.01)
    monkeypatch.setattr(_qre_trace, "UNIQUE_2X2", 0.0)      # no direct solves: trace everything
    monkeypatch.setattr(_qre_trace, "CERTIFY_2X2", False)
    dense = bg.logit_qre(g, lams[:, None], scale="range", max_iter=10**6)
    assert dense.success
    np.testing.assert_allclose(fast.row, dense.row, atol=1e-7)
    np.testing.assert_allclose(fast.col, dense.col, atol=1e-7)
