"""Axiomatic bargaining solutions: closed forms from the sources (exact), the axioms as
properties, frontier batches against loops and an independent optimiser, bad inputs."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import bargain as bg
from bargain import InvalidArgumentError, InvalidProblemError, NoAgreementError

SOLUTIONS = {
    "nash": bg.nash_bargaining,
    "kalai_smorodinsky": bg.kalai_smorodinsky,
    "egalitarian": bg.egalitarian,
    "utilitarian": bg.utilitarian,
}


# ----------------------------------------------------------------------------- helpers
def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def on_frontier(P, u):
    """Exact: u lies on the Pareto frontier polyline of P."""
    chain = P.frontier_exact
    if len(chain) == 1:
        return u == chain[0]
    return any(
        a[0] <= u[0] <= b[0] and _cross(a, b, u) == 0 for a, b in zip(chain, chain[1:])
    )


def nash_1950_barter():
    """Nash (1950), 'The Bargaining Problem', the example of Bill and Jack: each may give
    any subset of his goods; utilities (to Bill, to Jack) from Nash's table."""
    bill = [(2, 4), (2, 2), (2, 1), (2, 2), (4, 1)]  # book, whip, ball, bat, box
    jack = [(10, 1), (4, 1), (6, 2), (2, 2)]  # pen, toy, knife, hat
    pts = []
    for mask in range(2 ** 9):
        give = [bill[k] for k in range(5) if mask >> k & 1]
        get = [jack[k] for k in range(4) if mask >> (5 + k) & 1]
        pts.append((sum(g[0] for g in get) - sum(g[0] for g in give),
                    sum(g[1] for g in give) - sum(g[1] for g in get)))
    return pts


#: Reference problems: (source, points, disagreement, weights, solution name, exact payoffs).
REFERENCE = [
    ("split the dollar (Nash 1950; linear utilities)", [(0, 0), (1, 0), (0, 1)], (0, 0), (1, 1),
     "nash", (F(1, 2), F(1, 2))),
    ("Nash 1950, Bill and Jack: Bill gives book, whip, ball, bat; Jack gives pen, toy, knife",
     nash_1950_barter(), (0, 0), (1, 1), "nash", (F(12), F(5))),
    ("Kalai-Smorodinsky 1975, Sect. 2, smaller set: Nash = KS = (3/4, 3/4)",
     [(0, 0), (1, 0), (0, 1), (F(3, 4), F(3, 4))], (0, 0), (1, 1), "nash", (F(3, 4), F(3, 4))),
    ("Kalai-Smorodinsky 1975, Sect. 2, smaller set", [(0, 0), (1, 0), (0, 1), (F(3, 4), F(3, 4))],
     (0, 0), (1, 1), "kalai_smorodinsky", (F(3, 4), F(3, 4))),
    ("Kalai-Smorodinsky 1975, Sect. 2, larger set: Nash gives player 2 less (7/10 < 3/4)",
     [(0, 0), (1, 0), (0, 1), (1, F(7, 10))], (0, 0), (1, 1), "nash", (F(1), F(7, 10))),
    ("Kalai-Smorodinsky 1975, Sect. 2, larger set: KS gives player 2 more (10/13 > 3/4)",
     [(0, 0), (1, 0), (0, 1), (1, F(7, 10))], (0, 0), (1, 1), "kalai_smorodinsky", (F(10, 13), F(10, 13))),
    ("weighted Nash on a line (Kalai 1977): x = a X with a = w1 / (w1 + w2) = 2/3",
     [(0, 0), (4, 0), (0, 2)], (0, 0), (2, 1), "nash", (F(8, 3), F(2, 3))),
    ("weighted Nash with non-integer rational weights", [(0, 0), (4, 0), (0, 2)], (0, 0),
     (F(1, 3), F(1, 2)), "nash", (F(8, 5), F(6, 5))),
    ("egalitarian (Kalai 1977): equal gains on u1/4 + u2/2 = 1", [(0, 0), (4, 0), (0, 2)], (0, 0),
     (1, 1), "egalitarian", (F(4, 3), F(4, 3))),
    ("proportional solution, gains 2 : 1", [(0, 0), (4, 0), (0, 2)], (0, 0), (2, 1), "egalitarian",
     (F(2), F(1))),
    ("KS with a nonzero disagreement point: ideal (3, 5/2) measured from d = (1, 0)",
     [(0, 0), (0, 3), (2, 2), (3, 0)], (1, 0), (1, 1), "kalai_smorodinsky", (F(29, 13), F(20, 13))),
    ("Nash with the same nonzero disagreement point: the kink (2, 2)",
     [(0, 0), (0, 3), (2, 2), (3, 0)], (1, 0), (1, 1), "nash", (F(2), F(2))),
    ("utilitarian: best vertex", [(0, 0), (3, 0), (0, 3), (2, 2)], (0, 0), (1, 1), "utilitarian",
     (F(2), F(2))),
    ("utilitarian: a whole edge is optimal -> its midpoint", [(0, 0), (3, 0), (0, 3)], (0, 0), (1, 1),
     "utilitarian", (F(3, 2), F(3, 2))),
    ("utilitarian on the barter: edge (14, 4)-(18, 0) of the rational frontier",
     nash_1950_barter(), (0, 0), (1, 1), "utilitarian", (F(16), F(2))),
]


