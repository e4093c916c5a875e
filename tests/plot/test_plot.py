"""bargain.plot: every figure is checked by the artists it draws, rendered headless to a file."""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import LineCollection, QuadMesh  # noqa: E402

import bargain as bg  # noqa: E402
from bargain import plot  # noqa: E402

PD = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("C", "D"), col_actions=("C", "D"),
             players=("US", "China"), name="Prisoner's dilemma")
CHICKEN = bg.Game([[0, 3], [1, 2]], [[0, 1], [3, 2]], row_actions=("Hawk", "Dove"),
                  col_actions=("Hawk", "Dove"))
PENNIES = bg.Game([[1, -1], [-1, 1]])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _line(ax, label):
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == label]
    return np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float)


def _saved(ax, tmp_path, name):
    path = tmp_path / f"{name}.png"
    ax.figure.savefig(path)
    assert path.stat().st_size > 1000
    return path


# ------------------------------------------------------------------------------ bargaining set
def test_bargaining_set_marks_frontier_disagreement_and_four_solutions(tmp_path):
    P = bg.BargainingProblem.from_points([(0, 0), (0, 4), (3, 3), (4, 0)], disagreement=(1, 1))
    ax = plot.bargaining_set(P)
    assert _legend(ax) == ["Pareto frontier", "disagreement", "Nash", "Kalai-Smorodinsky", "egalitarian",
                           "utilitarian"]
    np.testing.assert_allclose(_line(ax, "Pareto frontier"), np.asarray(P.frontier, dtype=float))
    np.testing.assert_allclose(_line(ax, "disagreement"), [[1, 1]])
    for label, solve in [("Nash", bg.nash_bargaining), ("Kalai-Smorodinsky", bg.kalai_smorodinsky),
                         ("egalitarian", bg.egalitarian), ("utilitarian", bg.utilitarian)]:
        np.testing.assert_allclose(_line(ax, label)[0], np.asarray(solve(P).payoffs, dtype=float))
    assert len(ax.patches) == 1  # the feasible set
    assert ax.get_xlabel() == "Row's payoff"
    _saved(ax, tmp_path, "bargaining")


def test_bargaining_set_of_a_game_uses_player_names_and_a_chosen_solution():
    P = bg.BargainingProblem.from_game(PD, disagreement="nash")
    ax = plot.bargaining_set(P, solutions=["ks"])
    assert _legend(ax)[-1] == "Kalai-Smorodinsky"
    assert ax.get_xlabel() == "US's payoff" and ax.get_ylabel() == "China's payoff"


def test_bargaining_set_on_a_frontier_draws_the_curve():
    P = bg.BargainingProblem.from_frontier(lambda u: 1 - u**2, 1.0, disagreement=(0, 0))
    ax = plot.bargaining_set(P, solutions=("nash",))
    pts = _line(ax, "Pareto frontier")
    assert len(pts) > 100
    np.testing.assert_allclose(pts[:, 1], 1 - pts[:, 0] ** 2, atol=1e-9)
    np.testing.assert_allclose(_line(ax, "Nash")[0], [1 / np.sqrt(3), 2 / 3], atol=1e-6)
    assert not ax.patches


def test_bargaining_set_draws_a_segment_for_a_flat_utilitarian_frontier():
    P = bg.BargainingProblem.from_points([(0, 0), (0, 2), (2, 0)], disagreement=(0, 0))
    ax = plot.bargaining_set(P, solutions=("utilitarian",))
    seg = _line(ax, "utilitarian (segment)")
    np.testing.assert_allclose(seg.sum(axis=1), 2.0)


def test_bargaining_set_bad_input():
    P = bg.BargainingProblem.from_points([(0, 0), (0, 4), (4, 0)], disagreement=(0, 0))
    with pytest.raises(bg.InvalidArgumentError, match="bargaining_set: unknown solution 'shapley'"):
        plot.bargaining_set(P, solutions=("shapley",))
    with pytest.raises(bg.InvalidProblemError, match="bargaining_set: expected a BargainingProblem"):
        plot.bargaining_set([(0, 1)])
    with pytest.raises(bg.InvalidArgumentError, match="bargaining_set: ax must be a matplotlib Axes"):
        plot.bargaining_set(P, ax="left")


