"""Package-level contracts: fast import, layering, public names, packaging, test configuration."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import bargain as bg

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_import_is_lazy():
    """``import bargain`` loads no heavy dependency (its time is measured in benchmarks/bench_import.py)."""
    code = (
        "import sys, bargain; "
        "print(*(m in sys.modules for m in ('scipy', 'nashpy', 'hypothesis', 'xarray', 'matplotlib')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"] * 5


def test_version_and_unknown_attribute():
    assert bg.__version__ == PYPROJECT["project"]["version"] == "0.2.0"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        bg.nope  # noqa: B018


def test_import_linter_contract():
    pytest.importorskip("importlinter", reason="import-linter comes with the dev extra")
    lint = Path(sys.executable).with_name("lint-imports")
    cmd = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "broken" in out.stdout and "0 broken" in out.stdout


def test_every_public_name_resolves_and_is_documented():
    for name in bg.__all__:
        obj = getattr(bg, name)
        if name != "__version__":
            assert obj.__doc__, f"bargain.{name} has no docstring"
    for sub in ("core", "solvers", "bargaining", "testing"):
        assert getattr(bg, sub).__name__ == f"bargain.{sub}"


def test_design_contract_names_exist():
    """The public names of DESIGN.md section 2 (a contract) exist."""
    contract = [
        "Game", "nash_equilibria", "pure_equilibria", "equilibria_2x2", "solve_zero_sum", "minmax",
        "maxmin", "iterated_dominance", "correlated_equilibrium", "stackelberg", "logit_qre",
        "logit_qre_path", "replicator", "ess", "BargainingProblem", "nash_bargaining",
        "kalai_smorodinsky", "egalitarian", "utilitarian", "variable_threat", "rubinstein",
    ]
    for name in contract:
        assert name in bg.__all__ and callable(getattr(bg, name))
    for ctor in ("zero_sum", "symmetric", "from_nashpy"):
        assert callable(getattr(bg.Game, ctor))
    for ctor in ("from_points", "from_frontier", "from_game"):
        assert callable(getattr(bg.BargainingProblem, ctor))


def test_extras_split_test_tools_from_dev_tools():
    extras = PYPROJECT["project"]["optional-dependencies"]
    names = {
        key: {dep.split(">")[0].split("=")[0].split("[")[0] for dep in deps} for key, deps in extras.items()
    }
    assert names["test"] == {
        "pytest", "pytest-xdist", "hypothesis", "bargain-games", "array-api-strict", "zarr"
    }
    assert "bargain-games[sweep,plot,array,jit]" in extras["test"]
    assert names["sweep"] == {"xarray", "dask", "distributed", "tqdm"} and names["plot"] == {"matplotlib"}
    assert names["jit"] == {"numba"} and "bargain-games[sweep,plot,array,jit]" in extras["all"]
    assert names["dev"] >= {"bargain-games", "ruff", "import-linter", "pytest-benchmark"}
    assert "bargain-games[test,docs]" in extras["dev"]
    assert names["docs"] == {"sphinx", "myst-parser"}


def test_license_and_py_typed_are_shipped():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "bargain developers" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["license"] == "MIT" and PYPROJECT["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "bargain" / "py.typed").exists()
    assert "py.typed" in PYPROJECT["tool"]["setuptools"]["package-data"]["bargain"]


def test_plain_pytest_is_deterministic_by_default():
    """Without HYPOTHESIS_PROFILE the derandomized profile, with no example database, is loaded."""
    code = (
        "import conftest; from hypothesis import settings; s = settings.default; "
        "print(s.derandomize, s.database is None, s.deadline)"
    )
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "None"]
    env["HYPOTHESIS_PROFILE"] = "dev"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.stdout.split()[:2] == ["False", "False"]