@pytest.mark.parametrize("case", REFERENCE, ids=[c[0][:40] for c in REFERENCE])
def test_reference_solutions_exact(case):
    source, points, d, weights, name, expected = case
    P = bg.BargainingProblem.from_points(points, disagreement=d)
    fn = SOLUTIONS[name]
    s = fn(P) if name == "kalai_smorodinsky" else fn(P, weights=weights)
    assert s.payoffs_exact == expected, source
    assert s.name == name and s.exact and s.tol == 0.0 and s.success
    np.testing.assert_array_equal(s.payoffs, [float(v) for v in expected])
    np.testing.assert_array_equal(s.gains, s.payoffs - P.disagreement)
    assert on_frontier(P, s.payoffs_exact)


def test_ks_with_nonzero_disagreement_is_not_the_origin_formula():
    """Measuring the ideal point from the origin instead of d (a known mistake) would give
    the kink (2, 2); the correct KS point is (29/13, 20/13)."""
    P = bg.BargainingProblem.from_points([(0, 0), (0, 3), (2, 2), (3, 0)], disagreement=(1, 0))
    s = bg.kalai_smorodinsky(P)
    assert s.ideal.tolist() == [3.0, 2.5]
    g = (s.payoffs_exact[0] - 1, s.payoffs_exact[1] - 0)
    assert g[0] / g[1] == F(3 - 1, F(5, 2) - 0)  # gains proportional to the ideal gains


def test_utilitarian_reports_the_optimal_segment():
    s = bg.utilitarian(bg.BargainingProblem.from_points([(0, 0), (3, 0), (0, 3)]))
    assert s.unique is False
    assert s.segment.tolist() == [[0, 3], [3, 0]]
    assert "unique=False" in repr(s)
    t = bg.utilitarian(bg.BargainingProblem.from_points([(0, 0), (3, 0), (0, 3)]), weights=(2, 1))
    assert t.unique is True and t.payoffs_exact == (F(3), F(0))


def test_float_problems_match_exact_ones():
    pts = [(0, 0), (0, 3), (2, 2), (3, 0), (1, 1)]
    P = bg.BargainingProblem.from_points(pts, disagreement=(1, 0))
    Q = bg.BargainingProblem.from_points(np.array(pts, dtype=float), disagreement=(1.0, 0.0))
    for name, fn in SOLUTIONS.items():
        a, b = fn(P), fn(Q)
        assert b.payoffs_exact is None and b.tol > 0
        np.testing.assert_allclose(b.payoffs, a.payoffs, rtol=1e-12, atol=1e-12, err_msg=name)
    # float weights on an exact problem: float arithmetic, same answer
    np.testing.assert_allclose(bg.nash_bargaining(P, weights=(0.5, 1.0)).payoffs,
                               [float(v) for v in bg.nash_bargaining(P, weights=(1, 2)).payoffs_exact])


