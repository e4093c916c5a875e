"""Tests of bargain.solvers.correlated: optimal correlated and coarse correlated equilibria."""

from __future__ import annotations

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.solvers.correlated import incentive_violation
from bargain.testing import strategies as bst

F = Fraction
TOL = 1e-9

#: a per-player positive affine change: (power of ten k, shift exponent j, sign, shift or not)
AFFINE = st.tuples(st.integers(-9, 9), st.integers(-12, 12), st.sampled_from([-1.0, 1.0]), st.booleans())


def affine(k: int, j: int, sign: float, shifted: bool) -> tuple[float, float]:
    """Factor ``10**k`` and a shift of up to 1e12 that float64 can carry (at most 1e5 x the factor)."""
    return 10.0**k, (sign * 10.0 ** min(j, 12, k + 5) if shifted else 0.0)


def _ranges(g: bg.Game) -> tuple[float, float]:
    ra, rb = (float(r) if r > 0 else 1.0 for r in np.asarray(g.payoff_range))
    return ra, rb


def _relative_gains(g: bg.Game, P: np.ndarray, coarse: bool = False) -> list[float]:
    """Every incentive constraint's gain, divided by the deviating player's payoff range."""
    m, n = g.shape
    ra, rb = _ranges(g)
    gains = _gains(np.asarray(g.A), np.asarray(g.B), P, coarse)
    k = m if coarse else m * m  # the row player's constraints come first
    return [v / ra for v in gains[:k]] + [v / rb for v in gains[k:]]


def _gains(A: np.ndarray, B: np.ndarray, P: np.ndarray, coarse: bool = False) -> list[float]:
    """Every incentive constraint's gain from disobeying, by explicit loops (an independent check)."""
    m, n = A.shape
    out = []
    if coarse:
        for k in range(m):
            out.append(sum(P[i, j] * (A[k, j] - A[i, j]) for i in range(m) for j in range(n)))
        for l in range(n):
            out.append(sum(P[i, j] * (B[i, l] - B[i, j]) for i in range(m) for j in range(n)))
        return out
    for i in range(m):
        for k in range(m):
            out.append(sum(P[i, j] * (A[k, j] - A[i, j]) for j in range(n)))
    for j in range(n):
        for l in range(n):
            out.append(sum(P[i, j] * (B[i, l] - B[i, j]) for i in range(m)))
    return out


def _check(g: bg.Game, res: bg.CorrelatedResult, coarse: bool = False, tol: float = TOL) -> None:
    """The certificate of every answer, recomputed independently."""
    P = np.asarray(res.distribution)
    assert P.shape == g.shape
    assert np.all(P >= 0) and abs(P.sum() - 1) < 1e-12
    gains = _relative_gains(g, P, coarse)
    assert max(gains) <= tol
    assert res.max_violation <= tol
    assert res.max_violation == pytest.approx(max(max(gains), 0.0), abs=1e-12)
    scale = np.abs(np.asarray(g.A)).max() + np.abs(np.asarray(g.B)).max()
    np.testing.assert_allclose(res.payoffs, [(P * g.A).sum(), (P * g.B).sum()], atol=1e-12 * scale)
    assert res.status is bg.Status.SUCCESS
    if res.distribution_exact is not None:
        Pe = res.distribution_exact
        m, n = g.shape
        assert sum(v for row in Pe for v in row) == 1 and all(v >= 0 for row in Pe for v in row)
        Ae, Be = g.exact_payoffs()
        exact_gains = _gains(
            np.array(Ae, dtype=object), np.array(Be, dtype=object), np.array(Pe, dtype=object), coarse
        )
        assert max(exact_gains) <= 0  # exactly
        assert res.max_violation == 0.0


# ---------------------------------------------------------------------------- reference games

