"""Tests of bargain.solvers.stackelberg: strong Stackelberg equilibria and the value of commitment."""

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
from bargain.solvers._lp import solve_lp
from bargain.testing import strategies as bst

TOL = 1e-9

#: a per-player positive affine change: (power of ten k, shift exponent j, sign, shift or not)
AFFINE = st.tuples(st.integers(-9, 9), st.integers(-12, 12), st.sampled_from([-1.0, 1.0]), st.booleans())


def affine(k: int, j: int, sign: float, shifted: bool) -> tuple[float, float]:
    """Factor ``10**k`` and a shift of up to 1e12 that float64 can carry (at most 1e5 x the factor)."""
    return 10.0**k, (sign * 10.0 ** min(j, 12, k + 5) if shifted else 0.0)


def _range(M: np.ndarray) -> float:
    r = float(np.ptp(M))
    return r if r > 0 else 1.0


# ---------------------------------------------------------------------------- reference games

REFERENCE = [
    dict(
        name="Conitzer-Sandholm commitment example",
        source=(
            "Conitzer & Sandholm 2006, 'Computing the optimal strategy to commit to', EC'06, "
            "Sect. 1 (also game0 of OpenSpiel's stackelberg_lp tests)"
        ),
        A=[[2, 4], [1, 3]],
        B=[[1, 0], [0, 1]],
        # Up dominates: the unique Nash equilibrium (Up, Left) gives the row player 2.
        # Committing to Down gives 3; committing to (1/2, 1/2) makes the follower
        # indifferent, the tie goes to the leader (Right): 1/2*4 + 1/2*3 = 3.5.
        mixed=(Fraction(1, 2), Fraction(1, 2)),
        mixed_value=Fraction(7, 2),
        follower=1,
        ties=(0, 1),
        pure_value=Fraction(3),
        best_nash=Fraction(2),
    ),
    dict(
        name="three follower actions",
        source=(
            "game1 of OpenSpiel's stackelberg_lp tests (built on Conitzer & Sandholm 2006); "
            "values checked by hand: with p = P(row 0) the follower's payoffs are 0, 3p - 1, "
            "9p - 4, so column 0 is a best response iff p <= 1/3, where the leader gets 1 + p"
        ),
        A=[[2, 0, 0], [1, 0, 0]],
        B=[[0, 2, 5], [0, -1, -4]],
        mixed=(Fraction(1, 3), Fraction(2, 3)),
        mixed_value=Fraction(4, 3),
        follower=0,
        ties=(0, 1),
        pure_value=Fraction(1),  # row 1: the follower plays column 0 (0 > -1 > -4)
        best_nash=None,
    ),
    dict(
        name="matching pennies",
        source=(
            "von Neumann's minimax theorem: in a zero-sum game the mixed commitment value is "
            "the game's value (0 here), any pure commitment is exploited (-1)"
        ),
        A=[[1, -1], [-1, 1]],
        B=[[-1, 1], [1, -1]],
        mixed=(Fraction(1, 2), Fraction(1, 2)),
        mixed_value=Fraction(0),
        follower=None,  # indifferent and so is the leader: either column
        ties=(0, 1),
        pure_value=Fraction(-1),
        best_nash=Fraction(0),
    ),
    dict(
        name="Shapley's game",
        source=(
            "Shapley 1964, 'Some topics in two-person games' (unique Nash equilibrium uniform, "
            "worth 1/3). By hand: if the follower answers column 0 (x1 >= x0, x2) the leader gets "
            "x2, at most 1/2 (x1 = x2 = 1/2), and symmetrically for the other columns; every pure "
            "commitment is answered with the column that gives the leader 0"
        ),
        A=[[0, 1, 0], [0, 0, 1], [1, 0, 0]],
        B=[[0, 0, 1], [1, 0, 0], [0, 1, 0]],
        mixed=None,  # three symmetric optimal commitments
        mixed_value=Fraction(1, 2),
        follower=None,
        ties=None,
        pure_value=Fraction(0),
        best_nash=None,  # checked in test_commitment_value_passes_on_incomplete_nash
    ),
]


