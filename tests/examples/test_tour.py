"""examples/tour.py runs the examples in the order it declares, and every example is in that order."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOUR = ROOT / "examples" / "tour.py"


def _tour_module():
    spec = importlib.util.spec_from_file_location("tour", TOUR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_example_has_its_place_in_the_tour():
    tour = _tour_module()
    scripts = {p.stem for p in (ROOT / "examples").glob("*.py") if not p.stem.startswith("_")} - {"tour"}
    assert scripts == set(tour.ORDER) & scripts
    assert [p.stem for p in tour.examples()] == [name for name in tour.ORDER if name in scripts]


def test_every_example_takes_out():
    for path in (ROOT / "examples").glob("*.py"):
        if not path.stem.startswith("_") and path.stem != "tour":
            text = path.read_text(encoding="utf-8")
            assert "parser(__doc__)" in text or '"--out"' in text, f"{path.name} does not take --out"


def test_tour_runs_the_chosen_examples_and_saves_their_figures(tmp_path):
    done = subprocess.run(
        [sys.executable, str(TOUR), "--only", "tariff_war", "dollar_dominance", "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "1/2  examples/tariff_war.py" in done.stdout and "2/2  examples/dollar_dominance.py" in done.stdout
    assert "All 2 examples ran" in done.stdout
    if importlib.util.find_spec("matplotlib") is not None:
        assert (tmp_path / "tariff_war.png").stat().st_size > 0
        assert (tmp_path / "dollar_dominance.png").stat().st_size > 0


def test_tour_names_an_unknown_example():
    done = subprocess.run(
        [sys.executable, str(TOUR), "--only", "moon_landing"], capture_output=True, text=True, cwd=ROOT,
        timeout=60, check=False,
    )
    assert done.returncode == 2
    assert "no example called moon_landing" in done.stderr