CHICKEN = dict(
    A=[[6, 2], [7, 0]],
    B=[[6, 7], [2, 0]],
    source=(
        "Chicken with payoffs (6,6) (2,7) / (7,2) (0,0): Wikipedia 'Correlated equilibrium', "
        "Sect. 'An example' (after Aumann 1974): the lottery 1/3 each on (C,C), (D,C), (C,D) is a "
        "correlated equilibrium worth 5 to each player, above the mixed Nash equilibrium's 14/3"
    ),
)


def test_chicken_welfare_maximum() -> None:
    # Hand derivation with a=p(C,C), b=p(C,D), c=p(D,C), d=p(D,D): the incentive constraints
    # are 2b >= a, c >= 2d (row), 2c >= a, b >= 2d (column). Welfare 12a + 9b + 9c with d = 0
    # is 9 + 3a, and a <= min(2b, 2c) <= 1 - a gives a <= 1/2: the unique optimum is
    # (1/2, 1/4, 1/4, 0), welfare 21/2 = 10.5, 21/4 = 5.25 to each player.
    g = bg.Game(CHICKEN["A"], CHICKEN["B"])
    res = bg.correlated_equilibrium(g, exact=True)
    _check(g, res)
    assert res.distribution_exact == ((F(1, 2), F(1, 4)), (F(1, 4), F(0)))
    assert res.value_exact == F(21, 2) and res.payoffs_exact == (F(21, 4), F(21, 4))
    assert res.value == pytest.approx(10.5)
    assert res.unique is True and res.face_width == pytest.approx(0.0, abs=1e-12)
    # Aumann's lottery is a correlated equilibrium worth 5 each, and the welfare optimum beats it
    P3 = np.array([[1, 1], [1, 0]]) / 3
    assert max(_gains(g.A, g.B, P3)) <= 1e-12
    assert float(incentive_violation(g.A, g.B, P3)) <= 1e-12
    assert (P3 * g.A).sum() == pytest.approx(5.0) and res.payoffs[0] > 5.0
    # the mixed Nash equilibrium (each dares with probability 1/3) is worth 14/3
    nash = bg.nash_equilibria(g, exact=True)
    assert max(e.payoffs_exact[0] for e in nash.equilibria if not e.is_pure) == F(14, 3)


def test_chicken_other_objectives() -> None:
    g = bg.Game(CHICKEN["A"], CHICKEN["B"])
    # the row player's favourite correlated equilibrium is its favourite pure equilibrium (D, C)
    row = bg.correlated_equilibrium(g, objective="row", exact=True)
    _check(g, row)
    assert row.distribution_exact == ((F(0), F(0)), (F(1), F(0))) and row.value_exact == 7
    assert row.unique is True
    col = bg.correlated_equilibrium(g, objective="col", exact=True)
    assert col.distribution_exact == ((F(0), F(1)), (F(0), F(0)))
    # the worst welfare: by hand, a = 0 and b = c = 2d give 9 (b + c) = 9 (1 - d) with d <= 1/5,
    # so (0, 2/5, 2/5, 1/5) with welfare 36/5 = 7.2, below every Nash equilibrium's 9
    worst = bg.correlated_equilibrium(g, sense="min", exact=True)
    _check(g, worst)
    assert worst.distribution_exact == ((F(0), F(2, 5)), (F(2, 5), F(1, 5)))
    assert worst.value_exact == F(36, 5) and worst.sense == "min"
    # weights (1, 1) and the explicit objective A + B are the welfare objective
    w = bg.correlated_equilibrium(g, weights=(1, 1))
    custom = bg.correlated_equilibrium(g, objective=np.asarray(g.A) + np.asarray(g.B))
    assert w.objective == "weighted(1, 1)" and custom.objective == "custom"
    assert w.value == pytest.approx(10.5) and custom.value == pytest.approx(10.5)