def _check_certificate(g: bg.Game, res: bg.StackelbergResult, tol: float = TOL) -> None:
    """The invariants of every answer, recomputed independently of the solver."""
    if res.leader == "row":
        L, F = g.A, g.B
    else:
        L, F = g.B.T, g.A.T
    x = np.asarray(res.leader_strategy)
    assert np.all(x >= 0) and abs(x.sum() - 1) < 1e-12
    fvals = x @ F
    lvals = x @ L
    f_scale, l_scale = _range(F), _range(L)  # tolerances are relative to each player's own range
    j = res.follower_action
    # the follower best-responds (within tol of its own range) ...
    assert fvals.max() - fvals[j] <= tol * f_scale * (1 + 1e-9)
    assert res.follower_regret <= tol * f_scale * (1 + 1e-9)
    # ... and among its best responses picks the leader's favourite (strong Stackelberg)
    br = fvals >= fvals.max() - tol * f_scale
    assert np.array_equal(br, res.best_responses)
    assert lvals[j] >= lvals[br].max() - 1e-12 * l_scale
    assert res.follower_strategy[j] == 1 and res.follower_strategy.sum() == 1
    assert res.follower_label == (g.col_actions if res.leader == "row" else g.row_actions)[j]
    pay = np.array([lvals[j], fvals[j]]) if res.leader == "row" else np.array([fvals[j], lvals[j]])
    np.testing.assert_allclose(res.payoffs, pay, rtol=1e-12, atol=1e-12 * max(l_scale, f_scale))
    # row/col name the row and column players' strategies whoever leads
    assert np.array_equal(res.row if res.leader == "row" else res.col, res.leader_strategy)
    assert np.array_equal(res.col if res.leader == "row" else res.row, res.follower_strategy)
    if res.commitment == "pure":
        assert np.count_nonzero(x) == 1


@pytest.mark.parametrize("case", REFERENCE, ids=[c["name"] for c in REFERENCE])
def test_reference_games(case: dict) -> None:
    g = bg.Game(case["A"], case["B"])
    methods = ("lp", "breakpoints", "auto") if g.shape[0] == 2 else ("lp", "auto")
    for method in methods:
        res = bg.stackelberg(g, commitment="mixed", method=method)
        _check_certificate(g, res)
        assert res.success
        if case["mixed"] is not None:
            np.testing.assert_allclose(res.leader_strategy, [float(v) for v in case["mixed"]], atol=1e-9)
        assert res.leader_payoff == pytest.approx(float(case["mixed_value"]), abs=1e-9)
        if case["follower"] is not None:
            assert res.follower_action == case["follower"]
        if case["ties"] is not None:
            assert res.ties == case["ties"]
    pure = bg.stackelberg(g, commitment="pure")
    _check_certificate(g, pure)
    assert pure.leader_payoff == pytest.approx(float(case["pure_value"]))
    cv = bg.commitment_value(g)
    assert cv.mixed == pytest.approx(float(case["mixed_value"]), abs=1e-9)
    assert cv.pure == pytest.approx(float(case["pure_value"]))
    assert cv.value_of_ambiguity == pytest.approx(float(case["mixed_value"] - case["pure_value"]), abs=1e-9)
    if case["best_nash"] is not None:
        assert cv.complete and cv.status is bg.Status.SUCCESS
        assert cv.best_nash == pytest.approx(float(case["best_nash"]), abs=1e-12)
        assert cv.value_of_commitment == pytest.approx(
            float(case["mixed_value"] - case["best_nash"]), abs=1e-9
        )