# ----------------------------------------------------------------------------- games
def test_game_agreement_is_a_correlated_outcome_with_the_solution_payoffs():
    g = bg.Game([[4, 2], [6, 1]], [[4, 5], [1, -3]])
    P = bg.BargainingProblem.from_game(g, disagreement=(1, -3))
    A, B = g.exact_payoffs()
    for name, fn in SOLUTIONS.items():
        s = fn(P)
        dist = s.agreement_exact
        assert dist.shape == (2, 2) and sum(dist.ravel()) == 1 and all(p >= 0 for p in dist.ravel())
        assert np.count_nonzero(s.agreement) <= 2
        pay = (sum((dist * A).ravel()), sum((dist * B).ravel()))
        assert pay == s.payoffs_exact, name
        np.testing.assert_allclose(s.agreement, dist.astype(float))


@given(st.integers(2, 3), st.integers(2, 3), st.data())
def test_game_agreement_property(m, n, data):
    A = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=m * n, max_size=m * n))).reshape(m, n)
    B = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=m * n, max_size=m * n))).reshape(m, n)
    g = bg.Game(A, B)
    try:
        P = bg.BargainingProblem.from_game(g, disagreement="security")
    except NoAgreementError:
        P = None
    assume(P is not None)
    for name, fn in SOLUTIONS.items():
        s = fn(P)
        dist = s.agreement_exact
        pay = (sum((dist * A).ravel()), sum((dist * B).ravel()))
        assert pay == s.payoffs_exact, name
        assert s.payoffs_exact[0] >= P.disagreement_exact[0] and s.payoffs_exact[1] >= P.disagreement_exact[1]


# ----------------------------------------------------------------------------- axioms (hypothesis)
coords = st.integers(-5, 5)
point_sets = st.lists(st.tuples(coords, coords), min_size=2, max_size=8)


@st.composite
def problems(draw, free_disposal=None):
    """Exact problems: a random point set, and d a random rational point of its hull
    (or, with free disposal, weakly below a point)."""
    pts = draw(point_sets)
    fd = draw(st.booleans()) if free_disposal is None else free_disposal
    k = draw(st.integers(0, len(pts) - 1))
    j = draw(st.integers(0, len(pts) - 1))
    lam = F(draw(st.integers(0, 4)), 4)
    d = (lam * pts[k][0] + (1 - lam) * pts[j][0], lam * pts[k][1] + (1 - lam) * pts[j][1])
    if fd:
        d = (d[0] - draw(st.integers(0, 2)), d[1] - draw(st.integers(0, 2)))
    try:
        return bg.BargainingProblem.from_points(pts, disagreement=d, free_disposal=fd), pts
    except NoAgreementError:
        assume(False)


weights = st.tuples(st.integers(1, 4), st.integers(1, 4))


@given(problems(), weights)
def test_pareto_optimal_and_individually_rational(Ppts, w):
    P, _ = Ppts
    d = P.disagreement_exact
    for name, fn in SOLUTIONS.items():
        s = fn(P) if name == "kalai_smorodinsky" else fn(P, weights=w)
        u = s.payoffs_exact
        assert on_frontier(P, u), name  # strong Pareto optimality
        assert u[0] >= d[0] and u[1] >= d[1], name
        if name in ("nash", "kalai_smorodinsky"):
            assert u[0] > d[0] and u[1] > d[1], name  # both strictly gain


@given(point_sets, st.integers(-3, 3), weights)
def test_symmetry(pts, c, w):
    """A problem symmetric in the players has a symmetric solution (Nash 1950 axiom)."""
    sym = pts + [(b, a) for a, b in pts]
    try:
        P = bg.BargainingProblem.from_points(sym, disagreement=(c, c), free_disposal=True)
    except (NoAgreementError, InvalidProblemError):
        assume(False)
    for name, fn in SOLUTIONS.items():
        s = fn(P)
        assert s.payoffs_exact[0] == s.payoffs_exact[1], name


@given(problems(), st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(-5, 5), st.integers(-5, 5)),
       weights)
