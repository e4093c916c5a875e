"""examples/strategic_unpredictability.py runs, answers its three questions and saves its figure."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "strategic_unpredictability.py"


def test_strategic_unpredictability_example(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # brinkmanship: minimal risk = concession cost / disaster cost = 1/10; the madman prior is the same
    assert "           10         yes           1/10          1/10                1" in out
    assert "          1/2          no           none          none                0" in out
    # Kreps-Wilson with b = 1/2, prior = 1/20, ten markets: deterred while 1/20 > 2^-k, i.e. k >= 5
    assert "the first 6 challengers stay out for sure" in out
    assert " 4        1/20    1/16         0         7/19          1/8" in out
    # the value of ambiguity in Conitzer and Sandholm's game: 3.5 mixed, 3 pure, 2 Nash
    assert "ambiguous commitment (mixed)        3.5" in out and "worth 0.5 more than a predictable" in out
    if importlib.util.find_spec("matplotlib") is not None:
        assert (tmp_path / "strategic_unpredictability.png").stat().st_size > 0