def test_labels_players_and_repr() -> None:
    g = bg.Game(
        [[2, 4], [1, 3]], [[1, 0], [0, 1]],
        row_actions=("Tariff", "Free"), col_actions=("Retaliate", "Comply"),
    )
    res = bg.stackelberg(g)
    assert res.follower_label == "Comply"
    text = repr(res)
    assert "Row commits to Tariff 0.5, Free 0.5; Column answers Comply" in text
    assert "(Column is indifferent between Retaliate, Comply; the tie goes to Row)" in text
    named = repr(bg.stackelberg(g.relabel(players=("US", "China")), commitment="pure"))
    assert "US commits to Free; China answers Comply" in named and "payoffs: US 3, China 1" in named
    col = bg.stackelberg(g, leader="col")
    assert col.follower_label in g.row_actions
    assert col.leader_strategy.shape == (2,)
    with pytest.raises(ValueError):
        res.leader_strategy[0] = 1.0  # read-only


def test_column_leader_on_reference() -> None:
    # the column player leading in the transposed Conitzer-Sandholm game is the same problem
    g = bg.Game([[1, 0], [0, 1]], [[2, 1], [4, 3]])
    res = bg.stackelberg(g, leader="col")
    _check_certificate(g, res)
    assert res.leader_payoff == pytest.approx(3.5)
    assert res.payoffs.tolist() == pytest.approx([0.5, 3.5])


def test_single_follower_action_and_single_leader_action() -> None:
    g = bg.Game([[1], [3], [2]], [[0], [0], [5]])
    for method in ("lp", "auto"):
        res = bg.stackelberg(g, method=method)
        assert res.leader_strategy.tolist() == [0.0, 1.0, 0.0]
        assert res.leader_payoff == 3.0
    g = bg.Game([[1, 5, 2]], [[0, 1, 1]])  # leader has one action: follower ties, leader's pick
    res = bg.stackelberg(g)
    assert res.follower_action == 1 and res.ties == (1, 2)


def test_batched_breakpoints_equals_loop_and_lp() -> None:
    rng = np.random.default_rng(7)
    A = rng.integers(-3, 4, (40, 2, 3))
    B = rng.integers(-3, 4, (40, 2, 3))
    g = bg.Game(A, B)
    batch = bg.stackelberg(g)  # breakpoints, vectorised
    lp = bg.stackelberg(g, method="lp")  # loop of LPs
    assert batch.method == "breakpoints" and lp.method == "lp"
    assert batch.leader_strategy.shape == (40, 2) and batch.follower_action.shape == (40,)
    assert batch.best_responses.shape == (40, 3)
    np.testing.assert_allclose(batch.leader_payoff, lp.leader_payoff, atol=1e-9)
    for i in range(40):
        single = bg.stackelberg(g[i])
        assert single.leader_payoff == pytest.approx(batch.leader_payoff[i], abs=1e-12)
        np.testing.assert_allclose(single.leader_strategy, batch.leader_strategy[i])
        assert single.follower_action == batch.follower_action[i]
        assert single.follower_label == batch.follower_label[i]
    assert "batch of shape (40,)" in repr(batch)
    with pytest.raises(InvalidArgumentError, match="single game"):
        batch.ties  # noqa: B018


def test_nashpy_game_accepted() -> None:
    ng = nashpy.Game(np.array([[2, 4], [1, 3]]), np.array([[1, 0], [0, 1]]))
    assert bg.stackelberg(ng).leader_payoff == pytest.approx(3.5)


# ---------------------------------------------------------------------------- oracles


def _correlated_commitment_value(L: np.ndarray, F: np.ndarray) -> float:
    """Conitzer & Korzhyk 2011 (AAAI, 'Commitment to correlated strategies', Sect. 3): one LP over
    distributions on action pairs with the follower's incentive constraints; in two-player
    games its value equals the optimal mixed commitment value."""
    m, n = L.shape
    rows = []
    for j in range(n):
        for l in range(n):
            if l != j:
                row = np.zeros((m, n))
                row[:, j] = F[:, l] - F[:, j]
                rows.append(row.ravel())
    A_ub = np.array(rows) if rows else None
    b_ub = np.zeros(len(rows)) if rows else None
    sol = solve_lp(L.ravel(), A_ub=A_ub, b_ub=b_ub, A_eq=np.ones((1, m * n)), b_eq=[1.0], maximize=True)
    assert sol.optimal
    return float(sol.value)


