"""bargain.sweep measures: each agrees with the solver it batches, game by game."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from sweep_models import bargaining_range, chicken

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidModelError
from bargain.models import POSITIVE, ModelResult, Parameter, model, output
from bargain.sweep import measures as M

pytest.importorskip("xarray")

VALUES = np.array([0.5, 2.0, 3.0])
COSTS = np.array([1.0, 2.0, 4.0, 6.0])  # cost == value at (2.0, 2.0): a degenerate game


def _sweep(measures):
    return bg.sweep(chicken, grid={"value": VALUES, "cost": COSTS}, measures=measures, progress=False)


def _games():
    for i, v in enumerate(VALUES):
        for j, c in enumerate(COSTS):
            yield i, j, v, c, chicken(c, value=v).game


def test_pure_count_and_mask():
    ds = _sweep("pure")
    for i, j, _v, _c, g in _games():
        mask = bg.pure_equilibria(g)
        assert ds.pure_mask.values[i, j].tolist() == mask.tolist()
        assert ds.pure_count.values[i, j] == mask.sum()
    # closed form: chicken has the two asymmetric pure equilibria iff cost > value, else (Dare, Dare)
    hi = COSTS[None, :] > VALUES[:, None]
    assert (ds.pure_count.values[hi] == 2).all() and (ds.pure_mask.values[~hi][:, 0, 0]).all()


def test_equilibria_and_mixed_match_equilibria_2x2_and_the_closed_form():
    ds = _sweep(["equilibria", "mixed"])
    assert ds.eq_payoffs.dims == ("value", "cost", "equilibrium", "player")
    for i, j, v, c, g in _games():
        r = bg.equilibria_2x2(g)
        assert ds.eq_count.values[i, j] == r.count
        np.testing.assert_array_equal(ds.eq_p.values[i, j], r.p)
        np.testing.assert_array_equal(ds.eq_payoffs.values[i, j], r.payoffs)
        assert bool(ds.eq_degenerate.values[i, j]) == bool(r.degenerate)
        if c > v:  # Maynard Smith: each side dares with probability value / cost
            assert ds.mixed_p.values[i, j] == pytest.approx(v / c)
            assert ds.mixed_q.values[i, j] == pytest.approx(v / c)
            crash, win, tie = (v - c) / 2, v, v / 2
            p = v / c
            expected = p * crash + (1 - p) * win  # daring and swerving pay the same
            assert ds.mixed_payoffs.values[i, j].tolist() == pytest.approx([expected, expected])
            assert expected == pytest.approx(p * 0 + (1 - p) * tie)
        elif c < v:
            assert np.isnan(ds.mixed_p.values[i, j])


def test_equilibria_without_payoffs():
    ds = _sweep(M.equilibria(payoffs=False))
    assert "eq_payoffs" not in ds and ds.eq_q.dims == ("value", "cost", "equilibrium")


def test_qre_matches_logit_qre():
    ds = _sweep([M.qre(lam=2.0), M.qre(lam=50.0, name="qre50")])
    for i, j, _, _, g in _games():
        r = bg.logit_qre(g, 2.0)
        np.testing.assert_allclose(ds.qre_row.values[i, j], r.row, rtol=1e-12)
        np.testing.assert_allclose(ds.qre50_col.values[i, j], bg.logit_qre(g, 50.0).col, rtol=1e-12)
    assert "lambda=50" in ds.qre50_row.attrs["description"]


def test_security_and_critical_delta_and_commitment_match_the_solvers():
    ds = _sweep(["security", M.critical_delta(target=(1, 1)), "commitment"])
    for i, j, _, _, g in _games():
        np.testing.assert_allclose(ds.security.values[i, j], bg.maxmin(g).values, atol=1e-9)
        assert ds.critical_delta.values[i, j] == bg.repeated.critical_delta(g, target=(1, 1)).delta
        cv = bg.commitment_value(g)
        assert ds.commitment_value.values[i, j] == pytest.approx(cv.value_of_commitment, abs=1e-9)


def test_nash_bargaining_matches_the_one_game_solver():
    ds = _sweep(["nash_bargaining", M.nash_bargaining(disagreement=(0.0, 0.0), weights=(2, 1), name="nb21")])
    for i, j, _, _, g in _games():
        for var, kwargs, weights in (("nash_bargaining", {"disagreement": "security"}, (1, 1)),
                                     ("nb21", {"disagreement": (0.0, 0.0)}, (2, 1))):
            try:
                problem = bg.BargainingProblem.from_game(g, **kwargs)
                want = bg.nash_bargaining(problem, weights=weights).payoffs
            except bg.NoAgreementError:
                want = np.array([np.nan, np.nan])
            np.testing.assert_allclose(ds[var].values[i, j], want, atol=1e-9)
    assert ds.nash_bargaining.dims == ("value", "cost", "player")
    assert "security disagreement point" in ds.nash_bargaining.attrs["description"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"disagreement": "threat"}, "nash_bargaining: disagreement must be 'security', 'minmax'"),
        ({"disagreement": (0.0, np.nan)}, "pair of finite payoffs"),
        ({"weights": (1, 0)}, "nash_bargaining: weights must be two positive numbers"),
        ({"weights": "equal"}, "weights must be two positive numbers"),
    ],
)
def test_nash_bargaining_bad_arguments(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=match):
        M.nash_bargaining(**kwargs)


def test_rubinstein_shares_read_the_models_parameters_and_outputs():
    deltas = np.array([0.5, 0.9, 0.99])
    fixed = {"p_now": 0.3, "p_later": 0.6, "cost": 0.1}
    ds = bg.sweep("crisis.power_shift", grid={"delta": deltas}, fixed=fixed, progress=False,
                  measures=[M.rubinstein("delta", 0.9), M.rubinstein("delta", first=1, name="b_first")])
    for k, d in enumerate(deltas):
        want, want_b = bg.rubinstein(d, 0.9).shares, bg.rubinstein(d, d, first=1).shares
        np.testing.assert_allclose(ds.rubinstein_shares.values[k], want, rtol=1e-12)
        np.testing.assert_allclose(ds.b_first_shares.values[k], want_b, rtol=1e-12)
    # closed form with one common factor: the first proposer gets 1 / (1 + delta)
    np.testing.assert_allclose(ds.b_first_shares.values[:, 1], 1 / (1 + deltas))
    assert ds.rubinstein_shares.attrs["units"] == "share of pie"
    # a number for one player, another model's parameter for the other
    ds2 = bg.sweep(bargaining_range, grid={"p": np.array([0.3, 0.6])}, progress=False,
                   measures=[M.rubinstein(0.8, "p")])
    np.testing.assert_allclose(ds2.rubinstein_shares.values[1], bg.rubinstein(0.8, 0.6).shares)


@pytest.mark.parametrize(
    ("build", "error", "match"),
    [
        (lambda: M.rubinstein(1.0), InvalidArgumentError, r"rubinstein: delta1 must be in \(0, 1\)"),
        (lambda: M.rubinstein("p", [0.9]), InvalidArgumentError, "delta2 must be a discount factor or"),
        (lambda: M.rubinstein("p", first=2), InvalidArgumentError, "first must be 0 or 1"),
    ],
)
def test_rubinstein_bad_arguments(build, error, match):
    with pytest.raises(error, match=match):
        build()


def test_rubinstein_names_must_be_the_models():
    with pytest.raises(InvalidModelError, match="delta1='patience' is neither a real parameter nor a scalar"):
        bg.sweep(bargaining_range, grid={"p": np.array([0.3])}, measures=[M.rubinstein("patience")],
                 progress=False)


def test_user_function_measure_and_registered_measure():
    ds = _sweep({"dare_gap": lambda r: r.escalation - 0.5})
    np.testing.assert_array_equal(ds.dare_gap.values, np.minimum(VALUES[:, None] / COSTS, 1) - 0.5)

    M.register_measure("escalation_only", lambda: M.outputs("escalation"))
    ds2 = _sweep("escalation_only")
    assert list(ds2.data_vars) == ["escalation"]
    assert "escalation_only" in M.measure_names()


@dataclass(frozen=True, eq=False, repr=False)
class _TwoGames(ModelResult):
    first: Any = output("a game", kind="game")
    second: Any = output("its transpose", kind="game")


@model(
    family="test",
    source="none",
    result=_TwoGames,
    register=False,
    parameters=[Parameter("cost", "cost", domain=POSITIVE)],
)
def two_games(cost):
    """Two games."""
    g = chicken(cost, value=2.0).game
    return {"first": g, "second": g.transpose()}


def test_measure_errors():
    with pytest.raises(
        InvalidModelError, match="needs a game, and model test.bargaining_range declares no game"
    ):
        bg.sweep(bargaining_range, grid={"p": [0.5]}, measures="pure", progress=False)
    with pytest.raises(
        InvalidModelError, match=r"builds several games \(first, second\).*pure\(game='first'\)"
    ):
        bg.sweep(two_games, grid={"cost": [1.0]}, measures="pure", progress=False)
    with pytest.raises(InvalidModelError, match="has no game output 'third'"):
        bg.sweep(two_games, grid={"cost": [1.0]}, measures=M.pure(game="third"), progress=False)
    with pytest.raises(InvalidArgumentError, match="'pure_count' is produced by both"):
        bg.sweep(chicken, grid={"cost": [1.0]}, measures=["pure", "pure"], progress=False)
    with pytest.raises(InvalidModelError, match="no array output 'nope'"):
        bg.sweep(chicken, grid={"cost": [1.0]}, measures=M.outputs("nope"), progress=False)


def test_several_games_prefix_their_variables():
    ds = bg.sweep(
        two_games,
        grid={"cost": [1.0, 3.0]},
        measures=[M.pure(game="first"), M.pure(game="second")],
        progress=False,
    )
    assert {"first.pure_count", "second.pure_mask"} <= set(ds.data_vars)
    np.testing.assert_array_equal(
        ds["first.pure_mask"].values, np.swapaxes(ds["second.pure_mask"].values, -1, -2)
    )


@dataclass(frozen=True, eq=False, repr=False)
class _Rps(ModelResult):
    game: Any = output("rock-paper-scissors with a tie payoff", kind="game")


@model(
    family="test",
    source="none",
    result=_Rps,
    register=False,
    parameters=[Parameter("tie", "payoff of a tie", domain=POSITIVE)],
)
def rps(tie):
    """Rock-paper-scissors where a tie pays ``tie`` (a 3x3 game)."""
    base = np.array([[0.0, -1.0, 1.0], [1.0, 0.0, -1.0], [-1.0, 1.0, 0.0]])
    A = base + np.eye(3) * tie[..., None, None]
    return {"game": bg.Game(A, np.swapaxes(A, -1, -2))}


def test_measures_on_3x3_games():
    ties = np.array([0.5, 1.0, 2.0])
    ds = bg.sweep(rps, grid={"tie": ties}, measures=["pure", M.qre(lam=1.0)], progress=False)
    assert ds.pure_mask.dims == ("tie", "row_action", "col_action") and ds.pure_mask.shape == (3, 3, 3)
    for i, t in enumerate(ties):
        g = rps(t).game
        assert ds.pure_mask.values[i].tolist() == bg.pure_equilibria(g).tolist()
        np.testing.assert_allclose(ds.qre_row.values[i], bg.logit_qre(g, 1.0).row, rtol=1e-12)
    # a tie worth as much as winning (ties count) makes every diagonal cell a pure equilibrium
    assert ds.pure_count.values.tolist() == [0, 3, 3]
    with pytest.raises(InvalidModelError, match="measure 'equilibria' needs 2x2 games; test.rps.game is 3x3"):
        bg.sweep(rps, grid={"tie": ties}, measures="equilibria", progress=False)