SHAPLEY = dict(
    A=[[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    B=[[0, 0, 1], [1, 0, 0], [0, 1, 0]],
    source=(
        "Shapley 1964, 'Some topics in two-person games' (Advances in Game Theory): unique Nash "
        "equilibrium uniform, worth 1/3 each; the correlated equilibrium uniform off the "
        "diagonal, worth 1/2 each, is the one G. Gordon's CMU correlated-equilibrium page shows"
    ),
)


def test_shapley_game() -> None:
    # By hand: with zero mass on the diagonal the six incentive constraints chain
    # p01 >= p02 >= p12 >= p10 >= p20 >= p21 >= p01, so the welfare optimum (welfare 1 off the
    # diagonal, 0 on it) is unique: 1/6 on every off-diagonal cell.
    g = bg.Game(SHAPLEY["A"], SHAPLEY["B"])
    res = bg.correlated_equilibrium(g, exact=True)
    _check(g, res)
    sixth = F(1, 6)
    assert res.distribution_exact == ((0, sixth, sixth), (sixth, 0, sixth), (sixth, sixth, 0))
    assert res.payoffs_exact == (F(1, 2), F(1, 2)) and res.unique is True
    # the Nash equilibrium (uniform product) is a correlated equilibrium worth only 1/3 each
    U = np.full((3, 3), 1 / 9)
    assert max(_gains(g.A, g.B, U)) <= 1e-12
    # coarse correlated equilibria: a superset, welfare cannot exceed 1 anyway
    cce = bg.coarse_correlated_equilibrium(g, exact=True)
    _check(g, cce, coarse=True)
    assert cce.value == pytest.approx(1.0)


def test_matching_pennies_unique_uniform() -> None:
    # Forges 1990 (Econometrica 58, 'Correlated equilibrium in two-person zero-sum games'): when a
    # player's optimal strategy is unique, every correlated equilibrium is built on optimal
    # strategies; in matching pennies the only one is the uniform product.
    g = bg.Game([[1, -1], [-1, 1]])
    for sense in ("max", "min"):
        for objective in ("welfare", "row", "col"):
            res = bg.correlated_equilibrium(g, objective=objective, sense=sense, exact=True)
            _check(g, res)
            assert res.distribution_exact == ((F(1, 4), F(1, 4)), (F(1, 4), F(1, 4)))
            assert res.unique is True


def test_prisoners_dilemma_only_mutual_defection() -> None:
    g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    for solver in (bg.correlated_equilibrium, bg.coarse_correlated_equilibrium):
        res = solver(g, exact=True)
        assert res.distribution_exact == ((0, 0), (0, 1)) and res.unique is True


def test_coarse_strictly_larger_than_correlated() -> None:
    # In Shapley's game the row player's best CCE gives it more than its best CE (1/2):
    # the coarse constraints only compare with ignoring the mediator altogether.
    g = bg.Game(SHAPLEY["A"], SHAPLEY["B"])
    ce = bg.correlated_equilibrium(g, objective="row")
    cce = bg.coarse_correlated_equilibrium(g, objective="row")
    _check(g, cce, coarse=True)
    assert ce.value == pytest.approx(0.5)
    assert cce.value > ce.value + 1e-6
    # the CCE optimum is not a CE
    assert max(_gains(g.A, g.B, np.asarray(cce.distribution))) > 1e-6


def test_non_unique_reported() -> None:
    # every distribution is an equilibrium with the same welfare
    g = bg.Game([[1, 1], [1, 1]], [[0, 0], [0, 0]])
    res = bg.correlated_equilibrium(g)
    _check(g, res)
    assert res.unique is False and res.face_width > 1e-6
    # a coordination game with two equally good pure equilibria: the welfare face is the segment
    g = bg.Game([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    res = bg.correlated_equilibrium(g)
    assert res.unique is False and res.value == pytest.approx(2.0)
    # unchecked: None
    assert bg.correlated_equilibrium(g, check_unique=False).unique is None


def test_generic_games_have_unique_optimum_and_agree_with_batch() -> None:
    rng = np.random.default_rng(3)
    A = rng.standard_normal((6, 3, 4))
    B = rng.standard_normal((6, 3, 4))
    g = bg.Game(A, B)
    batch = bg.correlated_equilibrium(g)
    assert batch.distribution.shape == (6, 3, 4) and batch.payoffs.shape == (6, 2)
    assert batch.unique.shape == (6,) and batch.unique.all()
    for i in range(6):
        one = bg.correlated_equilibrium(g[i])
        _check(g[i], one)
        assert one.unique is True
        np.testing.assert_allclose(one.distribution, batch.distribution[i], atol=1e-9)
        assert one.value == pytest.approx(batch.value[i], abs=1e-12)
    assert "batch of shape (6,)" in repr(batch)


def test_nashpy_game_and_labels() -> None:
    ng = nashpy.Game(np.array(CHICKEN["A"]), np.array(CHICKEN["B"]))
    assert bg.correlated_equilibrium(ng).value == pytest.approx(10.5)
    res = bg.correlated_equilibrium(bg.Game(CHICKEN["A"], CHICKEN["B"]))
    np.testing.assert_allclose(res.row_marginal, [0.75, 0.25])
    np.testing.assert_allclose(res.col_marginal, [0.75, 0.25])
    with pytest.raises(ValueError):
        res.distribution[0, 0] = 1.0


# ---------------------------------------------------------------------------- properties


@given(bst.games(rows=(1, 4), cols=(1, 4)), st.sampled_from(["welfare", "row", "col"]),
       st.sampled_from(["max", "min"]))
def test_every_answer_satisfies_the_incentive_constraints(g: bg.Game, objective: str, sense: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", bg.ConvergenceWarning)
        ce = bg.correlated_equilibrium(g, objective=objective, sense=sense)
        cce = bg.coarse_correlated_equilibrium(g, objective=objective, sense=sense)
    _check(g, ce)
    _check(g, cce, coarse=True)
    C = {"welfare": g.A + g.B, "row": g.A, "col": g.B}[objective]
    assert ce.value == pytest.approx((C * ce.distribution).sum(), abs=1e-12)
    # every CE is a CCE: the CCE optimum is at least as good
    if sense == "max":
        assert cce.value >= ce.value - 1e-9
    else:
        assert cce.value <= ce.value + 1e-9


@given(bst.games(rows=(1, 3), cols=(1, 3)))
def test_exact_vertex(g: bg.Game) -> None:
    res = bg.correlated_equilibrium(g, exact=True, check_unique=False)
    float_res = bg.correlated_equilibrium(g, check_unique=False)
    _check(g, res)
    if res.distribution_exact is not None:  # recovered (the usual case)
        np.testing.assert_allclose(
            np.array(res.distribution_exact, dtype=float), res.distribution, atol=0
        )
        assert float(res.value_exact) == pytest.approx(float_res.value, abs=1e-9)
    else:
        assert "exact vertex recovery failed" in res.message


@given(bst.games(rows=2, cols=2))
def test_nash_products_are_correlated_equilibria_and_welfare_beats_nash(g: bg.Game) -> None:
    nash = bg.nash_equilibria(g)
    assert nash.complete
    ce = bg.correlated_equilibrium(g, check_unique=False)
    scale = float(np.max(g.payoff_range))
    for eq in nash.equilibria:
        P = np.outer(eq.row, eq.col)
        assert max(_relative_gains(g, P)) <= 1e-9
        assert ce.value >= eq.payoffs.sum() - 2e-9 * scale


@given(bst.games(rows=(1, 4), cols=(1, 4)))
def test_welfare_beats_every_pure_nash(g: bg.Game) -> None:
    mask = bg.pure_equilibria(g)
    ce = bg.correlated_equilibrium(g, check_unique=False)
    if mask.any():
        assert ce.value >= (g.A + g.B)[mask].max() - 1e-9
    for i, j in zip(*np.nonzero(mask)):
        P = np.zeros(g.shape)
        P[i, j] = 1.0
        assert float(incentive_violation(g.A, g.B, P)) <= 0


@given(bst.games(rows=(1, 3), cols=(1, 3)))
def test_player_swap(g: bg.Game) -> None:
    a = bg.correlated_equilibrium(g, objective="row", check_unique=False)
    b = bg.correlated_equilibrium(g.transpose(), objective="col", check_unique=False)
    assert a.value == pytest.approx(b.value, abs=1e-9)
    # the transposed distribution of a is a CE of the transposed game
    t = g.transpose()
    assert max(_relative_gains(t, np.asarray(a.distribution).T)) <= 1e-9


@given(bst.games(rows=(1, 3), cols=(1, 3), batch_shape=(2,)), st.booleans())
def test_batched_equals_loop(g: bg.Game, coarse: bool) -> None:
    solver = bg.coarse_correlated_equilibrium if coarse else bg.correlated_equilibrium
    batch = solver(g)
    for i in range(2):
        one = solver(g[i])
        assert one.value == pytest.approx(batch.value[i], abs=1e-12)
        assert one.unique == batch.unique[i]
        np.testing.assert_allclose(one.max_violation, batch.max_violation[i], atol=1e-15)


def test_incentive_violation_batched() -> None:
    rng = np.random.default_rng(0)
    A = rng.standard_normal((5, 3, 2))
    B = rng.standard_normal((5, 3, 2))
    P = rng.random((5, 3, 2))
    P /= P.sum(axis=(-2, -1), keepdims=True)
    for coarse in (False, True):
        v = incentive_violation(A, B, P, coarse=coarse)
        assert v.shape == (5,)
        for i in range(5):
            assert v[i] == pytest.approx(max(_gains(A[i], B[i], P[i], coarse)), abs=1e-12)


# ---------------------------------------------------------------------------- bad input

G = bg.Game(CHICKEN["A"], CHICKEN["B"])


@pytest.mark.parametrize("func", ["correlated_equilibrium", "coarse_correlated_equilibrium"])
@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((), dict(objective="utility"), "objective must be one of 'welfare', 'row', 'col', 'weighted'"),
        ((), dict(objective=np.ones((3, 2))), r"objective array must have shape \(2, 2\)"),
        ((), dict(objective=[[1.0, np.nan], [0.0, 0.0]]), "objective contains a non-finite value"),
        ((), dict(objective=3.0), "objective must be one of"),
        ((), dict(objective=True), "objective must be one of"),
        ((), dict(objective="row", weights=(1, 1)), "weights apply to objective='weighted' only"),
        ((), dict(objective="weighted"), r"objective='weighted' needs weights=\(w1, w2\)"),
        ((), dict(weights=(1, 2, 3)), "weights must be a pair"),
        ((), dict(weights=(1, float("nan"))), "weights\\[1\\] must be finite"),
        ((), dict(weights=(True, 1)), "weights\\[0\\] must be a real number"),
        ((), dict(weights=(0, 0)), r"weights \(0, 0\) make every distribution optimal"),
        ((), dict(rng=-1), "rng must be a numpy.random.Generator, a non-negative int seed or None"),
        (("welfare",), {}, "positional"),
        ((), dict(sense="maximum"), "sense must be one of 'max', 'min'"),
        ((), dict(tol=2.0), "tol"),
        ((), dict(unique_tol=-1.0), "unique_tol"),
        ((), dict(exact="yes"), "exact must be True or False"),
        ((), dict(check_unique=1), "check_unique must be True or False"),
        ((), dict(rng="seed"), "rng must be"),
    ],
)
def test_bad_arguments(func: str, args: tuple, kwargs: dict, match: str) -> None:
    if args:  # everything after the game is keyword-only
        with pytest.raises(TypeError, match=match):
            getattr(bg, func)(G, *args, **kwargs)
        return
    with pytest.raises(InvalidArgumentError, match=f"{func}: {match}"):
        getattr(bg, func)(G, *args, **kwargs)


@pytest.mark.parametrize("func", ["correlated_equilibrium", "coarse_correlated_equilibrium"])
def test_bad_games(func: str) -> None:
    with pytest.raises(InvalidGameError, match=f"{func}: expected a bargain.Game"):
        getattr(bg, func)(np.eye(2))
    ng = nashpy.Game(np.array([[np.nan, 1.0], [1.0, 0.0]]), np.array([[1.0, 1.0], [1.0, 0.0]]))
    with pytest.raises(InvalidGameError, match=f"{func}: .*non-finite"):
        getattr(bg, func)(ng)


def test_incentive_violation_bad_input() -> None:
    A = np.eye(2)
    with pytest.raises(InvalidArgumentError, match="incentive_violation: A"):
        incentive_violation([[np.nan, 0], [0, 1]], A, A / 2)
    with pytest.raises(InvalidArgumentError, match="incentive_violation: distribution must be >= 0"):
        incentive_violation(A, A, [[-0.5, 1.5], [0, 0]])
    with pytest.raises(InvalidArgumentError, match="incentive_violation: A, B and distribution"):
        incentive_violation(A, A, np.ones((3, 3)) / 9)
    with pytest.raises(InvalidArgumentError, match="incentive_violation: coarse"):
        incentive_violation(A, A, A / 2, coarse="yes")


# ---------------------------------------------------------------------------- failure paths


def test_uncertified_answer_is_flagged_and_warned(monkeypatch: pytest.MonkeyPatch) -> None:
    from bargain.solvers import correlated as mod

    monkeypatch.setattr(mod, "incentive_violation", lambda A, B, P, coarse=False: np.asarray(1.0))
    with pytest.warns(bg.ConvergenceWarning, match="largest incentive violation 1") as record:
        res = bg.correlated_equilibrium(G)
    assert record[0].filename == __file__  # stacklevel points at the caller
    assert res.status is bg.Status.UNCERTIFIED and not res.success


def test_lp_failure_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from bargain.solvers import _lp
    from bargain.solvers import correlated as mod

    monkeypatch.setattr(
        mod, "solve_lp", lambda c, **kw: _lp.LPSolution(_lp.LPStatus.NUMERICAL, None, None, "simulated")
    )
    with pytest.raises(bg.SolverError, match="coarse_correlated_equilibrium: the coarse correlated"):
        bg.coarse_correlated_equilibrium(G)


def test_probe_failure_reports_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    from bargain.solvers import _lp
    from bargain.solvers import correlated as mod

    real = mod.solve_lp
    calls = {"n": 0}

    def flaky(c, **kw):  # the main LP works, the probe LPs fail
        calls["n"] += 1
        if calls["n"] > 1:
            return _lp.LPSolution(_lp.LPStatus.NUMERICAL, None, None, "simulated")
        return real(c, **kw)

    monkeypatch.setattr(mod, "solve_lp", flaky)
    g = bg.Game([[1, 1], [1, 1]], [[0, 0], [0, 0]])  # the probe is needed: the face is everything
    res = bg.correlated_equilibrium(g)
    assert res.unique is None and np.isnan(res.face_width)
    assert "uniqueness probe failed" in res.message and res.success


# ---------------------------------------------------------------------------- issue 9: labels


def test_repr_is_a_labelled_table() -> None:
    g = bg.Game(CHICKEN["A"], CHICKEN["B"], row_actions=("Swerve", "Dare"), col_actions=("Yield", "Go"),
                players=("Ann", "Bob"))
    text = repr(bg.correlated_equilibrium(g, exact=True))
    assert "max welfare = 21/2, status=SUCCESS" in text and "payoffs: Ann 21/4, Bob 21/4; unique" in text
    lines = text.splitlines()
    assert lines[2].split() == ["Ann", "\\", "Bob", "|", "Yield", "|", "Go"]
    assert lines[3].split() == ["Swerve", "|", "1/2", "|", "1/4"]
    assert lines[4].split() == ["Dare", "|", "1/4", "|", "0"]
    floats = repr(bg.coarse_correlated_equilibrium(g, check_unique=False))
    assert "coarse correlated" in floats and "uniqueness not checked" in floats and "Swerve |" in floats


def test_negative_weights_count_a_payoff_against_the_objective() -> None:
    # weights (1, -1) maximise the row player's advantage: in chicken, (Dare, Swerve) with 7 - 2
    g = bg.Game(CHICKEN["A"], CHICKEN["B"])
    res = bg.correlated_equilibrium(g, weights=(1, -1), exact=True)
    _check(g, res)
    assert res.distribution_exact == ((0, 0), (1, 0)) and res.value_exact == 5
    assert res.objective == "weighted(1, -1)"
    # only the direction of the weights matters for the distribution; the value uses them as given
    big = bg.correlated_equilibrium(g, weights=(1e308, -1e308))
    np.testing.assert_allclose(big.distribution, res.distribution, atol=1e-12)
    assert big.value == np.inf  # 5e308 is beyond float64: reported as inf, never NaN


# ---------------------------------------------------------------------------- issue 10: scale


@settings(max_examples=40)
@given(bst.games(rows=(1, 3), cols=(1, 3)), AFFINE, AFFINE, st.sampled_from(["row", "col"]),
       st.sampled_from(["max", "min"]), st.booleans())
def test_unchanged_by_either_players_affine_change(g, t0, t1, objective, sense, coarse) -> None:
    """The (coarse) correlated equilibria are unchanged by a positive affine change of either
    player's payoffs alone; a player's optimum maps with that player's scale and shift, and the
    answer is certified on the changed game too."""
    (f0, s0), (f1, s1) = affine(*t0), affine(*t1)
    h = bg.Game(np.asarray(g.A) * f0 + s0, np.asarray(g.B) * f1 + s1)
    solver = bg.coarse_correlated_equilibrium if coarse else bg.correlated_equilibrium
    with warnings.catch_warnings():
        warnings.simplefilter("error", bg.ConvergenceWarning)
        res = solver(g, objective=objective, sense=sense, check_unique=False)
        out = solver(h, objective=objective, sense=sense, check_unique=False)
    assert res.success and out.success
    _check(h, out, coarse=coarse)
    f, s, k = (f0, s0, 0) if objective == "row" else (f1, s1, 1)
    rng = _ranges(h)[k]
    assert out.value == pytest.approx(f * res.value + s, abs=1e-8 * rng + 4e-16 * abs(s))


def test_huge_and_lopsided_payoffs() -> None:
    """Issue 10: LP-based solvers normalise first, so huge payoffs never reach scipy as
    'Invalid input for linprog', and one player's scale never sets the other's tolerance."""
    mp = bg.Game(np.array([[1.0, -1.0], [-1.0, 1.0]]) * 5e307, np.array([[-1.0, 1.0], [1.0, -1.0]]) * 5e307)
    for solver in (bg.correlated_equilibrium, bg.coarse_correlated_equilibrium):
        res = solver(mp)
        assert res.success
        np.testing.assert_allclose(res.distribution, np.full((2, 2), 0.25), atol=1e-9)
    # chicken with the row player in 1e300 units and the column player in 1e-300 units
    g = bg.Game(np.array(CHICKEN["A"]) * 1e300, np.array(CHICKEN["B"]) * 1e-300)
    res = bg.correlated_equilibrium(g, objective="col", exact=True)
    _check(g, res)
    assert res.distribution_exact == ((F(0), F(1)), (F(0), F(0)))
    assert res.payoffs[1] == pytest.approx(7e-300)


def test_rng_is_validated() -> None:
    res = bg.correlated_equilibrium(G, rng=np.random.default_rng(5))
    assert res.success
    for bad in (-1, 1.5, True, "seed"):
        with pytest.raises(InvalidArgumentError, match="correlated_equilibrium: rng"):
            bg.correlated_equilibrium(G, rng=bad)