def test_invariance_to_positive_affine_transformations(Ppts, ab, w):
    """Nash (weighted) and KS commute with u_i -> a_i u_i + b_i, a_i > 0."""
    P, pts = Ppts
    a1, a2, b1, b2 = F(ab[0], 2), F(ab[1], 3), ab[2], ab[3]
    T = lambda u: (a1 * u[0] + b1, a2 * u[1] + b2)  # noqa: E731
    Q = bg.BargainingProblem.from_points([T(p) for p in pts], disagreement=T(P.disagreement_exact),
                                         free_disposal=P.free_disposal)
    assert bg.nash_bargaining(Q, weights=w).payoffs_exact == T(bg.nash_bargaining(P, weights=w).payoffs_exact)
    assert bg.kalai_smorodinsky(Q).payoffs_exact == T(bg.kalai_smorodinsky(P).payoffs_exact)


@given(problems(free_disposal=False), st.lists(st.booleans(), min_size=8, max_size=8), weights)
def test_independence_of_irrelevant_alternatives(Ppts, keep, w):
    """Nash: shrinking the set to one that still contains the solution (and d) keeps it."""
    P, pts = Ppts
    s = bg.nash_bargaining(P, weights=w).payoffs_exact
    d = P.disagreement_exact
    sub = [p for p, k in zip(pts, keep) if k] + [s, d]
    Q = bg.BargainingProblem.from_points(sub, disagreement=d)
    assert bg.nash_bargaining(Q, weights=w).payoffs_exact == s


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=2, max_size=6),
       st.lists(st.tuples(st.integers(0, 5), st.integers(0, 8)), min_size=1, max_size=4))
def test_kalai_smorodinsky_individual_monotonicity(pts, extra):
    """Enlarging the set without changing player 1's ideal payoff never hurts player 2
    (Kalai & Smorodinsky 1975, axiom of monotonicity). All points are >= d = (0, 0)."""
    try:
        P = bg.BargainingProblem.from_points(pts + [(0, 0)])
    except NoAgreementError:
        assume(False)
    a1 = P.ideal_exact[0]
    more = [(min(F(x), a1), y) for x, y in extra]
    Q = bg.BargainingProblem.from_points(pts + [(0, 0)] + more)
    assert Q.ideal_exact[0] == a1
    assert bg.kalai_smorodinsky(Q).payoffs_exact[1] >= bg.kalai_smorodinsky(P).payoffs_exact[1]


@given(problems())
def test_weighted_nash_moves_towards_the_heavier_player(Ppts):
    P, _ = Ppts
    u = [bg.nash_bargaining(P, weights=(w, 1)).payoffs_exact for w in (F(1, 4), F(1, 2), 1, 2, 4)]
    for lo, hi in zip(u, u[1:]):
        assert lo[0] <= hi[0] and lo[1] >= hi[1]


@given(problems(), weights)
def test_egalitarian_equalizes_weighted_gains_unless_capped(Ppts, w):
    P, _ = Ppts
    s = bg.egalitarian(P, weights=w)
    d, ideal = P.disagreement_exact, P.ideal_exact
    g1 = (s.payoffs_exact[0] - d[0]) / w[0]
    g2 = (s.payoffs_exact[1] - d[1]) / w[1]
    if g1 != g2:  # lexicographic step: the player with the smaller gain is at the ideal
        low = 0 if g1 < g2 else 1
        assert s.payoffs_exact[low] == ideal[low]


@given(problems(), weights)
def test_utilitarian_maximises_the_weighted_sum(Ppts, w):
    P, _ = Ppts
    s = bg.utilitarian(P, weights=w)
    best = w[0] * s.payoffs_exact[0] + w[1] * s.payoffs_exact[1]
    d = P.disagreement_exact
    for v in P.frontier_exact:
        if v[0] >= d[0] and v[1] >= d[1]:
            assert w[0] * v[0] + w[1] * v[1] <= best
    a, b = s.segment
    assert w[0] * a[0] + w[1] * a[1] == pytest.approx(float(best))
    assert w[0] * b[0] + w[1] * b[1] == pytest.approx(float(best))


