"""examples/export_controls.py runs, answers its questions and saves its figure."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "export_controls.py"


def test_export_controls_example(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()]
    # beta 4, gain 1, cost 1/4, theta 1/2: threshold 1/(beta theta) = 1/2 = stringency, no investment,
    # leader (gain - cost) k = 3/8, target -beta k = -2
    assert ["1/2", "1/2", "1/2", "0", "3/8", "-2"] in rows
    # full denial at theta = 1: the target invests ln 4, the leader nets gain/(beta theta) - cost = 0
    assert ["full", "denial", "1", "1.386", "0"] in rows
    # the general solver agrees with the closed form and certifies it
    assert ["leader_follower", "0.25", "0", "0.1875", "SUCCESS"] in rows
    if importlib.util.find_spec("matplotlib") is not None:
        assert (tmp_path / "export_controls.png").stat().st_size > 0
