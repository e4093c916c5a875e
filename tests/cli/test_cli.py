"""The bargain command line, run in-process through main([...]) (plus one real subprocess).

Exit codes: 0 done, 1 bad input (one line on stderr, no traceback), 2 usage (argparse).
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

import bargain as bg
from bargain.cli import main
from bargain.io import write_game
from bargain.models import DISCOUNT, POSITIVE, ModelResult, Parameter, model, output
from bargain.models import _base as models_base

# A Gambit file written the way Gambit writes them, in a layout no other test uses: strategy
# counts, the title and players on separate lines, a comment, payoffs over several lines.
UNSEEN = """NFG 1 R "Alliance burden sharing"
{ "Patron" "Client" } { 3 2 }
"rows: patron guarantees, hedges, abandons; columns: client pays, free-rides"

4 3   1 0   0 -2
2 4   3 1   0 0
"""
UNSEEN_A = [[4, 2], [1, 3], [0, 0]]
UNSEEN_B = [[3, 4], [0, 1], [-2, 0]]

DEGENERATE = """NFG 1 R "Degenerate" { "Row" "Col" }
{ { "T" "B" } { "L" "R" } } ""
1 1 1 1 0 0 0 0
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def unseen(tmp_path):
    path = tmp_path / "burden.nfg"
    path.write_text(UNSEEN, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ help, usage
def test_help_lists_commands_and_models_one_line_each(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("solve", "bargain", "model", "demo"):
        assert command in out
    for name, m in bg.models.registry().items():
        lines = [line for line in out.splitlines() if line.split()[:1] == [name]]
        assert len(lines) == 1 and m.summary[:30] in lines[0]


def test_model_help_lists_models(capsys):
    code, out, _ = run(capsys, "model", "--help")
    assert code == 0 and "models:" in out
    assert all(name in out for name in bg.models.registry())


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["solve"], ["solve", "x.nfg", "--method", "magic"],
                                  ["bargain", "x.nfg", "--solution", "best"]])
def test_usage_errors_exit_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2 and "usage: bargain" in err


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and bg.__version__ in out