# ----------------------------------------------------------------------------- frontier problems
def sqrt_dollar(df=False):
    return bg.BargainingProblem.from_frontier(
        lambda u: np.sqrt(1 - u), 1.0, df=(lambda u: -0.5 / np.sqrt(1 - u)) if df else None
    )


@pytest.mark.parametrize("with_df", [False, True])
def test_frontier_closed_forms(with_df):
    """Split a dollar, player 2 with utility sqrt: Nash gives player 1 two thirds
    (maximise x sqrt(1 - x)), KS and egalitarian the golden section x = sqrt(1 - x),
    utilitarian x = 3/4 (1 = 1 / (2 sqrt(1 - x)))."""
    P = sqrt_dollar(with_df)
    tol = 1e-12 if with_df else 1e-9
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert bg.nash_bargaining(P).payoffs[0] == pytest.approx(2 / 3, abs=tol)
        golden = (np.sqrt(5) - 1) / 2
        np.testing.assert_allclose(bg.kalai_smorodinsky(P).payoffs, [golden, golden], atol=1e-12)
        np.testing.assert_allclose(bg.egalitarian(P).payoffs, [golden, golden], atol=1e-12)
        s = bg.utilitarian(P)
    assert s.payoffs[0] == pytest.approx(0.75, abs=tol) and s.unique
    assert s.payoffs[1] == pytest.approx(np.sqrt(1 - s.payoffs[0]), abs=1e-15)


def test_power_frontier_closed_form_batch():
    """u2 = c (1 - u1**a), d = 0: the weighted Nash point is u1 = (w1 / (w1 + a w2))**(1/a)."""
    a = np.linspace(1.0, 5.0, 41)[:, None]
    c = np.linspace(0.5, 3.0, 7)[None, :]
    P = bg.BargainingProblem.from_frontier(lambda u, a, c: c * (1 - u**a), 1.0, params={"a": a, "c": c},
                                           df=lambda u, a, c: -c * a * u ** (a - 1))
    for w1, w2 in [(1, 1), (2, 1), (1, 3)]:
        s = bg.nash_bargaining(P, weights=(w1, w2))
        expected = np.broadcast_to((w1 / (w1 + a * w2)) ** (1 / a), (41, 7))
        np.testing.assert_allclose(s.payoffs[..., 0], expected, rtol=0, atol=1e-13)
        np.testing.assert_allclose(s.payoffs[..., 1], c * (1 - s.payoffs[..., 0] ** a), atol=1e-15)
        assert s.payoffs.shape == (41, 7, 2) and s.unique.all() and s.weights == (w1, w2)


def test_linear_frontier_matches_the_polygon():
    f = bg.BargainingProblem.from_frontier(lambda u: 2 * (1 - u / 4), 4.0, disagreement=(1, F(1, 2)))
    p = bg.BargainingProblem.from_points([(0, 0), (4, 0), (0, 2)], disagreement=(1, F(1, 2)))
    for name, fn in SOLUTIONS.items():
        a, b = fn(f), fn(p)
        np.testing.assert_allclose(a.payoffs, b.payoffs, atol=1e-9, err_msg=name)
    assert bg.utilitarian(f, weights=(1, 2)).unique is False


@st.composite
def frontier_batches(draw):
    k = draw(st.integers(1, 6))
    a = np.array(draw(st.lists(st.floats(1.0, 4.0), min_size=k, max_size=k)))
    c = np.array(draw(st.lists(st.floats(0.5, 3.0), min_size=k, max_size=k)))
    d1 = np.array(draw(st.lists(st.floats(-0.5, 0.8), min_size=k, max_size=k)))
    frac = np.array(draw(st.lists(st.floats(-0.5, 0.9), min_size=k, max_size=k)))
    d2 = frac * c * (1 - np.clip(d1, 0, None) ** a)  # strictly below the frontier
    w = draw(st.tuples(st.floats(0.2, 5.0), st.floats(0.2, 5.0)))
    return a, c, d1, d2, w


