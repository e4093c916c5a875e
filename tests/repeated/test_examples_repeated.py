"""The repeated-games example runs, states its policy first, and prints the exact thresholds."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "conditional_guarantee.py"


def test_conditional_guarantee_example(tmp_path):
    figure = tmp_path / "conditional_guarantee.png"
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--out", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    lines = out.splitlines()
    # it opens with the policy it models
    assert lines[0].startswith("A conditional security guarantee")
    assert "contribut" in " ".join(lines[:3])
    # the threshold table, exact where the game is rational (closed forms of the PD family:
    # grim max_i (T-R)/(T-P) = max(1/3, 2/4); tit-for-tat max_i max((T-R)/(T-P), (T-R)/(R-S))
    # = 2/3; noisy grim (T-R)/((1-eps)(T-P)) = 2/(0.9 * 4) = 5/9; transfers
    # sum(T-R)/sum(T-P) = 3/7; a one-year punishment never deters the ally: (T-R)/(R-P) = 1)
    table = {line.split("  ")[0]: line.split()[-1] for line in lines if line[:1].isalpha() and "  " in line}
    assert table["grim trigger"] == "1/2"
    assert table["tit-for-tat"] == "2/3"
    assert table["grim, misread w.p. 0.1"] == "5/9"
    assert table["with transfers"] == "3/7"
    assert "never" in next(line for line in lines if line.startswith("1-year punishment"))
    assert "0.6180" in next(line for line in lines if line.startswith("2-year punishment"))
    # the regimes with transfers and the payoff set at delta = 0.6
    assert "delta in [3/7, 1): best joint payoff 6 on the path (Protect, Contribute)" in out
    assert "(Guarantor 3, Ally 3)" in out
    if importlib.util.find_spec("matplotlib") is None:
        assert "matplotlib is not installed: no figure saved" in out
        assert not figure.exists()
    else:
        assert f"Figure saved to {figure}" in out
        assert figure.stat().st_size > 0