# ------------------------------------------------------------------------------ sweeps
def _dataset():
    xr = pytest.importorskip("xarray")
    p = np.linspace(0.1, 0.9, 5)
    c = np.linspace(0.0, 0.4, 3)
    war = np.outer(p, 1 - c)
    return xr.Dataset(
        {"war": (("p", "cost"), war, {"description": "probability of war", "units": "probability"})},
        coords={"p": ("p", p, {"description": "A's chance of winning", "units": "probability"}),
                "cost": ("cost", c, {"units": "share of pie"})},
        attrs={"model": "crisis.example"},
    )


def test_sweep_map_two_parameters_is_a_heat_map_with_units(tmp_path):
    ds = _dataset()
    ax = plot.sweep_map(ds, "war")
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    np.testing.assert_allclose(np.asarray(mesh.get_array()).reshape(5, 3), ds["war"].values)
    assert ax.get_xlabel() == "cost [share of pie]"
    assert ax.get_ylabel() == "A's chance of winning [probability]"
    colorbar_axes = [a for a in ax.figure.axes if a is not ax]
    assert colorbar_axes[0].get_ylabel() == "probability of war [probability]"
    assert ax.get_title() == "crisis.example"
    _saved(ax, tmp_path, "sweep")


def test_sweep_map_one_parameter_is_a_line():
    ds = _dataset().isel(cost=0)
    ax = plot.sweep_map(ds, "war")
    (line,) = ax.get_lines()
    np.testing.assert_allclose(line.get_ydata(), ds["war"].values)
    assert ax.get_ylabel() == "probability of war [probability]"


def test_sweep_map_bad_input():
    ds = _dataset()
    with pytest.raises(bg.InvalidArgumentError, match="sweep_map: no variable 'peace'"):
        plot.sweep_map(ds, "peace")
    with pytest.raises(bg.InvalidArgumentError, match="sweep_map: expected an xarray.Dataset"):
        plot.sweep_map({"war": 1}, "war")
    three = ds.expand_dims(run=[0, 1])
    with pytest.raises(bg.InvalidArgumentError, match="select down to one or two"):
        plot.sweep_map(three, "war")


# ------------------------------------------------------------------------------ dynamics
def test_qre_path_draws_every_action_of_both_players(tmp_path):
    lams = np.linspace(0, 8, 30)
    path = bg.logit_qre_path(PD, lams)
    ax = plot.qre_path(path)
    assert [ln.get_label() for ln in ax.get_lines()] == ["US: C", "US: D", "China: C", "China: D"]
    np.testing.assert_allclose(_line(ax, "US: D")[:, 1], np.asarray(path.row)[:, 1])
    np.testing.assert_allclose(_line(ax, "China: C")[:, 0], lams)
    assert _line(ax, "US: D")[-1, 1] > 0.9  # towards the dominant action
    _saved(ax, tmp_path, "qre")


def test_qre_path_refuses_other_results():
    with pytest.raises(bg.InvalidArgumentError, match="qre_path: expected the result of logit_qre_path"):
        plot.qre_path(bg.logit_qre(PD, 1.0))


def test_replicator_flow_draws_streams_and_the_rest_points(tmp_path):
    ax = plot.replicator_flow(CHICKEN)
    assert any(isinstance(c, LineCollection) for c in ax.collections)
    marks = _line(ax, "Nash equilibria")
    # chicken: (Hawk, Dove), (Dove, Hawk) and the mixed one at 1/2 (in (q, p) coordinates)
    assert sorted(map(tuple, np.round(marks, 9))) == [(0.0, 1.0), (0.5, 0.5), (1.0, 0.0)]
    assert ax.get_xlabel() == "P(Column plays 'Hawk')"
    _saved(ax, tmp_path, "replicator")