def _zero_sum_value(A: np.ndarray) -> float:
    m, n = A.shape
    # max v s.t. x A[:, j] >= v for all j; variables (x, v)
    c = np.r_[np.zeros(m), 1.0]
    A_ub = np.c_[-A.T, np.ones(n)]
    sol = solve_lp(
        c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)], maximize=True,
    )
    assert sol.optimal
    return float(sol.value)


# ---------------------------------------------------------------------------- properties


@given(bst.games(rows=(1, 4), cols=(1, 4)), st.sampled_from(["row", "col"]))
def test_certificate_and_ordering(g: bg.Game, leader: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", bg.ConvergenceWarning)
        mixed = bg.stackelberg(g, leader=leader)
        pure = bg.stackelberg(g, leader=leader, commitment="pure")
    assert mixed.success and pure.success
    _check_certificate(g, mixed)
    _check_certificate(g, pure)
    # mixed commitment is at least as good as pure commitment
    assert mixed.leader_payoff >= pure.leader_payoff - 1e-9
    # ... and at least every pure Nash equilibrium payoff of the leader
    who = 0 if leader == "row" else 1
    mask = bg.pure_equilibria(g)
    if mask.any():
        M = g.A if who == 0 else g.B
        assert mixed.leader_payoff >= M[mask].max() - 1e-9


@given(bst.games(rows=(1, 4), cols=(1, 4), payoffs="float", min_value=-10, max_value=10))
def test_lp_agrees_with_correlated_commitment_lp(g: bg.Game) -> None:
    res = bg.stackelberg(g, method="lp")
    # the oracle LP works on each player's payoffs normalised to [0, 1] (HiGHS drops coefficients
    # below 1e-9); its value is mapped back to the leader's units
    n = g.normalized
    lo, scale = float(np.min(g.A)), float(g.payoff_range[0])
    oracle = lo + _correlated_commitment_value(np.asarray(n.A), np.asarray(n.B)) * scale
    assert res.leader_payoff == pytest.approx(oracle, abs=1e-7 * max(scale, 1e-300))


@given(bst.games(rows=2, cols=(1, 4)))
def test_breakpoints_agree_with_lp(g: bg.Game) -> None:
    a = bg.stackelberg(g, method="breakpoints")
    b = bg.stackelberg(g, method="lp")
    assert a.leader_payoff == pytest.approx(b.leader_payoff, abs=1e-9)


@given(bst.games(rows=2, cols=2))
def test_leader_payoff_beats_every_nash_payoff_2x2(g: bg.Game) -> None:
    # von Stengel & Zamir 2010: the strong Stackelberg leader payoff is at least the leader's
    # payoff in every Nash equilibrium. nash_equilibria is complete on 2x2 games.
    for leader, who in (("row", 0), ("col", 1)):
        res = bg.stackelberg(g, leader=leader)
        nash = bg.nash_equilibria(g)
        assert nash.complete
        for eq in nash.equilibria:
            assert res.leader_payoff >= eq.payoffs[who] - 1e-9
        cv = bg.commitment_value(g, leader=leader)
        assert cv.complete
        assert cv.value_of_commitment >= -1e-9 and cv.value_of_ambiguity >= -1e-9


@given(bst.games(rows=(1, 3), cols=(1, 3)))
def test_leader_payoff_beats_every_correlated_equilibrium(g: bg.Game) -> None:
    # von Stengel & Zamir 2010 (Sect. 4): even the leader's best correlated equilibrium payoff
    # is at most its mixed commitment value.
    res = bg.stackelberg(g)
    ce = bg.correlated_equilibrium(g, objective="row", check_unique=False)
    assert res.leader_payoff >= ce.value - 1e-9


@given(bst.zero_sum_games(rows=(1, 4), cols=(1, 4), payoffs="float", min_value=-5, max_value=5))
def test_zero_sum_commitment_value_is_the_game_value(g: bg.Game) -> None:
    res = bg.stackelberg(g)
    lo, scale = float(np.min(g.A)), _range(g.A)
    value = lo + _zero_sum_value((g.A - lo) / scale) * scale
    assert res.leader_payoff == pytest.approx(value, abs=1e-7 * scale)


@given(bst.games(rows=(1, 4), cols=(1, 4)), st.sampled_from(["mixed", "pure"]))
def test_column_leader_is_row_leader_of_transposed_game(g: bg.Game, commitment: str) -> None:
    a = bg.stackelberg(g, leader="col", commitment=commitment)
    b = bg.stackelberg(g.transpose(), leader="row", commitment=commitment)
    np.testing.assert_allclose(a.payoffs, b.payoffs[::-1], atol=1e-9)
    np.testing.assert_allclose(a.leader_strategy, b.leader_strategy, atol=1e-9)
    assert a.follower_action == b.follower_action and a.follower_label == b.follower_label


@given(
    bst.games(rows=(1, 3), cols=(1, 3)),
    st.floats(0.1, 10),
    st.floats(-5, 5),
)
def test_positive_affine_invariance(g: bg.Game, a: float, b: float) -> None:
    res = bg.stackelberg(g)
    h = bg.Game(a * np.asarray(g.A) + b, a * np.asarray(g.B) + b)
    res2 = bg.stackelberg(h)
    assert res2.leader_payoff == pytest.approx(a * res.leader_payoff + b, abs=1e-7 * (1 + abs(b) + a))


@given(bst.games(rows=(1, 3), cols=(1, 3), batch_shape=(3,)), st.sampled_from(["mixed", "pure"]))
def test_batched_equals_loop(g: bg.Game, commitment: str) -> None:
    batch = bg.stackelberg(g, commitment=commitment)
    for i in range(3):
        one = bg.stackelberg(g[i], commitment=commitment)
        assert one.leader_payoff == pytest.approx(batch.leader_payoff[i], abs=1e-12)
        assert one.follower_action == batch.follower_action[i]


def test_commitment_value_passes_on_incomplete_nash() -> None:
    # Shapley's 3x3 game has no pure equilibrium; until a complete general solver is wired into
    # nash_equilibria, the result must say whether its Nash equilibria are all of them.
    g = bg.Game([[0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", bg.ConvergenceWarning)
        nash = bg.nash_equilibria(g)
        cv = bg.commitment_value(g)
    assert cv.complete == nash.complete
    if not nash.complete:
        assert "lower bound" in cv.message
    if nash.equilibria:
        assert cv.best_nash == pytest.approx(max(e.payoffs[0] for e in nash.equilibria))
        assert cv.value_of_commitment >= -1e-9
    else:
        assert np.isnan(cv.best_nash) and np.isnan(cv.value_of_commitment)
    # the unique equilibrium is uniform with payoff 1/3; commitment cannot do worse
    assert cv.mixed >= 1 / 3 - 1e-9


# ---------------------------------------------------------------------------- bad input


G2 = bg.Game([[2, 4], [1, 3]], [[1, 0], [0, 1]])


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(leader="x"), "stackelberg: leader must be one of 'row', 'col'"),
        (dict(leader=0), "stackelberg: leader"),
        (dict(commitment="maybe"), "stackelberg: commitment"),
        (dict(method="simplex"), "stackelberg: method"),
        (dict(tol=-1.0), "stackelberg: tol"),
        (dict(tol=float("nan")), "stackelberg: tol"),
        (dict(tol=True), "stackelberg: tol"),
    ],
)
def test_bad_arguments(kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        bg.stackelberg(G2, **kwargs)


def test_bad_games() -> None:
    with pytest.raises(InvalidGameError, match="stackelberg: expected a bargain.Game"):
        bg.stackelberg([[1, 2], [3, 4]])
    ng = nashpy.Game(np.array([[np.nan, 1.0], [1.0, 0.0]]), np.array([[1.0, 1.0], [1.0, 0.0]]))
    with pytest.raises(InvalidGameError, match="stackelberg: .*non-finite"):
        bg.stackelberg(ng)
    with pytest.raises(TypeError):
        bg.stackelberg(G2, "col")  # leader and commitment are keyword-only
    with pytest.raises(TypeError):
        bg.commitment_value(G2, "col")
    with pytest.raises(InvalidArgumentError, match="stackelberg: method 'breakpoints' needs"):
        bg.stackelberg(bg.Game(np.zeros((3, 2))), method="breakpoints")
    with pytest.raises(InvalidGameError, match="commitment_value: takes a single game"):
        bg.commitment_value(bg.Game(np.zeros((2, 2, 2))))
    with pytest.raises(InvalidArgumentError, match="commitment_value: leader"):
        bg.commitment_value(G2, leader="follower")
    with pytest.raises(InvalidGameError, match="commitment_value: .*non-finite"):
        bg.commitment_value(ng)


# ---------------------------------------------------------------------------- failure paths


def test_lp_failure_is_reported_and_warned(monkeypatch: pytest.MonkeyPatch) -> None:
    from bargain.solvers import _lp
    from bargain.solvers import stackelberg as mod

    real = mod.solve_lp
    calls = {"n": 0}

    def flaky(c, **kw):  # the second follower LP fails numerically
        calls["n"] += 1
        if calls["n"] == 2:
            return _lp.LPSolution(_lp.LPStatus.NUMERICAL, None, None, "simulated failure")
        return real(c, **kw)

    monkeypatch.setattr(mod, "solve_lp", flaky)
    g = bg.Game(np.array([[2, 4], [1, 3], [0, 0]]), np.array([[1, 0], [0, 1], [0, 0]]))
    with pytest.warns(bg.ConvergenceWarning, match="follower action 1: NUMERICAL") as record:
        res = bg.stackelberg(g, method="lp")
    assert record[0].filename == __file__  # stacklevel points at the caller
    assert res.status is bg.Status.UNCERTIFIED and not res.success
    assert "simulated failure" in res.message
    _check_certificate(g, res)  # what is returned is still a best response pair


def test_every_lp_failing_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from bargain.solvers import _lp
    from bargain.solvers import stackelberg as mod

    monkeypatch.setattr(
        mod, "solve_lp",
        lambda c, **kw: _lp.LPSolution(_lp.LPStatus.NUMERICAL, None, None, "simulated"),
    )
    with pytest.raises(bg.SolverError, match="stackelberg: no follower-action LP ended optimal"):
        bg.stackelberg(bg.Game(np.eye(3)), method="lp")


# ---------------------------------------------------------------------------- issue 10: scale


def test_lopsided_scales_send_the_follower_to_its_best_action() -> None:
    """Issue 10 item 1: with the leader in millions and the follower in thousandths the old
    absolute tolerance (set by the leader's scale) made the follower indifferent everywhere and
    sent it to a strictly worse action, reported SUCCESS."""
    g = bg.Game(np.array([[2, 0], [1, -1]]) * 1e6, np.array([[0, 2], [2, 2]]) * 1e-3)
    res = bg.stackelberg(g, commitment="pure")
    _check_certificate(g, res)
    # row 0 is answered with column 1 (2e-3 > 0): the leader gets 0; row 1 leaves the follower
    # indifferent and the tie goes to the leader (column 0): 1e6
    assert res.leader_strategy.tolist() == [0.0, 1.0] and res.follower_action == 0
    assert res.payoffs.tolist() == pytest.approx([1e6, 2e-3])
    assert res.follower_regret == 0.0 and res.success
    mixed = bg.stackelberg(g)
    _check_certificate(g, mixed)
    assert mixed.follower_regret <= 1e-9 * 2e-3


@pytest.mark.parametrize("factor", [5e307, 1e-300])
def test_matching_pennies_at_extreme_scales(factor: float) -> None:
    """Issue 10 item 4: matching pennies times 5e307 gave the leader [0, 1] and value -5e307."""
    mp = bg.Game(np.array([[1.0, -1.0], [-1.0, 1.0]]) * factor, np.array([[-1.0, 1.0], [1.0, -1.0]]) * factor)
    for method in ("breakpoints", "lp"):
        res = bg.stackelberg(mp, method=method)
        assert res.success
        np.testing.assert_allclose(res.leader_strategy, [0.5, 0.5], atol=1e-9)
        assert res.leader_payoff == pytest.approx(0.0, abs=1e-9 * factor)
    assert bg.stackelberg(mp, commitment="pure").leader_payoff == pytest.approx(-factor)


def test_ties_are_decided_on_normalised_payoffs_in_every_method() -> None:
    """Issue 10 item 6: -8.6e-10 is the whole range of B, so after normalisation it is not a tie;
    every method agrees with the exact answer (the leader gets 0)."""
    g = bg.Game([[1, 0], [0, 0]], [[-8.6e-10, 0], [0, 0]])
    answers = [
        bg.stackelberg(g, commitment="pure"),
        bg.stackelberg(g),
        bg.stackelberg(g, method="breakpoints"),
        bg.stackelberg(g, method="lp"),
    ]
    for res in answers:
        _check_certificate(g, res)
        assert res.success and res.leader_payoff == 0.0
    cv = bg.commitment_value(g)
    assert cv.mixed == cv.pure == 0.0


def _leader_units(g: bg.Game, leader: str, f: tuple[float, float], s: tuple[float, float]) -> tuple:
    k = 0 if leader == "row" else 1
    return f[k], s[k], float(g.payoff_range[k])


@settings(max_examples=40)
@given(bst.games(rows=(1, 3), cols=(1, 3)), AFFINE, AFFINE, st.sampled_from(["row", "col"]),
       st.sampled_from(["mixed", "pure"]))
def test_unchanged_by_either_players_affine_change(g, t0, t1, leader, commitment) -> None:
    """Scaling (10**k, k in -9..9) and shifting (up to 1e12) either player's payoffs alone maps
    the leader's value affinely and keeps the answer certified."""
    (f0, s0), (f1, s1) = affine(*t0), affine(*t1)
    h = bg.Game(np.asarray(g.A) * f0 + s0, np.asarray(g.B) * f1 + s1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", bg.ConvergenceWarning)
        res = bg.stackelberg(g, leader=leader, commitment=commitment)
        out = bg.stackelberg(h, leader=leader, commitment=commitment)
    assert res.success and out.success
    _check_certificate(h, out)
    f, s, rng = _leader_units(h, leader, (f0, f1), (s0, s1))
    assert out.leader_payoff == pytest.approx(f * res.leader_payoff + s, abs=1e-8 * rng + 4e-16 * abs(s))


@settings(max_examples=25)
@given(bst.games(rows=2, cols=2), AFFINE, AFFINE, st.sampled_from(["row", "col"]))
def test_commitment_value_unchanged_by_either_players_affine_change(g, t0, t1, leader) -> None:
    (f0, s0), (f1, s1) = affine(*t0), affine(*t1)
    h = bg.Game(np.asarray(g.A) * f0 + s0, np.asarray(g.B) * f1 + s1)
    a, b = bg.commitment_value(g, leader=leader), bg.commitment_value(h, leader=leader)
    assert a.success and b.success and a.complete and b.complete
    f, s, rng = _leader_units(h, leader, (f0, f1), (s0, s1))
    close = dict(abs=1e-8 * rng + 4e-16 * abs(s))
    assert b.mixed == pytest.approx(f * a.mixed + s, **close)
    assert b.pure == pytest.approx(f * a.pure + s, **close)
    assert b.best_nash == pytest.approx(f * a.best_nash + s, **close)
    assert b.value_of_commitment == pytest.approx(f * a.value_of_commitment, **close)
    assert b.value_of_ambiguity == pytest.approx(f * a.value_of_ambiguity, **close)


def test_commitment_value_is_a_labelled_result() -> None:
    g = bg.Game([[2, 4], [1, 3]], [[1, 0], [0, 1]], players=("US", "China"))
    cv = bg.commitment_value(g, leader="col")
    assert cv.status is bg.Status.SUCCESS and cv.success and cv.message
    assert repr(cv).startswith("CommitmentValue(China leads, status=SUCCESS)")
    assert "China gets" in repr(cv) and "value of ambiguity" in repr(cv)