def test_python_dash_m_help_in_a_subprocess():
    cmd = [sys.executable, "-m", "bargain", "--help"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "usage: bargain" in out.stdout and "solve" in out.stdout


# ------------------------------------------------------------------------------------- solve
def test_solve_unseen_file_matches_the_library(capsys, unseen):
    code, out, err = run(capsys, "solve", str(unseen), "--exact", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    direct = bg.nash_equilibria(bg.Game(UNSEEN_A, UNSEEN_B), exact=True)
    assert data["title"] == "Alliance burden sharing" and data["players"] == ["Patron", "Client"]
    assert data["row_actions"] == ["r0", "r1", "r2"] and data["complete"] is True
    assert len(data["equilibria"]) == len(direct)
    for mine, theirs in zip(data["equilibria"], direct.equilibria):
        assert [Fraction(v) for v in mine["row_exact"]] == list(theirs.row_exact)
        assert [Fraction(v) for v in mine["col_exact"]] == list(theirs.col_exact)
        assert [Fraction(v) for v in mine["payoffs_exact"]] == list(theirs.payoffs_exact)
        np.testing.assert_allclose(mine["row"], theirs.row)
    assert data["components"] == [list(c) for c in direct.components]


def test_solve_text_names_labels_payoffs_components_and_degeneracy(capsys, tmp_path):
    path = tmp_path / "deg.nfg"
    path.write_text(DEGENERATE)
    code, out, _ = run(capsys, "solve", str(path), "--exact")
    assert code == 0
    res = bg.nash_equilibria(bg.read_game(path), exact=True)
    assert len(res) == 2 and "2 Nash equilibria (complete" in out
    assert "  1. Row: T; Col: L  payoffs (1, 1)" in out and "  2. Row: B; Col: L  payoffs (1, 1)" in out
    assert "Components: {1, 2}." in out and "continuum" in out
    assert "Degenerate game" in out
    for e in res:
        assert e.describe() in out


def test_solve_methods_and_float_json(capsys, unseen):
    for method in ("support", "vertex", "pure"):
        code, out, _ = run(capsys, "solve", str(unseen), "--method", method, "--json")
        assert code == 0
        data = json.loads(out)
        assert data["method"].split("/")[0] == method and data["exact"] is False  # vertex/<engine>
        assert all(e["row_exact"] is None for e in data["equilibria"])


def test_solve_toml_and_outcome_version(capsys, tmp_path):
    g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"), row_actions=("Opera", "Fight"),
                col_actions=("Opera", "Fight"), name="BoS")
    for name, fmt in (("bos.toml", None), ("bos.nfg", "nfg-outcome")):
        path = write_game(g, tmp_path / name, format=fmt)
        code, out, _ = run(capsys, "solve", str(path))
        assert code == 0
        assert "Ann: Opera; Bob: Opera  payoffs (2, 1)" in out
        assert "3 Nash equilibria" in out and "Nondegenerate" in out


def test_solve_prints_provenance_and_note(capsys, tmp_path):
    g = bg.Game([[1, 0], [0, 1]], [[1, 0], [0, 1]], name="Coordination")
    path = write_game(g, tmp_path / "c.toml", source="Schelling (1960), The Strategy of Conflict", page=54,
                      comment="a focal point\ngame")
    code, out, _ = run(capsys, "solve", str(path))
    assert code == 0
    assert "Source: Schelling (1960), The Strategy of Conflict, p. 54" in out
    assert "Note: a focal point game" in out


def test_solve_reads_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(UNSEEN.encode())))
    code, out, _ = run(capsys, "solve", "-", "--json")
    assert code == 0 and json.loads(out)["file"] == "-"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('NFG 1 R "" { "A" "B" "C" } { 2 2 2 }', "3 players; bargain reads two-player games"),
        ('NFG 1 R "" { "A" "B" } { 1000000 1000000 } 1', "cells"),
        ("NFG 1 R \"\" { \"A\" \"B\" } { 2 2 } 1 2", "found the end of the file"),
    ],
)
def test_bad_files_exit_1_with_one_line(capsys, tmp_path, content, message):
    path = tmp_path / "bad.nfg"
    path.write_text(content)
    code, out, err = run(capsys, "solve", str(path))
    assert code == 1 and out == ""
    assert message in err and "bad.nfg" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_file_exits_1(capsys, tmp_path):
    code, _, err = run(capsys, "solve", str(tmp_path / "nowhere.nfg"))
    assert code == 1 and "nowhere.nfg" in err and "No such file" in err and "Traceback" not in err


# ----------------------------------------------------------------------------------- bargain
@pytest.mark.parametrize(
    ("solution", "function"),
    [("nash", bg.nash_bargaining), ("ks", bg.kalai_smorodinsky), ("egalitarian", bg.egalitarian),
     ("utilitarian", bg.utilitarian)],
)
def test_bargain_solutions_match_the_library(capsys, unseen, solution, function):
    code, out, _ = run(capsys, "bargain", str(unseen), "--solution", solution, "--json")
    assert code == 0
    data = json.loads(out)
    expected = function(bg.BargainingProblem.from_game(bg.read_game(unseen), disagreement="security"))
    assert [Fraction(v) for v in data["payoffs_exact"]] == list(expected.payoffs_exact)
    np.testing.assert_allclose(data["agreement"], expected.agreement)
    code, text, _ = run(capsys, "bargain", str(unseen), "--solution", solution)
    assert code == 0 and "Patron" in text and "Disagreement point (security)" in text