def test_replicator_flow_bad_input():
    with pytest.raises(bg.InvalidGameError, match="replicator_flow: draws 2x2 games, got a 3x2 game"):
        plot.replicator_flow(bg.Game(np.zeros((3, 2))))
    with pytest.raises(bg.InvalidArgumentError, match="replicator_flow: density must be at most 50"):
        plot.replicator_flow(CHICKEN, density=80)
    with pytest.raises(bg.InvalidGameError, match="takes a single game"):
        plot.replicator_flow(bg.Game(np.zeros((4, 2, 2))))


# ------------------------------------------------------------------------------ best responses
def test_best_response_of_a_dominance_solvable_game():
    ax = plot.best_response(PD)
    assert _legend(ax) == ["US's best reply", "China's best reply", "Nash equilibria"]
    np.testing.assert_allclose(_line(ax, "US's best reply")[:, 1], 0.0)  # always Defect
    np.testing.assert_allclose(_line(ax, "China's best reply")[:, 0], 0.0)
    np.testing.assert_allclose(_line(ax, "Nash equilibria"), [[0.0, 0.0]])


def test_best_response_steps_at_the_indifference_point(tmp_path):
    ax = plot.best_response(PENNIES)
    row = _line(ax, "Row's best reply")
    col = _line(ax, "Column's best reply")
    # row matches: plays its first action when q > 1/2; column mismatches
    np.testing.assert_allclose(row, [[0, 0], [0.5, 0], [0.5, 1], [1, 1]])
    np.testing.assert_allclose(col, [[1, 0], [1, 0.5], [0, 0.5], [0, 1]])
    np.testing.assert_allclose(_line(ax, "Nash equilibria"), [[0.5, 0.5]])
    _saved(ax, tmp_path, "best_response")


def test_best_response_of_an_indifferent_player_covers_its_side():
    g = bg.Game([[1, 1], [1, 1]], [[2, 0], [0, 1]])
    ax = plot.best_response(g)
    row = _line(ax, "Row's best reply")
    assert {tuple(p) for p in row} == {(0, 0), (1, 0), (1, 1), (0, 1)}


# ------------------------------------------------------------------------------ repeated games
def test_payoff_set_draws_feasible_rational_and_spe_sets(tmp_path):
    ax = plot.payoff_set(PD, [0.2, 0.9])
    assert _legend(ax) == ["feasible", "individually rational", "minmax", "SPE payoffs, δ = 0.2",
                           "SPE payoffs, δ = 0.9"]
    np.testing.assert_allclose(_line(ax, "minmax"), [[1, 1]])
    # delta 0.2 < 1/2: only the stage Nash payoff; delta 0.9: a polygon (a filled patch)
    np.testing.assert_allclose(_line(ax, "SPE payoffs, δ = 0.2"), [[1, 1]])
    patches = {p.get_label(): p for p in ax.patches}
    assert set(patches) == {"feasible", "individually rational", "SPE payoffs, δ = 0.9"}
    spe = bg.repeated.equilibrium_payoffs(PD, 0.9)
    drawn = patches["SPE payoffs, δ = 0.9"].get_xy()[:-1]
    np.testing.assert_allclose(np.sort(drawn, axis=0), np.sort(np.asarray(spe.vertices, float), axis=0))
    assert ax.get_xlabel() == "US's average payoff"
    _saved(ax, tmp_path, "payoff_set")


def test_payoff_set_bad_delta():
    with pytest.raises(bg.InvalidArgumentError, match="payoff_set: delta must be a number"):
        plot.payoff_set(PD, "high")
    with pytest.raises(bg.BargainError, match="delta"):
        plot.payoff_set(PD, 1.5)


def test_import_bargain_does_not_import_matplotlib():
    import subprocess
    import sys

    code = "import sys, bargain; bargain.Game([[1]]); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
