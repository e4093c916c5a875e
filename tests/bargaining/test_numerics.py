"""Numerics of the bargaining solutions (issue 10): scale-free weights, per-player affine
invariance, payoffs near the float64 limits, inconsistent derivatives, bad input, budgets.

Invariance (DESIGN section 4): Nash and Kalai-Smorodinsky are invariant to a positive affine
change of either player's utility (exactly on exact problems, to rounding on float ones).
The egalitarian and utilitarian solutions compare utilities across players, so they are not
invariant; what holds is equivariance when the weights change with the scale (a player whose
utility is multiplied by ``a`` needs weight ``a w`` in the egalitarian ray, ``w / a`` in the
utilitarian sum).
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain import InvalidArgumentError, InvalidGameError, InvalidProblemError, NoAgreementError
from bargain.testing import strategies as bst

ISSUE_POINTS = [[0, 0], [0, 2], [1, 1.5], [2, 0]]
C_GAME = ([[1.7e308, 0], [0, 1.7e308]], [[1.7e308, 0], [0, 1.7e308]])


# ----------------------------------------------------------------------------- issue 10 reproducers
@pytest.mark.parametrize("weights", [(1e308, 1e308), (1e-308, 1e-308), (5e-324, 5e-324), (1, 1)])
def test_issue_10_weights_are_scale_free(weights):
    P = bg.BargainingProblem.from_points(ISSUE_POINTS)
    assert not P.exact
    np.testing.assert_allclose(bg.nash_bargaining(P, weights=weights).payoffs, [1, 1.5], rtol=1e-12)
    np.testing.assert_allclose(bg.egalitarian(P, weights=weights).payoffs, [1.2, 1.2], rtol=1e-12)
    u = bg.utilitarian(P, weights=weights)  # was IndexError
    np.testing.assert_allclose(u.payoffs, [1, 1.5], rtol=1e-12)
    assert u.unique and u.weights == (float(weights[0]), float(weights[1]))
    exact = bg.BargainingProblem.from_points([[0, 0], [0, 2], [1, F(3, 2)], [2, 0]])
    assert bg.nash_bargaining(exact, weights=weights).payoffs_exact == (1, F(3, 2))
    assert bg.egalitarian(exact, weights=weights).payoffs_exact == (F(6, 5), F(6, 5))
    assert bg.utilitarian(exact, weights=weights).payoffs_exact == (1, F(3, 2))


def test_issue_10_weights_on_frontier_problems_are_scale_free():
    P = bg.BargainingProblem.from_frontier(lambda u: 1 - u**2, 1.0)
    for fn in (bg.nash_bargaining, bg.egalitarian, bg.utilitarian):
        np.testing.assert_allclose(fn(P, weights=(1e308, 1e308)).payoffs, fn(P).payoffs, rtol=1e-12)


@pytest.mark.parametrize("transferable", [True, False])
def test_issue_10_variable_threat_near_the_float_limit(transferable):
    r = bg.variable_threat(bg.Game(*C_GAME), transferable=transferable)
    assert r.success
    assert np.isfinite(r.payoffs).all() and np.isfinite(r.threat_point).all()
    np.testing.assert_allclose(r.payoffs, [1.7e308, 1.7e308], rtol=1e-12)
    assert np.isfinite(r.threat_value)


def test_issue_10_problems_near_the_float_limit():
    P = bg.BargainingProblem.from_game(bg.Game(*C_GAME), disagreement=(0, 0))
    s = bg.nash_bargaining(P)
    np.testing.assert_allclose(s.payoffs, [1.7e308, 1.7e308], rtol=1e-12)
    assert s.agreement.sum() == pytest.approx(1)
    Q = bg.BargainingProblem.from_points([[-1.7e308, 0], [1.7e308, 0], [0, 1e308]], disagreement=(0, 0))
    for fn in (bg.nash_bargaining, bg.kalai_smorodinsky, bg.egalitarian, bg.utilitarian):
        sol = fn(Q)
        assert np.isfinite(sol.payoffs).all() and np.isfinite(sol.gains).all() and sol.success
    # the Nash point on the edge from (0, 1e308) to (1.7e308, 0): the middle of the edge
    np.testing.assert_allclose(bg.nash_bargaining(Q).payoffs, [0.85e308, 0.5e308], rtol=1e-12)


def test_issue_10_inconsistent_derivative_is_refused():
    with pytest.raises(InvalidProblemError, match="from_frontier: df is inconsistent with f"):
        bg.BargainingProblem.from_frontier(lambda u: 1 - u**2, 1.0, df=lambda u: -u)  # should be -2u
    with pytest.raises(InvalidProblemError, match="from_frontier: df is inconsistent with f.*flat index 1"):
        bg.BargainingProblem.from_frontier(lambda u, c: c * (1 - u), 1.0, params={"c": [1.0, 2.0]},
                                           df=lambda u, c: -np.ones_like(u))
    with pytest.raises(InvalidProblemError, match="df must return one finite value"):
        bg.BargainingProblem.from_frontier(lambda u: 1 - u, 1.0, df=lambda u: np.full_like(u, np.nan))
    # a correct df is accepted, and at a kink any supergradient is a derivative
    bg.BargainingProblem.from_frontier(lambda u: 1 - u**2, 1.0, df=lambda u: -2 * u)
    kink = 0.5772156649
    P = bg.BargainingProblem.from_frontier(
        lambda u: np.minimum(1 - 0.5 * u, 1 - 0.5 * kink - 2 * (u - kink)), 1.0,
        df=lambda u: np.where(u < kink, -0.5, -2.0),
    )
    assert bg.nash_bargaining(P).success


# ----------------------------------------------------------------------------- invariance (hypothesis)
small = st.integers(-4, 4)
point_lists = st.lists(st.tuples(small, small), min_size=2, max_size=6)
scales = st.integers(-9, 9)
shifts = st.integers(-10**12, 10**12)
weight_pairs = st.tuples(st.sampled_from([1, 2, 3, F(1, 2)]), st.sampled_from([1, 2, 5, F(1, 3)]))


def _representable(b, a):
    """The shift, capped at 1e6 times the scale: beyond, it swamps the payoffs' digits in float64
    (the transformed game would not be the same game)."""
    return float(max(-a * 1e6, min(a * 1e6, b)))


def _problem(points, d, exact):
    conv = (lambda v: v) if exact else float
    pts = [(conv(x), conv(y)) for x, y in points]
    try:
        return bg.BargainingProblem.from_points(pts, disagreement=(conv(d[0]), conv(d[1])),
                                                free_disposal=True)
    except NoAgreementError:
        return None


def _transform(points, d, player, a, b):
    def f(p):
        q = list(p)
        q[player] = a * q[player] + b
        return tuple(q)

    return [f(p) for p in points], f(d)


def _solutions(P, w):
    w = (float(w[0]), float(w[1])) if not P.exact else w
    return {
        "nash": bg.nash_bargaining(P, weights=w),
        "ks": bg.kalai_smorodinsky(P),
    }


@settings(max_examples=60)
@given(point_lists, weight_pairs, st.integers(0, 1), scales, shifts)
def test_nash_and_ks_are_invariant_per_player_exact(points, w, player, k, b):
    d = (min(p[0] for p in points), min(p[1] for p in points))
    P = _problem(points, d, True)
    assume(P is not None)
    a = F(10) ** k
    pts2, d2 = _transform([(F(x), F(y)) for x, y in points], (F(d[0]), F(d[1])), player, a, b)
    Q = bg.BargainingProblem.from_points(pts2, disagreement=d2, free_disposal=True)
    base, moved = _solutions(P, w), _solutions(Q, w)
    for name in base:
        expect = list(base[name].payoffs_exact)
        expect[player] = a * expect[player] + b
        assert tuple(moved[name].payoffs_exact) == tuple(expect), name
    # egalitarian / utilitarian: equivariant with rescaled weights
    we = list(w)
    we[player] = we[player] * a
    wu = list(w)
    wu[player] = wu[player] / a
    for fn, w2 in ((bg.egalitarian, we), (bg.utilitarian, wu)):
        expect = list(fn(P, weights=w).payoffs_exact)
        expect[player] = a * expect[player] + b
        assert tuple(fn(Q, weights=tuple(w2)).payoffs_exact) == tuple(expect), fn.__name__


@settings(max_examples=60)
@given(point_lists, weight_pairs, st.integers(0, 1), scales, shifts)
def test_solutions_are_invariant_per_player_floats(points, w, player, k, b):
    d = (min(p[0] for p in points), min(p[1] for p in points))
    P = _problem(points, d, False)
    assume(P is not None)
    a = 10.0 ** k
    b = _representable(b, a)
    pts2, d2 = _transform([(float(x), float(y)) for x, y in points], (float(d[0]), float(d[1])), player, a, b)
    Q = bg.BargainingProblem.from_points(pts2, disagreement=d2, free_disposal=True)
    wf = (float(w[0]), float(w[1]))
    we = list(wf)
    we[player] *= a
    wu = list(wf)
    wu[player] /= a
    pairs = [
        (bg.nash_bargaining(P, weights=wf), bg.nash_bargaining(Q, weights=wf)),
        (bg.kalai_smorodinsky(P), bg.kalai_smorodinsky(Q)),
        (bg.egalitarian(P, weights=wf), bg.egalitarian(Q, weights=tuple(we))),
        (bg.utilitarian(P, weights=wf), bg.utilitarian(Q, weights=tuple(wu))),
    ]
    for s, t in pairs:
        assert s.success and t.success
        expect = np.array(s.payoffs)
        expect[player] = a * expect[player] + b
        span = np.array([1.0, 1.0]) * 8
        span[player] = a * 8
        np.testing.assert_allclose(t.payoffs, expect, rtol=0, atol=1e-9 * span.max() + 1e-15 * abs(b),
                                   err_msg=s.name)
        assert bool(t.unique) == bool(s.unique), s.name


def _scaled_game(g, player, a, b):
    A, B = np.array(g.A, dtype=float), np.array(g.B, dtype=float)
    if player == 0:
        A = a * A + b
    else:
        B = a * B + b
    return bg.Game(A, B)


@settings(max_examples=25, deadline=None)
@given(bst.games(rows=(1, 3), cols=(1, 3)), st.integers(0, 1), scales, shifts)
def test_game_problems_and_ntu_threats_are_invariant_per_player(g, player, k, b):
    a = 10.0 ** k
    b = _representable(b, a)
    h = _scaled_game(g, player, a, b)
    g = bg.Game(np.array(g.A, dtype=float), np.array(g.B, dtype=float))
    try:
        P = bg.BargainingProblem.from_game(g, disagreement="security")
    except NoAgreementError:
        P = None
    assume(P is not None)
    Q = bg.BargainingProblem.from_game(h, disagreement="security")
    tol = 1e-7 * max(a, 1.0) * 6 + 1e-15 * abs(b)
    for fn in (bg.nash_bargaining, bg.kalai_smorodinsky):
        s, t = fn(P), fn(Q)
        expect = np.array(s.payoffs)
        expect[player] = a * expect[player] + b
        np.testing.assert_allclose(t.payoffs, expect, rtol=0, atol=tol)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", bg.ConvergenceWarning)
        r, q = bg.variable_threat(g, transferable=False), bg.variable_threat(h, transferable=False)
    if r.success:
        assert q.success  # nothing certified on one scale fails on another
        expect = np.array(r.payoffs)
        expect[player] = a * expect[player] + b
        np.testing.assert_allclose(q.payoffs, expect, rtol=0, atol=tol)


@settings(max_examples=40, deadline=None)
@given(bst.games(rows=(1, 3), cols=(1, 3)), scales, shifts, shifts)
def test_tu_threats_are_invariant_to_a_common_scale_and_separate_shifts(g, k, b1, b2):
    a = 10.0 ** k
    b1, b2 = _representable(b1, a), _representable(b2, a)
    A, B = np.array(g.A, dtype=float), np.array(g.B, dtype=float)
    h = bg.Game(a * A + b1, a * B + b2)
    r, q = bg.variable_threat(bg.Game(A, B)), bg.variable_threat(h)
    assert r.success and q.success
    tol = 1e-9 * max(a, 1.0) * 12 + 1e-15 * (abs(b1) + abs(b2))
    np.testing.assert_allclose(q.payoffs, a * r.payoffs + np.array([b1, b2]), rtol=0, atol=tol)


# ----------------------------------------------------------------------------- bad input
BAD_POINTS = [
    (np.ma.array([[0.0, 0.0], [1.0, 1.0]], mask=[[0, 0], [0, 1]]), "masked"),
    ([[0, 0], [1, True]], "numeric"),
    ([[0, 0], [1, np.inf]], "non-finite"),
    ([[0, 0], [1, np.nan]], "non-finite"),
    ([], "empty"),
    ([[0, 0], [1]], "pairs|shape"),
    ("points", "shape|pairs|numeric"),
]


@pytest.mark.parametrize("points, pattern", BAD_POINTS)
def test_from_points_refuses_bad_input(points, pattern):
    with pytest.raises(InvalidProblemError, match=f"from_points: .*({pattern})"):
        bg.BargainingProblem.from_points(points)


@pytest.mark.parametrize(
    "x_max, pattern",
    [(np.nan, "finite"), (np.inf, "finite"), (True, "real"), ([], "empty"), ([[1.0], [1.0, 2.0]], "x_max"),
     (np.ma.array([1.0, 2.0], mask=[0, 1]), "masked"), (0.0, "> 0")],
)
def test_from_frontier_refuses_bad_input(x_max, pattern):
    with pytest.raises(InvalidProblemError, match=f"from_frontier: .*{pattern}"):
        bg.BargainingProblem.from_frontier(lambda u: 1 - u, x_max)


@pytest.mark.parametrize("w", [(np.nan, 1), (np.inf, 1), (True, 1), (0, 1), (-1, 2), ([], 1), "ab"])
def test_weights_refuse_bad_input(w):
    P = bg.BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)])
    with pytest.raises(InvalidArgumentError, match="nash_bargaining: weights"):
        bg.nash_bargaining(P, weights=w)


def test_variable_threat_refuses_bad_input():
    with pytest.raises(InvalidGameError, match="variable_threat"):
        bg.variable_threat([[1, 2], [3, 4]])
    with pytest.raises(InvalidArgumentError, match="variable_threat: transferable must be True or False"):
        bg.variable_threat(bg.Game([[1, 0], [0, 1]], [[0, 1], [1, 0]]), transferable=1)
    with pytest.raises(TypeError):
        bg.variable_threat(bg.Game([[1, 0], [0, 1]], [[0, 1], [1, 0]]), False)  # keyword-only


def test_problem_errors_are_not_game_errors():
    assert not issubclass(InvalidProblemError, InvalidGameError)
    with pytest.raises(InvalidProblemError) as info:
        bg.BargainingProblem.from_points([])
    assert not isinstance(info.value, InvalidGameError)


# ----------------------------------------------------------------------------- API conventions
def test_old_problem_keyword_still_works_with_a_deprecation_warning():
    P = bg.BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)])
    with pytest.warns(DeprecationWarning, match="nash_bargaining: the keyword P= is deprecated") as rec:
        s = bg.nash_bargaining(P=P)
    assert rec[0].filename == __file__
    assert s.payoffs_exact == (F(1, 2), F(1, 2))
    for fn in (bg.kalai_smorodinsky, bg.egalitarian, bg.utilitarian):
        with pytest.warns(DeprecationWarning):
            fn(P=P)


def test_signatures_follow_the_convention():
    import inspect

    for fn in (bg.nash_bargaining, bg.kalai_smorodinsky, bg.egalitarian, bg.utilitarian,
               bg.variable_threat, bg.rubinstein, bg.rubinstein_rates, bg.BargainingProblem.from_points,
               bg.BargainingProblem.from_game, bg.BargainingProblem.from_frontier):
        for p in inspect.signature(fn).parameters.values():
            if p.default is not inspect.Parameter.empty:
                assert p.kind is inspect.Parameter.KEYWORD_ONLY, (fn.__qualname__, p.name)
    assert list(inspect.signature(bg.nash_bargaining).parameters) == ["problem", "weights"]


def test_every_result_has_the_contract():
    g = bg.Game([[4, 2], [6, 1]], [[4, 5], [1, -3]], players=("US", "China"),
                row_actions=("Tariff", "Free"), col_actions=("Tariff", "Free"))
    P = bg.BargainingProblem.from_game(g)
    for res in (bg.nash_bargaining(P), bg.variable_threat(g), bg.rubinstein(0.9, 0.9)):
        assert isinstance(res, bg._result.Result)
        assert res.status is bg.Status.SUCCESS and res.success and isinstance(res.message, str)
    r = bg.variable_threat(g, transferable=False)
    assert r.row is r.threats[0] and r.col is r.threats[1]
    text = repr(r)
    assert "US: Tariff, China: Tariff with probability 7/12" in text
    assert "payoffs: US 29/6, China 11/4" in text


# ----------------------------------------------------------------------------- budgets
def test_rubinstein_backward_induction_has_a_period_budget(monkeypatch):
    import bargain.bargaining.alternating as alternating

    monkeypatch.setattr(alternating, "RUBINSTEIN_MAX_PERIODS", 2)
    with pytest.warns(bg.ConvergenceWarning, match="rubinstein: backward induction stopped"):
        res = bg.rubinstein(0.9, 0.8, outside_options=(0.6, 0.5), horizon=10)
    assert res.status is bg.Status.MAX_ITER and not res.success
    assert np.isnan(res.shares).all() and res.shares_exact is None
    assert "MAX_ITER" in repr(res)


def test_frontier_root_finder_has_an_iteration_budget():
    from bargain.bargaining._frontier import find_root

    def fun(u):
        return 0.3 - u**3

    args = (np.zeros(1), np.ones(1), np.full(1, 0.3), np.full(1, -0.7), ())
    x, ok = find_root(fun, *args, xatol=np.zeros(1), maxiter=1)
    assert not ok.any() and 0 <= x[0] <= 1  # out of budget: not converged, still in the bracket
    x, ok = find_root(fun, *args, xatol=np.zeros(1))
    assert ok.all() and x[0] == pytest.approx(0.3 ** (1 / 3), rel=1e-14)


def test_numbers_beyond_float64_are_refused_by_name():
    with pytest.raises(InvalidProblemError, match="from_points: points must fit in float64"):
        bg.BargainingProblem.from_points([[10**400, 0], [0, 1]])
    with pytest.raises(InvalidProblemError, match="from_points: disagreement must fit in float64"):
        bg.BargainingProblem.from_points([[0, 0], [1, 1]], disagreement=(-(10**400), 0))
    with pytest.raises(InvalidArgumentError, match="rubinstein: horizon must be <= 9007199254740992"):
        bg.rubinstein(0.9, 0.9, horizon=10**400)
    # the longest accepted horizon is a closed form too
    np.testing.assert_allclose(bg.rubinstein(0.9, 0.9, horizon=2**53).shares, [10 / 19, 9 / 19], rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.floats(1.2, 3.0), st.floats(0.5, 2.0), st.floats(-0.2, 0.3), st.floats(0.0, 0.3), scales, scales,
       shifts)
def test_frontier_solutions_are_invariant_to_each_players_scale(a_exp, c, d1, d2, k1, k2, b2):
    """u1 scaled by s1 (x_max scales with it), u2 = f scaled by s2 and shifted by b2 (with df: a
    difference quotient of a shifted f loses the shift's digits, which is the user's f, not the solver)."""
    s1, s2 = 10.0**k1, 10.0**k2
    b2 = _representable(b2, s2)
    P = bg.BargainingProblem.from_frontier(lambda u: c * (1 - u**a_exp), 1.0, disagreement=(d1, d2),
                                           df=lambda u: -c * a_exp * u ** (a_exp - 1))
    Q = bg.BargainingProblem.from_frontier(lambda u: s2 * c * (1 - (u / s1) ** a_exp) + b2, s1,
                                           disagreement=(s1 * d1, s2 * d2 + b2),
                                           df=lambda u: -s2 * c * a_exp * (u / s1) ** (a_exp - 1) / s1)
    for fn in (bg.nash_bargaining, bg.kalai_smorodinsky):
        p, q = fn(P), fn(Q)
        assert p.success and q.success
        np.testing.assert_allclose(q.payoffs[0], s1 * p.payoffs[0], rtol=1e-8, atol=1e-12 * s1)
        np.testing.assert_allclose(q.payoffs[1], s2 * p.payoffs[1] + b2, rtol=0,
                                   atol=1e-8 * s2 * c + 1e-15 * abs(b2))