def test_bargain_explicit_disagreement_and_weights(capsys, unseen):
    code, out, _ = run(capsys, "bargain", str(unseen), "--disagreement", "0,-1/2", "--weights", "2,1",
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert data["disagreement_exact"] == ["0", "-1/2"]
    P = bg.BargainingProblem.from_game(bg.read_game(unseen), disagreement=(0, Fraction(-1, 2)))
    expected = bg.nash_bargaining(P, weights=(2, 1)).payoffs_exact
    assert [Fraction(v) for v in data["payoffs_exact"]] == list(expected)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--disagreement", "somewhere"], "must be two numbers"),
        (["--disagreement", "100,100"], "disagreement"),
        (["--solution", "ks", "--weights", "1,2"], "takes no weights"),
    ],
)
def test_bargain_bad_input_exits_1(capsys, unseen, argv, message):
    code, _, err = run(capsys, "bargain", str(unseen), *argv)
    assert code == 1 and message in err and "Traceback" not in err


# ------------------------------------------------------------------------------------- model
@dataclass(frozen=True, eq=False, repr=False)
class _Split(ModelResult):
    share: Any = output("the proposer's share of the pie", unit="share of pie")
    shares: Any = output("both shares", unit="share of pie", kind="mapping", keys=("proposer", "responder"))
    game: Any = output("the split as a game", kind="game")


@model(
    family="clitest",
    source="Rubinstein (1982), Econometrica 50(1), Section 4",
    parameters=[
        Parameter("delta", "the responder's discount factor", domain=DISCOUNT, default=0.5),
        Parameter("pie", "the size of the pie", unit="dollars", domain=POSITIVE),
        Parameter("mover", "who proposes first", kind="option", choices=("proposer", "responder"),
                  default="proposer"),
    ],
    result=_Split,
    exact=True,
    register=False,
)
def cli_split(delta, pie, mover):
    """The first mover's share of an alternating-offers split (a test model for the CLI)."""
    first = pie / (1 + delta)
    share = first if mover == "proposer" else pie - first
    A = np.zeros(np.shape(share) + (2, 2), dtype=np.asarray(share).dtype)
    A[..., 0, 0] = share
    A[..., 1, 1] = pie - share
    return {"share": share, "shares": {"proposer": share, "responder": pie - share},
            "game": bg.Game(A, A.swapaxes(-1, -2))}


@pytest.fixture
def split_model(monkeypatch):
    monkeypatch.setitem(models_base._REGISTRY, cli_split.qualname, cli_split)
    return cli_split


def test_model_prints_outputs_with_units(capsys, split_model):
    code, out, _ = run(capsys, "model", "cli_split", "--pie", "3", "--delta", "0.5")
    assert code == 0
    assert "clitest.cli_split: The first mover's share" in out and "Rubinstein (1982)" in out
    assert "share [share of pie]: the proposer's share of the pie\n      = 2" in out
    assert "proposer = 2" in out and "responder = 1" in out
    assert "game: the split as a game" in out


def test_model_json_exact_and_lists(capsys, split_model):
    code, out, _ = run(capsys, "model", "clitest.cli_split", "--pie", "1", "--delta", "1/3,1/2", "--exact",
                       "--mover", "responder", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["exact"] is True and data["shape"] == [2]
    assert data["outputs"]["share"]["value"] == ["1/4", "1/3"]
    assert data["outputs"]["share"]["unit"] == "share of pie"
    assert data["outputs"]["shares"]["value"]["proposer"] == ["1/4", "1/3"]
    assert data["outputs"]["game"]["value"]["A_exact"][0][0][0] == "1/4"
    assert data["outputs"]["game"]["value"]["A"][0][0][0] == 0.25
    assert data["parameters"]["mover"] == "responder"


def test_model_help_lists_parameters(capsys, split_model):
    code, out, _ = run(capsys, "model", "cli_split", "--help")
    assert code == 0
    assert "--pie X" in out and "the size of the pie" in out and "dollars" in out and "required" in out
    assert "--delta X" in out and "default 0.5" in out and "{proposer,responder}" in out
    assert "outputs:" in out and "share [share of pie]" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--delta", "0.5"], 2, "the following arguments are required: --pie"),
        (["--pie", "1", "--mover", "nobody"], 2, "invalid choice"),
        (["--pie", "-1"], 1, "clitest.cli_split: pie must be in (0, inf)"),
        (["--pie", "1", "--delta", "1.5"], 1, "delta must be in [0, 1)"),
        (["--pie", "abc"], 1, "'abc' is not a number"),
        (["--pie", "1e999"], 1, "overflows float64"),
    ],
)
def test_model_bad_input(capsys, split_model, argv, code, message):
    got, _, err = run(capsys, "model", "cli_split", *argv)
    assert got == code and message in err and "Traceback" not in err


