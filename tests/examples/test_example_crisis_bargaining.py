"""examples/crisis_bargaining.py runs, answers its three questions and saves its figure."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "crisis_bargaining.py"


def test_crisis_bargaining_example(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()]
    # Fearon: p = 3/5, costs 1/10 and 1/5 -> range [1/2, 4/5], the status quo 1/2 on its edge
    assert ["1/10", "1/5", "[1/2,", "4/5]", "yes"] in rows
    # risk-return: B's cost uniform on [1/10, 3/10], A's cost 1/20, p = 1/2: demand
    # p + (h - c_A)/2 = 5/8, war (h - c_A - 2l) / (2(h - l)) = 1/8
    assert ["[1/10,", "3/10]", "5/8", "1/8", "193/320"] in rows
    # power shift: critical p_later = (3/5 - 1/10 - 1/200) / (9/10) = 11/20; below it A fights
    assert "peace needs p_later >= 11/20" in done.stdout
    assert ["11/20", "1", "1/2", "no"] in rows and ["1/2", "29/20", "9/20", "yes"] in rows
    if importlib.util.find_spec("matplotlib") is not None:
        assert (tmp_path / "crisis_bargaining.png").stat().st_size > 0
