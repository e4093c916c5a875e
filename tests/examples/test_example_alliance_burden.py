"""examples/alliance_burden.py runs, states its policy and question first, and prints the exact shares."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "alliance_burden.py"


def test_alliance_burden_example(tmp_path):
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--out", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    lines = out.splitlines()
    assert lines[0].startswith("Burden sharing in an alliance")
    assert lines[1].startswith("Question: Who carries the alliance's burden")
    # Nash (BBV, alpha = 1/2): the two richest contribute, G = W_C / 3 = 21 / 3 = 7, g_i = w_i - G;
    # leader first: the leading power gives 0, Ally A 13/3, Ally B 1/3
    leader = next(line.split() for line in lines if line.startswith("Leading power"))
    assert leader[2:] == ["12", "40%", "5", "71%", "0", "0%"]
    total = next(line.split() for line in lines if line.strip().startswith("total"))
    assert total[3] == "7" and total[5] == "14/3"
    assert "Efficient total (Samuelson, alpha W): 15" in out
    assert "total defence falls to 14/3" in out
    # conditional guarantee: credible demands c / (m delta) = 20/27 to delta v = 27/10
    assert "Credible demands at delta 9/10: from 20/27" in out and "to 27/10" in out
    figure = tmp_path / "alliance_burden.png"
    if importlib.util.find_spec("matplotlib") is None:
        assert "matplotlib is not installed: no figure saved" in out
    else:
        assert f"Figure saved to {figure}" in out
        assert figure.stat().st_size > 0