def _family(a, c, d1, d2, df=True):
    return bg.BargainingProblem.from_frontier(
        lambda u, a, c: c * (1 - u**a), 1.0, disagreement=(d1, d2), params={"a": a, "c": c},
        df=(lambda u, a, c: -c * a * u ** (a - 1)) if df else None,
    )


@given(frontier_batches())
def test_frontier_batch_equals_loop(data):
    a, c, d1, d2, w = data
    P = _family(a, c, d1, d2)
    for name, fn in SOLUTIONS.items():
        batch = fn(P) if name == "kalai_smorodinsky" else fn(P, weights=w)
        for k in range(a.size):
            Q = _family(a[k], c[k], d1[k], d2[k])
            single = fn(Q) if name == "kalai_smorodinsky" else fn(Q, weights=w)
            assert single.payoffs.shape == (2,)
            np.testing.assert_allclose(batch.payoffs[k], single.payoffs, rtol=1e-12, atol=1e-12,
                                       err_msg=name)


@given(frontier_batches())
def test_frontier_nash_against_an_independent_optimiser(data):
    """scipy's bounded scalar minimiser on the log Nash product as the oracle."""
    from scipy.optimize import minimize_scalar

    a, c, d1, d2, w = data
    for df in (True, False):
        s = bg.nash_bargaining(_family(a, c, d1, d2, df=df), weights=w)
        for k in range(a.size):
            lo = max(d1[k], 0.0)
            hi = min(1.0, (1 - d2[k] / c[k]) ** (1 / a[k]) if d2[k] > 0 else 1.0)

            def neg(u, ak=a[k], ck=c[k], e1=d1[k], e2=d2[k]):
                g2 = ck * (1 - u**ak) - e2
                return np.inf if g2 <= 0 or u <= e1 else -(w[0] * np.log(u - e1) + w[1] * np.log(g2))

            r = minimize_scalar(neg, bounds=(lo, hi), method="bounded", options={"xatol": 1e-12})
            u = s.payoffs[k]
            assert -neg(u[0]) >= -neg(r.x) - 1e-9  # at least as good as the oracle
            assert u[0] == pytest.approx(r.x, abs=1e-5)


@given(frontier_batches())
def test_frontier_solutions_are_on_the_frontier_and_rational(data):
    a, c, d1, d2, w = data
    P = _family(a, c, d1, d2)
    for name, fn in SOLUTIONS.items():
        s = fn(P) if name == "kalai_smorodinsky" else fn(P, weights=w)
        u1, u2 = s.payoffs[..., 0], s.payoffs[..., 1]
        assert s.success
        np.testing.assert_allclose(u2, c * (1 - np.clip(u1, 0, 1) ** a), atol=1e-12, err_msg=name)
        assert (u1 >= np.maximum(d1, 0) - 1e-12).all() and (u2 >= d2 - 1e-12).all(), name


def test_frontier_weights_may_be_arrays():
    P = _family(np.array([2.0, 2.0, 2.0]), np.ones(3), np.zeros(3), np.zeros(3))
    s = bg.nash_bargaining(P, weights=(np.array([1.0, 2.0, 3.0]), 1.0))
    np.testing.assert_allclose(s.payoffs[:, 0], (np.array([1, 2, 3]) / (np.array([1, 2, 3]) + 2)) ** 0.5)
    assert s.weights.shape == (3, 2)
    with pytest.raises(InvalidArgumentError, match="nash_bargaining: weights .* would enlarge the batch"):
        bg.nash_bargaining(P, weights=(np.ones((2, 3)), 1.0))


# ----------------------------------------------------------------------------- bad inputs
@pytest.mark.parametrize("name", ["nash_bargaining", "kalai_smorodinsky", "egalitarian", "utilitarian"])
def test_bad_problem(name):
    with pytest.raises(InvalidProblemError, match=f"{name}: expected a BargainingProblem"):
        getattr(bg, name)([(0, 0), (1, 1)])


