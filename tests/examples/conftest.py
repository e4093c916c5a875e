"""Runs an example as its users do: a script in a subprocess, figures to a temporary --out."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def run_example(tmp_path: Path) -> Callable[[str], str]:
    """``run_example(name)`` runs ``examples/<name>.py --out tmp_path`` and returns what it printed.

    It fails unless the script exits 0 and saves ``<name>.png`` there (or, without matplotlib,
    prints the note that it did not).
    """

    def run(name: str) -> str:
        done = subprocess.run(
            [sys.executable, str(EXAMPLES / f"{name}.py"), "--out", str(tmp_path)],
            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        )
        assert done.returncode == 0, done.stderr
        figure = tmp_path / f"{name}.png"
        if importlib.util.find_spec("matplotlib") is None:
            assert "matplotlib is not installed: no figure saved" in done.stdout
            assert not figure.exists()
        else:
            assert f"Figure saved to {figure}" in done.stdout
            assert figure.stat().st_size > 0
        return done.stdout

    return run