def test_unknown_model_exits_1(capsys):
    code, _, err = run(capsys, "model", "no_such_model")
    assert code == 1 and "no model called 'no_such_model'" in err


def test_model_without_name_lists_models(capsys, split_model):
    code, out, _ = run(capsys, "model")
    assert code == 0 and "clitest.cli_split" in out


def test_a_registered_model_from_the_library(capsys):
    models = bg.models.registry()
    if "trade.tariff_war" not in models:
        pytest.skip("trade.tariff_war is not declared in this checkout")
    code, out, _ = run(capsys, "model", "tariff_war", "--demand-slope", "2", "--exact", "--json")
    assert code == 0
    data = json.loads(out)
    expected = models["trade.tariff_war"](demand_slope=2, exact=True)
    assert data["outputs"]["optimal_tariff"]["value"] == str(expected.optimal_tariff)


# ------------------------------------------------------------------------------------- sweep
def test_sweep_writes_a_dataset(capsys, split_model, tmp_path):
    pytest.importorskip("xarray")
    from bargain.cli._models import sweep_available

    if not sweep_available():
        pytest.skip("bargain.sweep is not part of this checkout")
    import xarray as xr

    out = tmp_path / "split.nc"
    code, text, err = run(capsys, "sweep", "cli_split", "--param", "delta=0:0.5:3", "--param", "pie=1,2",
                          "--fixed", "mover=responder", "--out", str(out), "--json")
    assert code == 0, err
    summary = json.loads(text)
    assert summary["dims"]["delta"] == 3 and summary["dims"]["pie"] == 2
    assert summary["variables"]["share"]["units"] == "share of pie"
    with xr.open_dataset(out) as ds:
        np.testing.assert_allclose(ds["share"].sel(pie=2.0).values, 2 - 2 / (1 + np.array([0, 0.25, 0.5])))
    code, _, err = run(capsys, "sweep", "cli_split", "--param", "delta=0:1:x", "--param", "pie=1",
                       "--out", str(out))
    assert code == 1 and "NUM must be a positive integer" in err


# -------------------------------------------------------------------------------------- demo
def test_demo_tells_the_four_stories_and_saves_their_figures(capsys, tmp_path):
    code, out, _ = run(capsys, "demo", "--out", str(tmp_path))
    assert code == 0
    assert out.count("Question:") == 4 and out.count("Answer:") == 4
    assert "Prisoner's Dilemma" in out and "bargaining range" in out
    if importlib.util.find_spec("matplotlib") is not None:
        assert len(list(tmp_path.glob("demo_*.png"))) == 4


def test_demo_without_figures_saves_nothing(capsys, tmp_path):
    code, out, _ = run(capsys, "demo", "--out", str(tmp_path), "--no-figures")
    assert code == 0 and "Figure:" not in out and not list(tmp_path.iterdir())


def _models_with_defaults() -> list[str]:
    try:
        models = bg.models.registry()
    except Exception:  # a model module being written elsewhere; the other tests still run
        return []
    return [name for name, m in models.items() if not any(p.required for p in m.parameters)]


@pytest.mark.parametrize("name", _models_with_defaults())
def test_every_model_with_defaults_prints_parsable_json(capsys, name):
    code, out, err = run(capsys, "model", name, "--json")
    assert code == 0, err
    data = json.loads(out)
    m = bg.models.get_model(name)
    assert data["model"] == name and set(data["outputs"]) == {o.name for o in m.outputs}
    assert all(data["outputs"][o.name]["unit"] == o.unit for o in m.outputs)
    code, text, err = run(capsys, "model", name)
    assert code == 0, err
    assert all(f"  {o.name}" in text for o in m.outputs)
