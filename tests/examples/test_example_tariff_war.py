"""examples/tariff_war.py runs, states its policy and question first, and prints the exact threshold."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tariff_war.py"


def test_tariff_war_example(tmp_path):
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--out", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    lines = out.splitlines()
    assert lines[0].startswith("Tariffs as a weapon")
    assert lines[1] == "Question: Is reciprocal free trade self-enforcing?"
    # the grim-trigger threshold (2 + b s) / (3 + 2 b s) at a = b = s = 1, and the row s = 10: 12/23
    assert "Answer: yes, if both governments value next year at least 3/5 of this year" in out
    row = next(line.split() for line in lines if line.split()[:1] == ["10"])
    assert row[1:3] == ["1/12", "100%"] and row[-1] == "12/23"
    # talks: the war as fallback gives free trade; Home's best threat 1/2 buys 37/144 with side payments
    best = next(line for line in lines if line.lstrip().startswith("best threat"))
    assert best.split()[-1] == "37/144" and " 1/2 " in best
    figure = tmp_path / "tariff_war.png"
    if importlib.util.find_spec("matplotlib") is None:
        assert "matplotlib is not installed: no figure saved" in out
    else:
        assert f"Figure saved to {figure}" in out
        assert figure.stat().st_size > 0