@pytest.mark.parametrize("name", ["nash_bargaining", "egalitarian", "utilitarian"])
@pytest.mark.parametrize("w", [(0, 1), (1, -2), (1, float("nan")), (1,), "equal", (1, "a"), (True, 1)])
def test_bad_weights(name, w):
    fn = getattr(bg, name)
    P = bg.BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)])
    with pytest.raises(InvalidArgumentError, match=f"{name}: weights") as info:
        fn(P, weights=w)
    assert not isinstance(info.value, InvalidProblemError)  # a bad argument, not a bad problem


def test_array_weights_need_a_frontier_problem():
    P = bg.BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)])
    with pytest.raises(InvalidArgumentError, match="nash_bargaining: weights of a polygonal problem"):
        bg.nash_bargaining(P, weights=(np.array([1.0, 2.0]), 1.0))


def test_repr_and_frozen():
    g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("US", "China"),
                row_actions=("Tariff", "Free"), col_actions=("Tariff", "Free"))
    s = bg.nash_bargaining(bg.BargainingProblem.from_game(g, disagreement="nash", nash_index=2))
    assert repr(s) == (
        "BargainingSolution(Nash bargaining solution\n"
        "  payoffs: US 3/2, China 3/2 (gains over the disagreement point: 5/6, 5/6)\n"
        "  agreement: US: Tariff, China: Tariff with probability 1/2\n"
        "             US: Free, China: Free with probability 1/2)"
    )
    assert s.status is bg.Status.SUCCESS and s.success and "Nash (1950)" in s.message
    assert s.labels == g.labels and "<pre>" in s._repr_html_()
    with pytest.raises(AttributeError):
        s.payoffs = None
    with pytest.raises(ValueError):
        s.payoffs[0] = 1.0


def test_blocks_of_a_large_batch_match_one_block(monkeypatch):
    """Batches are solved in cache-sized blocks; the split must not change any result."""
    import bargain.bargaining._frontier as frontier

    rng = np.random.default_rng(3)
    a, c = 1 + 3 * rng.random(11), 0.5 + rng.random(11)
    d1, d2 = 0.3 * rng.random(11) - 0.1, 0.2 * rng.random(11)
    whole = {name: fn(_family(a, c, d1, d2)) for name, fn in SOLUTIONS.items()}
    monkeypatch.setattr(frontier, "BLOCK", 4)
    P = _family(a, c, d1, d2)
    for name, fn in SOLUTIONS.items():
        np.testing.assert_array_equal(fn(P).payoffs, whole[name].payoffs, err_msg=name)
    np.testing.assert_array_equal(P.ideal, _family(a, c, d1, d2).ideal)
    with pytest.raises(InvalidProblemError, match="not feasible .flat index 9"):
        _family(a, c, d1, np.where(np.arange(11) == 9, 5.0, d2))


@given(problems(), weights)
def test_polygon_nash_beats_a_dense_search(Ppts, w):
    """Independent check of the edge-by-edge closed form: no sampled frontier point has a
    larger weighted Nash product."""
    P, _ = Ppts
    d = P.disagreement
    s = bg.nash_bargaining(P, weights=w)
    best = (s.payoffs[0] - d[0]) ** w[0] * (s.payoffs[1] - d[1]) ** w[1]
    ch = P.frontier
    t = np.linspace(0.0, 1.0, 401)[:, None]
    for p, q in zip(ch, ch[1:]):
        pts = p + t * (q - p)
        g = np.clip(pts - d, 0.0, None)
        assert (g[:, 0] ** w[0] * g[:, 1] ** w[1]).max() <= best * (1 + 1e-12) + 1e-12


def test_weighted_egalitarian_at_the_end_of_the_frontier_is_leximin():
    # found by the frontier property test: the ray from d meets the comprehensive set at
    # u1 = x_max below the frontier; the leximin refinement raises u2 to the frontier there
    P = _family(np.ones(1), np.ones(1), np.array([-0.07584499]), np.array([-0.5]))
    s = bg.egalitarian(P, weights=(2.0, 0.5))
    assert s.success
    np.testing.assert_allclose(s.payoffs[..., 0], 1.0, atol=1e-12)
    np.testing.assert_allclose(s.payoffs[..., 1], 0.0, atol=1e-12)
